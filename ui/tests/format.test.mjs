import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkedText, dayIncidentText, duration, fullLocalTime, historyDayText, impactClass, impactCountsText, impactLabel,
  incidentDuration, incidentStatusLabel, intervalChoices, intervalLabel, isPaused, localTime, maintenanceStatusLabel,
  headerStatus, leadText, pausedText, relativeTime, statusClass, statusLabel, statusWords, suspectedText, timeWindow, uptimeText,
} from '../js/format.js';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const ago = (seconds) => new Date(NOW - seconds * 1000).toISOString();

test('relative times at their boundaries', () => {
  assert.equal(relativeTime(ago(0), NOW), 'just now');
  assert.equal(relativeTime(ago(9), NOW), 'just now');
  assert.equal(relativeTime(ago(10), NOW), '10 s ago');
  assert.equal(relativeTime(ago(59), NOW), '59 s ago');
  assert.equal(relativeTime(ago(60), NOW), '1 min ago');
  assert.equal(relativeTime(ago(119), NOW), '1 min ago');
  assert.equal(relativeTime(ago(59 * 60 + 59), NOW), '59 min ago');
  assert.equal(relativeTime(ago(3600), NOW), '1 h ago');
  assert.equal(relativeTime(ago(23 * 3600 + 3599), NOW), '23 h ago');
  assert.equal(relativeTime(ago(86400), NOW), '1 day ago');
  assert.equal(relativeTime(ago(2 * 86400 + 5), NOW), '2 days ago');
});

test('relative times accept a Date for now, and read the future as "in …"', () => {
  assert.equal(relativeTime(ago(120), new Date(NOW)), '2 min ago');
  assert.equal(relativeTime(ago(-2 * 3600), NOW), 'in 2 h');
  assert.equal(relativeTime(ago(-3), NOW), 'just now'); // small clock skew
});

test('relative time of a missing or unreadable time is empty', () => {
  assert.equal(relativeTime(null, NOW), '');
  assert.equal(relativeTime('', NOW), '');
  assert.equal(relativeTime('not a date', NOW), '');
  assert.equal(checkedText(null, NOW), 'not checked yet');
  assert.equal(checkedText(ago(120), NOW), 'checked 2 min ago');
});

test('durations', () => {
  assert.equal(duration(0), '0 s');
  assert.equal(duration(59), '59 s');
  assert.equal(duration(60), '1 min');
  assert.equal(duration(3599), '59 min');
  assert.equal(duration(3600), '1 h');
  assert.equal(duration(5100), '1 h 25 min');
  assert.equal(duration(3900), '1 h 5 min');
  assert.equal(duration(86399), '23 h 59 min');
  assert.equal(duration(86400), '1 day');
  assert.equal(duration(90000), '1 day 1 h');
  assert.equal(duration(3 * 86400 + 60), '3 days');
  assert.equal(duration(12.9), '12 s');
  assert.equal(duration(-5), '');
  assert.equal(duration(null), '');
  assert.equal(duration(undefined), '');
  assert.equal(duration('abc'), '');
});

test('incident duration says "ongoing" for an active incident', () => {
  assert.equal(incidentDuration({ active: true, duration_seconds: 3900 }), 'ongoing · 1 h 5 min');
  assert.equal(incidentDuration({ active: false, duration_seconds: 3900 }), '1 h 5 min');
  assert.equal(incidentDuration({ active: true }), 'ongoing');
});

test('status labels and classes, with unknown words kept and coloured unknown', () => {
  assert.equal(statusLabel('operational'), 'Operational');
  assert.equal(statusLabel('degraded_performance'), 'Degraded performance');
  assert.equal(statusLabel('partial_outage'), 'Partial outage');
  assert.equal(statusLabel('major_outage'), 'Major outage');
  assert.equal(statusLabel('under_maintenance'), 'Under maintenance');
  assert.equal(statusClass('partial_outage'), 'status-partial-outage');
  assert.equal(statusClass('under_maintenance'), 'status-under-maintenance');
  assert.equal(statusClass('unknown'), 'status-unknown');
  for (const word of ['degraded', 'Operational', 'blue', 'constructor', '__proto__', 'toString', '', null, undefined, 42]) {
    assert.equal(statusClass(word), 'status-unknown', `statusClass(${String(word)})`);
  }
  assert.equal(statusLabel('under_review'), 'under_review'); // shown as it came
  assert.equal(statusLabel('constructor'), 'constructor');
  assert.equal(statusLabel(null), 'Unknown');
  assert.equal(statusLabel(''), 'Unknown');
});

