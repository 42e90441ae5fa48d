// Owns a provider's row on the overview: one line (status, name, what the user set on it, what is
// wrong or the next maintenance, since when, the last read, honestly), expanding in place to its
// components, incidents and notes.
import { el } from '../dom.js';
import { lastCheckFailed, lastReadText, rowHeadline, shownSince, upcomingMaintenanceText } from '../overview-rows.js';
import { providerHash } from '../routes.js';
import { statusBadge, suspectedBadge, userBadges } from './badges.js';
import { incidentList } from './incident-rows.js';
import { cardError, componentGroups, suspectedNote } from './provider-card.js';
import { relativeTimeEl } from './times.js';
import { duration } from '../format.js';

/** Rows the user opened, remembered across re-renders: provider id → open. */
const openRows = new Map();

/**
 * What the row shows when opened: the notes, the open incidents, the components (dimmed "as of"
 * the last good read when the last check failed).
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {number} now
 */
function rowDetail(card, now) {
  const stale = lastCheckFailed(card);
  return el('div', { class: 'row-detail', attrs: { id: `row-detail-${card.id}` } },
    suspectedNote(card, now, { badge: false }),
    cardError(card),
    card.active_incidents?.length ? incidentList(card.active_incidents, now, { compact: true }) : null,
    stale && card.last_success_at
      ? el('p', { class: 'as-of muted' }, relativeTimeEl(card.last_success_at, now, 'Components as of the last read, '))
      : null,
    el('div', { class: ['row-components', stale ? 'is-stale' : ''] }, componentGroups(card)));
}

/**
 * One provider as a row of the overview.
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {number} now
 */
export function providerRow(card, now) {
  const open = openRows.get(card.id) ?? false;
  const headline = rowHeadline(card);
  const since = shownSince(card);
  const read = lastReadText(card, now);
  const upcoming = upcomingMaintenanceText(card, now);
  const toggle = el('button', {
    class: 'row-toggle',
    attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': `row-detail-${card.id}`,
      'aria-label': `${open ? 'Hide' : 'Show'} ${card.name}'s components` },
  });
  const detail = open ? rowDetail(card, now) : null;
  const row = el('li', { class: ['provider-row', open ? 'is-open' : ''], data: { providerId: card.id, status: card.status } },
    el('div', { class: 'row-line' },
      toggle,
      card.suspected ? suspectedBadge('row-status') : statusBadge(card.status, 'row-status'),
      el('a', { class: 'row-name', attrs: { href: providerHash(card.id), title: card.name },
        text: card.name, data: { focusKey: `provider:${card.id}` } }),
      el('span', { class: 'row-headline' },
        userBadges(card.badges, 'row-badge'),
        upcoming && !headline ? null : el('span', { class: 'row-headline-text', attrs: { title: headline }, text: headline }),
        upcoming ? el('span', { class: 'row-upcoming', attrs: { title: upcoming }, text: upcoming }) : null),
      since !== null
        ? el('span', { class: 'row-since', attrs: { title: `since ${new Date(since).toLocaleString()}` }, text: `for ${duration(Math.max(0, (now - since) / 1000))}` })
        : el('span'),
      el('span', { class: ['row-read', lastCheckFailed(card) ? 'is-failed' : 'muted'], attrs: { title: read }, text: read })),
    detail);
  toggle.addEventListener('click', () => {
    openRows.set(card.id, !open);
    row.replaceWith(providerRow(card, now));
    /** @type {HTMLElement | null} */ (document.querySelector(`.provider-row[data-provider-id="${card.id}"] .row-toggle`))?.focus();
  });
  return row;
}
