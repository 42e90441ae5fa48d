// Owns the provider page's "Probes" section: Lookout's own checks of the vendor's URLs, each with how it fares and its removal, the probes the catalogue suggests, and the add form.
import { el, replaceKeepingFocus } from '../dom.js';
import { PROBE_DEFAULTS, PROBE_INTERVALS, probeFormProblem, probeRequest, probeRuleText, probeStateKind, probeStateText, suggestionRequest, suggestionRuleText } from '../probes.js';
import { errorNotice, loadingNotice } from './notices.js';
import { relativeTimeEl } from './times.js';

/** @typedef {import('../../types/lookout').ProbeView} ProbeView */
/** @typedef {import('../../types/lookout').ProbeSuggestion} ProbeSuggestion */

const EXPLAIN = 'Lookout requests this URL itself; 3 failures in a row while the status page says all is well make the provider a suspected outage.';

/** A labelled input of the add form. */
function field(label, input, extraClass = '') {
  return el('label', { class: ['field', extraClass] }, el('span', { class: 'field-label', text: label }), input);
}

/** The add form's controls (URL, expect, contains, every, timeout) and where its result goes. */
function addFormControls() {
  const url = el('input', { attrs: { type: 'url', id: 'probe-url', name: 'url', required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'https://api.example.com/health' } });
  const expect = el('input', { attrs: { type: 'text', id: 'probe-expect', name: 'expect', autocomplete: 'off', spellcheck: 'false', size: 5, value: PROBE_DEFAULTS.expect } });
  const contains = el('input', { attrs: { type: 'text', id: 'probe-contains', name: 'contains', autocomplete: 'off', placeholder: 'optional' } });
  const every = el('select', { attrs: { id: 'probe-every', name: 'every' } },
    PROBE_INTERVALS.map((secs) => el('option', { attrs: { value: secs }, props: { selected: secs === PROBE_DEFAULTS.every }, text: `${secs} s` })));
  const timeout = el('input', { attrs: { type: 'number', id: 'probe-timeout', name: 'timeout', min: 1, max: 300, step: 1, value: PROBE_DEFAULTS.timeout } });
  const submit = el('button', { class: 'primary', attrs: { type: 'submit', id: 'probe-add' }, text: 'Add probe' });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'probe-add-status', 'aria-live': 'polite' } });
  const form = el('form', { class: 'probe-add-form', attrs: { id: 'probe-add-form', 'aria-labelledby': 'probe-add-legend' } },
    el('fieldset', {}, el('legend', { attrs: { id: 'probe-add-legend' }, text: 'Add a probe' }),
      field('URL', url),
      el('div', { class: 'probe-add-row' },
        field('Expect (2xx or a code)', expect), field('Contains', contains),
        field('Every', every), field('Timeout (s)', timeout)),
      el('div', { class: 'actions' }, submit),
      status));
  return { form, url, expect, contains, every, timeout, status };
}

/**
 * One probe's controls: its Remove… button and the confirmation it opens (as for destinations).
 * @param {ProbeView} probe
 */
function probeRowControls(probe) {
  const remove = el('button', { class: ['danger-outline', 'probe-remove'], attrs: { type: 'button' }, data: { focusKey: `probe-remove:${probe.id}` }, text: 'Remove…' });
  const cancel = el('button', { attrs: { type: 'button' }, text: 'Cancel' });
  const confirmButton = el('button', { class: ['danger', 'probe-confirm-remove'], attrs: { type: 'button' }, text: 'Remove probe' });
  const confirmError = el('div');
  const confirm = el('div', { class: 'confirm', hidden: true, attrs: { role: 'group', 'aria-label': 'Confirm removal' } },
    el('p', { text: `Stop probing ${probe.url}?` }),
    el('div', { class: 'actions' }, confirmButton, cancel), confirmError);
  const open = () => { confirm.hidden = false; remove.hidden = true; cancel.focus(); };
  const close = () => { confirm.hidden = true; remove.hidden = false; remove.focus(); };
  remove.addEventListener('click', open);
  cancel.addEventListener('click', close);
  confirm.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); close(); } });
  return { remove, confirmButton, confirmError, confirm };
}

