// The grid worker's phone app. Every entry gets a client key and goes into IndexedDB first; it is sent
// at once when online and again whenever the connection returns, until the server has it (201 or 200).
(function () {
  var app = document.getElementById('phone-app');
  if (!app) { return; }
  var DB = 'grassroots-field', STORE = 'outbox';
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
  function all() { return tx('readonly', function (s) { return s.getAll(); }); }
  function key() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
  }
  function csrf() {
    var h = {};
    var token = document.querySelector('meta[name="_csrf"]'), header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) { h[header.content] = token.content; }
    h['Content-Type'] = 'application/json';
    return h;
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
    var state = document.getElementById('net-state');
    state.textContent = navigator.onLine ? state.dataset.online : state.dataset.offline;
    state.className = 'badge ' + (navigator.onLine ? 'text-bg-success' : 'text-bg-warning');
  }
  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { render(); return; }
    flushing = true;
    all().then(function (items) {
      return items.reduce(function (p, item) {
        return p.then(function () {
          return fetch(item.url, { method: 'POST', credentials: 'same-origin', headers: csrf(), body: JSON.stringify(item.body) })
            .then(function (r) {
              if (r.status === 201 || r.status === 200 || r.status === 400) {
                // stored, already stored, or refused for good: it leaves the outbox either way
                if (r.status === 400) { console.warn('refused', item); }
                return r.json().catch(function () { return {}; }).then(function (json) {
                  if (item.kind === 'patrol' && json.id) { localStorage.setItem('grassroots-patrol', String(json.id)); patrolButtons(); }
                  return tx('readwrite', function (s) { s.delete(item.clientKey); });
                });
              }
            })
            .catch(function () { /* still offline: try again later */ });
        });
      }, Promise.resolve());
    }).then(function () { flushing = false; render(); }, function () { flushing = false; render(); });
  }
  function enqueue(kind, url, body, label) {
    return tx('readwrite', function (s) { s.put({ clientKey: body.clientKey || key(), kind: kind, url: url, body: body, label: label }); })
      .then(flush);
  }
  document.getElementById('visit-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var f = e.target;
    var select = f.householdId;
    if (!select.value) { select.classList.add('is-invalid'); return; }
    select.classList.remove('is-invalid');
    var body = { clientKey: key(), householdId: Number(select.value), purpose: 'KEY_GROUP', visitedAt: new Date().toISOString(),
      heard: f.heard.value, needs: f.needs.value, followUp: f.asAppeal.checked ? 'APPEAL' : 'NONE',
      appealCategory: f.asAppeal.checked ? 'OTHER' : null };
    var label = select.options[select.selectedIndex].text;
    enqueue('visit', app.dataset.visits, body, label).then(function () { f.reset(); });
  });
  function patrolButtons() {
    var active = localStorage.getItem('grassroots-patrol');
    document.getElementById('patrol-start').disabled = !!active;
    document.getElementById('patrol-end').disabled = !active;
  }
  document.getElementById('patrol-start').addEventListener('click', function () {
    enqueue('patrol', app.dataset.patrols, { clientKey: key(), regionCode: app.dataset.region || null, startedAt: new Date().toISOString() },
      document.getElementById('patrol-start').textContent);
    localStorage.setItem('grassroots-patrol', 'pending');
    patrolButtons();
  });
  document.getElementById('patrol-end').addEventListener('click', function () {
    var id = localStorage.getItem('grassroots-patrol');
    if (!id || id === 'pending') { return; }
    enqueue('patrol-end', app.dataset.patrols + '/' + id + '/end', { clientKey: key(), findings: document.getElementById('patrol-findings').value },
      document.getElementById('patrol-end').textContent);
    localStorage.removeItem('grassroots-patrol');
    patrolButtons();
  });
  window.addEventListener('online', flush);
  window.addEventListener('offline', render);
  setInterval(flush, 5000);
  patrolButtons();
  flush();
  if ('serviceWorker' in navigator) { navigator.serviceWorker.register(document.querySelector('link[rel=manifest]').href.replace('manifest.webmanifest', 'sw.js')).catch(function () {}); }
})();
