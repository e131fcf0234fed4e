// Keeps the phone app's shell available without a connection. The page /m registers this worker as
// sw.js?v=<version of the release's static files> and puts the styles, scripts and manifest it loaded (read
// from its own document, so the list is always exactly what the page uses) and itself into the cache named
// after that version, grassroots-field-<v> (see fieldwork-app.js). Here the page /m is network-first (each
// fresh copy is kept for the next time offline) and the assets cache-first: a release that changes any of
// them changes the version, so a new worker installs and the old caches are deleted when it activates.
// Data never goes through here: the app's own outbox sends it.
var VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
var PREFIX = 'grassroots-field-';
var CACHE = PREFIX + VERSION;
var SHELL_PAGE = new URL('m', self.registration.scope).pathname;

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// only a page that really is /m, never the sign-in page a lapsed session is redirected to
function keepPage(response) {
  if (!response.ok || response.redirected || response.type !== 'basic' || new URL(response.url).pathname !== SHELL_PAGE) {
    return Promise.resolve();
  }
  var copy = response.clone();
  return caches.open(CACHE).then(function (c) { return c.put(SHELL_PAGE, copy); });
}

self.addEventListener('fetch', function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.indexOf('/api/') >= 0) { return; }
  if (url.pathname === SHELL_PAGE) {
    e.respondWith(fetch(e.request).then(function (r) {
      if (r.ok) { keepPage(r); }
      return r;
    }).catch(function () {
      return caches.open(CACHE).then(function (c) { return c.match(SHELL_PAGE); })
        .then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  if (e.request.mode === 'navigate') { return; }
  e.respondWith(caches.open(CACHE).then(function (c) { return c.match(e.request); })
    .then(function (hit) { return hit || fetch(e.request); }));
});
