// Owns a history bar: one cell per day coloured by its worst status, reached one at a time with the arrow keys, and the details line naming the pointed-at or focused day's incidents.
import { el } from '../dom.js';
import { historyDayText, statusClass } from '../format.js';

/** The one line above the bars saying how to read them (not repeated under each bar). */
export const BARS_HINT = 'Point at or focus a day (Tab, then the arrow keys) to see its status and incidents under its bar.';

/**
 * A day of a bar: the provider's days carry their incidents, a component's only its status.
 * @typedef {{ date: string, worst: import('../../types/lookout').ComponentStatus,
 *             incidents?: import('../../types/lookout').DayIncident[] }} BarDay
 */

/**
 * What a bar shows beside its cells.
 * @typedef {{ key: string, name: string, note?: string | null, uptime?: string | null,
 *             days: BarDay[], id?: string }} BarOptions
 */

/**
 * One day's cell: its colour is the status class the badges use; its label says the day in words.
 * @param {BarDay} day
 * @param {string} key the bar's focus key
 * @param {boolean} reachable whether Tab lands on it (one cell per bar)
 */
function dayCell(day, key, reachable) {
  return el('li', {
    class: ['history-cell', statusClass(day.worst)],
    attrs: { tabindex: reachable ? '0' : '-1', 'aria-label': historyDayText(day) },
    data: { date: day.date, status: day.worst, focusKey: `${key}:${day.date}` },
  });
}

/**
 * Makes `cell` the one Tab reaches in its bar (a roving tabindex).
 * @param {HTMLElement} bar
 * @param {HTMLElement} cell
 */
function makeReachable(bar, cell) {
  for (const other of bar.querySelectorAll('.history-cell[tabindex="0"]')) {
    if (other !== cell) other.setAttribute('tabindex', '-1');
  }
  cell.setAttribute('tabindex', '0');
}

/**
 * The cell the arrow key leads to from `cell`, or null for any other key.
 * @param {HTMLElement} cell
 * @param {string} key
 * @returns {HTMLElement | null}
 */
function nextCell(cell, key) {
  const cells = /** @type {HTMLElement[]} */ ([...(cell.parentElement?.children ?? [])]);
  const at = cells.indexOf(cell);
  const moves = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: cells.length - 1 };
  if (!Object.hasOwn(moves, key)) return null;
  return cells[Math.min(cells.length - 1, Math.max(0, moves[key]))] ?? null;
}

/**
 * Wires the bar: pointing at or focusing a cell writes its day into `details` (empty otherwise);
 * arrows move focus.
 * @param {HTMLElement} bar
 * @param {HTMLElement} details
 * @param {Map<string, BarDay>} byDate
 */
function wireBar(bar, details, byDate) {
  /** @param {EventTarget | null} target @returns {HTMLElement | null} */
  const cellOf = (target) => (target instanceof HTMLElement ? target.closest('.history-cell') : null);
  /** @param {HTMLElement | null} cell */
  const show = (cell) => {
    const day = cell ? byDate.get(cell.dataset.date ?? '') : undefined;
    details.textContent = day ? historyDayText(day) : '';
    details.classList.toggle('has-day', Boolean(day));
  };
  bar.addEventListener('mouseover', (event) => { const cell = cellOf(event.target); if (cell) show(cell); });
  bar.addEventListener('mouseleave', () => show(cellOf(bar.contains(document.activeElement) ? document.activeElement : null)));
  bar.addEventListener('focusin', (event) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    makeReachable(bar, cell);
    show(cell);
  });
  bar.addEventListener('keydown', (event) => {
    const cell = cellOf(event.target);
    const next = cell ? nextCell(cell, event.key) : null;
    if (!next) return;
    event.preventDefault();
    next.focus();
  });
}

/**
 * A bar with its name, an optional note (group) and uptime, its cells (oldest day first, today
 * last, which Tab reaches) and its details line (read out politely as it changes).
 * @param {BarOptions} options
 */
export function historyBar({ key, name, note = null, uptime = null, days, id }) {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const bar = el('ol', { class: 'history-bar', attrs: { 'aria-label': `${name}: each day, oldest first` } },
    days.map((day, index) => dayCell(day, key, index === days.length - 1)));
  const details = el('p', { class: 'history-details muted', attrs: { 'aria-live': 'polite' } });
  wireBar(bar, details, byDate);
  return el('div', { class: 'history-row', attrs: { id: id ?? null }, data: { bar: key } },
    el('div', { class: 'history-head' },
      el('span', { class: 'history-name', text: name }),
      note ? el('span', { class: 'history-note muted', text: note }) : null,
      uptime ? el('span', { class: 'history-uptime', text: uptime }) : null),
    bar, details);
}
