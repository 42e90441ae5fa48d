// Owns long lists rendered a page at a time: the first rows at once, the next page when the list's end nears the visible area.
import { el } from '../dom.js';

/** Rows rendered at first, and added each time the end of the list nears the visible area. */
export const PAGE_ROWS = 40;
/** How far below the visible area (a share of its height) the end starts the next page. */
const AHEAD = '100%';

/**
 * How many of `total` rows to render at first: a page, or as many as were shown before (so a
 * refresh or coming back keeps the scroll position), never more than there are.
 * @param {number} total
 * @param {number} [before]
 * @param {number} [page]
 */
export function firstCount(total, before = 0, page = PAGE_ROWS) {
  return Math.min(total, Math.max(page, before));
}

/**
 * How many rows to render once the end is near: one more page, at most all.
 * @param {number} shown
 * @param {number} total
 * @param {number} [page]
 */
export function nextCount(shown, total, page = PAGE_ROWS) {
  return Math.min(total, shown + page);
}

/**
 * Calls `near()` each time `sentinel` comes within AHEAD of the scrolling area's visible part
 * (`#main`), and again after each call if it is still that near; stops once it is gone.
 * Returns a function that stops watching.
 * @param {HTMLElement} sentinel
 * @param {() => boolean} near returns false once there is nothing more to add
 */
export function whenNear(sentinel, near) {
  if (typeof IntersectionObserver !== 'function') { // nothing to watch with: render everything
    while (near());
    return () => {};
  }
  const observer = new IntersectionObserver((entries) => {
    if (!sentinel.isConnected) { observer.disconnect(); return; }
    if (!entries.some((entry) => entry.isIntersecting)) return;
    if (!near()) { observer.disconnect(); return; }
    observer.unobserve(sentinel); // observing again reports whether it is still near
    observer.observe(sentinel);
  }, { root: document.getElementById('main'), rootMargin: `0px 0px ${AHEAD} 0px` });
  observer.observe(sentinel);
  return () => observer.disconnect();
}

/**
 * A list (`tag`, `options` as for `el`) of `rows`, each made by `renderRow`, rendered a page at a
 * time: `firstCount(rows.length, before)` at once, then `nextCount` whenever its end nears the
 * visible area (`watch`, by default `whenNear`). `onShown(count)` hears every new count.
 * @template T
 * @param {string} tag
 * @param {object} options
 * @param {T[]} rows
 * @param {(row: T) => Node} renderRow
 * @param {{ before?: number, page?: number, onShown?: (count: number) => void,
 *           watch?: (sentinel: HTMLElement, near: () => boolean) => unknown }} [growth]
 */
export function growingList(tag, options, rows, renderRow, growth = {}) {
  const { before = 0, page = PAGE_ROWS, onShown = () => {}, watch = whenNear } = growth;
  let shown = firstCount(rows.length, before, page);
  const list = el(tag, options, rows.slice(0, shown).map(renderRow));
  onShown(shown);
  if (shown >= rows.length) return list;
  const sentinel = el('li', { class: 'list-more', attrs: { 'aria-hidden': 'true' } });
  list.append(sentinel);
  watch(sentinel, () => {
    const next = nextCount(shown, rows.length, page);
    sentinel.before(...rows.slice(shown, next).map(renderRow));
    shown = next;
    onShown(shown);
    if (shown < rows.length) return true;
    sentinel.remove();
    return false;
  });
  return list;
}
