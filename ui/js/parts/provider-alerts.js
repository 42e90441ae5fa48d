// Owns the provider page's "Alerts" section: snooze, minimum severity, which changes alert, and where they go.
import {
  EVENT_FLAGS, SNOOZES, chosenSinks, eventChoices, isSnoozed, rulesToSave, severityChoices, severityToValue,
  sinkChecked, sinkKindLabel, sinkTargets, snoozeText,
} from '../alert-rules.js';
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

/**
 * { node, load }: `load` reads the rules, the sinks and the global choices; edits are never overwritten.
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} providerId
 */
export function providerAlertsSection(ctx, providerId) {
  const body = el('div', {}, loadingNotice());
  const node = el('section', { class: 'provider-alerts', attrs: { id: 'provider-alerts', 'aria-labelledby': 'provider-alerts-heading' } },
    el('h2', { attrs: { id: 'provider-alerts-heading' }, text: 'Alerts' }), body);
  /** @type {import('../../types/lookout').ProviderRules | null} */
  let saved = null; // the last ProviderRules the backend returned
  let globalEvents = eventChoices(null);
  let controls = null;
  let dirty = false;
  let saving = false;
  let snoozing = false;

  function showSnooze() {
    const snoozed = isSnoozed(saved, ctx.now());
    controls.snoozeState.textContent = snoozeText(saved, ctx.now());
    controls.snoozeState.classList.toggle('is-snoozed', snoozed);
    const offHadFocus = document.activeElement === controls.snoozeOff;
    controls.snoozeOff.disabled = !snoozed;
    if (offHadFocus && !snoozed) controls.snoozeButtons[0].focus();
  }

  async function snooze(how) {
    if (snoozing) return;
    snoozing = true;
    controls.snoozeError.replaceChildren();
    try {
      const rules = await ctx.backend.snoozeProvider(providerId, how);
      if (!ctx.isActive()) return;
      if (dirty || saving) saved = { ...saved, snoozed_until: rules.snoozed_until ?? null, snoozed_until_resolved: Boolean(rules.snoozed_until_resolved) };
      else showRules(rules);
      showSnooze();
    } catch (error) {
      if (ctx.isActive()) controls.snoozeError.replaceChildren(errorNotice(error));
    } finally {
      snoozing = false;
    }
  }

  /** @param {import('../../types/lookout').SinkView[]} sinks */
  function renderTargets(sinks) {
    const targets = sinkTargets(sinks);
    controls.targets = targets.map((target) => check('checkbox', {
      id: `send-to-${target.value.replace(':', '-')}`, name: 'send-to', value: target.value, labelText: target.label,
      extra: target.kind ? el('span', { class: 'chip', text: sinkKindLabel(target.kind) }) : null,
    }));
    replaceKeepingFocus(controls.targetList, controls.targets.map((t) => t.row),
      sinks.length ? null : el('p', { class: 'muted' }, 'Add Slack, Discord, Teams or webhook destinations in ', el('a', { attrs: { href: '#/settings' }, text: 'Settings' }), '.'));
  }

  function showNoTarget() {
    controls.noTarget.hidden = controls.targets.some((t) => t.input.checked);
  }

  function showCustom() {
    controls.customBox.hidden = !controls.custom.input.checked;
  }

  /**
   * @param {import('../../types/lookout').ProviderRules} rules
   * @param {import('../../types/lookout').SinkView[]} [sinks]
   */
  function showRules(rules, sinks) {
    saved = rules;
    if (sinks) renderTargets(sinks);
    const severity = severityToValue(rules.min_severity);
    controls.severity.replaceChildren(...severityChoices(rules.min_severity).map(([value, label]) =>
      el('option', { attrs: { value }, text: label })));
    controls.severity.value = severity;
    const custom = rules.events !== null && rules.events !== undefined;
    controls.custom.input.checked = custom;
    controls.global.input.checked = !custom;
    const events = eventChoices(custom ? rules.events : globalEvents);
    for (const [flag, box] of Object.entries(controls.events)) box.checked = events[flag];
    for (const target of controls.targets) target.input.checked = sinkChecked(rules.sinks, target.input.value);
    showCustom();
    showNoTarget();
    dirty = false;
  }

  function collect() {
    const events = {};
    for (const [flag, box] of Object.entries(controls.events)) events[flag] = box.checked;
    return rulesToSave(saved, {
      custom: controls.custom.input.checked,
      events,
      minSeverity: controls.severity.value,
      sinks: chosenSinks(controls.targets.map((t) => t.input.value), controls.targets.filter((t) => t.input.checked).map((t) => t.input.value)),
    });
  }

  function build() {
    const card = snoozeCard(snooze);
    const rules = rulesForm();
    controls = { ...card, ...rules, targets: [] };
    rules.form.addEventListener('change', (event) => {
      dirty = true;
      rules.status.textContent = '';
      rules.saveError.replaceChildren();
      if (event.target.name === 'events-mode') showCustom();
      showNoTarget();
    });
    rules.form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (saving) return;
      saving = true;
      rules.status.textContent = 'Saving…';
      rules.saveError.replaceChildren();
      try {
        const result = await ctx.backend.saveProviderRules(providerId, collect());
        if (!ctx.isActive()) return;
        showRules(result);
        showSnooze();
        rules.status.textContent = 'Saved.';
      } catch (error) {
        if (!ctx.isActive()) return;
        rules.status.textContent = '';
        rules.saveError.replaceChildren(errorNotice(error));
      } finally {
        saving = false;
      }
    });
    body.replaceChildren(card.node, rules.form);
  }

  async function load() {
    try {
      const [rules, sinks, settings] = await Promise.all([
        ctx.backend.providerRules(providerId),
        ctx.backend.sinks(),
        ctx.backend.alertSettings().catch(() => null), // only to pre-fill "Custom"
      ]);
      if (!ctx.isActive()) return;
      if (settings?.events) globalEvents = eventChoices(settings.events);
      if (!controls) build();
      else if (dirty || saving || controls.form.contains(document.activeElement)) {
        // The user is on the form: only the snooze may change under them.
        saved = { ...saved, snoozed_until: rules.snoozed_until ?? null, snoozed_until_resolved: Boolean(rules.snoozed_until_resolved) };
        showSnooze();
        return;
      }
      showRules(rules, sinks);
      showSnooze();
    } catch (error) {
      if (ctx.isActive() && !controls) body.replaceChildren(errorNotice(error, load));
    }
  }

  return { node, load };
}
