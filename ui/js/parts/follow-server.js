// Owns the Settings "Follow a Lookout server" section: the team's `lookout serve` followed
// instead of the vendors (its address and token), or watching from this computer again; either
// way the app restarts on the database that goes with it.
import { el } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';

/** @typedef {import('../../types/lookout').FollowingView} FollowingView */

/**
 * What the section says of `view`.
 * @param {FollowingView} view
 */
export function followingText(view) {
  if (!view.server) return 'Lookout reads the vendors\u2019 pages from this computer.';
  const count = view.providers === null || view.providers === undefined ? ''
    : ` (${view.providers} provider${view.providers === 1 ? '' : 's'})`;
  return `Following ${view.server}${count}: the tray, this window and notifications come from it, and nothing else is read. Your own providers are kept as they were.`;
}

/**
 * The section: `load()` fills it, `node` goes in Settings.
 * @param {import('../../types/window').ViewContext} ctx
 */
export function followServerSection(ctx) {
  const body = el('div', {}, loadingNotice());
  const status = el('div', { class: 'form-status muted', attrs: { id: 'follow-status', 'aria-live': 'polite' } });
  const node = el('section', { class: 'settings-form', attrs: { id: 'follow-server', 'aria-labelledby': 'follow-server-legend' } },
    el('fieldset', {}, el('legend', { attrs: { id: 'follow-server-legend' }, text: 'Follow a Lookout server' }), body, status));

  /** @param {() => Promise<FollowingView>} action */
  const act = async (action) => {
    status.textContent = 'Checking…';
    try {
      const view = await action();
      if (!ctx.isActive()) return;
      body.replaceChildren(el('p', { text: followingText(view) }));
      status.textContent = 'Lookout restarts on it…';
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    }
  };

  /** @param {FollowingView} view */
  const show = (view) => {
    const text = el('p', { attrs: { id: 'follow-state' }, text: followingText(view) });
    if (view.server) {
      body.replaceChildren(text, el('div', { class: 'actions' },
        el('button', { attrs: { type: 'button', id: 'follow-stop' }, text: 'Watch from this computer again', on: { click: () => act(() => ctx.backend.watchLocally()) } })));
      return;
    }
    const url = el('input', { attrs: { type: 'url', id: 'follow-url', placeholder: 'http://lookout.internal:8787', required: true } });
    const token = el('input', { attrs: { type: 'password', id: 'follow-token', autocomplete: 'off', placeholder: 'If the server asks for one' } });
    const form = el('form', { attrs: { novalidate: true } },
      el('p', { class: 'muted', text: 'A team\u2019s lookout serve: its providers, read from it instead of the vendors. Your rules, quiet hours and snoozes still decide what notifies you.' }),
      el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Server address' }), url),
      el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Token' }), token),
      el('div', { class: 'actions' }, el('button', { class: 'primary', attrs: { type: 'submit', id: 'follow-start' }, text: 'Follow' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(() => ctx.backend.followServer(url.value, token.value || null));
    });
    body.replaceChildren(text, form);
  };

  async function load() {
    if (body.contains(document.activeElement)) return; // never under the user's typing
    try {
      const view = await ctx.backend.following();
      if (ctx.isActive()) show(view);
    } catch (error) {
      if (ctx.isActive()) body.replaceChildren(errorNotice(error, load));
    }
  }
  return { node, load };
}
