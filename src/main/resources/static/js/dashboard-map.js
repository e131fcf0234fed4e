// The dashboard's map zooms in place: a village opens its grids, the trail above the map goes back up, and the figures
// of the page stay as they are. The map is drawn by the server; without this script the same links open the page of
// that village (its map shows the grids).
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('#map-card [data-map-href]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0) { return; }
  event.preventDefault();
  var card = document.getElementById('map-card');
  card.setAttribute('aria-busy', 'true');
  fetch(link.getAttribute('data-map-href'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
    .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
    .then(function (html) {
      card.outerHTML = html;
      var next = document.getElementById('map-card');
      if (next) { next.focus({ preventScroll: true }); }
    })
    .catch(function () { window.location.href = link.getAttribute('href'); });
});
