// Owns the provider card: status, name, platform, last check, read error, active incidents and components.
import { el } from '../dom.js';
import { providerHash } from '../routes.js';
import { suspectedText } from '../format.js';
import { componentStatusParts, statusBadge, suspectedBadge } from './badges.js';
import { incidentList } from './incident-rows.js';
import { relativeTimeEl } from './times.js';

/** Groups the user opened or closed, remembered across re-renders: "providerId:groupName" → open. */
const groupOpenState = new Map();
const SMALL_PROVIDER = 16;

/**
 * A component: dot, name and status in words; dimmed when not watched.
 * @param {import('../../types/lookout').ComponentView} component
 */
export function componentItem(component) {
  const { dot, label } = componentStatusParts(component.status);
  return el('li', { class: ['component', 'component-line', component.watched === false ? 'unwatched' : ''], data: { componentId: component.id } },
    dot,
    el('span', { class: 'component-name', text: component.name, attrs: { title: component.name } }),
    label,
    component.watched === false ? el('span', { class: 'unwatched-note', text: 'not watched' }) : null);
}

/** @param {import('../../types/lookout').ComponentGroup[]} groups */
function countComponents(groups) {
  return groups.reduce((sum, group) => sum + group.components.length, 0);
}

/**
 * @param {number} providerId
 * @param {import('../../types/lookout').ComponentGroup} group
 * @param {(group: import('../../types/lookout').ComponentGroup) => boolean} openByDefault
 */
function groupSection(providerId, group, openByDefault) {
  const list = el('ul', { class: 'component-list' }, group.components.map((c) => componentItem(c)));
  if (group.name === null || group.name === undefined || group.name === '') {
    return el('div', { class: 'group ungrouped' }, list);
  }
  const key = `${providerId}:${group.name}`;
  const open = groupOpenState.has(key) ? groupOpenState.get(key) : openByDefault(group);
  const details = el('details', { class: 'group', props: { open } },
    el('summary', { class: 'group-header' },
      el('span', { class: 'group-name', text: group.name }),
      statusBadge(group.status),
      el('span', { class: 'muted count', text: `${group.components.length} component${group.components.length === 1 ? '' : 's'}` })),
    list);
  details.addEventListener('toggle', () => groupOpenState.set(key, details.open));
  return details;
}

/**
 * Component groups; small providers and groups with a problem start open.
 * @param {import('../../types/lookout').ProviderCard} card
 */
export function componentGroups(card, { expanded = false } = {}) {
  const groups = card.groups ?? [];
  if (groups.length === 0) {
    return el('p', { class: 'muted', text: 'This page lists no components; Lookout watches its incidents.' });
  }
  const small = countComponents(groups) <= SMALL_PROVIDER;
  const openByDefault = (group) => expanded || small || group.status !== 'operational';
  return el('div', { class: 'groups' }, groups.map((group) => groupSection(card.id, group, openByDefault)));
}

/**
 * The card header: status, name (a link to the provider page unless `linked` is false), platform, last check.
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {number} now
 */
export function cardHeader(card, now, { linked = true } = {}) {
  const name = linked
    ? el('h2', { class: 'card-name' }, el('a', { attrs: { href: providerHash(card.id) }, text: card.name, data: { focusKey: `provider:${card.id}` } }))
    : el('span', { class: 'card-name', text: card.name });
  const header = el('header', { class: ['card-header', linked ? 'clickable' : ''] },
    statusBadge(card.status, 'card-status'),
    name,
    el('span', { class: 'chip', text: card.platform_label }),
    el('span', { class: 'muted checked' },
      card.last_checked_at ? relativeTimeEl(card.last_checked_at, now, 'checked ') : 'not checked yet'));
  if (linked) {
    header.addEventListener('click', (event) => {
      if (!event.target.closest('a, button, input, summary')) header.querySelector('a')?.click();
    });
  }
  return header;
}

/**
 * Why the status is unknown, and what the last read left out; null when neither.
 * @param {import('../../types/lookout').ProviderCard} card
 */
export function cardError(card) {
  const warnings = (card.warnings ?? []).map((warning) =>
    el('p', { class: 'card-warning', attrs: { role: 'note' }, text: `Part of the page was left out: ${warning}` }));
  let error = null;
  if (card.unreachable) {
    error = el('p', { class: 'card-error', attrs: { role: 'note' } },
      `Unknown — could not read the page: ${card.last_error || 'no reason given'}`);
  } else if (card.status === 'unknown' && card.unknown_reason) {
    // Never a stale green: "Unknown — last read 14 min ago".
    error = el('p', { class: 'card-error', attrs: { role: 'note' }, text: `Unknown — ${card.unknown_reason}` });
  }
  if (!error && warnings.length === 0) return null;
  return [error, ...warnings];
}

/**
 * The suspected outage, when the provider's probes fail while its page says all is well:
 * the purple badge, "Your probes fail since 14:02; the status page says operational", and the
 * latest failure's reason (without the badge where the header shows it); null otherwise.
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {number} now
 */
export function suspectedNote(card, now, { badge = true } = {}) {
  const { suspected } = card;
  if (!suspected) return null;
  return el('p', { class: 'card-suspected', attrs: { role: 'note' } },
    badge ? suspectedBadge() : null,
    el('span', { class: 'suspected-text', text: suspectedText(suspected, card.status, now) }),
    suspected.last_error ? el('span', { class: 'suspected-error muted', text: `latest: ${suspected.last_error}` }) : null);
}

/**
 * The whole card as used on the overview.
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {number} now
 */
export function providerCard(card, now) {
  const inProgress = (card.maintenances ?? []).filter((m) => m.in_progress);
  return el('li', { class: 'card', data: { providerId: card.id } },
    cardHeader(card, now),
    suspectedNote(card, now),
    cardError(card),
    card.active_incidents?.length ? incidentList(card.active_incidents, now, { compact: true }) : null,
    inProgress.map((m) => el('p', { class: 'card-maintenance' },
      statusBadge('under_maintenance'), el('span', { text: m.title }))),
    componentGroups(card));
}
