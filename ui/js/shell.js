// Owns the frame around the views: worst-status header, pause banner, Refresh button, nav highlight, toasts.
import { isPaused, pausedText, statusClass, statusLabel } from './format.js';

const REFRESH_TIMEOUT_MS = 20000;
const TOAST_MS = 6000;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function createShell({ backend, now, onSettingsChanged }) {
  const byId = (id) => document.getElementById(id);
  const dot = byId('worst-dot');
  const label = byId('worst-label');
  const summary = byId('worst-summary');
  const banner = byId('pause-banner');
  const pauseText = byId('pause-text');
  const resumeButton = byId('resume-button');
  const refreshButton = /** @type {HTMLButtonElement} */ (byId('refresh-button'));
  const toastBox = byId('toast');
  let pausedUntil = null;
  let refreshTimer = null;
  let toastTimer = null;

  function toast(message, kind = 'info') {
    toastBox.className = `toast ${kind}`;
    toastBox.textContent = message;
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastBox.hidden = true; }, TOAST_MS);
  }

  function showWorst(worst) {
    const className = `dot ${statusClass(worst)}`;
    if (dot.className !== className) dot.className = className;
    setText(label, statusLabel(worst));
  }

  function showPause() {
    const paused = isPaused(pausedUntil, now());
    banner.hidden = !paused;
    if (paused) setText(pauseText, pausedText(pausedUntil, now()));
  }

  /** @param {import('../types/lookout').Overview} overview */
  function update(overview) {
    showWorst(overview.worst);
    setText(summary, overview.summary ?? '');
    pausedUntil = overview.notifications_paused_until ?? null;
    showPause();
  }

  function showUnavailable(error) {
    showWorst('unknown');
    setText(summary, error?.message ?? 'Could not read the status.');
  }

  function refreshDone() {
    clearTimeout(refreshTimer);
    refreshButton.disabled = false;
    setText(refreshButton, 'Refresh');
  }

  refreshButton.addEventListener('click', async () => {
    refreshButton.disabled = true;
    setText(refreshButton, 'Refreshing…');
    refreshTimer = setTimeout(refreshDone, REFRESH_TIMEOUT_MS);
    try {
      await backend.refreshNow();
    } catch (error) {
      refreshDone();
      toast(error.message, 'error');
    }
  });

  resumeButton.addEventListener('click', async () => {
    try {
      await backend.pauseNotifications('resume');
      pausedUntil = null;
      showPause();
      onSettingsChanged();
    } catch (error) {
      toast(error.message, 'error');
    }
  });

  function setActiveNav(section) {
    for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('nav [data-nav]'))) {
      if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  return { update, showWorst, showUnavailable, showPause, refreshDone, setActiveNav, toast };
}
