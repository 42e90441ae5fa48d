// Owns the Settings "Alert destinations" section: the sinks with test and removal, and the add form.
import { SINK_FIELD_NAMES, SINK_KINDS, sinkFields, sinkKind, sinkKindLabel, sinkRequest, sinkSecretText } from '../sink-kinds.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';

/** "Test sent ✓" or the reason the test did not arrive, next to the Send test button. */
function showTestResult(node, result) {
  node.className = ['sink-test-status', result ? (result.ok ? 'test-ok' : 'test-failed') : ''].filter(Boolean).join(' ');
  node.textContent = result?.text ?? '';
  if (result && !result.ok) node.setAttribute('title', result.text);
  else node.removeAttribute('title');
}

function kindChip(kind) {
  return el('span', { class: ['chip', 'sink-kind', `sink-kind-${sinkKind(kind) ? kind : 'other'}`], text: sinkKindLabel(kind) });
}

/** One input of the add form (`#sink-<name>`), its label and help; the kind decides their text. */
function fieldInput(name) {
  const id = `sink-${name}`;
  const input = el('input', { attrs: { id, name, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-help` } });
  const label = el('label', { class: 'field-label', attrs: { for: id } });
  const help = el('p', { class: 'muted sink-help', attrs: { id: `${id}-help` } });
  const node = el('div', { class: 'field', data: { sinkField: name } }, label, input, help);
  return { name, input, label, help, node };
}

/** @typedef {ReturnType<typeof fieldInput>} FieldInput */

/**
 * Shows only the fields of `kind`, with its labels, help and placeholders; only shown fields
 * are required (a hidden required input would block the form).
 * @param {FieldInput[]} inputs
 */
function showFields(inputs, kind) {
  const fields = sinkFields(kind);
  for (const input of inputs) {
    const field = fields.find((f) => f.name === input.name);
    input.node.hidden = !field;
    input.input.required = Boolean(field?.required);
    if (!field) continue;
    input.label.textContent = field.label;
    input.help.textContent = field.help;
    input.input.setAttribute('type', field.type);
    input.input.setAttribute('autocomplete', field.type === 'password' ? 'new-password' : 'off');
    if (field.placeholder) input.input.setAttribute('placeholder', field.placeholder);
    else input.input.removeAttribute('placeholder');
  }
}

function addForm(ctx, onAdded) {
  const kind = el('select', { attrs: { id: 'sink-kind', name: 'kind' } },
    SINK_KINDS.map((k) => el('option', { attrs: { value: k.kind }, text: k.label })));
  const name = el('input', { attrs: { type: 'text', id: 'sink-name', name: 'name', autocomplete: 'off', maxlength: 80 } });
  const inputs = SINK_FIELD_NAMES.map(fieldInput);
  const submit = el('button', { class: 'primary', attrs: { type: 'submit', id: 'sink-add' }, text: 'Add' });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'sink-add-status', 'aria-live': 'polite' } });
  let adding = false;

  function showKind() {
    showFields(inputs, kind.value);
    name.setAttribute('placeholder', sinkKindLabel(kind.value));
  }

  const form = el('form', { class: 'sink-add-form', attrs: { id: 'sink-add-form', 'aria-labelledby': 'sink-add-legend' } },
    el('fieldset', {}, el('legend', { attrs: { id: 'sink-add-legend' }, text: 'Add a destination' }),
      el('div', { class: 'sink-add-row' },
        el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Kind' }), kind),
        el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Name' }), name)),
      inputs.map((i) => i.node),
      el('div', { class: 'actions' }, submit),
      status));
  kind.addEventListener('change', () => { showKind(); status.replaceChildren(); });
  form.addEventListener('input', () => status.replaceChildren());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (adding) return;
    adding = true;
    status.textContent = 'Adding…';
    try {
      const values = Object.fromEntries([['name', name.value], ...inputs.map((i) => [i.name, i.input.value])]);
      const added = await ctx.backend.addSink(sinkRequest(kind.value, values));
      if (!ctx.isActive()) return;
      name.value = '';
      for (const i of inputs) i.input.value = '';
      status.textContent = `Added ${added?.name ?? 'the destination'}.`;
      await onAdded();
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      adding = false;
    }
  });
  showKind();
  return form;
}

/** The always-present destination: this computer's notifications, with its own Send test. */
function desktopRow(ctx) {
  const result = el('span', { attrs: { 'aria-live': 'polite' } });
  const test = el('button', { class: 'sink-test', attrs: { type: 'button', id: 'test-notification' }, text: 'Send test' });
  test.addEventListener('click', async () => {
    test.disabled = true;
    showTestResult(result, { ok: true, text: 'Sending…' });
    try {
      await ctx.backend.testNotification();
      showTestResult(result, { ok: true, text: 'Test shown ✓' });
    } catch (error) {
      showTestResult(result, { ok: false, text: error?.message || 'The notification could not be shown.' });
    } finally {
      test.disabled = false;
    }
  });
  return el('div', { class: ['sink-row', 'desktop-row'] },
    el('div', { class: 'sink-main' },
      el('span', { class: ['chip', 'sink-kind'], text: 'This computer' }),
      el('span', { class: 'sink-name', text: 'Desktop notifications' })),
    el('div', { class: 'sink-actions' }, test, result));
}

/** @typedef {import('../../types/lookout').SinkView} SinkView */

/**
 * One sink's Send test result, its buttons and its removal confirmation.
 * @param {SinkView} sink
 */
function sinkRowControls(sink) {
  const result = el('span', { attrs: { 'aria-live': 'polite' } });
  const test = el('button', { class: 'sink-test', attrs: { type: 'button' }, data: { focusKey: `sink-test:${sink.id}` }, text: 'Send test' });
  const remove = el('button', { class: ['danger-outline', 'sink-remove'], attrs: { type: 'button' }, data: { focusKey: `sink-remove:${sink.id}` }, text: 'Remove…' });
  const cancel = el('button', { attrs: { type: 'button' }, text: 'Cancel' });
  const confirmButton = el('button', { class: ['danger', 'sink-confirm-remove'], attrs: { type: 'button' }, text: `Remove ${sink.name}` });
  const confirmError = el('div');
  const confirm = el('div', { class: 'confirm', hidden: true, attrs: { role: 'group', 'aria-label': 'Confirm removal' } },
    el('p', { text: `Stop sending alerts to ${sink.name}? Its delivery history stays in the log.` }),
    el('div', { class: 'actions' }, confirmButton, cancel), confirmError);
  return { result, test, remove, cancel, confirmButton, confirmError, confirm };
}

/** @typedef {ReturnType<typeof sinkRowControls>} SinkRowControls */

/** @param {SinkRowControls} controls */
function openConfirm({ confirm, remove, cancel }) {
  confirm.hidden = false;
  remove.hidden = true;
  cancel.focus();
}

/** @param {SinkRowControls} controls */
function closeConfirm({ confirm, remove }) {
  confirm.hidden = true;
  remove.hidden = false;
  remove.focus();
}

/**
 * A sink's row: its kind, name, signing, whether it is disabled and its URL, then its controls.
 * @param {SinkView} sink
 * @param {SinkRowControls} controls
 */
function sinkRowNode(sink, { test, result, remove, confirm }) {
  return el('li', { class: ['sink-row', sink.enabled === false ? 'is-disabled' : ''], data: { sinkId: sink.id, sinkKind: sink.kind } },
    el('div', { class: 'sink-main' },
      kindChip(sink.kind),
      el('span', { class: 'sink-name', text: sink.name }),
      sink.has_secret ? el('span', { class: 'chip sink-signed', attrs: { title: sink.kind === 'webhook' ? 'Requests carry an X-Lookout-Signature header' : 'Kept in the local database, never shown' }, text: sinkSecretText(sink) }) : null,
      sink.enabled === false ? el('span', { class: 'chip', text: 'disabled' }) : null,
      el('span', { class: 'sink-url muted', text: sink.url })),
    el('div', { class: 'sink-actions' }, test, result, remove),
    confirm);
}

/** The section's state and nodes; each method does one thing. */
class AlertSinks {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {(() => void) | undefined} onTested
   */
  constructor(ctx, onTested) {
    this.ctx = ctx;
    this.onTested = onTested;
    this.heading = el('h2', { attrs: { id: 'alert-destinations-heading', tabindex: '-1' }, text: 'Alert destinations' });
    this.list = el('div', { attrs: { id: 'sink-list' } }, loadingNotice());
    this.testResults = new Map(); // sink id → { ok, text }, kept across re-lists
    this.busy = 0;
    this.loaded = false;
    this.node = el('section', { class: 'settings-section', attrs: { id: 'alert-destinations', 'aria-labelledby': 'alert-destinations-heading' } },
      this.heading,
      el('p', { class: 'muted', text: 'Send alerts to a chat channel, your own endpoint, PagerDuty, Opsgenie or e-mail as well as to this computer. Each service can choose its destinations on its page.' }),
      desktopRow(ctx),
      this.list,
      addForm(ctx, () => this.load({ force: true })));
  }

  /** @param {SinkView} sink */
  sinkRow(sink) {
    const controls = sinkRowControls(sink);
    showTestResult(controls.result, this.testResults.get(sink.id));
    controls.test.addEventListener('click', () => this.testSink(sink, controls));
    controls.remove.addEventListener('click', () => openConfirm(controls));
    controls.cancel.addEventListener('click', () => closeConfirm(controls));
    controls.confirm.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); closeConfirm(controls); } });
    controls.confirmButton.addEventListener('click', () => this.removeSink(sink, controls));
    return sinkRowNode(sink, controls);
  }

  /**
   * @param {SinkView} sink
   * @param {SinkRowControls} controls
   */
  async testSink(sink, { test, result }) {
    const hadFocus = document.activeElement === test;
    test.disabled = true;
    this.busy += 1;
    showTestResult(result, { ok: true, text: 'Sending…' });
    try {
      await this.ctx.backend.testSink(sink.id);
      this.testResults.set(sink.id, { ok: true, text: 'Test sent ✓' });
    } catch (error) {
      this.testResults.set(sink.id, { ok: false, text: error?.message || 'The test did not arrive.' });
    } finally {
      this.busy -= 1;
      test.disabled = false;
      showTestResult(result, this.testResults.get(sink.id));
      if (hadFocus && (document.activeElement === document.body || document.activeElement === null)) test.focus();
      this.onTested?.();
    }
  }

  /**
   * @param {SinkView} sink
   * @param {SinkRowControls} controls
   */
  async removeSink(sink, { confirmButton, confirmError }) {
    confirmButton.disabled = true;
    this.busy += 1;
    try {
      await this.ctx.backend.removeSink(sink.id);
      this.testResults.delete(sink.id);
      this.ctx.toast(`Removed ${sink.name}.`);
      this.busy -= 1;
      await this.load({ force: true });
      this.heading.focus();
    } catch (error) {
      this.busy -= 1;
      confirmButton.disabled = false;
      confirmError.replaceChildren(errorNotice(error));
    }
  }

  /** Re-lists the sinks unless a test or a removal is under way (or `force`). */
  async load({ force = false } = {}) {
    const { ctx, list } = this;
    try {
      const sinks = await ctx.backend.sinks();
      if (!ctx.isActive()) return;
      const confirming = list.querySelector('.confirm:not([hidden])');
      if (this.loaded && !force && (this.busy > 0 || confirming)) return; // never close what the user is doing
      this.loaded = true;
      replaceKeepingFocus(list, sinks.length
        ? el('ul', { class: 'sink-list' }, sinks.map((sink) => this.sinkRow(sink)))
        : el('p', { class: 'muted sink-empty', text: 'No destinations yet: alerts go to desktop notifications only.' }));
    } catch (error) {
      if (ctx.isActive() && !this.loaded) list.replaceChildren(errorNotice(error, () => this.load()));
    }
  }
}

/**
 * { node, load }: `load` re-lists the sinks unless a test or a removal is under way.
 * @param {import('../../types/window').ViewContext} ctx
 * @param {{ onTested?: () => void }} options
 */
export function alertSinksSection(ctx, { onTested } = {}) {
  const section = new AlertSinks(ctx, onTested);
  return { node: section.node, load: (/** @type {{ force?: boolean }} */ options) => section.load(options) };
}
