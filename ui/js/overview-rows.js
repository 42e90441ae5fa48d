// Owns what the overview's rows say and in which order (pure: `now` is always a parameter): what
// is broken first (impact, then recency), healthy vendors folded, the filter, the strip of
// active incidents, and the honest "last read" line.
import { impactLabel, parseTime, relativeTime, shortWindow, statusLabel } from './format.js';

/** @typedef {import('../types/lookout').ProviderCard} ProviderCard */
/** @typedef {import('../types/lookout').IncidentRow} IncidentRow */

const STATUS_RANK = {
  operational: 0, under_maintenance: 1, unknown: 2, degraded_performance: 3, partial_outage: 4, major_outage: 5,
};
const IMPACT_RANK = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
/** Names in the reader's order, any case; one collator (localeCompare with options makes one a call). */
const byName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;

/** @param {string} status */
export function statusRank(status) {
  return Object.hasOwn(STATUS_RANK, status) ? STATUS_RANK[/** @type {keyof STATUS_RANK} */ (status)] : STATUS_RANK.unknown;
}

/** @param {string} impact */
export function impactRank(impact) {
  return Object.hasOwn(IMPACT_RANK, impact) ? IMPACT_RANK[/** @type {keyof IMPACT_RANK} */ (impact)] : IMPACT_RANK.minor;
}

/**
 * Whether the card needs a look: not operational, suspected, an open incident (even one of no
 * impact), a maintenance in progress, or its last check failed.
 * @param {ProviderCard} card
 */
export function needsLook(card) {
  return card.status !== 'operational' || Boolean(card.suspected) || (card.active_incidents ?? []).length > 0
    || (card.maintenances ?? []).some((m) => m.in_progress) || lastCheckFailed(card);
}

/**
 * Whether the last check failed (the page was not read), whatever the status says yet.
 * @param {ProviderCard} card
 */
export function lastCheckFailed(card) {
  return typeof card.last_error === 'string' && card.last_error !== '';
}

/**
 * Since when the card's problem lasts (ms), for ordering: its oldest open incident's start, its
 * suspicion's start, else its last successful read when the last check failed; null when unknown.
 * @param {ProviderCard} card
 */
export function problemSince(card) {
  const starts = (card.active_incidents ?? []).map((i) => parseTime(i.started_at)).filter((t) => t !== null);
  if (card.suspected) starts.push(parseTime(card.suspected.since) ?? Number.NaN);
  const known = starts.filter((t) => Number.isFinite(t));
  if (known.length) return Math.min(...known);
  return lastCheckFailed(card) ? parseTime(card.last_success_at) : null;
}

/** @param {ProviderCard} card */
function worstImpact(card) {
  return Math.max(-1, ...(card.active_incidents ?? []).map((i) => impactRank(i.impact)));
}

/**
 * Worst first: status, then a suspicion, then the worst open incident's impact, then the most
 * recent problem, then the name.
 * @param {ProviderCard} a
 * @param {ProviderCard} b
 */
export function compareByTrouble(a, b) {
  return statusRank(b.status) - statusRank(a.status)
    || Number(Boolean(b.suspected)) - Number(Boolean(a.suspected))
    || worstImpact(b) - worstImpact(a)
    || (problemSince(b) ?? 0) - (problemSince(a) ?? 0)
    || byName(a.name, b.name);
}

/**
 * The cards split: those that need a look, worst first; the calm ones by name.
 * @param {ProviderCard[]} cards
 */
export function splitByTrouble(cards) {
  const troubled = cards.filter(needsLook).sort(compareByTrouble);
  const calm = cards.filter((card) => !needsLook(card))
    .sort((a, b) => byName(a.name, b.name));
  return { troubled, calm };
}

/** The state filters the overview offers, each with the words on its button. */
export const STATE_FILTERS = [
  { id: 'all', label: 'All' },
  { id: 'problems', label: 'Needs a look' },
  { id: 'operational', label: 'Operational' },
];

/**
 * Whether `card` is shown for the filter box's `text` (name, platform, a component's or an open
 * incident's words, what the user set on it: "snoozed", "muted"…; any case) and the state filter `state` (an id of STATE_FILTERS).
 * @param {ProviderCard} card
 * @param {string} text
 * @param {string} state
 */
