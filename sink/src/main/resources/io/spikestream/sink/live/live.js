'use strict';

// The sink's live page: one card per camera, kept up to date from the server-sent events at "events".
// Cards are made once and then only their changed texts, bars and images are touched.
(() => {
  const TOP_CLASSES = 5;
  const RECONNECT_MS = 5000;

  const grid = document.getElementById('cameras');
  const template = document.getElementById('card-template');
  const countText = document.getElementById('camera-count');
  const updatedText = document.getElementById('updated');
  const emptyText = document.getElementById('empty');
  const connection = document.getElementById('connection');
  const order = new Intl.Collator(undefined, { numeric: true });
  const cards = new Map();
  let classes = [];
  let overlays = true;

  function setText(element, text) {
    if (element.textContent !== text) {
      element.textContent = text;
    }
  }

  function fixed(value, digits, unit = '') {
    return value === null ? '\u2013' : value.toFixed(digits) + unit;
  }

  function millis(value) {
    if (value === null) {
      return '\u2013';
    }
    return value >= 10000 ? (value / 1000).toFixed(1) + ' s' : value.toFixed(value < 10 ? 1 : 0) + ' ms';
  }

  function setConnection(state, label) {
    connection.className = 'connection ' + state;
    setText(connection.querySelector('.label'), label);
  }

  function newClassRow() {
    const row = document.createElement('li');
    row.className = 'class-row';
    row.hidden = true;
    const name = document.createElement('span');
    name.className = 'class-name';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    const label = document.createElement('span');
    name.append(swatch, label);
    const track = document.createElement('span');
    track.className = 'track';
    const fill = document.createElement('span');
    fill.className = 'fill';
    track.append(fill);
    const share = document.createElement('span');
    share.className = 'share';
    row.append(name, track, share);
    return { row, swatch, label, fill, share, trainId: -1 };
  }

  function newCard(id) {
    const element = template.content.firstElementChild.cloneNode(true);
    const card = {
      id,
      element,
      sequence: element.querySelector('.sequence'),
      picture: element.querySelector('.picture'),
      img: element.querySelector('img.overlay'),
      noOverlay: element.querySelector('.no-overlay'),
      fields: {},
      rows: [],
      wantedOverlay: null,
      requestedOverlay: null,
      loading: false,
    };
    element.dataset.camera = id;
    setText(element.querySelector('.camera-id'), id);
    element.querySelector('.camera-id').title = id;
    card.img.alt = 'overlay of ' + id;
    element.querySelectorAll('[data-field]').forEach((dd) => { card.fields[dd.dataset.field] = dd; });
    const list = element.querySelector('.classes');
    for (let i = 0; i < TOP_CLASSES; i++) {
      card.rows.push(newClassRow());
      list.append(card.rows[i].row);
    }
    card.img.addEventListener('load', () => overlayDone(card, true));
    card.img.addEventListener('error', () => overlayDone(card, false));
    insertSorted(card);
    cards.set(id, card);
    return card;
  }

  function insertSorted(card) {
    let before = null;
    for (const other of cards.values()) {
      if (order.compare(other.id, card.id) > 0 && (before === null || order.compare(other.id, before.id) < 0)) {
        before = other;
      }
    }
    grid.insertBefore(card.element, before === null ? null : before.element);
  }

  function overlayUrl(id, sequence) {
    return 'cameras/' + encodeURIComponent(id) + '/overlay?v=' + sequence;
  }

  // At most one overlay request per card: a newer sequence that arrives meanwhile is fetched when it ends.
  function requestOverlay(card) {
    if (card.loading || card.wantedOverlay === null || card.wantedOverlay === card.requestedOverlay) {
      return;
    }
    card.loading = true;
    card.requestedOverlay = card.wantedOverlay;
    card.img.src = overlayUrl(card.id, card.wantedOverlay);
  }

  function overlayDone(card, loaded) {
    card.loading = false;
    if (loaded) {
      card.picture.classList.add('loaded');
      card.element.dataset.overlay = String(card.requestedOverlay);
    }
    requestOverlay(card);
  }

  function updatePicture(card, camera) {
    if (camera.width > 0 && camera.height > 0) {
      card.picture.style.aspectRatio = camera.width + ' / ' + camera.height;
    }
    card.picture.hidden = !overlays;
    if (!overlays) {
      return;
    }
    setText(card.noOverlay, 'waiting for an overlay');
    if (camera.overlay !== null) {
      card.wantedOverlay = camera.overlay;
      requestOverlay(card);
    }
  }

  function updateClasses(card, shares) {
    const top = shares
      .map((share, trainId) => ({ share, trainId }))
      .filter((c) => c.share > 0 && c.trainId < classes.length)
      .sort((a, b) => b.share - a.share)
      .slice(0, TOP_CLASSES);
    card.rows.forEach((r, i) => {
      const c = top[i];
      r.row.hidden = c === undefined;
      if (c === undefined) {
        return;
      }
      if (r.trainId !== c.trainId) {
        r.trainId = c.trainId;
        setText(r.label, classes[c.trainId].name);
        r.swatch.style.backgroundColor = classes[c.trainId].color;
        r.fill.style.backgroundColor = classes[c.trainId].color;
      }
      const percent = (c.share * 100).toFixed(1) + ' %';
      if (r.share.textContent !== percent) {
        r.share.textContent = percent;
        r.fill.style.width = Math.min(100, c.share * 100).toFixed(1) + '%';
      }
    });
  }

  function updateNumbers(card, camera) {
    const f = card.fields;
    setText(f.fps, fixed(camera.fps, 1));
    setText(f.latency, millis(camera.latencyP50) + ' / ' + millis(camera.latencyP99));
    setText(f.firingRate, fixed(camera.firingRate, 3));
    setText(f.energy, fixed(camera.energyMj, camera.energyMj !== null && camera.energyMj >= 10 ? 1 : 2, ' mJ'));
    setText(f.recomputed, camera.recomputed === null ? '\u2013' : (camera.recomputed * 100).toFixed(0) + ' %');
    setText(f.counts, camera.written.toLocaleString() + ' / ' + camera.skipped.toLocaleString());
  }

  function update(camera) {
    const card = cards.get(camera.id) || newCard(camera.id);
    setText(card.sequence, camera.sequence < 0 ? '' : '#' + camera.sequence);
    card.element.dataset.sequence = String(camera.sequence);
    updatePicture(card, camera);
    updateClasses(card, camera.shares);
    updateNumbers(card, camera);
  }

  function received(message) {
    message.cameras.forEach(update);
    setText(countText, cards.size + (cards.size === 1 ? ' camera' : ' cameras'));
    emptyText.hidden = cards.size > 0;
    setText(updatedText, 'updated ' + new Date().toLocaleTimeString());
  }

  function connect() {
    const source = new EventSource('events');
    source.addEventListener('open', () => setConnection('live', 'live'));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // refused (e.g. 503, too many clients): EventSource gives up, so try again later ourselves
        setConnection('down', 'disconnected');
        setTimeout(connect, RECONNECT_MS);
      } else {
        setConnection('connecting', 'reconnecting');
      }
    });
    source.addEventListener('snapshot', (event) => {
      const message = JSON.parse(event.data);
      classes = message.classes;
      overlays = message.overlays;
      received(message);
    });
    source.addEventListener('update', (event) => received(JSON.parse(event.data)));
  }

  connect();
})();
