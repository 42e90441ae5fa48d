// Owns maintenance rows: provider, title, window in local time, status and a link to the vendor's page.
import { el } from '../dom.js';
import { timeWindow } from '../format.js';
import { providerHash } from '../routes.js';
import { maintenanceStatusBadge } from './badges.js';
import { relativeTimeEl } from './times.js';

/**
 * @param {import('../../types/lookout').MaintenanceRow} row
 * @param {number} now
 * @param {(url: string) => unknown} openLink
 */
export function maintenanceRow(row, now, openLink, { showProvider = true } = {}) {
  const starts = row.in_progress ? null : row.scheduled_for;
  return el('li', { class: ['maintenance-row', row.in_progress ? 'is-active' : ''], data: { maintenanceId: row.id, providerId: row.provider_id } },
    showProvider
      ? el('a', { class: 'row-provider', attrs: { href: providerHash(row.provider_id) }, text: row.provider })
      : null,
    el('span', { class: 'row-title', text: row.title }),
    el('span', { class: 'row-window' },
      el('span', { text: timeWindow(row.scheduled_for, row.scheduled_until, now) }),
      starts ? el('span', { class: 'muted' }, ' · ', relativeTimeEl(starts, now, 'starts ')) : null),
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