/**
 * A probe's row: URL, what it checks, how it fares (and when it last ran), its controls.
 * @param {ProbeView} probe
 * @param {ReturnType<typeof probeRowControls>} controls
 * @param {number} now
 */
function probeRowNode(probe, { remove, confirm }, now) {
  const kind = probeStateKind(probe);
  return el('li', { class: ['probe-row', `probe-${kind}`], data: { probeId: probe.id } },
    el('div', { class: 'probe-main' },
      el('span', { class: 'probe-url', text: probe.url }),
      el('span', { class: 'probe-rule muted', text: probeRuleText(probe) })),
    el('div', { class: 'probe-fares' },
      el('span', { class: ['probe-state', `probe-state-${kind}`], text: probeStateText(probe) }),
      probe.last_run_at ? el('span', { class: 'muted' }, relativeTimeEl(probe.last_run_at, now, 'ran ')) : null),
    el('div', { class: 'probe-actions' }, remove),
    confirm);
}

/**
 * A suggested probe's row: URL, what it checks, where the vendor documents it, and Add (or
 * "probed" once it is).
 * @param {ProbeSuggestion} suggestion
 * @param {HTMLButtonElement | null} add
 */
function suggestionRowNode(suggestion, add) {
  return el('li', { class: 'probe-row probe-suggestion' },
    el('div', { class: 'probe-main' },
      el('span', { class: 'probe-url', text: suggestion.url }),
      el('span', { class: 'probe-rule muted', text: suggestionRuleText(suggestion) }),
      el('span', { class: 'probe-source muted', text: `Documented at ${suggestion.source}` })),
    el('div', { class: 'probe-actions' }, add ?? el('span', { class: 'muted', text: 'Probed' })));
}

/** The section's state and nodes; each method does one thing. */
class ProviderProbes {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {number} providerId
   */
  constructor(ctx, providerId) {
    this.ctx = ctx;
    this.providerId = providerId;
    this.heading = el('h2', { attrs: { id: 'probes-heading', tabindex: '-1' }, text: 'Probes' });
    this.list = el('div', { attrs: { id: 'probe-list' } }, loadingNotice('Loading probes…'));
    this.suggestions = el('div', { attrs: { id: 'probe-suggestions' } });
    this.controls = addFormControls();
    this.busy = 0;
    this.loaded = false;
    this.adding = false;
    this.suggestionsLoaded = false;
    this.controls.form.addEventListener('input', () => this.controls.status.replaceChildren());
    this.controls.form.addEventListener('submit', (event) => this.add(event));
    this.node = el('section', { class: 'provider-probes', attrs: { id: 'provider-probes', 'aria-labelledby': 'probes-heading' } },
      this.heading, el('p', { class: 'muted probes-help', text: EXPLAIN }), this.list, this.suggestions, this.controls.form);
  }

  /** @param {ProbeView[]} probes */
  show(probes) {
    const now = this.ctx.now();
    this.loaded = true;
    replaceKeepingFocus(this.list, probes.length
      ? el('ul', { class: 'probe-list' }, probes.map((probe) => this.row(probe, now)))
      : el('p', { class: 'muted probe-empty', text: 'No probes yet: Lookout only reads the status page.' }));
  }

  /**
   * The suggestions, or nothing when the vendor documents no public endpoint Lookout knows of.
   * @param {ProbeSuggestion[]} suggestions
   */
  showSuggestions(suggestions) {
    if (!suggestions.length) {
      this.suggestions.replaceChildren();
      return;
    }
    replaceKeepingFocus(this.suggestions,
      el('h3', { text: 'Suggested' }),
      el('p', { class: 'muted', text: 'Public endpoints the vendor documents (no credentials needed).' }),
      el('ul', { class: 'probe-list' }, suggestions.map((suggestion) => {
        if (suggestion.probed) return suggestionRowNode(suggestion, null);
        const add = el('button', { class: 'probe-suggestion-add', attrs: { type: 'button' }, data: { focusKey: `probe-suggest:${suggestion.url}` }, text: 'Add' });
        add.addEventListener('click', () => this.addSuggested(suggestion, add));
        return suggestionRowNode(suggestion, add);
      })));
  }

