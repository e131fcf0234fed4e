// Keeps the phone app's shell available without a connection. The page registers this worker as
// sw.js?v=<version of the release's static files> and then tells it which styles, scripts and manifest it
// loaded (read from its own <head>, so the list is always exactly what the page uses); they go into a cache
// named after the version. The page /m is network-first (a fresh copy is kept for the next time offline),
// the assets cache-first: a release that changes them changes the version, so a new worker installs, its
// cache starts empty and the old caches are deleted on activation. Data goes through the app's own outbox.
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
    return Promise.resolve(false);
  }
  var copy = response.clone();
  return caches.open(CACHE).then(function (c) { return c.put(SHELL_PAGE, copy); }).then(function () { return true; });
}

// the page's list: {type: 'shell', urls: [...]}; answered with {type: 'shell-cached', version, count}
self.addEventListener('message', function (e) {
  var data = e.data || {};
  if (data.type !== 'shell' || !Array.isArray(data.urls)) { return; }
  var urls = data.urls.map(function (u) { return new URL(u, self.location.href); })
    .filter(function (u) { return u.origin === self.location.origin && u.pathname !== SHELL_PAGE; })
    .map(function (u) { return u.href; });
  var work = caches.open(CACHE).then(function (c) {
    return Promise.all(urls.map(function (u) {
      return c.match(u).then(function (hit) {
        return hit || fetch(u, { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok) { throw new Error(u + ' ' + r.status); }
          return c.put(u, r);
        });
      });
    }));
  }).then(function () {
    return fetch(SHELL_PAGE, { credentials: 'same-origin', redirect: 'follow' }).then(keepPage);
  }).then(function (page) {
    if (e.source) { e.source.postMessage({ type: 'shell-cached', version: VERSION, count: urls.length, page: page }); }
  }).catch(function (err) {
    if (e.source) { e.source.postMessage({ type: 'shell-failed', version: VERSION, reason: String(err) }); }
  });
  if (e.waitUntil) { e.waitUntil(work); }
});

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
