// The public appeal form on a resident's phone, light on a rural connection: photos are made smaller before they
// are sent (as the grid worker app does: at most 1600 px on the long side, JPEG at 0.8), the map is fetched only
// when asked for, and a submit cannot be sent twice.
(function () {
  var MAX_SIDE = 1600, QUALITY = 0.8;
  var form = document.getElementById('public-form');
  if (!form) { return; }
  var button = document.getElementById('submit-appeal');
  var input = document.getElementById('photos');

  // the map: Leaflet, its styles and the pin script, on demand
  var box = document.getElementById('pin-box');
  var show = document.getElementById('show-map');
  function script(src, then) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = then;
    document.head.appendChild(s);
  }
  function openMap() {
    show.hidden = true;
    document.getElementById('pin-area').hidden = false;
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = box.dataset.leafletCss;
    document.head.appendChild(css);
    script(box.dataset.leafletJs, function () { script(box.dataset.mapJs); });
  }
  if (box && show) {
    show.addEventListener('click', openMap);
    // sent back with a problem after a pin was set: show the pin again
    if (document.getElementById('latitude').value) { openMap(); }
  }

  function shrink(file) {
    return new Promise(function (resolve) {
      if (!/^image\//.test(file.type)) { resolve(file); return; }
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        URL.revokeObjectURL(url);
        var scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(img.width * scale);
        canvas.height = Math.round(img.height * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          // a small photo may come out larger as JPEG: then the original goes
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          resolve(new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg', lastModified: file.lastModified }));
        }, 'image/jpeg', QUALITY);
      };
      // a format the browser cannot draw goes as it is; the server checks it
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }

  var sending = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (sending) { return; }
    var files = input ? Array.prototype.slice.call(input.files || []) : [];
    var max = input ? parseInt(input.dataset.max, 10) : 0;
    if (files.length > max) {
      input.classList.add('is-invalid');
      input.setCustomValidity(input.dataset.tooMany);
      input.reportValidity();
      return;
    }
    sending = true;
    button.disabled = true;
    button.innerHTML = '<span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>';
    button.appendChild(document.createTextNode(button.dataset.sending));
    var ready = files.length && window.DataTransfer ? Promise.all(files.map(shrink)) : Promise.resolve(null);
    ready.then(function (shrunk) {
      if (shrunk) {
        var list = new DataTransfer();
        shrunk.forEach(function (f) { list.items.add(f); });
        input.files = list.files;
      }
    }).catch(function () { /* the photos go as they were chosen */ }).then(function () {
      HTMLFormElement.prototype.submit.call(form);
    });
  });
  if (input) {
    input.addEventListener('change', function () {
      input.setCustomValidity('');
      input.classList.remove('is-invalid');
    });
  }
  // back from the next page (the page kept in memory): the button works again
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      sending = false;
      button.disabled = false;
      button.textContent = button.dataset.label;
    }
  });
  button.dataset.label = button.textContent;
})();
