// Owns the alert settings' pure logic: quiet-hours window and days, severities, event and sink choices (sink kinds: sink-kinds.js), snooze text.
import { localTime, parseTime, statusLabel } from './format.js';
import { sinkKindLabel } from './sink-kinds.js';

/** [key the backend reads, short label, long label], Monday first. */
export const WEEKDAYS = [
  ['mon', 'Mon', 'Monday'],
  ['tue', 'Tue', 'Tuesday'],
  ['wed', 'Wed', 'Wednesday'],
  ['thu', 'Thu', 'Thursday'],
  ['fri', 'Fri', 'Friday'],
  ['sat', 'Sat', 'Saturday'],
  ['sun', 'Sun', 'Sunday'],
];
export const EVERY_DAY = WEEKDAYS.map(([key]) => key);
export const WORKDAYS = EVERY_DAY.slice(0, 5);
const WEEKEND = EVERY_DAY.slice(5);

/** What the quiet-hours form shows when quiet hours are off. */
export const QUIET_DEFAULTS = Object.freeze({ enabled: false, start: '22:00', end: '07:00', days: EVERY_DAY, allowMajor: true });

function pad(n) {
  return String(n).padStart(2, '0');
}

/** "22:00:00" (the backend) or "7:05" → "07:05"; '' when it is not a time of day. */
export function clockText(value) {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(String(value ?? '').trim());
  if (!match) return '';
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return '';
  return `${pad(hours)}:${pad(minutes)}`;
}

/** The backend's day words ("Mon", "Monday", "mon") → the form's keys, in week order, once each. */
export function dayKeys(days) {
  const wanted = new Set((Array.isArray(days) ? days : []).map((d) => String(d).trim().slice(0, 3).toLowerCase()));
  return EVERY_DAY.filter((key) => wanted.has(key));
}

/** Chosen keys → the `days` argument: "mon,tue,wed" in week order; '' when none. */
export function daysText(keys) {
  return dayKeys(keys).join(',');
}

/**
 * AlertSettings.quiet_hours (or null) → the values the form shows.
 * @param {import('../types/lookout').QuietHours | null} quietHours
 */
export function quietHoursForm(quietHours) {
  if (!quietHours) return { ...QUIET_DEFAULTS, days: [...EVERY_DAY] };
  return {
    enabled: true,
    start: clockText(quietHours.start) || QUIET_DEFAULTS.start,
    end: clockText(quietHours.end) || QUIET_DEFAULTS.end,
    days: dayKeys(quietHours.days),
    allowMajor: Boolean(quietHours.allow_major),
  };
}

/**
 * The form's values → the `set_quiet_hours` arguments { window, days, allowMajor }, or { error }
 * for what the backend would misread (it reads no days as "every day").
 */
export function quietHoursRequest({ enabled, start, end, days, allowMajor }) {
  const dayList = daysText(days);
  if (!enabled) return { window: null, days: dayList || 'all', allowMajor: Boolean(allowMajor) };
  const from = clockText(start);
  const to = clockText(end);
  if (!from || !to) return { error: 'Choose when quiet hours start and end.' };
  if (!dayList) return { error: 'Choose at least one day.' };
  return { window: `${from}-${to}`, days: dayList, allowMajor: Boolean(allowMajor) };
}

function sameDays(keys, set) {
  return keys.length === set.length && set.every((key) => keys.includes(key));
}

/** "every day", "weekdays", "weekends" or "Mon, Wed, Fri". */
export function daysDescription(keys) {
  const chosen = dayKeys(keys);
  if (sameDays(chosen, EVERY_DAY)) return 'every day';
  if (sameDays(chosen, WORKDAYS)) return 'weekdays';
  if (sameDays(chosen, WEEKEND)) return 'weekends';
  return WEEKDAYS.filter(([key]) => chosen.includes(key)).map(([, short]) => short).join(', ');
}

/**
 * One line for the saved quiet hours: "Quiet 22:00–07:00 (next day) on weekdays; major outages still alert."
 * @param {import('../types/lookout').QuietHours | null} quietHours
 */
export function describeQuietHours(quietHours) {
  if (!quietHours) return 'Quiet hours are off: alerts arrive at any time.';
  const start = clockText(quietHours.start);
  const end = clockText(quietHours.end);
  const overnight = start && end && end < start ? ' (next day)' : '';
  const major = quietHours.allow_major ? 'major outages still alert' : 'nothing alerts';
  return `Quiet ${start}–${end}${overnight} on ${daysDescription(dayKeys(quietHours.days))}; ${major}.`;
}

/** The minimum-severity choices: [select value, label]; '' stands for null ("any change"). */
export const SEVERITY_OPTIONS = [
  ['', 'Any change'],
  ['degraded_performance', 'Degraded performance and worse'],
  ['partial_outage', 'Partial outage and worse'],
  ['major_outage', 'Major outage only'],
];

/** The options to offer, keeping a stored word we do not offer (shown as it is). */
export function severityChoices(current) {
  const value = severityToValue(current);
  if (SEVERITY_OPTIONS.some(([option]) => option === value)) return SEVERITY_OPTIONS;
  return [...SEVERITY_OPTIONS, [value, statusLabel(value)]];
}

