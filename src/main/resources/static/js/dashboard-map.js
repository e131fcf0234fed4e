// The grid map: each grid's outline coloured by the appeals it received, on a plain background unless a
// tile server is configured (grassroots.map.tile-url). Clicking a grid opens its appeals.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('map');
  if (!el || typeof L === 'undefined') { return; }
  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
  if (el.dataset.tiles) { L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map); }
  fetch(el.dataset.url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var max = 1;
      data.features.forEach(function (f) { max = Math.max(max, f.properties.received); });
      var layer = L.geoJSON(data, {
        style: function (f) {
          var t = f.properties.received / max;
          return { color: '#7a1013', weight: 1, fillColor: '#b7181d', fillOpacity: 0.1 + 0.7 * t };
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          l.bindTooltip(p.name + '<br>' + el.dataset.received + ' ' + p.received + ' · ' + el.dataset.resolved + ' ' + p.resolved);
          l.on('click', function () { window.location = el.dataset.list + '?regionCode=' + encodeURIComponent(p.code); });
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
      el.setAttribute('data-ready', String(data.features.length));
    });
});
