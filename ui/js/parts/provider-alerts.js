// Owns the provider page's "Alerts" section: snooze, minimum severity, which changes alert, and where they go.
import {
  EVENT_FLAGS, SNOOZES, chosenSinks, eventChoices, isSnoozed, rulesToSave, severityChoices, severityToValue,
  sinkChecked, sinkTargets, snoozeText,
} from '../alert-rules.js';
import { sinkKindLabel } from '../sink-kinds.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';

/**
 * A checkbox or radio button with its label.
 * @param {'checkbox' | 'radio'} type
 * @param {{ id: string, name: string, value: string, labelText: string, extra?: Node | null }} options
 */
function check(type, { id, name, value, labelText, extra }) {
  const input = el('input', { attrs: { type, id, name, value }, data: { focusKey: id } });
  return { input, row: el('label', { class: 'check' }, input, el('span', { text: labelText }), extra ?? null) };
}

/** The snooze card: its state line, a button per length, "Unsnooze", and where errors go. */
function snoozeCard(snooze) {
  const snoozeButtons = SNOOZES.map(([how, label, id]) =>
    el('button', { attrs: { type: 'button', id }, data: { snooze: how }, text: label, on: { click: () => snooze(how) } }));
  const snoozeOff = el('button', { attrs: { type: 'button', id: 'snooze-off' }, data: { snooze: 'off' }, text: 'Unsnooze', on: { click: () => snooze('off') } });
  const snoozeState = el('p', { class: 'snooze-state', attrs: { id: 'snooze-state', 'aria-live': 'polite' } });
  const snoozeError = el('div');
  const node = el('div', { class: 'snooze card' }, snoozeState,
    el('div', { class: 'actions', attrs: { role: 'group', 'aria-label': 'Snooze this service' } },
      el('span', { class: 'muted', text: 'Snooze:' }), snoozeButtons, snoozeOff),
    snoozeError);
  return { node, snoozeButtons, snoozeOff, snoozeState, snoozeError };
}

/** The rules form: minimum severity, which changes (global or custom), where they go, save. */
function rulesForm() {
  const severity = el('select', { attrs: { id: 'min-severity', name: 'min-severity', 'aria-labelledby': 'min-severity-legend', 'aria-describedby': 'min-severity-help' } });
  const global = check('radio', { id: 'events-global', name: 'events-mode', value: 'global', labelText: 'Use my global choices' });
  const custom = check('radio', { id: 'events-custom', name: 'events-mode', value: 'custom', labelText: 'Custom' });
  const events = {};
  const eventRows = EVENT_FLAGS.map(([flag, label]) => {
    const id = `event-${flag.replaceAll('_', '-')}`;
    const { input, row } = check('checkbox', { id, name: id, value: flag, labelText: label });
    events[flag] = input;
    return row;
  });
  const customBox = el('div', { class: 'event-choices', attrs: { id: 'custom-events' }, hidden: true }, eventRows);
  const targetList = el('div', { class: 'send-to-list' });
  const noTarget = el('p', { class: 'muted', hidden: true, text: 'Nothing ticked: this service will not alert anywhere.' });
  const save = el('button', { class: 'primary', attrs: { type: 'submit', id: 'save-rules' }, text: 'Save alert rules' });
  const status = el('span', { class: 'muted form-status', attrs: { id: 'rules-status', 'aria-live': 'polite' } });
  const saveError = el('div');
  const form = el('form', { class: 'rules-form', attrs: { id: 'provider-rules-form', 'aria-label': 'Alert rules' } },
    el('fieldset', {}, el('legend', { attrs: { id: 'min-severity-legend' }, text: 'Minimum severity' }), severity,
      el('p', { class: 'muted', attrs: { id: 'min-severity-help' }, text: 'Incidents and component changes below this do not alert.' })),
    el('fieldset', {}, el('legend', { text: 'Which changes' }), global.row, custom.row, customBox),
    el('fieldset', {}, el('legend', { text: 'Send to' }), targetList, noTarget),
    el('div', { class: 'actions' }, save, status),
    saveError);
  return { form, severity, global, custom, events, customBox, targetList, noTarget, status, saveError };
}

