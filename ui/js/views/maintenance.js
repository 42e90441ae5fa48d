// Owns the Maintenance view: maintenance in progress, then upcoming (and recently completed, if any).
import { el, replaceKeepingFocus } from '../dom.js';
import { maintenanceList } from '../parts/maintenance-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';

/**
 * @param {string} title
 * @param {import('../../types/lookout').MaintenanceRow[]} rows
 * @param {number} now
 * @param {(url: string) => unknown} openLink
 * @param {string} id
 */
function section(title, rows, now, openLink, id) {
  return el('section', { class: 'list-section', attrs: { id } },
    el('h2', { text: title }),
    rows.length ? maintenanceList(rows, now, openLink) : el('p', { class: 'muted', text: 'None.' }));
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Maintenance');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Maintenance' }), body);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const rows = await ctx.backend.maintenances();
      if (mine !== seq || !ctx.isActive()) return;
      if (rows.length === 0) {
        replaceKeepingFocus(body, emptyState('No maintenance announced by the services you watch.'));
        return;
      }
      const now = ctx.now();
      // The backend lists maintenances in progress and upcoming only (never completed ones).
      const inProgress = rows.filter((r) => r.in_progress);
      const upcoming = rows.filter((r) => !r.in_progress);
      replaceKeepingFocus(body,
        section('In progress', inProgress, now, ctx.openLink, 'maintenance-in-progress'),
        section('Upcoming', upcoming, now, ctx.openLink, 'maintenance-upcoming'));
    } catch (error) {
      if (mine === seq && ctx.isActive()) replaceKeepingFocus(body, errorNotice(error, load));
    }
  }

  return { ready: load(), refresh: load };
}
