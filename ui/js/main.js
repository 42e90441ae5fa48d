// Owns booting the window and routing: mounts the view for the hash and re-reads it on status-changed.
import { backend, onStatusChanged } from './backend.js';
import { debounce } from './debounce.js';
import { errorNotice } from './parts/notices.js';
import { refreshRelativeTimes } from './parts/times.js';
import { navSection, parseRoute } from './routes.js';
import { createShell } from './shell.js';
import * as add from './views/add.js';
import * as incident from './views/incident.js';
import * as incidents from './views/incidents.js';
import * as maintenance from './views/maintenance.js';
import * as services from './views/services.js';
import * as notFound from './views/not-found.js';
import * as overview from './views/overview.js';
import * as provider from './views/provider.js';
import * as settings from './views/settings.js';

const VIEWS = { overview, provider, incidents, incident, maintenance, services, add, settings, not_found: notFound };
const TICK_MS = 30000;
const EVENT_COALESCE_MS = 250;

const main = document.getElementById('main');
let current = null; // { route, hash, life, controller }
let routeSeq = 0;
let overviewInFlight = null;
const visited = []; // in-app history of hashes, to know whether "back" stays in the window
const leftState = new Map(); // hash → { scrollTop, focusKey } when the user left it

function loadOverview() {
  overviewInFlight ??= backend.overview().finally(() => { overviewInFlight = null; });
  return overviewInFlight;
}

function refreshShell() {
  loadOverview().then(shell.update, shell.showUnavailable);
}

const shell = createShell({ backend, now: () => Date.now(), onSettingsChanged: () => { overviewInFlight = null; refreshShell(); refreshCurrent(); } });

const app = {
  backend,
  now: () => Date.now(),
  loadOverview,
  refreshShell,
  toast: (message, kind) => shell.toast(message, kind),
  setTitle: (text) => { document.title = text ? `${text} — Lookout` : 'Lookout'; },
  openLink: (url) => backend.openLink(url).catch((error) => shell.toast(error.message, 'error')),
  navigate: (hash) => {
    if (location.hash === hash) showRoute({ moveFocus: true });
    else location.hash = hash;
  },
  back: (fallback) => {
    if (visited.length > 1) history.back();
    else app.navigate(fallback);
  },
};

function rememberLeaving() {
  if (!current) return;
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const focusKey = active && main.contains(active) ? active.dataset?.focusKey : undefined;
  leftState.set(current.hash, { scrollTop: main.scrollTop, focusKey });
}

function restoreReturning(hash, life) {
  const state = leftState.get(hash);
  if (!state || !life.active) return false;
  main.scrollTop = state.scrollTop;
  const keyed = /** @type {NodeListOf<HTMLElement>} */ (main.querySelectorAll('[data-focus-key]'));
  const target = [...keyed].find((n) => n.dataset.focusKey === state.focusKey);
  target?.focus({ preventScroll: true });
  return Boolean(target);
}

async function showRoute({ moveFocus, goingBack = false }) {
  const mine = ++routeSeq;
  let route = parseRoute(location.hash);
  if (route.name === 'empty') {
    let firstRun = false;
    try { firstRun = (await loadOverview()).first_run === true; } catch { /* the overview view will show the error */ }
    if (mine !== routeSeq) return;
    const target = firstRun ? '#/add' : '#/overview';
    history.replaceState(null, '', target);
    if (visited.length) visited[visited.length - 1] = target;
    route = parseRoute(target);
  }
  rememberLeaving();
  if (current) {
    current.life.active = false;
    current.controller?.dispose?.();
  }
  const hash = location.hash;
  const life = { active: true };
  const ctx = { ...app, route, isActive: () => life.active };
  main.replaceChildren();
  main.scrollTop = 0;
  shell.setActiveNav(navSection(route));
  let controller = {};
  try {
    controller = (VIEWS[route.name] ?? notFound).mount(main, ctx) ?? {};
  } catch (error) {
    main.append(errorNotice(error));
  }
  current = { route, hash, life, controller };
  const settled = Promise.resolve(controller.ready).catch(() => {});
  if (!goingBack) {
    if (moveFocus) main.querySelector('h1')?.focus({ preventScroll: true });
    return;
  }
  // Coming back (Escape, Back): put the scroll position and focus where the user left them.
  settled.then(() => {
    if (!restoreReturning(hash, life) && moveFocus && life.active) main.querySelector('h1')?.focus({ preventScroll: true });
  });
}

async function refreshCurrent() {
  const view = current;
  if (!view?.controller?.refresh || !view.life.active) return;
  const top = main.scrollTop;
  await view.controller.refresh();
  if (view.life.active && main.scrollTop !== top) main.scrollTop = top;
}

const refreshAfterEvent = debounce(() => {
  overviewInFlight = null;
  shell.refreshDone();
  refreshShell();
  refreshCurrent();
}, EVENT_COALESCE_MS);

function onHashChange() {
  const hash = location.hash;
  const goingBack = visited.length > 1 && visited.at(-2) === hash;
  if (goingBack) visited.pop();
  else visited.push(hash);
  showRoute({ moveFocus: true, goingBack });
}

function isTyping(target) {
  return Boolean(target?.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])'));
}

function onKeyDown(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '/' && !isTyping(event.target)) {
    const box = /** @type {HTMLInputElement | null} */ (main.querySelector('[data-search-box]'));
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  } else if (event.key === 'Escape' && current?.route.name === 'incident' && !isTyping(event.target)) {
    event.preventDefault();
    app.back('#/incidents');
  }
}

/** Links to the outside world never load in the webview: they open in the browser. */
function onLinkClick(event) {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented) return;
  const href = link.getAttribute('href');
  if (/^https?:\/\//i.test(href)) {
    event.preventDefault();
    app.openLink(href);
  } else if (!href.startsWith('#')) {
    event.preventDefault();
  }
}

function boot() {
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('click', onLinkClick);
  document.addEventListener('auxclick', onLinkClick);
  window.addEventListener('hashchange', onHashChange);
  setInterval(() => {
    refreshRelativeTimes(main, Date.now());
    shell.showPause();
  }, TICK_MS);
  onStatusChanged((payload) => {
    if (payload?.worst) shell.showWorst(payload.worst);
    refreshAfterEvent();
  }).catch((error) => shell.toast(error.message, 'error'));
  refreshShell();
  visited.push(location.hash || '#/');
  showRoute({ moveFocus: false });
}

boot();
