// Owns the Settings "Updates" section: the daily check's switch, "Check for updates", what the
// last check found (the new version and its notes, as text) and "Install and restart", which
// installs only when clicked; a failed install says why and the running version stays.
import { el } from '../dom.js';
import { errorNotice } from './notices.js';

/** @typedef {import('../../types/lookout').UpdateCheck} UpdateCheck */

/**
 * What the section shows of a check: its sentence, the notes of a newer version, and whether
 * "Install and restart" is offered (only for a newer, signed version).
 * @param {UpdateCheck | null} check
 * @returns {{ text: string, notes: string | null, installable: boolean }}
 */
export function updateView(check) {
  if (!check) return { text: 'Not checked since Lookout started.', notes: null, installable: false };
  const installable = check.outcome === 'available' && Boolean(check.version);
  return { text: check.message, notes: installable ? (check.notes ?? null) : null, installable };
}

/**
 * The section: `node` goes in Settings, `show(check)` draws a check's answer, `load()` draws the
 * last one; the daily switch is `box` (saved with the other settings).
 * @param {import('../../types/window').ViewContext} ctx
 */
export function appUpdatesSection(ctx) {
  const box = el('input', { attrs: { type: 'checkbox', id: 'settings-check-updates-daily', name: 'settings-check-updates-daily' } });
  const text = el('p', { attrs: { id: 'update-state', 'aria-live': 'polite' } });
  const notes = el('pre', { class: 'update-notes', attrs: { id: 'update-notes', hidden: true } });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'update-status', 'aria-live': 'polite' } });
  const install = el('button', { class: 'primary', attrs: { type: 'button', id: 'update-install', hidden: true }, text: 'Install and restart' });
  const check = el('button', { attrs: { type: 'button', id: 'update-check' }, text: 'Check for updates' });

  /** @param {UpdateCheck | null} found */
  const show = (found) => {
    const view = updateView(found);
    text.textContent = view.text;
    notes.textContent = view.notes ?? '';
    notes.hidden = !view.notes;
    install.hidden = !view.installable;
  };
  check.addEventListener('click', async () => {
    status.textContent = 'Checking…';
    check.disabled = true;
    try {
      const found = await ctx.backend.checkForUpdates();
      if (ctx.isActive()) { show(found); status.textContent = ''; }
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      check.disabled = false;
    }
  });
  install.addEventListener('click', async () => {
    status.textContent = 'Downloading, checking the signature and installing…';
    install.disabled = true;
    try {
      await ctx.backend.installUpdate(); // Lookout restarts on success
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      install.disabled = false;
    }
  });
  const row = el('label', { class: 'check' }, box, el('span', { text: 'Check for a newer Lookout once a day' }));
  const node = el('fieldset', { attrs: { id: 'app-updates' } }, el('legend', { text: 'Updates' }), row, text, notes,
    el('div', { class: 'actions' }, check, install), status);
  const load = async () => {
    try {
      const last = await ctx.backend.lastUpdateCheck();
      if (ctx.isActive()) show(last);
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    }
  };
  return { node, box, show, load };
}
