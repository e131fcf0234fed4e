// The grid worker's phone app. Every entry gets a client key and goes into IndexedDB first; it is sent
// at once when online and again whenever the connection returns, in the order it was made, until the
// server has it (201 or 200). Photos are shrunk on the phone and travel inside the entry, so an entry
// made offline keeps its photos. A refused entry (400) leaves the outbox and is shown with the reason.
// An entry refused because the session has lapsed (401, 403, a redirect to the sign-in page) stays in the
// outbox: sending stops, the worker is asked to sign in again, and the page reloaded after signing in sends it.
(function () {
  var app = document.getElementById('phone-app');
  if (!app) { return; }
  var DB = 'grassroots-field', STORE = 'outbox', PATROL = 'grassroots-patrol', REFUSED = 'grassroots-refused',
    CATEGORIES = 'grassroots-categories', MAX_PHOTOS = 3, MAX_SIDE = 1600;

  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: 'clientKey' }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function tx(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode);
        var result = fn(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function all() {
    return tx('readonly', function (s) { return s.getAll(); }).then(function (items) {
      return items.sort(function (a, b) { return (a.at || 0) - (b.at || 0); });
    });
  }
  function key() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
  }
  function headers() {
    var h = {};
    var token = document.querySelector('meta[name="_csrf"]'), header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) { h[header.content] = token.content; }
    h['Content-Type'] = 'application/json';
    return h;
  }

  function refusedList() {
    try { return JSON.parse(localStorage.getItem(REFUSED) || '[]'); } catch (e) { return []; }
  }
  function render() {
    all().then(function (items) {
      var box = document.getElementById('pending');
      document.getElementById('pending-count').textContent = items.length;
      var list = document.getElementById('pending-list');
      list.innerHTML = '';
      items.forEach(function (i) {
        var li = document.createElement('li');
        li.textContent = i.label || i.clientKey.slice(0, 8);
        list.appendChild(li);
      });
      box.hidden = items.length === 0;
      app.setAttribute('data-pending', String(items.length));
    });
    var refused = refusedList(), alert = document.getElementById('refused');
    alert.hidden = refused.length === 0;
    alert.textContent = '';
    if (refused.length) {
      alert.appendChild(document.createTextNode(alert.dataset.label));
      var ul = document.createElement('ul');
      ul.className = 'mb-0';
      refused.forEach(function (r) {
        var li = document.createElement('li');
        li.textContent = r.label + ' — ' + r.reason;
        ul.appendChild(li);
      });
      alert.appendChild(ul);
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'btn btn-sm btn-outline-danger mt-1';
      close.textContent = '×';
      close.setAttribute('aria-label', 'dismiss');
      close.onclick = function () { localStorage.removeItem(REFUSED); render(); };
      alert.appendChild(close);
    }
    document.getElementById('signin').hidden = !signedOut;
    var state = document.getElementById('net-state');
    state.textContent = signedOut ? state.dataset.signedOut : navigator.onLine ? state.dataset.online : state.dataset.offline;
    state.className = 'badge ' + (signedOut ? 'text-bg-danger' : navigator.onLine ? 'text-bg-success' : 'text-bg-warning');
  }

  var flushing = false, signedOut = false, SIGNED_OUT = {};
  function flush() {
    if (flushing || signedOut || !navigator.onLine) { render(); return; }
    flushing = true;
    all().then(function (items) {
      return items.reduce(function (p, item) {
        return p.then(function () {
          // a redirect is not followed: the sign-in page it leads to would answer 200 for an entry never stored
          return fetch(item.url, { method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: headers(), body: JSON.stringify(item.body) })
            .then(function (r) {
              if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 403) {
                signedOut = true;
                throw SIGNED_OUT;
              }
              if (r.status === 201 || r.status === 200) {
                return tx('readwrite', function (s) { s.delete(item.clientKey); });
              }
              if (r.status === 400) {
                // refused for good: keep what was typed in front of the worker, not in the outbox
                return r.json().catch(function () { return {}; }).then(function (problem) {
                  var reason = (problem.errors || []).map(function (e) { return e.message; }).join('；') || problem.detail || '400';
                  var refused = refusedList();
                  refused.push({ label: item.label, reason: reason, body: item.body.heard || item.body.needs || '' });
                  localStorage.setItem(REFUSED, JSON.stringify(refused));
                  return tx('readwrite', function (s) { s.delete(item.clientKey); });
                });
              }
              // server busy, not there yet (a patrol's end before its start): try again later
            }, function () { /* still offline: try again later */ });
        });
      }, Promise.resolve());
    }).then(function () { flushing = false; render(); }, function () { flushing = false; render(); });
  }
  function enqueue(kind, url, body, label) {
    return tx('readwrite', function (s) {
      s.put({ clientKey: body.clientKey || key(), kind: kind, url: url, body: body, label: label, at: Date.now() });
    }).then(function () {
      var saved = document.getElementById('saved');
      saved.hidden = false;
      setTimeout(function () { saved.hidden = true; }, 2500);
      flush();
    });
  }

  // photos: shrunk to at most 1600 px on the long side, JPEG, so that an outbox of a day's rounds stays small
  function shrink(file) {
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () {
        var img = new Image();
        img.onload = function () {
          var scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
          var canvas = document.createElement('canvas');
          canvas.width = Math.round(img.width * scale);
          canvas.height = Math.round(img.height * scale);
          canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
          resolve(canvas.toDataURL('image/jpeg', 0.8));
        };
        img.onerror = function () { resolve(null); };
        img.src = reader.result;
      };
      reader.onerror = function () { resolve(null); };
      reader.readAsDataURL(file);
    });
  }
  function photos(input) {
    var files = Array.prototype.slice.call(input.files || [], 0, MAX_PHOTOS);
    return Promise.all(files.map(shrink)).then(function (list) { return list.filter(Boolean); });
  }
  function position(wanted) {
    return new Promise(function (resolve) {
      if (!wanted || !navigator.geolocation) { resolve(null); return; }
      navigator.geolocation.getCurrentPosition(function (p) { resolve(p.coords); }, function () { resolve(null); },
        { timeout: 3000, maximumAge: 120000, enableHighAccuracy: false });
    });
  }

  // appeal categories: from the server when online, remembered for offline use
  function fillCategories(list) {
    document.querySelectorAll('select.category').forEach(function (select) {
      var current = select.value;
      select.innerHTML = '';
      list.forEach(function (c) {
        var o = document.createElement('option');
        o.value = c.code;
        o.textContent = c.name;
        select.appendChild(o);
      });
      if (current && list.some(function (c) { return c.code === current; })) { select.value = current; }
      else if (list.some(function (c) { return c.code === 'OTHER'; })) { select.value = 'OTHER'; }
    });
  }
  try { var cached = JSON.parse(localStorage.getItem(CATEGORIES) || 'null'); if (cached) { fillCategories(cached); } } catch (e) { /* none */ }
  if (navigator.onLine) {
    fetch(app.dataset.categories, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (list) { if (list && list.length) { localStorage.setItem(CATEGORIES, JSON.stringify(list)); fillCategories(list); } })
      .catch(function () { /* offline: keep the remembered list */ });
  }

  var visitForm = document.getElementById('visit-form');
  var visitCategory = visitForm.querySelector('select.category');
  visitForm.addEventListener('change', function () {
    visitCategory.hidden = visitForm.followUp.value !== 'APPEAL';
  });
  visitForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var f = e.target;
    var select = f.householdId;
    if (!select.value) { select.classList.add('is-invalid'); return; }
    select.classList.remove('is-invalid');
    var followUp = f.followUp.value;
    if ((followUp === 'APPEAL' || followUp === 'DISPUTE') && f.needs.value.trim().length < 5) { f.needs.classList.add('is-invalid'); f.needs.focus(); return; }
    f.needs.classList.remove('is-invalid');
    // take everything now, so the form is free for the next household while photos and position are read
    var body = { clientKey: key(), householdId: Number(select.value), purpose: f.purpose.value, visitedAt: new Date().toISOString(),
      heard: f.heard.value, needs: f.needs.value, followUp: followUp, appealCategory: followUp === 'APPEAL' ? visitCategory.value : null };
    var label = select.options[select.selectedIndex].text;
    var wantPosition = f.position.checked;
    var pictures = photos(f.photos);
    f.reset();
    visitCategory.hidden = true;
    Promise.all([pictures, position(wantPosition)]).then(function (got) {
      body.photos = got[0];
      if (got[1]) { body.latitude = got[1].latitude; body.longitude = got[1].longitude; }
      if (body.photos.length) { label += ' · 📷' + body.photos.length; }
      return enqueue('visit', app.dataset.visits, body, label);
    });
  });

  var incidentForm = document.getElementById('incident-form');
  incidentForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var f = e.target;
    if (f.needs.value.trim().length < 5) { f.needs.classList.add('is-invalid'); f.needs.focus(); return; }
    f.needs.classList.remove('is-invalid');
    var patrol = localStorage.getItem(PATROL);
    var body = { clientKey: key(), regionCode: app.dataset.region, placeText: f.placeText.value, purpose: 'EVENT',
      visitedAt: new Date().toISOString(), needs: f.needs.value, followUp: 'APPEAL', appealCategory: f.appealCategory.value,
      patrolKey: patrol && !/^\d+$/.test(patrol) ? patrol : null };
    var label = (f.placeText.value || '') + ' ' + f.needs.value.slice(0, 20);
    var pictures = photos(f.photos);
    f.reset();
    Promise.all([pictures, position(true)]).then(function (got) {
      body.photos = got[0];
      if (got[1]) { body.latitude = got[1].latitude; body.longitude = got[1].longitude; }
      return enqueue('visit', app.dataset.visits, body, label);
    });
  });

  // a patrol is named by its client key, so it can be started and ended without a connection
  function patrolButtons() {
    var active = localStorage.getItem(PATROL);
    document.getElementById('patrol-start').disabled = !!active;
    document.getElementById('patrol-end').disabled = !active;
  }
  document.getElementById('patrol-start').addEventListener('click', function () {
    var clientKey = key();
    localStorage.setItem(PATROL, clientKey);
    patrolButtons();
    enqueue('patrol', app.dataset.patrols, { clientKey: clientKey, regionCode: app.dataset.region || null, startedAt: new Date().toISOString() },
      document.getElementById('patrol-start').textContent);
  });
  document.getElementById('patrol-end').addEventListener('click', function () {
    var active = localStorage.getItem(PATROL);
    if (!active) { return; }
    var url = /^\d+$/.test(active) ? app.dataset.patrols + '/' + active + '/end'
      : app.dataset.patrols + '/by-key/' + encodeURIComponent(active) + '/end';
    var findings = document.getElementById('patrol-findings');
    enqueue('patrol-end', url, { clientKey: key(), findings: findings.value }, document.getElementById('patrol-end').textContent);
    findings.value = '';
    localStorage.removeItem(PATROL);
    patrolButtons();
  });

  window.addEventListener('online', flush);
  window.addEventListener('offline', render);
  // signed in again in another tab: one more try when the worker comes back to this one
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && signedOut) { signedOut = false; flush(); }
  });
  setInterval(flush, 5000);
  patrolButtons();
  flush();

  // the offline shell: this page puts exactly the styles, scripts and manifest it has loaded, and itself, into
  // the cache of its release (named as sw.js names it: grassroots-field-<v>); the worker serves them offline.
  // Done from the page, not the worker, so that the copy of the page is the one this browser gets (language, session).
  function shellUrls() {
    var urls = [];
    document.querySelectorAll('link[rel~=stylesheet][href], link[rel=manifest][href], link[rel~=icon][href], script[src]').forEach(function (el) {
      var u = new URL(el.href || el.src, location.href);
      if (u.origin === location.origin) { urls.push(u.href); }
    });
    return urls;
  }
  function keepShell(version) {
    if (!navigator.onLine || !window.caches) { return Promise.resolve(); }
    return caches.open('grassroots-field-' + version).then(function (c) {
      return Promise.all(shellUrls().map(function (u) {
        return c.match(u).then(function (hit) { return hit || c.add(u); });
      })).then(function () {
        return fetch(location.pathname, { credentials: 'same-origin' });
      }).then(function (r) {
        // never the sign-in page a lapsed session is sent to
        if (!r.ok || r.redirected || new URL(r.url).pathname !== location.pathname) { throw new Error('shell page ' + r.status); }
        return c.put(location.pathname, r);
      });
    }).then(function () { app.setAttribute('data-shell', version); });
  }
  if ('serviceWorker' in navigator && app.dataset.sw) {
    var version = new URL(app.dataset.sw, location.href).searchParams.get('v');
    navigator.serviceWorker.register(app.dataset.sw)
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () { return keepShell(version); })
      .catch(function () { /* no offline shell this time: the app still works online */ });
  }
})();
