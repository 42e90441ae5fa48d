// Owns the "Your services" view: your own services (`[[services]]` in the configuration file),
// the affected first, each with why and since when, and how to describe them when there are none.
import { el, replaceKeepingFocus } from '../dom.js';
import { serviceList, servicesSummary } from '../parts/service-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';

const EXAMPLE = `[[services]]
name = "Checkout"
criticality = "high"
depends_on = [
  { provider = "Stripe", components = ["API"] },
  { provider = "Clerk" },
]`;

/** What to do when no service is described yet. */
function howTo() {
  return el('div', { class: 'services-howto' },
    emptyState('No services described yet. Tell Lookout which vendor parts your own services use, and it says which of them a vendor\u2019s trouble affects.'),
    el('p', { text: 'Add them to your configuration file and apply it (lookout config export > team.toml, then lookout config apply team.toml):' }),
    el('pre', { class: 'code-block', text: EXAMPLE }));
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Your services');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Your services' }), body);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const services = await ctx.backend.services();
      if (mine !== seq || !ctx.isActive()) return;
      if (services.length === 0) {
        replaceKeepingFocus(body, howTo());
        return;
      }
      replaceKeepingFocus(body,
        el('p', { class: 'services-summary', text: servicesSummary(services) }),
        serviceList(services, ctx.now()));
    } catch (error) {
      if (mine === seq && ctx.isActive()) replaceKeepingFocus(body, errorNotice(error, load));
    }
  }

  return { ready: load(), refresh: load };
}
