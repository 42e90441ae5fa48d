// Owns the Settings view: default interval, which events notify, start at login, pausing; mounts the alert sections.
import { el } from '../dom.js';
import { intervalChoices, intervalLabel, isPaused, pausedText } from '../format.js';
import { alertSinksSection } from '../parts/alert-sinks.js';
import { deliveryLogSection } from '../parts/delivery-log.js';
import { errorNotice, loadingNotice } from '../parts/notices.js';
import { quietHoursSection } from '../parts/quiet-hours.js';

const NOTIFY_FLAGS = [
  ['notify_incident_opened', 'An incident starts'],
  ['notify_incident_updated', 'An incident is updated'],
  ['notify_incident_resolved', 'An incident is resolved'],
  ['notify_maintenance_started', 'A maintenance starts'],
  ['notify_component_changed', 'A component changes status'],
];

function checkbox(id, labelText, checked) {
  const box = el('input', { attrs: { type: 'checkbox', id, name: id }, props: { checked: Boolean(checked) } });
  return { box, row: el('label', { class: 'check' }, box, el('span', { text: labelText })) };
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Settings');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  const status = el('p', { class: 'muted form-status', attrs: { id: 'settings-status', 'aria-live': 'polite' } });
  const quietHours = quietHoursSection(ctx);
  const deliveryLog = deliveryLogSection(ctx);
  const sinks = alertSinksSection(ctx, { onTested: () => deliveryLog.load() });
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Settings' }), body, status,
    quietHours.node, sinks.node, deliveryLog.node);
  /** @type {import('../../types/lookout').Settings | null} */
  let saved = null; // the last Settings the backend returned
  let controls = null;
  let pending = Promise.resolve();
  let saving = 0;

  function showPause() {
    const paused = isPaused(saved.notifications_paused_until, ctx.now());
    controls.pauseText.textContent = paused ? pausedText(saved.notifications_paused_until, ctx.now()) : 'Notifications are on.';
    controls.resume.disabled = !paused;
  }

  /** @param {import('../../types/lookout').Settings} settings */
  function showSaved(settings) {
    saved = settings;
    controls.interval.replaceChildren(...intervalChoices(settings.poll_interval_secs).map((secs) =>
      el('option', { attrs: { value: String(secs) }, text: intervalLabel(secs) })));
    controls.interval.value = String(settings.poll_interval_secs);
    for (const [flag] of NOTIFY_FLAGS) controls.flags[flag].checked = Boolean(settings[flag]);
    controls.login.checked = Boolean(settings.start_at_login);
    showPause();
  }

  /** @returns {import('../../types/lookout').Settings} */
  function collect() {
    const settings = { ...saved, poll_interval_secs: Number(controls.interval.value), start_at_login: controls.login.checked };
    for (const [flag] of NOTIFY_FLAGS) settings[flag] = controls.flags[flag].checked;
    return settings;
  }

  /** Saves run one after another, so the last change always wins. */
  function enqueue(action, doneText) {
    saving += 1;
    status.textContent = 'Saving…';
    pending = pending.then(async () => {
      try {
        const result = await action();
        if (ctx.isActive()) { showSaved(result); status.textContent = doneText; }
      } catch (error) {
        if (ctx.isActive()) { showSaved(saved); status.replaceChildren(errorNotice(error)); }
      } finally {
        saving -= 1;
      }
    });
    return pending;
  }

  /** @param {import('../../types/lookout').Settings} settings */
  function build(settings) {
    const interval = el('select', { attrs: { id: 'settings-interval' } });
    const flags = {};
    const flagRows = NOTIFY_FLAGS.map(([flag, text]) => {
      const { box, row } = checkbox(`settings-${flag.replaceAll('_', '-')}`, text, false);
      flags[flag] = box;
      return row;
    });
    const login = checkbox('settings-start-at-login', 'Start Lookout when I log in', false);
    const pauseText = el('p', { attrs: { id: 'pause-state' } });
    const pause = (how, text) => enqueue(async () => {
      const result = await ctx.backend.pauseNotifications(how);
      ctx.refreshShell();
      return result;
    }, text);
    const resume = el('button', { attrs: { type: 'button', id: 'pause-resume' }, text: 'Resume', on: { click: () => pause('resume', 'Notifications resumed.') } });
    controls = { interval, flags, login: login.box, pauseText, resume };
    const form = el('form', { class: 'settings-form', on: { submit: (e) => e.preventDefault() } },
      el('fieldset', {}, el('legend', { text: 'Checking' }),
        el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Check new services every' }), interval),
        el('p', { class: 'muted', text: 'Each service keeps the interval it was added with.' })),
      el('fieldset', {}, el('legend', { text: 'Notify me when' }), flagRows),
      el('fieldset', {}, el('legend', { text: 'Start' }), login.row),
      el('fieldset', { class: 'pause' }, el('legend', { text: 'Pause notifications' }), pauseText,
        el('div', { class: 'actions' },
          el('button', { attrs: { type: 'button', id: 'pause-hour' }, text: 'For 1 hour', on: { click: () => pause('hour', 'Paused for an hour.') } }),
          el('button', { attrs: { type: 'button', id: 'pause-tomorrow' }, text: 'Until tomorrow', on: { click: () => pause('tomorrow', 'Paused until tomorrow.') } }),
          resume)));
    form.addEventListener('change', () => enqueue(() => ctx.backend.saveSettings(collect()), 'Saved.'));
    body.replaceChildren(form);
    showSaved(settings);
  }

  async function load() {
    try {
      const settings = await ctx.backend.settings();
      if (!ctx.isActive()) return;
      if (!controls) build(settings);
      else if (saving > 0) return; // never overwrite a change that is being saved
      else if (body.contains(document.activeElement)) {
        saved = { ...saved, notifications_paused_until: settings.notifications_paused_until };
        showPause(); // the user is on the form: only the pause state may change under them
      } else showSaved(settings);
    } catch (error) {
      if (ctx.isActive() && !controls) body.replaceChildren(errorNotice(error, load));
    }
  }

  /** Each section reads its own data and keeps what the user is editing (see their `load`). */
  const loadAll = () => Promise.all([load(), quietHours.load(), sinks.load(), deliveryLog.load()]);
  return { ready: loadAll(), refresh: loadAll };
}
