// The optional map pin on the public appeal page: the grid's outline, a pin to drag, or the phone's position.
// Loaded by public-form.js (after Leaflet) once the resident asks for the map.
(function () {
  var el = document.getElementById('pin-map');
  if (!el || typeof L === 'undefined') { return; }
  var lat = document.getElementById('latitude');
  var lon = document.getElementById('longitude');
  var start = [parseFloat(lat.value || el.dataset.lat), parseFloat(lon.value || el.dataset.lon)];
  var map = L.map(el, { attributionControl: false }).setView(start, 16);
  if (el.dataset.tiles) { L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map); }
  if (el.dataset.boundary) {
    // an outline that cannot be drawn leaves the map without it (the pin still works)
    try {
      var outline = L.geoJSON(JSON.parse(el.dataset.boundary), { style: { color: '#b7181d', weight: 2, fillOpacity: 0.05 } }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [8, 8] });
    } catch (e) { /* no outline */ }
  }
  var marker = L.marker(start, { draggable: true, keyboard: true }).addTo(map);
  function put(latlng) {
    marker.setLatLng(latlng);
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
  }
  marker.on('dragend', function () { put(marker.getLatLng()); });
  map.on('click', function (e) { put(e.latlng); });
  var button = document.getElementById('use-location');
  if (button && navigator.geolocation) {
    button.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (p) {
        var here = L.latLng(p.coords.latitude, p.coords.longitude);
        put(here);
        map.setView(here, 17);
      });
    });
  } else if (button) {
    button.hidden = true;
  }
})();