export function severityToValue(minSeverity) {
  return minSeverity === null || minSeverity === undefined ? '' : String(minSeverity);
}

export function severityFromValue(value) {
  return value === '' || value === null || value === undefined ? null : String(value);
}

/** The EventChoices flags with their labels. */
export const EVENT_FLAGS = [
  ['incident_opened', 'An incident starts'],
  ['incident_updated', 'An incident is updated'],
  ['incident_resolved', 'An incident is resolved'],
  ['maintenance_scheduled', 'A maintenance is announced'],
  ['maintenance_soon', 'A maintenance starts soon (a reminder)'],
  ['maintenance_started', 'A maintenance starts'],
  ['maintenance_completed', 'A maintenance ends'],
  ['component_changed', 'A component changes status'],
  ['provider_unreachable', 'The status page cannot be read'],
  ['provider_recovered', 'The status page can be read again'],
  ['suspected_outage', 'My probes fail while the page says all is well'],
  ['suspected_cleared', 'My probes pass again'],
];

/**
 * A complete EventChoices: every flag a bool, a missing one from `defaults` (the backend's
 * `default_event_choices`), else off.
 * @param {Partial<import('../types/lookout').EventChoices> | null} source
 * @param {Partial<import('../types/lookout').EventChoices> | null} [defaults]
 * @returns {import('../types/lookout').EventChoices}
 */
export function eventChoices(source, defaults = null) {
  const choices = /** @type {import('../types/lookout').EventChoices} */ ({});
  for (const [flag] of EVENT_FLAGS) {
    const value = source?.[flag];
    const fallback = defaults?.[flag];
    choices[flag] = typeof value === 'boolean' ? value : fallback === true;
  }
  return choices;
}

/**
 * Where a provider's alerts can go: desktop notifications, then each sink.
 * @param {import('../types/lookout').SinkView[] | null} sinks
 */
export function sinkTargets(sinks) {
  return [
    { value: 'os', label: 'Desktop notifications', kind: null },
    ...(sinks ?? []).map((sink) => ({ value: `sink:${sink.id}`, label: sink.name || sinkKindLabel(sink.kind), kind: sink.kind })),
  ];
}

/** Whether a target is ticked for ProviderRules.sinks (null means every one). */
export function sinkChecked(ruleSinks, value) {
  return !Array.isArray(ruleSinks) || ruleSinks.includes(value);
}

/** The ticked targets → ProviderRules.sinks: null when every offered one is ticked. */
export function chosenSinks(allValues, checkedValues) {
  const checked = new Set(checkedValues);
  if (allValues.every((value) => checked.has(value))) return null;
  return allValues.filter((value) => checked.has(value));
}

/**
 * The rules to send: the form's choices over the saved rules, so snooze fields stay as returned.
 * @param {import('../types/lookout').ProviderRules} saved
 * @param {{ custom: boolean, events: Partial<import('../types/lookout').EventChoices>, minSeverity: string, sinks: string[] | null }} form
 * @returns {import('../types/lookout').ProviderRules}
 */
export function rulesToSave(saved, { custom, events, minSeverity, sinks }) {
  return {
    ...saved,
    events: custom ? eventChoices(events) : null,
    min_severity: severityFromValue(minSeverity),
    sinks: sinks === null ? null : [...sinks],
  };
}

/** The snooze buttons: [snooze word, label, element id]. */
export const SNOOZES = [
  ['1h', '1 hour', 'snooze-1h'],
  ['8h', '8 hours', 'snooze-8h'],
  ['24h', '24 hours', 'snooze-24h'],
  ['resolved', 'Until resolved', 'snooze-resolved'],
];

/**
 * @param {import('../types/lookout').ProviderRules | null} rules
 * @param {number | Date} now
 */
export function isSnoozed(rules, now) {
  if (rules?.snoozed_until_resolved) return true;
  const until = parseTime(rules?.snoozed_until);
  return until !== null && until > (now instanceof Date ? now.getTime() : Number(now));
}

/**
 * "Snoozed until 14:30", "Snoozed until its incident is resolved" or "Not snoozed".
 * @param {import('../types/lookout').ProviderRules | null} rules
 * @param {number} now
 */
export function snoozeText(rules, now) {
  if (rules?.snoozed_until_resolved) return 'Snoozed until its incident is resolved';
  if (isSnoozed(rules, now)) return `Snoozed until ${localTime(rules.snoozed_until, now)}`;
  return 'Not snoozed';
}

const DELIVERY_STATES = { sent: 'Sent', pending: 'Pending', failed: 'Failed' };

export function deliveryStateLabel(state) {
  if (typeof state === 'string' && Object.hasOwn(DELIVERY_STATES, state)) return DELIVERY_STATES[state];
  return state ? String(state) : 'Unknown';
}

export function deliveryStateClass(state) {
  return typeof state === 'string' && Object.hasOwn(DELIVERY_STATES, state) ? `delivery-${state}` : 'delivery-unknown';
}
