// Owns the Settings view: default interval, which events notify, start at login, the weekly catalogue check, Lookout's updates, pausing; mounts the alert, services and following sections.
import { el } from '../dom.js';
import { fullLocalTime, intervalChoices, intervalLabel, isPaused, pausedText } from '../format.js';
import { alertSinksSection } from '../parts/alert-sinks.js';
import { deliveryLogSection } from '../parts/delivery-log.js';
import { errorNotice, loadingNotice } from '../parts/notices.js';
import { quietHoursSection } from '../parts/quiet-hours.js';
import { servicesFormSection } from '../parts/services-form.js';
import { followServerSection } from '../parts/follow-server.js';
import { appUpdatesSection } from '../parts/app-updates.js';

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

/** @typedef {import('../../types/lookout').Settings} Settings */
/** @typedef {import('../../types/lookout').Pause} Pause */

/**
 * The general settings form: interval, which events notify, start at login, pausing.
 * `pause(how, doneText)` pauses or resumes notifications.
 * @param {(how: Pause, doneText: string) => void} pause
 * @param {HTMLElement} updates the Updates section (its daily switch saved with the form)
 */
function settingsForm(pause, updates) {
  const interval = el('select', { attrs: { id: 'settings-interval' } });
  const flags = {};
  const flagRows = NOTIFY_FLAGS.map(([flag, text]) => {
    const { box, row } = checkbox(`settings-${flag.replaceAll('_', '-')}`, text, false);
    flags[flag] = box;
    return row;
  });
  const login = checkbox('settings-start-at-login', 'Start Lookout when I log in', false);
  const catalogue = checkbox('settings-check-catalogue-weekly', 'Check for a newer catalogue of services once a week', false);
  const catalogueText = el('p', { class: 'muted', attrs: { id: 'catalogue-check-state' } });
  const pauseText = el('p', { attrs: { id: 'pause-state' } });
  const resume = el('button', { attrs: { type: 'button', id: 'pause-resume' }, text: 'Resume', on: { click: () => pause('resume', 'Notifications resumed.') } });
  const form = el('form', { class: 'settings-form', on: { submit: (e) => e.preventDefault() } },
    el('fieldset', {}, el('legend', { text: 'Checking' }),
      el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Check new services every' }), interval),
      el('p', { class: 'muted', text: 'Each service keeps the interval it was added with.' })),
    el('fieldset', {}, el('legend', { text: 'Notify me when' }), flagRows),
    el('fieldset', {}, el('legend', { text: 'Start' }), login.row),
    el('fieldset', {}, el('legend', { text: 'Catalogue' }), catalogue.row, catalogueText),
    updates,
    el('fieldset', { class: 'pause' }, el('legend', { text: 'Pause notifications' }), pauseText,
      el('div', { class: 'actions' },
        el('button', { attrs: { type: 'button', id: 'pause-hour' }, text: 'For 1 hour', on: { click: () => pause('hour', 'Paused for an hour.') } }),
        el('button', { attrs: { type: 'button', id: 'pause-tomorrow' }, text: 'Until tomorrow', on: { click: () => pause('tomorrow', 'Paused until tomorrow.') } }),
        resume)));
  return { form, controls: { interval, flags, login: login.box, catalogue: catalogue.box, catalogueText, pauseText, resume } };
}

/** The general settings section's state and controls; each method does one thing. */
class GeneralSettings {
  /**
   * @param {import('../../types/window').ViewContext} ctx
   * @param {HTMLElement} body where the form goes
   * @param {HTMLElement} status where "Saving…", "Saved." and errors go
   */
  constructor(ctx, body, status) {
    this.ctx = ctx;
    this.updates = appUpdatesSection(ctx);
    this.body = body;
    this.status = status;
    /** @type {Settings | null} the last Settings the backend returned */
    this.saved = null;
    /** @type {any} the form's controls, once built */
    this.controls = null;
    this.pending = Promise.resolve();
    this.saving = 0;
  }

  showPause() {
    const { ctx, controls, saved } = this;
    const paused = isPaused(saved.notifications_paused_until, ctx.now());
    controls.pauseText.textContent = paused ? pausedText(saved.notifications_paused_until, ctx.now()) : 'Notifications are on.';
    controls.resume.disabled = !paused;
  }

