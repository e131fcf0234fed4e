// Keeps the phone app's shell available without a connection: the page from the network when possible,
// otherwise the last copy, and the same for its scripts and styles, so that a new release reaches the phone
// at its next connection. Data goes through the app's own outbox.
var CACHE = 'grassroots-field-v2';
var SHELL = ['/m', '/js/fieldwork-app.js', '/js/grassroots.js', '/css/grassroots.css', '/webjars/bootstrap/css/bootstrap.min.css',
  '/webjars/bootstrap/js/bootstrap.bundle.min.js', '/webjars/htmx.org/dist/htmx.min.js', '/manifest.webmanifest'];
self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL).catch(function () {}); }));
  self.skipWaiting();
});
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')) { return; }
  if (url.pathname === '/m' || SHELL.indexOf(url.pathname) >= 0) {
    e.respondWith(fetch(e.request).then(function (r) {
      if (r.ok) {
        var copy = r.clone();
        caches.open(CACHE).then(function (c) { c.put(e.request, copy); });
      }
      return r;
    }).catch(function () { return caches.match(e.request); }));
  }
});
