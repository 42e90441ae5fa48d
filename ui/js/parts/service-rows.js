// Owns the rows of "Your services": each service with its state (affected or fine), since when,
// why in words, the vendor parts it uses with their statuses, and what no longer matches.
import { el } from '../dom.js';
import { statusBadge, suspectedBadge } from './badges.js';
import { relativeTimeEl } from './times.js';

/** "Checkout" then "high" / "low" (normal says nothing). */
function head(service) {
  return el('span', { class: 'service-name' },
    el('span', { class: 'row-name', text: service.name }),
    service.criticality === 'normal'
      ? null
      : el('span', { class: ['criticality', `criticality-${service.criticality}`], text: service.criticality }));
}

/** "Affected since 2 h ago" or "Fine". */
function state(service, now) {
  if (!service.affected) return el('span', { class: 'service-state is-fine', text: 'Fine' });
  return el('span', { class: 'service-state is-affected' }, 'Affected',
    service.since ? relativeTimeEl(service.since, now, ' since ') : null);
}

/** One vendor part: its status, provider and component ("Stripe · API"). */
function dependency(part) {
  const what = part.component ? `${part.provider} · ${part.component}` : part.provider;
  return el('li', { class: 'service-part' },
    statusBadge(part.status, 'is-compact'),
    part.suspected ? suspectedBadge('is-compact') : null,
    el('span', { class: 'part-name', attrs: { title: what }, text: what }));
}

/**
 * @param {import('../../types/lookout').ServiceState} service
 * @param {number} now
 */
export function serviceRow(service, now) {
  return el('li', { class: ['service-row', service.affected ? 'is-affected' : ''], data: { service: service.name } },
    el('div', { class: 'service-head' }, head(service), state(service, now)),
    service.reasons.length
      ? el('ul', { class: 'service-reasons' }, service.reasons.map((r) => el('li', { text: r })))
      : null,
    el('ul', { class: 'service-parts' }, service.dependencies.map(dependency)),
    service.warnings.length
      ? el('ul', { class: 'service-warnings' }, service.warnings.map((w) => el('li', { class: 'warning', text: w })))
      : null);
}

/**
 * @param {import('../../types/lookout').ServiceState[]} services
 * @param {number} now
 */
export function serviceList(services, now) {
  return el('ul', { class: 'service-list' }, services.map((s) => serviceRow(s, now)));
}

/** "1 of 3 services affected" or "All 3 services fine". */
export function servicesSummary(services) {
  const affected = services.filter((s) => s.affected).length;
  const n = services.length;
  const word = n === 1 ? 'service' : 'services';
  return affected ? `${affected} of ${n} ${word} affected` : `All ${n} ${word} fine`;
}
