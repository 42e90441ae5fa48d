import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EVENT_FLAGS, EVERY_DAY, SEVERITY_OPTIONS, WORKDAYS, chosenSinks, clockText, dayKeys,
  daysDescription, daysText, deliveryStateClass, deliveryStateLabel, describeQuietHours, eventChoices, isSnoozed,
  quietHoursForm, quietHoursRequest, rulesToSave, severityChoices, severityFromValue, severityToValue, sinkChecked,
  sinkTargets, snoozeText,
} from '../js/alert-rules.js';

test('clock text: the backend\'s "22:00:00" and loose input become HH:MM', () => {
  assert.equal(clockText('22:00:00'), '22:00');
  assert.equal(clockText('07:05:00'), '07:05');
  assert.equal(clockText('07:05:00.000'), '07:05');
  assert.equal(clockText('7:05'), '07:05');
  assert.equal(clockText('23:59'), '23:59');
  assert.equal(clockText(' 00:00 '), '00:00');
  for (const bad of ['', null, undefined, '24:00', '12:60', '1200', 'noon', '12:5', '12:00 pm']) {
    assert.equal(clockText(bad), '', String(bad));
  }
});

test('days: backend words to keys in week order, and back to the argument', () => {
  assert.deepEqual(dayKeys(['Sun', 'Mon', 'Wed', 'Mon']), ['mon', 'wed', 'sun']);
  assert.deepEqual(dayKeys(['Monday', 'fri']), ['mon', 'fri']);
  assert.deepEqual(dayKeys(null), []);
  assert.deepEqual(dayKeys(['Xyz']), []);
  assert.equal(daysText(['wed', 'mon', 'tue']), 'mon,tue,wed');
  assert.equal(daysText(EVERY_DAY), 'mon,tue,wed,thu,fri,sat,sun');
  assert.equal(daysText([]), '');
  assert.equal(daysDescription(EVERY_DAY), 'every day');
  assert.equal(daysDescription(WORKDAYS), 'weekdays');
  assert.equal(daysDescription(['sun', 'sat']), 'weekends');
  assert.equal(daysDescription(['fri', 'mon', 'wed']), 'Mon, Wed, Fri');
});

test('quiet hours: what the form shows for saved settings, and the defaults when off', () => {
  assert.deepEqual(quietHoursForm(null), { enabled: false, start: '22:00', end: '07:00', days: EVERY_DAY, allowMajor: true });
  assert.deepEqual(quietHoursForm({ days: ['Mon', 'Tue'], start: '23:30:00', end: '06:00:00', allow_major: false }),
    { enabled: true, start: '23:30', end: '06:00', days: ['mon', 'tue'], allowMajor: false });
  assert.equal(quietHoursForm({ days: [], start: 'bad', end: '06:00:00', allow_major: true }).start, '22:00');
});

test('quiet hours: the set_quiet_hours arguments from the form', () => {
  assert.deepEqual(quietHoursRequest({ enabled: true, start: '22:00', end: '07:00', days: ['sat', 'mon', 'tue'], allowMajor: true }),
    { window: '22:00-07:00', days: 'mon,tue,sat', allowMajor: true });
  assert.deepEqual(quietHoursRequest({ enabled: true, start: '22:00:00', end: '7:00', days: EVERY_DAY, allowMajor: false }),
    { window: '22:00-07:00', days: 'mon,tue,wed,thu,fri,sat,sun', allowMajor: false });
  // Off: window null; days still well formed.
  assert.deepEqual(quietHoursRequest({ enabled: false, start: '', end: '', days: [], allowMajor: true }),
    { window: null, days: 'all', allowMajor: true });
  assert.deepEqual(quietHoursRequest({ enabled: false, start: '22:00', end: '07:00', days: ['sun'], allowMajor: false }),
    { window: null, days: 'sun', allowMajor: false });
  // The backend reads no days as "every day": refuse instead.
  assert.match(quietHoursRequest({ enabled: true, start: '22:00', end: '07:00', days: [], allowMajor: true }).error, /day/);
  assert.match(quietHoursRequest({ enabled: true, start: '', end: '07:00', days: EVERY_DAY, allowMajor: true }).error, /start and end/);
  // Same start and end is the backend's to refuse (its message is shown).
  assert.equal(quietHoursRequest({ enabled: true, start: '07:00', end: '07:00', days: EVERY_DAY, allowMajor: true }).window, '07:00-07:00');
});

test('quiet hours described in one line', () => {
  assert.equal(describeQuietHours(null), 'Quiet hours are off: alerts arrive at any time.');
  assert.equal(describeQuietHours({ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '22:00:00', end: '07:00:00', allow_major: true }),
    'Quiet 22:00–07:00 (next day) on weekdays; major outages still alert.');
  assert.equal(describeQuietHours({ days: ['Sat'], start: '12:00:00', end: '14:00:00', allow_major: false }),
    'Quiet 12:00–14:00 on Sat; nothing alerts.');
});

test('severity options map to null and the status words', () => {
  assert.deepEqual(SEVERITY_OPTIONS.map(([value]) => severityFromValue(value)),
    [null, 'degraded_performance', 'partial_outage', 'major_outage']);
  assert.deepEqual(SEVERITY_OPTIONS.map(([, label]) => label),
    ['Any change', 'Degraded performance and worse', 'Partial outage and worse', 'Major outage only']);
  assert.equal(severityToValue(null), '');
  assert.equal(severityToValue(undefined), '');
  assert.equal(severityToValue('partial_outage'), 'partial_outage');
  assert.equal(severityChoices('partial_outage'), SEVERITY_OPTIONS);
  assert.equal(severityChoices(null), SEVERITY_OPTIONS);
  // A stored word we do not offer stays selectable, so saving does not silently change it.
  assert.deepEqual(severityChoices('under_maintenance').at(-1), ['under_maintenance', 'Under maintenance']);
  assert.deepEqual(severityChoices('sort_of_bad').at(-1), ['sort_of_bad', 'sort_of_bad']);
});