test('impact, incident and maintenance status words', () => {
  assert.equal(impactLabel('critical'), 'Critical');
  assert.equal(impactLabel('none'), 'No impact');
  assert.equal(impactClass('major'), 'impact-major');
  assert.equal(impactClass('catastrophic'), 'impact-unknown');
  assert.equal(impactLabel('catastrophic'), 'catastrophic');
  assert.equal(incidentStatusLabel('identified'), 'Identified');
  assert.equal(incidentStatusLabel('scheduled'), 'scheduled');
  assert.equal(maintenanceStatusLabel('in_progress'), 'In progress');
  assert.equal(maintenanceStatusLabel('hasOwnProperty'), 'hasOwnProperty');
});

test('local times: clock today, day and month this year, year otherwise', () => {
  const now = new Date(2026, 10, 23, 15, 0).getTime();
  assert.equal(localTime(new Date(2026, 10, 23, 9, 5).toISOString(), now), '09:05');
  assert.equal(localTime(new Date(2026, 10, 22, 23, 59).toISOString(), now), '22 Nov 23:59');
  assert.equal(localTime(new Date(2025, 0, 3, 7, 0).toISOString(), now), '3 Jan 2025 07:00');
  assert.equal(localTime(null, now), '');
  assert.equal(fullLocalTime(new Date(2026, 10, 23, 9, 5, 7).toISOString()), '2026-11-23 09:05:07');
});

test('maintenance windows in local time', () => {
  const now = new Date(2026, 10, 23, 8, 0).getTime();
  const at = (d, h, m = 0) => new Date(2026, 10, d, h, m).toISOString();
  assert.equal(timeWindow(at(23, 14), at(23, 16), now), '14:00 – 16:00');
  assert.equal(timeWindow(at(24, 22), at(25, 2), now), '24 Nov 22:00 – 25 Nov 02:00');
  assert.equal(timeWindow(at(24, 22), at(24, 23, 30), now), '24 Nov 22:00 – 23:30');
  assert.equal(timeWindow(at(23, 14), null, now), 'from 14:00');
  assert.equal(timeWindow(null, at(23, 16), now), 'until 16:00');
  assert.equal(timeWindow(null, null, now), 'Time not announced');
});

test('pause state', () => {
  const now = new Date(2026, 10, 23, 13, 30).getTime();
  const until = new Date(2026, 10, 23, 14, 30).toISOString();
  assert.equal(isPaused(until, now), true);
  assert.equal(isPaused(until, now + 2 * 3600 * 1000), false);
  assert.equal(isPaused(null, now), false);
  assert.equal(pausedText(until, now), 'Notifications paused until 14:30');
});

test('poll intervals', () => {
  assert.deepEqual([30, 60, 120, 300, 900].map(intervalLabel), ['30 s', '1 min', '2 min', '5 min', '15 min']);
  assert.deepEqual(intervalChoices(60), [30, 60, 120, 300, 900]);
  assert.deepEqual(intervalChoices(90), [30, 60, 90, 120, 300, 900]);
  assert.deepEqual(intervalChoices(undefined), [30, 60, 120, 300, 900]);
});

test('history: statuses in running text, uptime with three decimals', () => {
  assert.equal(statusWords('partial_outage'), 'partial outage');
  assert.equal(statusWords('operational'), 'operational');
  assert.equal(statusWords('Flaky'), 'Flaky'); // a vendor's word, as it came
  assert.equal(statusWords(null), 'Unknown');
  assert.equal(uptimeText(99.98642), '99.98 %');
  assert.equal(uptimeText(99.9999), '99.99 %', 'never rounded up to 100');
  assert.equal(uptimeText(100), '100 %');
  assert.equal(uptimeText(0), '0.00 %');
  assert.equal(uptimeText(null), 'no data');
  assert.equal(uptimeText('x'), 'no data');
});