  /** @param {Settings} settings */
  showSaved(settings) {
    const { controls } = this;
    this.saved = settings;
    controls.interval.replaceChildren(...intervalChoices(settings.poll_interval_secs).map((secs) =>
      el('option', { attrs: { value: String(secs) }, text: intervalLabel(secs) })));
    controls.interval.value = String(settings.poll_interval_secs);
    for (const [flag] of NOTIFY_FLAGS) controls.flags[flag].checked = Boolean(settings[flag]);
    controls.login.checked = Boolean(settings.start_at_login);
    controls.catalogue.checked = Boolean(settings.check_catalogue_weekly);
    this.updates.box.checked = Boolean(settings.check_updates_daily);
    controls.catalogueText.textContent = settings.catalogue_checked_at
      ? `Last checked ${fullLocalTime(settings.catalogue_checked_at)}: ${settings.catalogue_check_outcome ?? ''}`
      : 'Not checked yet.';
    this.showPause();
  }

  /** @returns {Settings} */
  collect() {
    const { controls } = this;
    const settings = {
      ...this.saved,
      poll_interval_secs: Number(controls.interval.value),
      start_at_login: controls.login.checked,
      check_catalogue_weekly: controls.catalogue.checked,
      check_updates_daily: this.updates.box.checked,
    };
    for (const [flag] of NOTIFY_FLAGS) settings[flag] = controls.flags[flag].checked;
    return settings;
  }

  /**
   * Saves run one after another, so the last change always wins.
   * @param {() => Promise<Settings>} action
   * @param {string} doneText
   */
  enqueue(action, doneText) {
    const { ctx, status } = this;
    this.saving += 1;
    status.textContent = 'Saving…';
    this.pending = this.pending.then(async () => {
      try {
        const result = await action();
        if (ctx.isActive()) { this.showSaved(result); status.textContent = doneText; }
      } catch (error) {
        if (ctx.isActive()) { this.showSaved(this.saved); status.replaceChildren(errorNotice(error)); }
      } finally {
        this.saving -= 1;
      }
    });
    return this.pending;
  }

  /**
   * @param {Pause} how
   * @param {string} doneText
   */
  pause(how, doneText) {
    return this.enqueue(async () => {
      const result = await this.ctx.backend.pauseNotifications(how);
      this.ctx.refreshShell();
      return result;
    }, doneText);
  }

  /** @param {Settings} settings */
  build(settings) {
    const { form, controls } = settingsForm((how, doneText) => this.pause(how, doneText), this.updates.node);
    this.controls = controls;
    form.addEventListener('change', () => this.enqueue(() => this.ctx.backend.saveSettings(this.collect()), 'Saved.'));
    this.body.replaceChildren(form);
    this.showSaved(settings);
    this.updates.load();
  }

  async load() {
    const { ctx, body } = this;
    try {
      const settings = await ctx.backend.settings();
      if (!ctx.isActive()) return;
      if (!this.controls) this.build(settings);
      else if (this.saving > 0) return; // never overwrite a change that is being saved
      else if (body.contains(document.activeElement)) {
        this.saved = { ...this.saved, notifications_paused_until: settings.notifications_paused_until };
        this.showPause(); // the user is on the form: only the pause state may change under them
      } else this.showSaved(settings);
    } catch (error) {
      if (ctx.isActive() && !this.controls) body.replaceChildren(errorNotice(error, () => this.load()));
    }
  }
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
  const services = servicesFormSection(ctx);
  const follow = followServerSection(ctx);
  const deliveryLog = deliveryLogSection(ctx);
  const sinks = alertSinksSection(ctx, { onTested: () => deliveryLog.load() });
  container.append(el('h1', { attrs: { tabindex: '-1' }, text: 'Settings' }), body, status,
    quietHours.node, services.node, sinks.node, deliveryLog.node, follow.node);
  const general = new GeneralSettings(ctx, body, status);

  /** Each section reads its own data and keeps what the user is editing (see their `load`). */
  const loadAll = () => Promise.all([general.load(), quietHours.load(), services.load(), sinks.load(), deliveryLog.load(), follow.load()]);
  return { ready: loadAll(), refresh: loadAll };
}