test('event choices: twelve flags, missing ones from the backend defaults, else off', () => {
  assert.equal(EVENT_FLAGS.length, 12);
  assert.deepEqual(Object.keys(eventChoices(null)), EVENT_FLAGS.map(([flag]) => flag));
  // The window has no defaults of its own: they come from `default_event_choices`.
  assert.ok(Object.values(eventChoices(null)).every((on) => on === false));
  const defaults = { ...eventChoices(null), suspected_outage: true, maintenance_soon: true };
  assert.deepEqual(eventChoices(null, defaults), defaults);
  assert.deepEqual(eventChoices({ incident_updated: true }, defaults), { ...defaults, incident_updated: true });
  const choices = eventChoices({ incident_opened: false, component_changed: true, extra: true, provider_recovered: 'yes' },
    { ...defaults, provider_recovered: true, incident_opened: true });
  assert.equal(choices.incident_opened, false);
  assert.equal(choices.component_changed, true);
  assert.equal(choices.provider_recovered, true, 'a value that is not a bool takes the default');
  assert.equal(choices.suspected_outage, true);
  assert.equal('extra' in choices, false);
});

test('sinks: all ticked means null, otherwise the ticked ones in order', () => {
  const all = ['os', 'sink:1', 'sink:2'];
  assert.equal(chosenSinks(all, ['sink:2', 'os', 'sink:1']), null);
  assert.deepEqual(chosenSinks(all, ['sink:2', 'os']), ['os', 'sink:2']);
  assert.deepEqual(chosenSinks(all, []), []);
  assert.equal(chosenSinks(['os'], ['os']), null);
  assert.equal(sinkChecked(null, 'sink:1'), true);
  assert.equal(sinkChecked(['os'], 'sink:1'), false);
  assert.equal(sinkChecked(['os', 'sink:1'], 'sink:1'), true);
  assert.deepEqual(sinkTargets([{ id: 3, kind: 'slack', name: '#ops' }, { id: 4, kind: 'teams', name: '' }]), [
    { value: 'os', label: 'Desktop notifications', kind: null },
    { value: 'sink:3', label: '#ops', kind: 'slack' },
    { value: 'sink:4', label: 'Microsoft Teams', kind: 'teams' },
  ]);
});

test('rules to save keep the snooze fields as returned', () => {
  const saved = { events: null, min_severity: null, sinks: null, snoozed_until: '2026-11-23T14:30:00Z', snoozed_until_resolved: false };
  assert.deepEqual(rulesToSave(saved, { custom: false, events: { incident_opened: false }, minSeverity: 'partial_outage', sinks: ['os'] }),
    { events: null, min_severity: 'partial_outage', sinks: ['os'], snoozed_until: '2026-11-23T14:30:00Z', snoozed_until_resolved: false });
  const custom = rulesToSave(saved, { custom: true, events: { incident_opened: false }, minSeverity: '', sinks: null });
  assert.equal(custom.events.incident_opened, false);
  assert.equal(Object.keys(custom.events).length, 12);
  assert.equal(custom.min_severity, null);
  assert.equal(custom.sinks, null);
});

test('snooze described', () => {
  const now = new Date(2026, 10, 23, 13, 0).getTime();
  const until = new Date(2026, 10, 23, 14, 30).toISOString();
  const tomorrow = new Date(2026, 10, 24, 9, 0).toISOString();
  assert.equal(snoozeText({ snoozed_until: until, snoozed_until_resolved: false }, now), 'Snoozed until 14:30');
  assert.equal(snoozeText({ snoozed_until: tomorrow, snoozed_until_resolved: false }, now), 'Snoozed until 24 Nov 09:00');
  assert.equal(snoozeText({ snoozed_until: null, snoozed_until_resolved: true }, now), 'Snoozed until its incident is resolved');
  assert.equal(snoozeText({ snoozed_until: null, snoozed_until_resolved: false }, now), 'Not snoozed');
  assert.equal(snoozeText({ snoozed_until: new Date(2026, 10, 23, 12, 0).toISOString() }, now), 'Not snoozed', 'an expired snooze');
  assert.equal(snoozeText(null, now), 'Not snoozed');
  assert.equal(isSnoozed({ snoozed_until: until }, now), true);
  assert.equal(isSnoozed({ snoozed_until: until }, new Date(2026, 10, 23, 15, 0)), false);
  assert.equal(isSnoozed({ snoozed_until_resolved: true }, now), true);
});

test('delivery states', () => {
  assert.equal(deliveryStateLabel('sent'), 'Sent');
  assert.equal(deliveryStateLabel('failed'), 'Failed');
  assert.equal(deliveryStateLabel('pending'), 'Pending');
  assert.equal(deliveryStateLabel('bounced'), 'bounced');
  assert.equal(deliveryStateLabel(null), 'Unknown');
  assert.equal(deliveryStateClass('pending'), 'delivery-pending');
  assert.equal(deliveryStateClass('constructor'), 'delivery-unknown');
});
