// Owns the Settings "Your services" form: each service's name, criticality, its own alert rule and
// the vendor parts it uses (a watched provider, optionally components or groups and regions),
// saved whole with save_service_specs (refused with the part at fault, nothing changed).
import { el } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';

/** @typedef {import('../../types/lookout').ServiceSpec} ServiceSpec */
/** @typedef {import('../../types/lookout').ProviderCard} ProviderCard */

const CRITICALITIES = [['high', 'High'], ['normal', 'Normal'], ['low', 'Low']];

/**
 * "API, Checkout , ,Webhooks" → ["API", "Checkout", "Webhooks"].
 * @param {string} text
 */
export function splitNames(text) {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

/**
 * One service as the form holds it → a ServiceSpec; dependencies without a provider are left out.
 * @param {{ name: string, criticality: string, alert: boolean,
 *   dependencies: { provider: string, components: string, regions: string }[] }} values
 * @returns {ServiceSpec}
 */
export function specFromValues(values) {
  return {
    name: values.name.trim(),
    criticality: /** @type {any} */ (values.criticality || 'normal'),
    alert: Boolean(values.alert),
    depends_on: values.dependencies
      .filter((d) => d.provider.trim())
      .map((d) => ({ provider: d.provider.trim(), components: splitNames(d.components), regions: splitNames(d.regions) })),
  };
}

/**
 * The names a dependency on `card` may use: its components' and groups' names, once each.
 * @param {ProviderCard | undefined} card
 */
export function partNames(card) {
  const names = new Set();
  for (const group of card?.groups ?? []) {
    if (group.name) names.add(group.name);
    for (const component of group.components) names.add(component.name);
  }
  return [...names];
}

let uid = 0;

/**
 * One "uses" row: a provider, components or groups, regions.
 * @param {ProviderCard[]} providers
 * @param {{ provider?: string, components?: string[], regions?: string[] }} dependency
 */
function dependencyRow(providers, dependency) {
  const id = `service-part-${++uid}`;
  const list = el('datalist', { attrs: { id: `${id}-names` } });
  const provider = el('select', { class: 'service-provider', attrs: { 'aria-label': 'Provider' } },
    el('option', { attrs: { value: '' }, text: 'Choose a provider…' }),
    providers.map((p) => el('option', { attrs: { value: p.name }, text: p.name })));
  const asked = dependency.provider ?? '';
  const chosen = providers.find((p) => p.name.toLowerCase() === asked.toLowerCase());
  if (asked && !chosen) provider.append(el('option', { attrs: { value: asked }, text: `${asked} (no longer watched)` }));
  provider.value = chosen?.name ?? asked;
  const fillNames = () => list.replaceChildren(...partNames(providers.find((p) => p.name === provider.value))
    .map((name) => el('option', { attrs: { value: name } })));
  provider.addEventListener('change', fillNames);
  fillNames();
  const components = el('input', { class: 'service-components', attrs: { type: 'text', list: `${id}-names`, placeholder: 'All of it, or components/groups, comma-separated', 'aria-label': 'Components or groups' }, props: { value: (dependency.components ?? []).join(', ') } });
  const regions = el('input', { class: 'service-regions', attrs: { type: 'text', placeholder: 'Regions (us-east-1, …)', 'aria-label': 'Regions' }, props: { value: (dependency.regions ?? []).join(', ') } });
  const row = el('div', { class: 'service-dependency' }, provider, components, list, regions);
  row.append(el('button', { class: 'link-button', attrs: { type: 'button', 'aria-label': 'Remove this provider' }, text: 'Remove', on: { click: () => row.remove() } }));
  return row;
}

/**
 * One service's editor.
 * @param {ProviderCard[]} providers
 * @param {Partial<ServiceSpec>} spec
 */
function serviceEditor(providers, spec) {
  const name = el('input', { class: 'service-name', attrs: { type: 'text', maxlength: '100', 'aria-label': 'Service name', placeholder: 'Checkout' }, props: { value: spec.name ?? '' } });
  const criticality = el('select', { class: 'service-criticality', attrs: { 'aria-label': 'Criticality' } },
    CRITICALITIES.map(([value, text]) => el('option', { attrs: { value }, text })));
  criticality.value = spec.criticality ?? 'normal';
  const alert = el('input', { class: 'service-alert', attrs: { type: 'checkbox' }, props: { checked: Boolean(spec.alert) } });
  const parts = el('div', { class: 'service-dependencies' },
    (spec.depends_on?.length ? spec.depends_on : [{}]).map((d) => dependencyRow(providers, d)));
  const node = el('fieldset', { class: 'service-editor' },
    el('div', { class: 'service-head' }, name, criticality),
    el('label', { class: 'check' }, alert, el('span', { text: 'Alert me whenever a part it uses changes, whatever that vendor\u2019s rules say' })),
    el('p', { class: 'field-label', text: 'Uses' }), parts);
  node.append(el('div', { class: 'actions' },
    el('button', { attrs: { type: 'button' }, text: 'Add a provider it uses', on: { click: () => parts.append(dependencyRow(providers, {})) } }),
    el('button', { class: 'link-button', attrs: { type: 'button' }, text: 'Remove this service', on: { click: () => node.remove() } })));
  return node;
}

/** What one editor says. @param {HTMLElement} editor */
function editorValues(editor) {
  const value = (cls, root = editor) => root.querySelector(`.${cls}`).value;
  return {
    name: value('service-name'),
    criticality: value('service-criticality'),
    alert: editor.querySelector('.service-alert').checked,
    dependencies: [...editor.querySelectorAll('.service-dependency')].map((row) => ({
      provider: value('service-provider', row), components: value('service-components', row), regions: value('service-regions', row),
    })),
  };
}

/**
 * The section: `load()` fills it (unless the user is editing it), `node` goes in Settings.
 * @param {import('../../types/window').ViewContext} ctx
 */
export function servicesFormSection(ctx) {
  const list = el('div', { class: 'service-editors' });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'services-form-status', 'aria-live': 'polite' } });
  const body = el('div', {}, loadingNotice());
  const form = el('form', { class: 'settings-form', attrs: { id: 'services-form', 'aria-labelledby': 'services-form-legend', novalidate: true } },
    el('fieldset', {}, el('legend', { attrs: { id: 'services-form-legend' }, text: 'Your services' }),
      el('p', { class: 'muted', text: 'Your own services and the vendor parts they use: Lookout says which of them a vendor\u2019s trouble affects, in the tray, the window and every alert.' }),
      body));
  let providers = [];
  let dirty = false;
  form.addEventListener('input', () => { dirty = true; status.replaceChildren(); });
  form.addEventListener('click', (event) => { if (event.target instanceof HTMLButtonElement && event.target.type === 'button') dirty = true; });

  const show = (specs) => {
    list.replaceChildren(...specs.map((spec) => serviceEditor(providers, spec)));
    body.replaceChildren(list, el('div', { class: 'actions' },
      el('button', { attrs: { type: 'button', id: 'services-form-add' }, text: 'Add a service', on: { click: () => list.append(serviceEditor(providers, {})) } }),
      el('button', { class: 'primary', attrs: { type: 'submit', id: 'services-form-save' }, text: 'Save services' })), status);
    dirty = false;
  };

  async function load() {
    if (dirty) return; // never overwrite what is being edited
    try {
      const [specs, overview] = await Promise.all([ctx.backend.serviceSpecs(), ctx.backend.overview()]);
      if (!ctx.isActive() || dirty) return;
      providers = overview.providers;
      show(specs);
    } catch (error) {
      if (ctx.isActive()) body.replaceChildren(errorNotice(error, load));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const specs = [...list.querySelectorAll('.service-editor')].map((e) => specFromValues(editorValues(e)));
    status.textContent = 'Saving…';
    try {
      await ctx.backend.saveServiceSpecs(specs);
      if (!ctx.isActive()) return;
      dirty = false;
      ctx.toast('Services saved');
      await load();
      status.textContent = 'Saved.';
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    }
  });
  return { node: form, load };
}