test('history: a day of a bar lists its incidents with their durations', () => {
  assert.equal(dayIncidentText({ id: 'a', title: 'Elevated errors', duration_seconds: 2520 }), 'Elevated errors (42 min)');
  assert.equal(dayIncidentText({ id: 'b', title: 'Still broken', duration_seconds: null }), 'Still broken (ongoing)');
  assert.equal(historyDayText({ date: '2026-11-28', worst: 'partial_outage',
    incidents: [{ id: 'a', title: 'Elevated errors', duration_seconds: 2520 }] }),
  '2026-11-28: partial outage — Elevated errors (42 min)');
  assert.equal(historyDayText({ date: '2026-11-27', worst: 'major_outage', incidents: [
    { id: 'a', title: 'A', duration_seconds: 3600 }, { id: 'b', title: 'B', duration_seconds: null }] }),
  '2026-11-27: major outage — A (1 h); B (ongoing)');
  assert.equal(historyDayText({ date: '2026-11-26', worst: 'unknown' }), '2026-11-26: unknown');
  assert.equal(historyDayText({ date: '2026-11-25', worst: 'operational', incidents: [] }), '2026-11-25: operational');
});

test('history: incidents counted by impact, worst first, zeros left out', () => {
  const none = { none: 0, minor: 0, major: 0, critical: 0, maintenance: 0 };
  assert.equal(impactCountsText(0, none), 'No incidents');
  assert.equal(impactCountsText(1, { ...none, major: 1 }), '1 incident (1 major)');
  assert.equal(impactCountsText(4, { ...none, minor: 2, critical: 1, none: 1 }), '4 incidents (1 critical, 2 minor, 1 no impact)');
  assert.equal(impactCountsText(2, undefined), '2 incidents');
});

test('a suspected outage in words: since when (local time), what the page says', () => {
  const since = ago(12 * 60);
  const clock = localTime(since, NOW);
  assert.match(clock, /^\d\d:\d\d$/);
  assert.equal(suspectedText({ since, failing_probes: 1 }, 'operational', NOW),
    `Your probes fail since ${clock}; the status page says operational`);
  assert.equal(suspectedText({ since, failing_probes: 2 }, 'degraded_performance', NOW),
    `2 of your probes fail since ${clock}; the status page says degraded performance`);
  assert.equal(suspectedText({ since: ago(3 * 86400), failing_probes: 1 }, 'operational', NOW),
    `Your probes fail since ${localTime(ago(3 * 86400), NOW)}; the status page says operational`);
  assert.equal(suspectedText({ since: 'garbage', failing_probes: 1 }, 'operational', NOW),
    'Your probes fail; the status page says operational');
});

test('how early Lookout noticed an incident', () => {
  assert.equal(leadText(17 * 60, 'Clerk'), 'Lookout noticed 17 min before Clerk posted');
  assert.equal(leadText(45, 'Acme'), 'Lookout noticed 45 s before Acme posted');
  assert.equal(leadText(3900, 'Acme'), 'Lookout noticed 1 h 5 min before Acme posted');
  assert.equal(leadText(null, 'Acme'), '');
  assert.equal(leadText(undefined, 'Acme'), '');
});

test('the header shows a suspected outage as the tray does: unless a page says partial or major outage', () => {
  assert.deepEqual(headerStatus('operational', true), { className: 'status-suspected', label: 'Suspected outage' });
  assert.deepEqual(headerStatus('degraded_performance', true), { className: 'status-suspected', label: 'Suspected outage' });
  assert.deepEqual(headerStatus('partial_outage', true), { className: 'status-partial-outage', label: 'Partial outage' });
  assert.deepEqual(headerStatus('operational', false), { className: 'status-operational', label: 'Operational' });
});
