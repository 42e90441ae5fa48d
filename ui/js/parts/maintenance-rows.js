// Owns maintenance rows: provider, title with the components it covers, its window in local time
// (start – end on one line, "ends in 2 h" or "starts in 3 h" under it, in a column as wide as it
// needs), status and a link to the vendor's page.
import { el } from '../dom.js';
import { namesText, timeWindow } from '../format.js';
import { providerHash } from '../routes.js';
import { maintenanceStatusBadge } from './badges.js';
import { relativeTimeEl } from './times.js';

/**
 * @param {import('../../types/lookout').MaintenanceRow} row
 * @param {number} now
 */
function when(row, now) {
  const starts = row.in_progress ? null : row.scheduled_for;
  return el('span', { class: 'row-window' },
    el('span', { class: 'window-range', text: timeWindow(row.scheduled_for, row.scheduled_until, now) }),
    row.in_progress && row.ends_in ? el('span', { class: 'window-when', text: row.ends_in }) : null,
    starts ? el('span', { class: 'window-when muted' }, relativeTimeEl(starts, now, 'starts ')) : null);
}

/**
 * @param {import('../../types/lookout').MaintenanceRow} row
 * @param {number} now
 * @param {(url: string) => unknown} openLink
 */
export function maintenanceRow(row, now, openLink, { showProvider = true } = {}) {
  const covered = namesText(row.components);
  return el('li', { class: ['maintenance-row', row.in_progress ? 'is-active' : ''], data: { maintenanceId: row.id, providerId: row.provider_id } },
    showProvider
      ? el('a', { class: 'row-provider', attrs: { href: providerHash(row.provider_id) }, text: row.provider })
      : null,
    el('span', { class: 'row-main' },
      el('span', { class: 'row-title', text: row.title }),
      covered
        ? el('span', { class: 'row-covers muted', attrs: { title: (row.components ?? []).join(', ') }, text: `Affects ${covered}` })
        : null),
    when(row, now),
    el('span', { class: 'row-status' }, maintenanceStatusBadge(row.status)),
    row.url
      ? el('button', { class: 'link-button', attrs: { type: 'button' }, text: 'Details', on: { click: () => openLink(row.url) } })
      : el('span'));
}

/**
 * @param {import('../../types/lookout').MaintenanceRow[]} rows
 * @param {number} now
 * @param {(url: string) => unknown} openLink
 * @param {{ showProvider?: boolean }} [options]
 */
export function maintenanceList(rows, now, openLink, options) {
  return el('ul', { class: 'maintenance-list' }, rows.map((row) => maintenanceRow(row, now, openLink, options)));
}
