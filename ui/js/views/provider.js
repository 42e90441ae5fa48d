// Owns the provider page: status, suspicion, errors, watched-component choice, history, probes, alerts, incidents, maintenance and removal.
import { el, replaceKeepingFocus } from '../dom.js';
import { intervalLabel } from '../format.js';
import { componentStatusParts, statusBadge, suspectedBadge, userBadges } from '../parts/badges.js';
import { incidentList } from '../parts/incident-rows.js';
import { maintenanceList } from '../parts/maintenance-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';
import { providerAlertsSection } from '../parts/provider-alerts.js';
import { cardError, suspectedNote } from '../parts/provider-card.js';
import { providerHistorySection } from '../parts/provider-history.js';
import { providerProbesSection } from '../parts/provider-probes.js';
import { relativeTimeEl } from '../parts/times.js';

/**
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} now
 */
function summarySection(card, ctx, now) {
  const confirm = el('div', { class: 'confirm', hidden: true, attrs: { role: 'group', 'aria-label': 'Confirm removal' } });
  const removeButton = el('button', { class: 'danger-outline', attrs: { type: 'button', id: 'remove-provider' }, text: 'Remove…' });
  const cancel = el('button', { attrs: { type: 'button' }, text: 'Cancel' });
  const confirmButton = el('button', { class: 'danger', attrs: { type: 'button', id: 'confirm-remove' }, text: `Remove ${card.name}` });
  const confirmError = el('div');
  const closeConfirm = () => { confirm.hidden = true; removeButton.hidden = false; removeButton.focus(); };
  confirm.append(el('p', { text: `Stop watching ${card.name}? Lookout will no longer check its page.` }),
    el('div', { class: 'actions' }, confirmButton, cancel), confirmError);
  confirm.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); closeConfirm(); } });
  removeButton.addEventListener('click', () => { confirm.hidden = false; removeButton.hidden = true; cancel.focus(); });
  cancel.addEventListener('click', closeConfirm);
  confirmButton.addEventListener('click', async () => {
    confirmButton.disabled = true;
    try {
      await ctx.backend.removeProvider(card.id);
      ctx.toast(`Stopped watching ${card.name}.`);
      ctx.navigate('#/overview');
    } catch (error) {
      confirmButton.disabled = false;
      confirmError.replaceChildren(errorNotice(error));
    }
  });

  return el('section', { class: 'provider-summary card' },
    el('div', { class: 'card-header' },
      statusBadge(card.status, 'card-status'),
      card.suspected ? suspectedBadge('card-status') : null,
      el('span', { class: 'chip', text: card.platform_label }),
      userBadges(card.badges),
      el('span', { class: 'muted' }, card.last_checked_at ? relativeTimeEl(card.last_checked_at, now, 'checked ') : 'not checked yet'),
      el('span', { class: 'muted', text: `checks every ${intervalLabel(card.poll_interval_secs)}` })),
    card.badges?.length
      ? el('ul', { class: 'badge-details muted', attrs: { id: 'provider-badges' } }, card.badges.map((b) => el('li', { text: b.detail })))
      : null,
    suspectedNote(card, now, { badge: false }),
    cardError(card),
    card.unreachable && card.last_success_at
      ? el('p', { class: 'muted' }, relativeTimeEl(card.last_success_at, now, 'Last read successfully '))
      : null,
    el('p', { class: 'provider-url muted', text: card.url }),
    el('div', { class: 'actions' },
      el('button', { attrs: { type: 'button' }, text: 'Open status page', on: { click: () => ctx.openLink(card.url) } }),
      removeButton),
    confirm);
}

/**
 * @param {import('../../types/lookout').ProviderCard} card
 * @param {import('../../types/window').ViewContext} ctx
 * @param {(card: import('../../types/lookout').ProviderCard) => void} onSaved
 * @param {() => void} onDirty
 */
function componentsForm(card, ctx, onSaved, onDirty) {
  const boxes = [];
  const status = el('span', { class: 'muted form-status', attrs: { 'aria-live': 'polite' } });
  const saveButton = el('button', { class: 'primary', attrs: { type: 'submit', id: 'save-watched' }, text: 'Save', props: { disabled: true } });
  const markDirty = () => { saveButton.disabled = false; status.textContent = ''; onDirty(); };
  const groups = (card.groups ?? []).map((group) => {
    const items = group.components.map((component) => {
      const box = el('input', { attrs: { type: 'checkbox', value: component.id }, props: { checked: component.watched } });
      boxes.push(box);
      const { dot, label } = componentStatusParts(component.status);
      return el('li', { class: ['component', 'component-choice', component.watched ? '' : 'unwatched'] },
        el('label', {}, box, dot, el('span', { class: 'component-name', text: component.name, attrs: { title: component.name } }), label));
    });
    return el('fieldset', { class: 'group' },
      group.name ? el('legend', { class: 'group-header' }, el('span', { class: 'group-name', text: group.name }), statusBadge(group.status)) : null,
      el('ul', { class: 'component-list' }, items));
  });
  if (boxes.length === 0) {
    return el('p', { class: 'muted', text: 'This page lists no components; Lookout watches its incidents.' });
  }
  const form = el('form', { class: 'watch-form', on: { change: markDirty } },
    el('p', { class: 'muted', text: 'Choose the components that matter to you. Nothing chosen means all of them.' }),
    groups,
    el('div', { class: 'actions' }, saveButton,
      el('button', { attrs: { type: 'button' }, text: 'Select all', on: { click: () => { boxes.forEach((b) => { b.checked = true; }); markDirty(); } } }),
      status));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    const ids = chosen.length === boxes.length ? [] : chosen;
    saveButton.disabled = true;
    status.textContent = 'Saving…';
    try {
      const updated = await ctx.backend.setWatched(card.id, ids);
      onSaved(updated);
    } catch (error) {
      saveButton.disabled = false;
      status.textContent = '';
      form.append(errorNotice(error));
    }
  });
  return form;
}

