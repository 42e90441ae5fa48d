// Owns the Settings "Quiet hours" form: on/off, start and end, days, major outages; saved with set_quiet_hours.
import { EVERY_DAY, WEEKDAYS, WORKDAYS, describeQuietHours, quietHoursForm, quietHoursRequest } from '../alert-rules.js';
import { el } from '../dom.js';
import { errorNotice, loadingNotice } from './notices.js';

function checkRow(id, labelText) {
  const box = el('input', { attrs: { type: 'checkbox', id, name: id } });
  return { box, row: el('label', { class: 'check' }, box, el('span', { text: labelText })) };
}

function timeField(id, labelText) {
  const input = el('input', { attrs: { type: 'time', id, name: id } });
  return { input, field: el('label', { class: 'field' }, el('span', { class: 'field-label', text: labelText }), input) };
}

/**
 * The form's nodes; `setDays(keys)` is what the "Weekdays" and "Every day" buttons do.
 * @param {(keys: string[]) => void} setDays
 */
function quietHoursControls(setDays) {
  const enabled = checkRow('quiet-enabled', 'Keep alerts quiet at set times');
  const start = timeField('quiet-start', 'From');
  const end = timeField('quiet-end', 'Until');
  const dayBoxes = WEEKDAYS.map(([key]) => el('input', { attrs: { type: 'checkbox', id: `quiet-day-${key}`, name: 'quiet-days', value: key } }));
  const allowMajor = checkRow('quiet-allow-major', 'Let major outages through');
  const summary = el('p', { class: 'muted', attrs: { id: 'quiet-summary' } });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'quiet-status', 'aria-live': 'polite' } });
  const save = el('button', { class: 'primary', attrs: { type: 'submit', id: 'quiet-save' }, text: 'Save quiet hours' });
  const weekdays = el('button', { attrs: { type: 'button', id: 'quiet-weekdays' }, text: 'Weekdays', on: { click: () => setDays(WORKDAYS) } });
  const everyDay = el('button', { attrs: { type: 'button', id: 'quiet-every-day' }, text: 'Every day', on: { click: () => setDays(EVERY_DAY) } });
  const timed = [start.input, end.input, ...dayBoxes, weekdays, everyDay, allowMajor.box];

  const details = el('div', { class: 'quiet-details' },
    el('div', { class: 'time-range' }, start.field, end.field),
    el('p', { class: 'muted', text: 'An end before the start means the next morning. Times are in this computer\'s time zone.' }),
    el('fieldset', { class: 'days' },
      el('legend', { class: 'field-label', text: 'On' }),
      el('div', { class: 'day-picks' }, WEEKDAYS.map(([, short, long], i) =>
        el('label', { class: 'day-pick', attrs: { title: long } }, dayBoxes[i], el('span', { text: short })))),
      el('div', { class: 'day-presets' }, weekdays, everyDay)),
    allowMajor.row);

  const body = el('div', { hidden: true }, summary, enabled.row, details, el('div', { class: 'actions' }, save), status);
  const loading = el('div', {}, loadingNotice());
  const form = el('form', { class: 'settings-form', attrs: { id: 'quiet-hours-form', 'aria-labelledby': 'quiet-hours-legend', novalidate: true } },
    el('fieldset', {}, el('legend', { attrs: { id: 'quiet-hours-legend' }, text: 'Quiet hours' }), loading, body));
  return { form, loading, body, details, summary, status, enabled: enabled.box, start: start.input, end: end.input, dayBoxes, allowMajor: allowMajor.box, timed };
}

/** The section's state and controls; each method does one thing. */
class QuietHours {
  /** @param {import('../../types/window').ViewContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    this.controls = quietHoursControls((keys) => this.setDays(keys));
    this.dirty = false;
    this.saving = false;
    this.loaded = false;
    const { form, enabled } = this.controls;
    form.addEventListener('input', () => this.markDirty());
    form.addEventListener('change', () => this.markDirty());
    enabled.addEventListener('change', () => this.syncEnabled());
    form.addEventListener('submit', (event) => this.save(event));
  }

  markDirty() {
    this.dirty = true;
    this.controls.status.replaceChildren();
  }

  /** @param {string[]} keys */
  setDays(keys) {
    for (const box of this.controls.dayBoxes) box.checked = keys.includes(box.value);
    this.markDirty();
  }

  syncEnabled() {
    const { timed, enabled, details } = this.controls;
    for (const node of timed) node.disabled = !enabled.checked;
    details.classList.toggle('is-off', !enabled.checked);
  }

  /** @param {import('../../types/lookout').AlertSettings | null} settings */
  show(settings) {
    const { controls } = this;
    const values = quietHoursForm(settings?.quiet_hours ?? null);
    controls.enabled.checked = values.enabled;
    controls.start.value = values.start;
    controls.end.value = values.end;
    for (const box of controls.dayBoxes) box.checked = values.days.includes(box.value);
    controls.allowMajor.checked = values.allowMajor;
    controls.summary.textContent = describeQuietHours(settings?.quiet_hours ?? null);
    this.syncEnabled();
    this.dirty = false;
  }

  /** What the form says, for quietHoursRequest. */
  collect() {
    const { controls } = this;
    return {
      enabled: controls.enabled.checked,
      start: controls.start.value,
      end: controls.end.value,
      days: controls.dayBoxes.filter((box) => box.checked).map((box) => box.value),
      allowMajor: controls.allowMajor.checked,
    };
  }

  /** @param {Event} event */
  async save(event) {
    event.preventDefault();
    if (this.saving) return;
    const { ctx } = this;
    const { status } = this.controls;
    const request = quietHoursRequest(this.collect());
    if (request.error) {
      status.replaceChildren(errorNotice({ message: request.error }));
      return;
    }
    this.saving = true;
    status.textContent = 'Saving…';
    try {
      const result = await ctx.backend.setQuietHours(request.window, request.days, request.allowMajor);
      if (!ctx.isActive()) return;
      this.show(result);
      status.textContent = result?.quiet_hours ? 'Quiet hours saved.' : 'Quiet hours are off.';
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      this.saving = false;
    }
  }

  /** Reads alert_settings; never changes the form while the user is editing it. */
  async load() {
    const { ctx } = this;
    const { form, loading, body } = this.controls;
    try {
      const settings = await ctx.backend.alertSettings();
      if (!ctx.isActive()) return;
      if (!this.loaded) {
        this.loaded = true;
        loading.hidden = true;
        body.hidden = false;
        this.show(settings);
      } else if (this.dirty || this.saving || form.contains(document.activeElement)) {
        return; // the user is editing: never change the form under them
      } else {
        this.show(settings);
      }
    } catch (error) {
      if (ctx.isActive() && !this.loaded) loading.replaceChildren(errorNotice(error, () => this.load()));
    }
  }
}

/** { node, load }: `load` reads alert_settings, and never overwrites what the user is editing. */
/** @param {import('../../types/window').ViewContext} ctx */
export function quietHoursSection(ctx) {
  const section = new QuietHours(ctx);
  return { node: section.controls.form, load: () => section.load() };
}
