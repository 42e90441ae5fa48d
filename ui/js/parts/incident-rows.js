// Owns incident rows: full rows for incident lists (rendered a page at a time) and compact rows inside provider cards.
import { el } from '../dom.js';
import { incidentDuration, leadText } from '../format.js';
import { incidentHash } from '../routes.js';
import { impactBadge, incidentStatusBadge } from './badges.js';
import { growingList } from './growing-list.js';
import { relativeTimeEl, whenEl } from './times.js';

/**
 * @param {import('../../types/lookout').IncidentRow} row
 * @param {string} className
 * @param {...Node} children
 */
function rowLink(row, className, ...children) {
  return el('a', {
    class: ['incident-row', className, row.active ? 'is-active' : 'is-resolved'],
    attrs: { href: incidentHash(row.provider_id, row.id) },
    data: { incidentId: row.id, providerId: row.provider_id, focusKey: `incident:${row.provider_id}:${row.id}` },
  }, ...children);
}

/**
 * "Lookout noticed 17 min before Acme posted", when the provider's probes saw it first; else null.
 * @param {import('../../types/lookout').IncidentRow} row
 */
function leadNote(row) {
  const text = leadText(row.suspected_lead_seconds, row.provider);
  return text ? el('span', { class: 'lead-note row-lead', text }) : null;
}

/**
 * One incident in a list: provider, title (the latest update, how early Lookout noticed), impact,
 * status, start, duration.
 * @param {import('../../types/lookout').IncidentRow} row
 * @param {number} now
 */
export function incidentRow(row, now) {
  return el('li', {},
    rowLink(row, 'full',
      el('span', { class: 'row-provider', text: row.provider }),
      el('span', { class: 'row-title' },
        el('span', { class: 'title-text', text: row.title }),
        row.latest_update ? el('span', { class: 'row-latest', text: row.latest_update }) : null,
        leadNote(row)),
      el('span', { class: 'row-impact' }, impactBadge(row.impact)),
      el('span', { class: 'row-status' }, incidentStatusBadge(row.status)),
      el('span', { class: 'row-when' },
        el('span', { class: 'row-started' }, whenEl(row.started_at, now)),
        el('span', { class: 'row-duration', text: incidentDuration(row) }))));
}

/**
 * One active incident inside a provider card, or (`withProvider`) in the overview's strip of
 * every provider's.
 * @param {import('../../types/lookout').IncidentRow} row
 * @param {number} now
 */
export function compactIncidentRow(row, now, withProvider = false) {
  return el('li', {},
    rowLink(row, 'compact',
      withProvider ? el('span', { class: 'row-provider', text: row.provider }) : null,
      el('span', { class: 'row-title', text: row.title, attrs: { title: row.title } }),
      impactBadge(row.impact),
      incidentStatusBadge(row.status),
      el('span', { class: 'row-started muted' }, relativeTimeEl(row.started_at, now, 'started '))));
}

/**
 * A list of incidents: compact rows all at once (a card's few active ones), full rows a page at a
 * time as the list is scrolled (`growth`: see growingList).
 * @param {import('../../types/lookout').IncidentRow[]} rows
 * @param {number} now
 * @param {{ compact?: boolean, withProvider?: boolean, growth?: Parameters<typeof growingList>[4] }} [options]
 */
export function incidentList(rows, now, options = {}) {
  const { compact = false, withProvider = false, growth = {} } = options;
  if (compact) {
    return el('ul', { class: ['incident-list', 'compact', withProvider ? 'with-provider' : ''] },
      rows.map((row) => compactIncidentRow(row, now, withProvider)));
  }
  return growingList('ul', { class: ['incident-list', 'full'] }, rows, (row) => incidentRow(row, now), growth);
}
