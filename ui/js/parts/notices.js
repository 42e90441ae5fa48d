// Owns the loading spinner, inline error and empty-state notices shown inside views.
import { el } from '../dom.js';

export function loadingNotice(text = 'Loading…') {
  return el('p', { class: 'notice loading', attrs: { role: 'status' } },
    el('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), text);
}

/** The backend's message, shown as is; an optional retry button. */
export function errorNotice(error, retry) {
  const message = error?.message || String(error ?? 'Something went wrong.');
  return el('div', { class: 'notice error', attrs: { role: 'alert' } },
    el('span', { text: message }),
    retry ? el('button', { attrs: { type: 'button' }, text: 'Try again', on: { click: retry } }) : null);
}

/** A friendly empty state, optionally with a link: { href, text }. */
export function emptyState(text, link) {
  return el('div', { class: 'notice empty' },
    el('p', { text }),
    link ? el('a', { class: 'button primary', attrs: { href: link.href }, text: link.text }) : null);
}
