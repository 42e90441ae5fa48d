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

/**
 * The editor: your services as `[[services]]` TOML, saved whole (or refused with the line at
 * fault, nothing changed).
 * @param {import('../../types/window').ViewContext} ctx
 * @param {() => Promise<void>} reload
 */
function editor(ctx, reload) {
  const area = el('textarea', {
    class: 'services-editor',
    attrs: { rows: '12', spellcheck: 'false', 'aria-label': 'Your services as [[services]] TOML' },
  });
  const status = el('div', { class: 'form-status', attrs: { role: 'status' } });
  const save = el('button', { attrs: { type: 'button' }, text: 'Save services' });
  save.addEventListener('click', async () => {
    save.disabled = true;
    status.replaceChildren();
    try {
      await ctx.backend.saveServices(area.value);
      ctx.toast('Services saved');
      await reload();
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      save.disabled = false;
    }
  });
  const details = el('details', { class: 'services-edit' },
    el('summary', { text: 'Edit your services' }),
    el('p', { class: 'muted', text: 'Each service names the providers it uses (as you watch them), optionally narrowed to components or groups by name and to regions. The same [[services]] as in the configuration file.' }),
    area, el('div', { class: 'form-actions' }, save), status);
  ctx.backend.servicesText().then((text) => { area.value = text || EXAMPLE; }).catch(() => { area.value = EXAMPLE; });
  return details;
}

/** What to do when no service is described yet. */
function howTo() {
  return el('div', { class: 'services-howto' },
    emptyState('No services described yet. Tell Lookout which vendor parts your own services use, and it says which of them a vendor\u2019s trouble affects.'),
    el('p', { text: 'Write them below, or in your configuration file (lookout config apply).' }));
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Your services');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Your services' }), body);
  // Made once per visit: a refresh after a poll must not wipe what is being typed.
  let edit = null;
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const services = await ctx.backend.services();
      if (mine !== seq || !ctx.isActive()) return;
      edit ??= editor(ctx, load);
      if (services.length === 0) {
        replaceKeepingFocus(body, howTo(), edit);
        return;
      }
      replaceKeepingFocus(body,
        el('p', { class: 'services-summary', text: servicesSummary(services) }),
        serviceList(services, ctx.now()), edit);
    } catch (error) {
      if (mine === seq && ctx.isActive()) replaceKeepingFocus(body, errorNotice(error, load));
    }
  }

  return { ready: load(), refresh: load };
}
