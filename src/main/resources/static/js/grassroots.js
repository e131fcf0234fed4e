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
