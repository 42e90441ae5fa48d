// Owns the frame around the views: worst-status header, pause banner, Refresh button, nav highlight, toasts.
import { headerStatus, isPaused, pausedText } from './format.js';

const REFRESH_TIMEOUT_MS = 20000;
const TOAST_MS = 6000;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** The header's nodes, all in index.html. */
function shellNodes() {
  const byId = (id) => document.getElementById(id);
  return {
    dot: byId('worst-dot'),
    label: byId('worst-label'),
    summary: byId('worst-summary'),
    banner: byId('pause-banner'),
    pauseText: byId('pause-text'),
    resumeButton: byId('resume-button'),
    refreshButton: /** @type {HTMLButtonElement} */ (byId('refresh-button')),
    toastBox: byId('toast'),
  };
}

/** The frame's state and nodes; each method does one thing. */
class Shell {
  /**
   * @param {{ backend: typeof import('./backend.js').backend, now: () => number, onSettingsChanged: () => void }} options
   */
  constructor({ backend, now, onSettingsChanged }) {
    this.backend = backend;
    this.now = now;
    this.onSettingsChanged = onSettingsChanged;
    this.nodes = shellNodes();
    this.pausedUntil = null;
    this.suspected = false; // a provider is suspected, as of the last overview read
    this.refreshTimer = null;
    this.toastTimer = null;
  }

  toast(message, kind = 'info') {
    const { toastBox } = this.nodes;
    toastBox.className = `toast ${kind}`;
    toastBox.textContent = message;
    toastBox.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { toastBox.hidden = true; }, TOAST_MS);
  }

  showWorst(worst) {
    const shown = headerStatus(worst, this.suspected);
    const className = `dot ${shown.className}`;
    if (this.nodes.dot.className !== className) this.nodes.dot.className = className;
    setText(this.nodes.label, shown.label);
  }

  showPause() {
    const paused = isPaused(this.pausedUntil, this.now());
    this.nodes.banner.hidden = !paused;
    if (paused) setText(this.nodes.pauseText, pausedText(this.pausedUntil, this.now()));
  }

  /** @param {import('../types/lookout').Overview} overview */
  update(overview) {
    this.suspected = (overview.providers ?? []).some((p) => Boolean(p.suspected));
    this.showWorst(overview.worst);
    setText(this.nodes.summary, overview.summary ?? '');
    this.pausedUntil = overview.notifications_paused_until ?? null;
    this.showPause();
  }

  showUnavailable(error) {
    this.suspected = false;
    this.showWorst('unknown');
    setText(this.nodes.summary, error?.message ?? 'Could not read the status.');
  }

  refreshDone() {
    clearTimeout(this.refreshTimer);
    this.nodes.refreshButton.disabled = false;
    setText(this.nodes.refreshButton, 'Refresh');
  }

  async refresh() {
    const { refreshButton } = this.nodes;
    refreshButton.disabled = true;
    setText(refreshButton, 'Refreshing…');
    this.refreshTimer = setTimeout(() => this.refreshDone(), REFRESH_TIMEOUT_MS);
    try {
      await this.backend.refreshNow();
    } catch (error) {
      this.refreshDone();
      this.toast(error.message, 'error');
    }
  }

  async resume() {
    try {
      await this.backend.pauseNotifications('resume');
      this.pausedUntil = null;
      this.showPause();
      this.onSettingsChanged();
    } catch (error) {
      this.toast(error.message, 'error');
    }
  }

  setActiveNav(section) {
    for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('nav [data-nav]'))) {
      if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}

/**
 * Wires the header's buttons; returns the frame's functions (each usable on its own, e.g. as a callback).
 * @param {{ backend: typeof import('./backend.js').backend, now: () => number, onSettingsChanged: () => void }} options
 */
export function createShell(options) {
  const shell = new Shell(options);
  shell.nodes.refreshButton.addEventListener('click', () => shell.refresh());
  shell.nodes.resumeButton.addEventListener('click', () => shell.resume());
  return {
    /** @param {import('../types/lookout').Overview} overview */
    update: (overview) => shell.update(overview),
    showWorst: (worst) => shell.showWorst(worst),
    showUnavailable: (error) => shell.showUnavailable(error),
    showPause: () => shell.showPause(),
    refreshDone: () => shell.refreshDone(),
    setActiveNav: (section) => shell.setActiveNav(section),
    toast: (message, kind = 'info') => shell.toast(message, kind),
  };
}