/** @typedef {import('../../types/lookout').ProviderRules} ProviderRules */
/** @typedef {import('../../types/lookout').SinkView} SinkView */

/** Keeps only the snooze of `rules` into `saved` (the form being edited stays as it is). */
function withSnooze(saved, rules) {
  return { ...saved, snoozed_until: rules.snoozed_until ?? null, snoozed_until_resolved: Boolean(rules.snoozed_until_resolved) };
}

/** The section's state and controls; each method does one thing. */
class ProviderAlerts {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {number} providerId
   */
  constructor(ctx, providerId) {
    this.ctx = ctx;
    this.providerId = providerId;
    this.body = el('div', {}, loadingNotice());
    this.node = el('section', { class: 'provider-alerts', attrs: { id: 'provider-alerts', 'aria-labelledby': 'provider-alerts-heading' } },
      el('h2', { attrs: { id: 'provider-alerts-heading' }, text: 'Alerts' }), this.body);
    /** @type {ProviderRules | null} the last rules the backend returned */
    this.saved = null;
    /** @type {import('../../types/lookout').EventChoices | null} the global choices (else the backend's defaults) */
    this.globalEvents = null;
    /** @type {any} the form's controls, once built */
    this.controls = null;
    this.dirty = false;
    this.saving = false;
    this.snoozing = false;
  }

  showSnooze() {
    const { controls, ctx } = this;
    const snoozed = isSnoozed(this.saved, ctx.now());
    controls.snoozeState.textContent = snoozeText(this.saved, ctx.now());
    controls.snoozeState.classList.toggle('is-snoozed', snoozed);
    const offHadFocus = document.activeElement === controls.snoozeOff;
    controls.snoozeOff.disabled = !snoozed;
    if (offHadFocus && !snoozed) controls.snoozeButtons[0].focus();
  }

  /** @param {string} how */
  async snooze(how) {
    if (this.snoozing) return;
    this.snoozing = true;
    this.controls.snoozeError.replaceChildren();
    try {
      const rules = await this.ctx.backend.snoozeProvider(this.providerId, how);
      if (!this.ctx.isActive()) return;
      if (this.dirty || this.saving) this.saved = withSnooze(this.saved, rules);
      else this.showRules(rules);
      this.showSnooze();
    } catch (error) {
      if (this.ctx.isActive()) this.controls.snoozeError.replaceChildren(errorNotice(error));
    } finally {
      this.snoozing = false;
    }
  }

  /** @param {SinkView[]} sinks */
  renderTargets(sinks) {
    const { controls } = this;
    controls.targets = sinkTargets(sinks).map((target) => check('checkbox', {
      id: `send-to-${target.value.replace(':', '-')}`, name: 'send-to', value: target.value, labelText: target.label,
      extra: target.kind ? el('span', { class: 'chip', text: sinkKindLabel(target.kind) }) : null,
    }));
    replaceKeepingFocus(controls.targetList, controls.targets.map((t) => t.row),
      sinks.length ? null : el('p', { class: 'muted' }, 'Add Slack, Discord, Teams or webhook destinations in ', el('a', { attrs: { href: '#/settings' }, text: 'Settings' }), '.'));
  }

  showNoTarget() {
    this.controls.noTarget.hidden = this.controls.targets.some((t) => t.input.checked);
  }

  showCustom() {
    this.controls.customBox.hidden = !this.controls.custom.input.checked;
  }