/** @typedef {import('../../types/lookout').ProviderCard} ProviderCard */

/** The page's state and nodes; each method does one thing. */
class ProviderView {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {number} id the provider's id, from the route
   */
  constructor(ctx, id) {
    this.ctx = ctx;
    this.id = id;
    this.heading = el('h1', { attrs: { tabindex: '-1' }, text: 'Service' });
    this.summary = el('div', {}, loadingNotice());
    this.components = el('div');
    this.incidents = el('div');
    this.shownIncidents = 0; // rows of the list rendered so far: a refresh renders as many
    this.maintenance = el('div');
    this.alerts = providerAlertsSection(ctx, id);
    this.history = providerHistorySection(ctx, id);
    this.probes = providerProbesSection(ctx, id);
    this.current = el('div');
    const section = (/** @type {string} */ id, /** @type {string} */ title, /** @type {Node} */ body) =>
      el('section', { attrs: { id } }, el('h2', { text: title }), body);
    // What is happening now comes first, then what the user chooses; the record last.
    const parts = [
      ['Now', section('provider-now', 'Now', this.current)],
      ['Components', section('provider-components', 'Components', this.components)],
      ['History', this.history.node],
      ['Probes', this.probes.node],
      ['Alerts', this.alerts.node],
      ['Incidents', section('provider-incidents', 'Incidents', this.incidents)],
      ['Maintenance', section('provider-maintenance', 'Maintenance', this.maintenance)],
    ];
    const localNav = el('nav', { class: 'local-nav', attrs: { 'aria-label': 'On this page' } },
      parts.map(([name, node]) => el('button', { class: 'link-button', attrs: { type: 'button' }, text: name,
        on: { click: () => /** @type {HTMLElement} */ (node).scrollIntoView({ block: 'start' }) } })));
    this.sections = el('div', { class: 'provider-sections', hidden: true }, localNav, parts.map(([, node]) => node));
    this.seq = 0;
    this.formDirty = false;
  }

  /** The breadcrumb, the heading, the summary and the sections, in that order. */
  nodes() {
    return [el('p', { class: 'breadcrumb' }, el('a', { attrs: { href: '#/overview' }, text: '← Overview' })),
      this.heading, this.summary, this.sections];
  }

  /** @param {ProviderCard} card */
  renderForm(card) {
    replaceKeepingFocus(this.components, componentsForm(card, this.ctx, (updated) => {
      this.formDirty = false;
      this.renderForm(updated);
      this.ctx.toast('Watched components saved.');
    }, () => { this.formDirty = true; }));
  }

  showMissing() {
    this.heading.textContent = 'Service not found';
    this.sections.hidden = true;
    replaceKeepingFocus(this.summary, emptyState('Lookout is not watching this service (any more).', { href: '#/overview', text: 'Back to the overview' }));
  }

  /**
   * @param {ProviderCard} card
   * @param {import('../../types/lookout').IncidentRow[]} rows
   */
  showCard(card, rows) {
    const { ctx } = this;
    const now = ctx.now();
    this.heading.textContent = card.name;
    ctx.setTitle(card.name);
    if (!this.summary.querySelector('.confirm:not([hidden])')) { // never close a removal the user is confirming
      replaceKeepingFocus(this.summary, summarySection(card, ctx, now));
    }
    if (!this.formDirty) this.renderForm(card);
    const growth = { before: this.shownIncidents, onShown: (/** @type {number} */ n) => { this.shownIncidents = n; } };
    replaceKeepingFocus(this.incidents, rows.length ? incidentList(rows, now, { growth }) : el('p', { class: 'muted', text: 'No incidents recorded.' }));
    const open = card.active_incidents ?? [];
    const soon = (card.maintenances ?? []).filter((m) => m.in_progress);
    replaceKeepingFocus(this.current,
      open.length ? incidentList(open, now, { compact: true }) : null,
      soon.length ? maintenanceList(soon, now, ctx.openLink, { showProvider: false }) : null,
      open.length || soon.length ? null : el('p', { class: 'muted', text: 'No incident or maintenance under way.' }));
    const maint = card.maintenances ?? [];
    replaceKeepingFocus(this.maintenance, maint.length
      ? maintenanceList(maint, now, ctx.openLink, { showProvider: false })
      : el('p', { class: 'muted', text: 'No maintenance announced.' }));
    this.sections.hidden = false;
  }

  async load() {
    const { ctx, id } = this;
    const mine = ++this.seq;
    try {
      const [overview, rows] = await Promise.all([
        ctx.loadOverview(),
        ctx.backend.incidents({ provider_id: id, limit: 50 }),
      ]);
      if (mine !== this.seq || !ctx.isActive()) return;
      const card = (overview.providers ?? []).find((p) => p.id === id);
      if (!card) {
        this.showMissing();
        return;
      }
      this.showCard(card, rows);
      await Promise.all([this.history.load(card.name), this.probes.load(), this.alerts.load()]);
    } catch (error) {
      if (mine === this.seq && ctx.isActive()) replaceKeepingFocus(this.summary, errorNotice(error, () => this.load()));
    }
  }
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  const id = ctx.route.providerId;
  ctx.setTitle('Service');
  const view = new ProviderView(ctx, id);
  container.append(...view.nodes());
  const load = () => view.load();
  return { ready: load(), refresh: load };
}
