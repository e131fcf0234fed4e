// Every htmx request carries the CSRF token from the page's meta tags.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Filters that apply as soon as they change, and "back" links; kept here so that pages need no inline script.
document.addEventListener('change', function (event) {
  if (event.target.matches('[data-auto-submit]')) {
    event.target.form.submit();
  }
});
document.addEventListener('click', function (event) {
  var back = event.target.closest('[data-back]');
  if (back) {
    event.preventDefault();
    history.back();
  }
});
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});

// A list filtered in place (htmx) keeps its ledger link on the same filter: after each swap of the results, the export
// link takes the filter form's current values, so the 台账 exported is the list on the screen.
document.addEventListener('htmx:afterSwap', function (event) {
  var form = event.detail.requestConfig && event.detail.requestConfig.elt;
  form = form && (form.tagName === 'FORM' ? form : form.closest && form.closest('form'));
  var link = document.getElementById('export');
  if (!form || !link || event.detail.target.id !== 'results') {
    return;
  }
  var params = new URLSearchParams();
  new FormData(form).forEach(function (value, name) {
    if (value !== '' && name !== '_csrf') {
      params.append(name, value);
    }
  });
  link.setAttribute('href', link.pathname + (params.toString() ? '?' + params.toString() : ''));
});
