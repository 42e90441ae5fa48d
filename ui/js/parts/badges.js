// Owns status dots (always with a text label next to them), impact and state badges, and the
// badges of what the user set on a provider (snoozed, following, muted, paused).
import { el } from '../dom.js';
import { impactClass, impactLabel, incidentStatusLabel, maintenanceStatusLabel, statusClass, statusLabel } from '../format.js';

/**
 * A coloured dot plus the status in words, e.g. "● Partial outage".
 * @param {import('../../types/lookout').ComponentStatus} status
 */
export function statusBadge(status, extraClass = '') {
  return el('span', { class: ['status-badge', statusClass(status), extraClass] },
    el('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'status-label', text: statusLabel(status) }));
}

/**
 * The purple "Suspected outage" badge: Lookout's own probes fail while the page says all is well.
 * Not a vendor status word, so it has a class of its own (`status-suspected`).
 */
export function suspectedBadge(extraClass = '') {
  return el('span', { class: ['status-badge', 'suspected-badge', 'status-suspected', extraClass] },
    el('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'status-label', text: 'Suspected outage' }));
}

/**
 * For lists of components: the dot before the name, the status in words after it.
 * @param {import('../../types/lookout').ComponentStatus} status
 */
export function componentStatusParts(status) {
  return {
    dot: el('span', { class: ['dot', statusClass(status)], attrs: { 'aria-hidden': 'true' } }),
    label: el('span', { class: ['component-state', status === 'operational' ? 'is-ok' : 'is-not-ok'], text: statusLabel(status) }),
  };
}

/** @param {import('../../types/lookout').Impact} impact */
export function impactBadge(impact) {
  return el('span', { class: ['badge', 'impact', impactClass(impact)], text: impactLabel(impact), attrs: { title: 'Impact' } });
}

/** @param {import('../../types/lookout').IncidentStatus} status */
export function incidentStatusBadge(status) {
  return el('span', { class: ['incident-status', `incident-status-${status === 'resolved' || status === 'postmortem' ? 'done' : 'open'}`],
    text: incidentStatusLabel(status) });
}

/** @param {import('../../types/lookout').MaintenanceStatus} status */
export function maintenanceStatusBadge(status) {
  return el('span', { class: 'maintenance-status', text: maintenanceStatusLabel(status) });
}

/**
 * What the user set on a provider, one small badge each ("snoozed · 7 h left"), its sentence on
 * hover and for screen readers.
 * @param {import('../../types/lookout').Badge[] | undefined} badges
 */
export function userBadges(badges, extraClass = '') {
  return (badges ?? []).map((badge) => el('span', {
    class: ['user-badge', `user-badge-${badge.kind}`, extraClass],
    attrs: { title: badge.detail, 'aria-label': badge.detail },
    data: { badge: badge.kind },
    text: badge.label,
  }));
}