  /**
   * @param {ProbeSuggestion} suggestion
   * @param {HTMLButtonElement} button
   */
  async addSuggested(suggestion, button) {
    button.disabled = true;
    const { status } = this.controls;
    try {
      const probes = await this.ctx.backend.addProbe(this.providerId, suggestionRequest(suggestion));
      if (!this.ctx.isActive()) return;
      status.textContent = `Added a probe of ${suggestion.url}.`;
      this.show(probes);
      await this.loadSuggestions();
    } catch (error) {
      button.disabled = false;
      if (this.ctx.isActive()) status.replaceChildren(errorNotice(error));
    }
  }

  /** Re-lists the suggestions (quietly: they are a convenience, the section works without). */
  async loadSuggestions() {
    try {
      const suggestions = await this.ctx.backend.probeSuggestions(this.providerId);
      if (this.ctx.isActive()) this.showSuggestions(suggestions);
    } catch (error) {
      this.suggestions.replaceChildren();
    }
  }

  /**
   * @param {ProbeView} probe
   * @param {number} now
   */
  row(probe, now) {
    const controls = probeRowControls(probe);
    controls.confirmButton.addEventListener('click', () => this.remove(probe, controls));
    return probeRowNode(probe, controls, now);
  }

  /**
   * @param {ProbeView} probe
   * @param {ReturnType<typeof probeRowControls>} controls
   */
  async remove(probe, { confirmButton, confirmError }) {
    confirmButton.disabled = true;
    this.busy += 1;
    try {
      const probes = await this.ctx.backend.removeProbe(this.providerId, probe.id);
      this.busy -= 1;
      if (!this.ctx.isActive()) return;
      this.ctx.toast(`Stopped probing ${probe.url}.`);
      this.show(probes);
      this.heading.focus();
      await this.loadSuggestions();
    } catch (error) {
      this.busy -= 1;
      confirmButton.disabled = false;
      if (this.ctx.isActive()) confirmError.replaceChildren(errorNotice(error));
    }
  }

  /** @param {Event} event */
  async add(event) {
    event.preventDefault();
    if (this.adding) return;
    const { url, expect, contains, every, timeout, status } = this.controls;
    const request = probeRequest({ url: url.value, expect: expect.value, contains: contains.value, every: every.value, timeout: timeout.value });
    const problem = probeFormProblem(request);
    if (problem) {
      status.replaceChildren(errorNotice({ message: problem }));
      return;
    }
    this.adding = true;
    status.textContent = 'Adding…';
    try {
      const probes = await this.ctx.backend.addProbe(this.providerId, request);
      if (!this.ctx.isActive()) return;
      url.value = '';
      contains.value = '';
      status.textContent = `Added a probe of ${request.url}.`;
      this.show(probes);
      await this.loadSuggestions();
    } catch (error) {
      if (this.ctx.isActive()) status.replaceChildren(errorNotice(error)); // invalid_input's message as is
    } finally {
      this.adding = false;
    }
  }

  /** Re-lists the probes unless a removal is under way or being confirmed. */
  async load() {
    const { ctx, list } = this;
    try {
      const probes = await ctx.backend.providerProbes(this.providerId);
      if (!ctx.isActive()) return;
      if (this.loaded && (this.busy > 0 || list.querySelector('.confirm:not([hidden])'))) return;
      this.show(probes);
      if (!this.suggestionsLoaded) {
        this.suggestionsLoaded = true;
        await this.loadSuggestions();
      }
    } catch (error) {
      if (ctx.isActive() && !this.loaded) list.replaceChildren(errorNotice(error, () => this.load()));
    }
  }
}

/**
 * { node, load }: `load` re-lists the provider's probes unless a removal is under way.
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} providerId
 */
export function providerProbesSection(ctx, providerId) {
  const section = new ProviderProbes(ctx, providerId);
  return { node: section.node, load: () => section.load() };
}
