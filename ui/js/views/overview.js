// Owns the Overview view: one card per watched provider, or an invitation to add one.
import { el, replaceKeepingFocus } from '../dom.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';
import { providerCard } from '../parts/provider-card.js';

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Overview');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Overview' }), body);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const overview = await ctx.loadOverview();
      if (mine !== seq || !ctx.isActive()) return;
      const providers = overview.providers ?? [];
      if (providers.length === 0) {
        replaceKeepingFocus(body, emptyState('You are not watching any status pages yet.',
          { href: '#/add', text: 'Add a service' }));
        return;
      }
      const now = ctx.now();
      replaceKeepingFocus(body, el('ul', { class: 'cards' }, providers.map((card) => providerCard(card, now))));
    } catch (error) {
      if (mine === seq && ctx.isActive()) replaceKeepingFocus(body, errorNotice(error, load));
    }
  }

  return { ready: load(), refresh: load };
}