  /**
   * @param {ProviderRules} rules
   * @param {SinkView[]} [sinks]
   */
  showRules(rules, sinks) {
    const { controls } = this;
    this.saved = rules;
    if (sinks) this.renderTargets(sinks);
    controls.severity.replaceChildren(...severityChoices(rules.min_severity).map(([value, label]) =>
      el('option', { attrs: { value }, text: label })));
    controls.severity.value = severityToValue(rules.min_severity);
    const custom = rules.events !== null && rules.events !== undefined;
    controls.custom.input.checked = custom;
    controls.global.input.checked = !custom;
    const events = eventChoices(custom ? rules.events : this.globalEvents);
    for (const [flag, box] of Object.entries(controls.events)) box.checked = events[flag];
    for (const target of controls.targets) target.input.checked = sinkChecked(rules.sinks, target.input.value);
    this.showCustom();
    this.showNoTarget();
    this.dirty = false;
  }

  /** The rules the form says, to save. */
  collect() {
    const { controls } = this;
    const events = {};
    for (const [flag, box] of Object.entries(controls.events)) events[flag] = box.checked;
    return rulesToSave(this.saved, {
      custom: controls.custom.input.checked,
      events,
      minSeverity: controls.severity.value,
      sinks: chosenSinks(controls.targets.map((t) => t.input.value), controls.targets.filter((t) => t.input.checked).map((t) => t.input.value)),
    });
  }

  /** @param {Event} event */
  changed(event) {
    this.dirty = true;
    this.controls.status.textContent = '';
    this.controls.saveError.replaceChildren();
    if (/** @type {HTMLInputElement} */ (event.target).name === 'events-mode') this.showCustom();
    this.showNoTarget();
  }

  /** @param {Event} event */
  async save(event) {
    event.preventDefault();
    if (this.saving) return;
    const { status, saveError } = this.controls;
    this.saving = true;
    status.textContent = 'Saving…';
    saveError.replaceChildren();
    try {
      const result = await this.ctx.backend.saveProviderRules(this.providerId, this.collect());
      if (!this.ctx.isActive()) return;
      this.showRules(result);
      this.showSnooze();
      status.textContent = 'Saved.';
    } catch (error) {
      if (!this.ctx.isActive()) return;
      status.textContent = '';
      saveError.replaceChildren(errorNotice(error));
    } finally {
      this.saving = false;
    }
  }

  build() {
    const card = snoozeCard((how) => this.snooze(how));
    const rules = rulesForm();
    this.controls = { ...card, ...rules, targets: [] };
    rules.form.addEventListener('change', (event) => this.changed(event));
    rules.form.addEventListener('submit', (event) => this.save(event));
    this.body.replaceChildren(card.node, rules.form);
  }

  /** Reads the rules, the sinks and the global choices; edits in progress are never overwritten. */
  async load() {
    const { ctx, providerId } = this;
    try {
      const [rules, sinks, settings, defaults] = await Promise.all([
        ctx.backend.providerRules(providerId),
        ctx.backend.sinks(),
        ctx.backend.alertSettings().catch(() => null), // only to pre-fill "Custom"
        ctx.backend.defaultEventChoices().catch(() => null), // the same, should the above fail
      ]);
      if (!ctx.isActive()) return;
      if (settings?.events || defaults) this.globalEvents = eventChoices(settings?.events ?? null, defaults);
      if (!this.controls) this.build();
      else if (this.dirty || this.saving || this.controls.form.contains(document.activeElement)) {
        // The user is on the form: only the snooze may change under them.
        this.saved = withSnooze(this.saved, rules);
        this.showSnooze();
        return;
      }
      this.showRules(rules, sinks);
      this.showSnooze();
    } catch (error) {
      if (ctx.isActive() && !this.controls) this.body.replaceChildren(errorNotice(error, () => this.load()));
    }
  }
}

/**
 * { node, load }: `load` reads the rules, the sinks and the global choices; edits are never overwritten.
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} providerId
 */
export function providerAlertsSection(ctx, providerId) {
  const section = new ProviderAlerts(ctx, providerId);
  return { node: section.node, load: () => section.load() };
}
