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

/** { node, load }: `load` reads alert_settings, and never overwrites what the user is editing. */
/** @param {import('../../types/window').ViewContext} ctx */
export function quietHoursSection(ctx) {
  const enabled = checkRow('quiet-enabled', 'Keep alerts quiet at set times');
  const start = timeField('quiet-start', 'From');
  const end = timeField('quiet-end', 'Until');
  const dayBoxes = WEEKDAYS.map(([key]) => el('input', { attrs: { type: 'checkbox', id: `quiet-day-${key}`, name: 'quiet-days', value: key } }));
  const allowMajor = checkRow('quiet-allow-major', 'Let major outages through');
  const summary = el('p', { class: 'muted', attrs: { id: 'quiet-summary' } });
  const status = el('div', { class: 'form-status muted', attrs: { id: 'quiet-status', 'aria-live': 'polite' } });
  const save = el('button', { class: 'primary', attrs: { type: 'submit', id: 'quiet-save' }, text: 'Save quiet hours' });
  let dirty = false;
  let saving = false;
  let loaded = false;

  const markDirty = () => { dirty = true; status.replaceChildren(); };
  const setDays = (keys) => {
    for (const box of dayBoxes) box.checked = keys.includes(box.value);
    markDirty();
  };
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

  function syncEnabled() {
    for (const node of timed) node.disabled = !enabled.box.checked;
    details.classList.toggle('is-off', !enabled.box.checked);
  }

  /** @param {import('../../types/lookout').AlertSettings | null} settings */
  function show(settings) {
    const values = quietHoursForm(settings?.quiet_hours ?? null);
    enabled.box.checked = values.enabled;
    start.input.value = values.start;
    end.input.value = values.end;
    for (const box of dayBoxes) box.checked = values.days.includes(box.value);
    allowMajor.box.checked = values.allowMajor;
    summary.textContent = describeQuietHours(settings?.quiet_hours ?? null);
    syncEnabled();
    dirty = false;
  }

  function collect() {
    return {
      enabled: enabled.box.checked,
      start: start.input.value,
      end: end.input.value,
      days: dayBoxes.filter((box) => box.checked).map((box) => box.value),
      allowMajor: allowMajor.box.checked,
    };
  }

  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  enabled.box.addEventListener('change', syncEnabled);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving) return;
    const request = quietHoursRequest(collect());
    if (request.error) {
      status.replaceChildren(errorNotice({ message: request.error }));
      return;
    }
    saving = true;
    status.textContent = 'Saving…';
    try {
      const result = await ctx.backend.setQuietHours(request.window, request.days, request.allowMajor);
      if (!ctx.isActive()) return;
      show(result);
      status.textContent = result?.quiet_hours ? 'Quiet hours saved.' : 'Quiet hours are off.';
    } catch (error) {
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    } finally {
      saving = false;
    }
  });

  async function load() {
    try {
      const settings = await ctx.backend.alertSettings();
      if (!ctx.isActive()) return;
      if (!loaded) {
        loaded = true;
        loading.hidden = true;
        body.hidden = false;
        show(settings);
      } else if (dirty || saving || form.contains(document.activeElement)) {
        return; // the user is editing: never change the form under them
      } else {
        show(settings);
      }
    } catch (error) {
      if (ctx.isActive() && !loaded) loading.replaceChildren(errorNotice(error, load));
    }
  }

  return { node: form, load };
}