export function matchesFilter(card, text, state) {
  if (state === 'problems' && !needsLook(card)) return false;
  if (state === 'operational' && needsLook(card)) return false;
  const words = text.trim().toLowerCase();
  if (!words) return true;
  const haystack = [card.name, card.platform_label,
    ...(card.groups ?? []).flatMap((g) => [g.name ?? '', ...g.components.map((c) => c.name)]),
    ...(card.active_incidents ?? []).map((i) => i.title),
    ...(card.badges ?? []).map((b) => b.label)].join('\n').toLowerCase();
  return words.split(/\s+/).every((word) => haystack.includes(word));
}

/**
 * The row's one line on what is wrong: the suspicion, the open incident's title (and how many
 * more), the maintenance in progress, the worst components, why it cannot be read, why the last
 * check failed; '' when all is well.
 * @param {ProviderCard} card
 */
export function rowHeadline(card) {
  const incidents = card.active_incidents ?? [];
  if (card.suspected) return `Suspected outage — your probes fail; the page says ${statusLabel(card.status).toLowerCase()}`;
  if (incidents.length) {
    const worst = [...incidents].sort((a, b) => impactRank(b.impact) - impactRank(a.impact))[0];
    const more = incidents.length > 1 ? ` (+${incidents.length - 1} more)` : '';
    return `${impactLabel(worst.impact)}: ${worst.title}${more}`;
  }
  const inProgress = (card.maintenances ?? []).find((m) => m.in_progress);
  if (inProgress) return `Maintenance: ${inProgress.title}`;
  if (card.status === 'unknown') return card.unknown_reason ? `Unknown — ${card.unknown_reason}` : 'Unknown';
  const broken = (card.groups ?? []).flatMap((g) => g.components)
    .filter((c) => c.watched !== false && c.status !== 'operational')
    .sort((a, b) => statusRank(b.status) - statusRank(a.status));
  if (broken.length) {
    const more = broken.length > 1 ? ` (+${broken.length - 1} more)` : '';
    return `${broken[0].name}: ${statusLabel(broken[0].status).toLowerCase()}${more}`;
  }
  return lastCheckFailed(card) ? `The last check failed: ${card.last_error}` : '';
}

/**
 * Since when the row's problem is the vendor's (ms): its oldest open incident's start or its
 * suspicion's; null otherwise (a failed check says its own time in the last-read column).
 * @param {ProviderCard} card
 */
export function shownSince(card) {
  const vendors = (card.active_incidents ?? []).length > 0 || Boolean(card.suspected);
  return vendors ? problemSince(card) : null;
}

/**
 * When the page was last read, honestly: "last read 2 min ago · the last check failed:
 * connection refused" after a failed check (never "checked just now"), "checked 39 s ago" after
 * a good one, "not read yet" before the first.
 * @param {ProviderCard} card
 * @param {number} now
 */
export function lastReadText(card, now) {
  if (lastCheckFailed(card)) {
    const read = card.last_success_at ? `last read ${relativeTime(card.last_success_at, now)}` : 'never read';
    return `${read} · the last check failed: ${card.last_error}`;
  }
  if (card.last_checked_at) return `checked ${relativeTime(card.last_checked_at, now)}`;
  return 'not read yet';
}

/**
 * Every open incident of every card, worst impact first, then the newest; maintenance apart.
 * @param {ProviderCard[]} cards
 */
export function activeIncidents(cards) {
  return cards.flatMap((card) => card.active_incidents ?? [])
    .sort((a, b) => impactRank(b.impact) - impactRank(a.impact)
      || (parseTime(b.started_at) ?? 0) - (parseTime(a.started_at) ?? 0));
}

/**
 * Every maintenance in progress on the cards, each with its provider.
 * @param {ProviderCard[]} cards
 */
export function maintenancesInProgress(cards) {
  return cards.flatMap((card) => (card.maintenances ?? []).filter((m) => m.in_progress));
}

/**
 * The next maintenance announced and not yet started, in a few words for the row: "Maintenance
 * Tue 14:00–16:00"; '' when there is none (or it has no start).
 * @param {ProviderCard} card
 * @param {number} now
 */
export function upcomingMaintenanceText(card, now) {
  const next = (card.maintenances ?? []).filter((m) => !m.in_progress && parseTime(m.scheduled_for) !== null)
    .sort((a, b) => (parseTime(a.scheduled_for) ?? 0) - (parseTime(b.scheduled_for) ?? 0))[0];
  return next ? `Maintenance ${shortWindow(next.scheduled_for, next.scheduled_until, now)}` : '';
}
