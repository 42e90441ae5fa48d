// Owns the provider page's "History" section: the reliability card and the 90-day bars of the provider and of each component.
import { el, replaceKeepingFocus } from '../dom.js';
import { duration, impactCountsText, uptimeText } from '../format.js';
import { BARS_HINT, historyBar } from './history-bars.js';
import { statusBadge } from './badges.js';
import { errorNotice, loadingNotice } from './notices.js';

/** @typedef {import('../../types/lookout').ProviderHistory} ProviderHistory */
/** @typedef {import('../../types/lookout').ProviderStats} ProviderStats */

/**
 * The reliability card's facts, in words: what `lookout stats` says about the window.
 * @param {ProviderStats} stats
 * @returns {[string, string][]}
 */
function reliabilityFacts(stats) {
  const noneResolved = stats.incidents ? 'none resolved yet' : '—';
  const facts = /** @type {[string, string][]} */ ([
    ['Incidents', impactCountsText(stats.incidents, stats.by_impact)],
    ['Mean duration', duration(stats.mean_seconds) || noneResolved],
    ['Median duration', duration(stats.median_seconds) || noneResolved],
    ['Longest', stats.longest ? `${stats.longest.title} (${duration(stats.longest.duration_seconds)})` : noneResolved],
    ['Down longest', stats.worst_component
      ? `${stats.worst_component.name} (${duration(stats.worst_component.seconds)} in partial or major outage)`
      : 'no component had an outage'],
  ]);
  if (stats.median_lead_seconds !== null && stats.median_lead_seconds !== undefined) {
    facts.push(['Lookout noticed', `${duration(stats.median_lead_seconds)} before the vendor posted (median)`]);
  }
  return facts;
}

/**
 * The card: incidents by impact, mean and median duration of the resolved ones, the longest, and
 * the component down longest. Vendor text (titles, names) goes in as text only.
 * @param {ProviderStats} stats
 * @param {number} days how many days the window covers
 */
function reliabilityCard(stats, days) {
  return el('div', { class: 'reliability card', attrs: { id: 'reliability-card' }, data: { incidents: stats.incidents } },
    el('h3', { text: `Reliability, last ${days} days` }),
    el('dl', { class: 'facts' }, reliabilityFacts(stats).map(([term, value]) =>
      [el('dt', { text: term }), el('dd', { text: value })])));
}

/**
 * The provider's bar (its watched components, with each day's incidents), then one per component.
 * @param {ProviderHistory} history
 * @param {string} providerName
 */
function historyBars(history, providerName) {
  if (history.days.length === 0) {
    return el('p', { class: 'muted', text: 'No history yet: this page lists no components.' });
  }
  const first = history.days[0].date;
  return el('div', { class: 'history-bars' },
    el('p', { class: 'history-hint muted', text: BARS_HINT }),
    el('p', { class: 'history-legend', attrs: { 'aria-label': 'Legend' } },
      ...['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'].map((s) => statusBadge(s)),
      el('span', { class: 'status-badge status-unknown' }, el('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
        el('span', { class: 'status-label', text: 'Nothing known that day' }))),
    el('div', { class: 'history-axis muted', attrs: { 'aria-hidden': 'true' } },
      el('span', { text: first }), el('span', { text: 'Today' })),
    historyBar({ key: 'provider', id: 'history-provider', name: providerName, note: 'watched components', days: history.days }),
    history.components.map((component) => historyBar({
      key: `component:${component.id}`,
      name: component.name,
      note: component.group,
      uptime: uptimeText(component.uptime_percent),
      days: component.days,
    })));
}

/** The section's state and nodes. */
class ProviderHistorySection {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {number} providerId
   */
  constructor(ctx, providerId) {
    this.ctx = ctx;
    this.providerId = providerId;
    this.body = el('div', {}, loadingNotice('Loading history…'));
    this.node = el('section', { class: 'provider-history', attrs: { id: 'provider-history', 'aria-labelledby': 'history-heading' } },
      el('h2', { attrs: { id: 'history-heading' }, text: 'History' }), this.body);
    this.seq = 0;
  }

  /** @param {string} providerName shown on the provider's own bar */
  async load(providerName) {
    const mine = ++this.seq;
    try {
      const history = await this.ctx.backend.providerHistory(this.providerId);
      if (mine !== this.seq || !this.ctx.isActive()) return;
      replaceKeepingFocus(this.body,
        reliabilityCard(history.reliability, history.days.length || 90),
        historyBars(history, providerName));
    } catch (error) {
      if (mine === this.seq && this.ctx.isActive()) {
        replaceKeepingFocus(this.body, errorNotice(error, () => this.load(providerName)));
      }
    }
  }
}

/**
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} providerId
 * @returns {{ node: HTMLElement, load: (providerName: string) => Promise<void> }}
 */
export function providerHistorySection(ctx, providerId) {
  const section = new ProviderHistorySection(ctx, providerId);
  return { node: section.node, load: (providerName) => section.load(providerName) };
}
