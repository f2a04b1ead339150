// Taskstream live board: tasks from api-service, live changes from websocket-service's /ws/updates.
// Plain browser JavaScript, no build step. Protocol: websocket-service/README.md.
'use strict';

(() => {
  const TOKEN_KEY = 'taskstream.board.token';
  const SUBPROTOCOL = 'taskstream.v1';
  const PING_MS = 25000;
  const BACKOFF_MIN_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const CLOSE_UNAUTHORIZED = 4401;
  const CLOSE_ORIGIN = 4403;
  const CLOSE_BAD_REQUEST = 4400;
  // The replica is shutting down: another one resumes from our position, so reconnect almost at once (jittered,
  // since every browser on that replica hears it at the same moment).
  const CLOSE_GOING_AWAY = 1001;
  const GOING_AWAY_JITTER_MS = 250;

  const $ = (id) => document.getElementById(id);
  const ui = {
    signIn: $('sign-in'), signInForm: $('sign-in-form'), token: $('token'), signOut: $('sign-out'),
    user: $('user'), badge: $('badge'), board: $('board'), createForm: $('create-form'),
    newTitle: $('new-title'), tasks: $('tasks'), empty: $('empty'), count: $('count'),
    error: $('error'), errorText: $('error-text'), errorFields: $('error-fields'),
    errorDismiss: $('error-dismiss'), template: $('task-template'),
  };

  const state = {
    config: null,          // {api_url, updates_path}
    token: null,
    tasks: new Map(),      // id -> task snapshot (snake_case, as the API returns it)
    deleted: new Map(),    // id -> version at deletion, so a late snapshot cannot bring it back
    position: null,        // last position seen on the socket (update or hello)
    socket: null,
    pingTimer: null,
    reconnectTimer: null,
    attempts: 0,
    everLoaded: false,
    needsLoad: true,       // the list must be (re)loaded; stays true until a load succeeds
    loading: null,         // the promise of the newest load run
    loadRuns: 0,
    loadGen: 0,            // the newest list load; an older one that finishes later is dropped
    loadTrackers: new Set(), // per load in flight: notes the tasks live updates touched meanwhile
    editing: null,         // id of the task whose title is being edited
  };

  // ---------------------------------------------------------------- config and sign-in

  async function loadConfig() {
    const response = await fetch('/board/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error('cannot load board configuration (HTTP ' + response.status + ')');
    const config = await response.json();
    config.api_url = String(config.api_url || '').replace(/\/+$/, '');
    return config;
  }

  function tokenFromFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const token = params.get('token');
    if (token) {
      // Keep the token out of the address bar and history.
      history.replaceState(null, '', location.pathname + location.search);
    }
    return token;
  }

  function subjectOf(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).sub || '?';
    } catch (e) {
      return null;
    }
  }

  function signIn(token) {
    token = (token || '').trim();
    if (!token) {
      showError({ title: 'Paste a token to sign in.' });
      return;
    }
    if (!subjectOf(token)) {
      showError({ title: 'That does not look like a JWT.', detail: 'Expected three dot-separated parts.' });
      return;
    }
    state.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
    ui.token.value = '';
    ui.user.textContent = 'signed in as ' + subjectOf(token);
    ui.user.hidden = false;
    ui.signOut.hidden = false;
    ui.signIn.hidden = true;
    ui.board.hidden = false;
    clearError();
    state.tasks.clear();
    state.deleted.clear();
    state.position = null;
    state.everLoaded = false;
    state.needsLoad = true;
    state.loading = null;
    render();
    connect();
    ui.newTitle.focus();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    disconnect();
    state.tasks.clear();
    render();
    setBadge('offline');
    ui.user.hidden = true;
    ui.signOut.hidden = true;
    ui.board.hidden = true;
    ui.signIn.hidden = false;
    if (message) showError({ title: message });
    ui.token.focus();
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  /** A response that arrived after its user signed out (or another signed in): dropped. */
  class SignedOutMeanwhile extends Error {
  }

  async function api(method, path, { body, version } = {}) {
    const token = state.token;
    const headers = { Authorization: 'Bearer ' + state.token, Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (version !== undefined) headers['If-Match'] = '"' + version + '"';
    let response;
    try {
      response = await fetch(state.config.api_url + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, { title: 'The task API is unreachable', detail: state.config.api_url + ' (' + e.message + ')' });
    }
    if (token !== state.token) throw new SignedOutMeanwhile();
    if (response.status === 204) return null;
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      throw new ApiError(response.status, json || { title: 'HTTP ' + response.status, detail: text.slice(0, 200) });
    }
    return json;
  }

  async function loadTasks() {
    const gen = ++state.loadGen;
    const token = state.token;
    const started = new Set(state.tasks.keys());
    const touchedDuringLoad = new Set();
    const track = (id) => touchedDuringLoad.add(id);
    state.loadTrackers.add(track);
    try {
      const loaded = [];
      const seen = new Set();
      let cursor = null;
      do { // every page: the board shows all of the user's tasks
        const query = '/tasks?limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
        const result = await api('GET', query);
        loaded.push(...(result.items || [])); // an API that leaves an empty list out is still an empty page
        seen.add(cursor);
        cursor = result.next_cursor;
      } while (cursor && !seen.has(cursor));
      // A newer load started meanwhile (it has the later list), or the user signed out: this one is stale.
      if (gen !== state.loadGen || token !== state.token) return;
      const fresh = new Map();
      for (const task of loaded) fresh.set(task.id, task);
      // Live updates that arrived while the list was loading may be newer than the list.
      for (const id of touchedDuringLoad) {
        const live = state.tasks.get(id);
        const listed = fresh.get(id);
        if (live && (!listed || listed.version < live.version)) fresh.set(id, live);
        if (!live && state.deleted.has(id)) fresh.delete(id);
      }
      for (const [id, version] of state.deleted) {
        const listed = fresh.get(id);
        if (listed && listed.version <= version) fresh.delete(id);
      }
      const wasLoaded = state.everLoaded;
      state.tasks = fresh;
      state.everLoaded = true;
      render(new Set(wasLoaded ? [...fresh.keys()].filter((id) => !started.has(id)) : []));
    } finally {
      state.loadTrackers.delete(track);
    }
  }

  /**
   * Loads the list until a load succeeds (a failed one is retried with back-off: after a resync the board must not
   * stay behind); a newer call, or a sign-out, takes over. Returns the run's promise.
   */
  function reload() {
    state.needsLoad = true;
    const run = ++state.loadRuns;
    const token = state.token;
    state.loading = (async () => {
      for (let attempt = 0; run === state.loadRuns && token === state.token; attempt++) {
        try {
          await loadTasks();
          if (run === state.loadRuns) state.needsLoad = false;
          return;
        } catch (e) {
          handleApiError(e, false); // this loop retries, with back-off
          await new Promise((resolve) => setTimeout(resolve, Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt)));
        }
      }
    })();
    return state.loading;
  }

  /** Runs {@code then} once the pending list load succeeded (at once if none is pending). */
  function whenLoaded(then) {
    const pending = state.loading;
    if (!state.needsLoad || !pending) {
      then();
      return;
    }
    pending.then(() => {
      if (state.loading !== pending) whenLoaded(then); // a newer load took over: wait for that one
      else if (!state.needsLoad) then();               // else this run gave up (signed out): nothing to do
    });
  }

  function handleApiError(e, reloadAfterConflict = true) {
    if (e instanceof SignedOutMeanwhile) return;
    if (e instanceof ApiError) {
      if (e.status === 401) {
        signOut('Your token was refused by the API (expired or invalid). Sign in again.');
        return;
      }
      showError(e.problem, e.status);
      if (reloadAfterConflict && (e.status === 412 || e.status === 404 || e.status === 409)) reload();
    } else {
      showError({ title: 'Unexpected error', detail: String(e && e.message || e) });
    }
  }

  async function act(button, work) {
    if (button) button.disabled = true;
    try {
      clearError();
      await work();
    } catch (e) {
      handleApiError(e);
    } finally {
      if (button) button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- applying changes

  /** Applies a snapshot if it is newer than what the board shows; returns whether it changed anything. */
  function applyTask(task, change) {
    if (!task || !task.id) return false;
    state.loadTrackers.forEach((track) => track(task.id));
    const known = state.tasks.get(task.id);
    const deletedAt = state.deleted.get(task.id);
    if (change === 'deleted') {
      if (known && known.version > task.version) return false;
      state.deleted.set(task.id, Math.max(task.version || 0, deletedAt || 0));
      return state.tasks.delete(task.id);
    }
    if (deletedAt !== undefined && task.version <= deletedAt) return false;
    if (known && known.version >= task.version) return false;
    state.tasks.set(task.id, task);
    return true;
  }

  function removeTask(id, version) {
    state.deleted.set(id, version);
    state.tasks.delete(id);
  }

  // ---------------------------------------------------------------- WebSocket

  function socketUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const path = state.config.updates_path || '/ws/updates';
    return scheme + '//' + location.host + path + (state.position ? '?after=' + encodeURIComponent(state.position) : '');
  }

  function connect() {
    if (!state.token) return;
    clearTimeout(state.reconnectTimer);
    setBadge(state.attempts === 0 && !state.everLoaded ? 'connecting' : 'reconnecting');
    // The token travels as a subprotocol (never in the URL, so not in access logs).
    const resuming = Boolean(state.position);
    const socket = new WebSocket(socketUrl(), [SUBPROTOCOL, 'bearer.' + state.token]);
    state.socket = socket;
    let loadedHere = false;

    socket.addEventListener('open', () => {
      state.pingTimer = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
      }, PING_MS);
    });

    socket.addEventListener('message', (event) => {
      if (socket !== state.socket) return;
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === 'update') {
        state.position = message.position;
        if (applyTask(message.task, message.change)) render(new Set([message.task.id]));
      } else if (message.type === 'resync') {
        setBadge('resynced');
        ui.badge.dataset.resyncs = String(Number(ui.badge.dataset.resyncs || 0) + 1); // the badge itself moves on
        state.resynced = true;
        loadedHere = true;
        reload();
      } else if (message.type === 'hello') {
        state.position = message.position;
        state.attempts = 0;
        // The list is read only now, once the server follows this socket (it sends resync or hello after it
        // registered it): every change after the read arrives as an update, applied by version on top. A list
        // read before that (at 'open', or while the socket was down) could miss a change made in between.
        if (!loadedHere && (!resuming || state.needsLoad)) reload();
        loadedHere = true;
        const resynced = state.resynced;
        state.resynced = false;
        whenLoaded(() => {
          if (state.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
          if (resynced) {
            setTimeout(() => { if (state.socket === socket && socket.readyState === WebSocket.OPEN) setBadge('live'); }, 4000);
          } else {
            setBadge('live');
          }
        });
      }
    });

    socket.addEventListener('close', (event) => {
      if (socket !== state.socket || !state.token) return;
      clearInterval(state.pingTimer);
      state.socket = null;
      if (event.code === CLOSE_UNAUTHORIZED) {
        signOut('The live connection refused your token (expired or invalid). Sign in again.');
        return;
      }
      if (event.code === CLOSE_ORIGIN || event.code === CLOSE_BAD_REQUEST) {
        setBadge('offline');
        showError({ title: 'The live connection was refused', detail: event.reason || ('close code ' + event.code) });
        return;
      }
      // The live connection failed before the board was loaded: still show the tasks (the connection that
      // finally says hello, without a position, loads them again).
      if (!state.everLoaded && !state.loading) reload();
      if (event.code === CLOSE_GOING_AWAY && state.attempts === 0) {
        setBadge('reconnecting');
        state.attempts = 1; // if that reconnect fails too, back off as usual
        state.reconnectTimer = setTimeout(connect, Math.round(Math.random() * GOING_AWAY_JITTER_MS));
        return;
      }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    setBadge('reconnecting');
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** state.attempts);
    const delay = Math.round(base / 2 + Math.random() * base / 2);
    state.attempts = Math.min(state.attempts + 1, 10);
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function disconnect() {
    clearTimeout(state.reconnectTimer);
    clearInterval(state.pingTimer);
    const socket = state.socket;
    state.socket = null;
    state.attempts = 0;
    if (socket) socket.close(1000, 'signed out');
  }

  function setBadge(name) {
    ui.badge.textContent = name;
    ui.badge.dataset.state = name;
    ui.badge.className = 'badge badge-' + name;
  }

  // ---------------------------------------------------------------- rendering

  function sorted() {
    return [...state.tasks.values()].sort((a, b) =>
      (b.created_at || '').localeCompare(a.created_at || '') || String(a.id).localeCompare(String(b.id)));
  }

  function render(flash = new Set()) {
    const rows = new Map([...ui.tasks.children].map((li) => [li.dataset.taskId, li]));
    const wanted = sorted();
    let previous = null;
    for (const task of wanted) {
      let li = rows.get(task.id);
      if (!li) {
        li = ui.template.content.firstElementChild.cloneNode(true);
        li.dataset.taskId = task.id;
      }
      rows.delete(task.id);
      fill(li, task, flash.has(task.id));
      const next = previous ? previous.nextSibling : ui.tasks.firstChild;
      if (li !== next) ui.tasks.insertBefore(li, next);
      previous = li;
    }
    for (const li of rows.values()) li.remove();
    ui.empty.hidden = wanted.length > 0 || !state.everLoaded;
    ui.count.textContent = wanted.length ? '(' + wanted.length + ')' : '';
  }

  function fill(li, task, flash) {
    const completed = task.status === 'completed';
    if (li.dataset.version !== String(task.version)) {
      li.dataset.version = String(task.version);
      li.dataset.status = task.status;
      li.querySelector('.task-title').textContent = task.title;
      li.querySelector('.task-status').textContent = completed ? 'done' : 'open';
      const meta = [];
      if (task.priority && task.priority !== 'normal') meta.push(task.priority);
      if (task.due_at) meta.push('due ' + new Date(task.due_at).toLocaleString());
      if (task.tags && task.tags.length) meta.push(task.tags.map((t) => '#' + t).join(' '));
      li.querySelector('.task-meta').textContent = meta.join(' · ');
      const toggle = li.querySelector('[data-action=toggle]');
      toggle.textContent = completed ? 'Reopen' : 'Complete';
      toggle.setAttribute('aria-label', (completed ? 'Reopen ' : 'Complete ') + task.title);
      li.querySelector('[data-action=edit]').setAttribute('aria-label', 'Edit ' + task.title);
      li.querySelector('[data-action=delete]').setAttribute('aria-label', 'Delete ' + task.title);
      li.querySelector('.task-edit label').textContent = 'Title of ' + task.title;
      if (flash) {
        li.classList.remove('flash');
        void li.offsetWidth; // restart the animation
        li.classList.add('flash');
      }
    }
    const editing = state.editing === task.id;
    li.querySelector('.task-edit').hidden = !editing;
    li.querySelector('.task-main').hidden = editing;
    li.querySelector('.task-actions').hidden = editing;
  }

  function startEdit(li, task) {
    state.editing = task.id;
    render();
    const input = li.querySelector('.task-edit input');
    const label = li.querySelector('.task-edit label');
    input.id = 'edit-' + task.id;
    label.htmlFor = input.id;
    input.value = task.title;
    input.focus();
    input.select();
  }

  function stopEdit() {
    state.editing = null;
    render();
  }

  // ---------------------------------------------------------------- errors

  function showError(problem, status) {
    ui.errorText.textContent = [problem.title, problem.detail].filter(Boolean)
      .filter((v, i, all) => all.indexOf(v) === i).join(': ') + (status ? ' (HTTP ' + status + ')' : '');
    ui.errorFields.replaceChildren(...(problem.errors || []).map((e) => {
      const item = document.createElement('li');
      item.textContent = (e.field ? e.field + ': ' : '') + e.message;
      return item;
    }));
    ui.error.hidden = false;
  }

  function clearError() {
    ui.error.hidden = true;
    ui.errorText.textContent = '';
    ui.errorFields.replaceChildren();
  }

  // ---------------------------------------------------------------- events

  ui.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn(ui.token.value);
  });
  ui.signOut.addEventListener('click', () => signOut());
  ui.errorDismiss.addEventListener('click', clearError);

  ui.createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const title = ui.newTitle.value.trim();
    const button = ui.createForm.querySelector('button');
    act(button, async () => {
      const task = await api('POST', '/tasks', { body: { title } });
      ui.newTitle.value = '';
      if (applyTask(task, 'created')) render(new Set([task.id]));
    });
  });

  ui.tasks.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.type === 'submit') return;
    const li = button.closest('li[data-task-id]');
    const task = li && state.tasks.get(li.dataset.taskId);
    if (!task) return;
    switch (button.dataset.action) {
      case 'toggle':
        act(button, async () => {
          const path = '/tasks/' + task.id + (task.status === 'completed' ? '/reopen' : '/complete');
          const updated = await api('POST', path, { version: task.version });
          if (applyTask(updated, 'updated')) render(new Set([updated.id]));
        });
        break;
      case 'edit':
        startEdit(li, task);
        break;
      case 'cancel':
        stopEdit();
        break;
      case 'delete':
        if (!confirm('Delete "' + task.title + '"?')) return;
        act(button, async () => {
          await api('DELETE', '/tasks/' + task.id, { version: task.version });
          removeTask(task.id, task.version + 1);
          render();
        });
        break;
      default:
    }
  });

  ui.tasks.addEventListener('submit', (event) => {
    event.preventDefault();
    const li = event.target.closest('li[data-task-id]');
    const task = li && state.tasks.get(li.dataset.taskId);
    if (!task) return;
    const title = li.querySelector('.task-edit input').value.trim();
    act(event.submitter || li.querySelector('[data-action=save]'), async () => {
      const updated = await api('PATCH', '/tasks/' + task.id, { body: { title }, version: task.version });
      state.editing = null;
      applyTask(updated, 'updated');
      render(new Set([updated.id]));
    });
  });

  ui.tasks.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.editing) stopEdit();
  });

  // ---------------------------------------------------------------- start

  (async () => {
    try {
      state.config = await loadConfig();
    } catch (e) {
      showError({ title: 'The board cannot start', detail: e.message });
      return;
    }
    const token = tokenFromFragment() || sessionStorage.getItem(TOKEN_KEY);
    if (token) signIn(token); else ui.token.focus();
  })();
})();
