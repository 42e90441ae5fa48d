// Owns the Settings "Delivery log" section: the latest alert deliveries, their state, attempts and errors.
import { deliveryStateClass, deliveryStateLabel } from '../alert-rules.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';
import { localTimeEl, relativeTimeEl } from './times.js';

const LIMIT = 50;
const COLUMNS = ['When', 'Destination', 'Alert', 'State', 'Attempts', 'Last error', 'Next attempt'];

/** Local time over relative time, or a dash. */
function timeCell(iso, now) {
  if (!iso) return el('td', { class: 'muted', text: '—' });
  return el('td', { class: 'log-time' }, localTimeEl(iso, now), el('br'), relativeTimeEl(iso, now));
}

/**
 * @param {import('../../types/lookout').DeliveryRow} record
 * @param {number} now
 */
function deliveryRow(record, now) {
  const pending = record.state === 'pending';
  return el('tr', { class: ['delivery-row', deliveryStateClass(record.state)], data: { deliveryId: record.id, state: record.state } },
    timeCell(record.created_at, now),
    el('td', { class: 'log-sink', attrs: { title: record.sink ?? '' }, text: record.sink_name || record.sink || '' }),
    el('td', { class: 'log-title', text: record.title ?? '' }),
    el('td', {}, el('span', { class: ['badge', 'delivery-state', deliveryStateClass(record.state)], text: deliveryStateLabel(record.state) })),
    el('td', { class: 'log-attempts', text: String(record.attempts ?? 0) }),
    record.last_error
      ? el('td', { class: 'log-error', text: record.last_error })
      : el('td', { class: 'muted', text: '—' }),
    pending ? timeCell(record.next_attempt_at, now) : el('td', { class: 'muted', text: '—' }));
}

/**
 * @param {import('../../types/lookout').DeliveryRow[]} records
 * @param {number} now
 */
function deliveryTable(records, now) {
  return el('div', { class: 'table-scroll' },
    el('table', { class: 'delivery-table' },
      el('caption', { class: 'visually-hidden', text: `The latest ${records.length} alert deliveries, newest first` }),
      el('thead', {}, el('tr', {}, COLUMNS.map((name) => el('th', { attrs: { scope: 'col' }, text: name })))),
      el('tbody', {}, records.map((record) => deliveryRow(record, now)))));
}

/**
 * { node, load }: `load` re-reads the log; the table is read-only, so it is always safe to redraw.
 * @param {import('../../types/window').ViewContext} ctx
 */
export function deliveryLogSection(ctx) {
  const box = el('div', { attrs: { id: 'delivery-log', 'aria-live': 'off' } }, loadingNotice());
  const problem = el('div');
  let inFlight = null;
  let loaded = false;

  async function read() {
    try {
      const records = await ctx.backend.deliveryLog(LIMIT);
      if (!ctx.isActive()) return;
      loaded = true;
      problem.replaceChildren();
      replaceKeepingFocus(box, records.length
        ? deliveryTable(records, ctx.now())
        : el('p', { class: 'notice empty', text: 'Nothing sent yet. Alerts to desktop notifications and destinations will be listed here.' }));
    } catch (error) {
      if (!ctx.isActive()) return;
      if (loaded) problem.replaceChildren(errorNotice(error));
      else box.replaceChildren(errorNotice(error, load));
    }
  }

  function load() {
    inFlight ??= read().finally(() => { inFlight = null; });
    return inFlight;
  }

  const node = el('section', { class: 'settings-section wide', attrs: { 'aria-labelledby': 'delivery-log-heading' } },
    el('div', { class: 'section-head' },
      el('h2', { attrs: { id: 'delivery-log-heading' }, text: 'Delivery log' }),
      el('button', { attrs: { type: 'button', id: 'delivery-log-refresh' }, text: 'Refresh', on: { click: () => load() } })),
    problem,
    box);
  return { node, load };
}
