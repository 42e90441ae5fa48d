// Owns <time> elements for local and relative times, and keeping the relative ones up to date.
import { el } from '../dom.js';
import { fullLocalTime, localTime, relativeTime } from '../format.js';

/** "<prefix>2 min ago", refreshed by refreshRelativeTimes. */
export function relativeTimeEl(iso, now, prefix = '') {
  return el('time', {
    class: 'relative-time',
    attrs: { datetime: iso, title: fullLocalTime(iso) },
    data: { prefix },
    text: prefix + relativeTime(iso, now),
  });
}

export function localTimeEl(iso, now) {
  return el('time', { attrs: { datetime: iso, title: fullLocalTime(iso) }, text: localTime(iso, now) });
}

/** "14:05 · 2 h ago"; nothing when the time is missing. */
export function whenEl(iso, now, missing = '') {
  if (!iso) return el('span', { class: 'when muted', text: missing });
  return el('span', { class: 'when' }, localTimeEl(iso, now), ' · ', relativeTimeEl(iso, now));
}

export function refreshRelativeTimes(root, now) {
  for (const node of root.querySelectorAll('time.relative-time')) {
    node.textContent = (node.dataset.prefix ?? '') + relativeTime(node.getAttribute('datetime'), now);
  }
}
