import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_MATCH, NOT_CATALOGUED, looksLikeAddress, resultsNote, watchingText } from '../js/add-notes.js';
import { namesText, shortWindow } from '../js/format.js';
import { matchesFilter, upcomingMaintenanceText } from '../js/overview-rows.js';

import './fake-dom.mjs';
const { providerRow } = await import('../js/parts/provider-row.js');
const { maintenanceRow } = await import('../js/parts/maintenance-rows.js');
const { userBadges } = await import('../js/parts/badges.js');

// Local times: the tests build their instants from local dates, so any TZ gives the same words.
const NOW = new Date(2026, 11, 7, 12, 0).getTime(); // Monday 7 Dec 2026, 12:00 local
const local = (day, hour, minute = 0) => new Date(2026, 11, day, hour, minute).toISOString();

function card(extra = {}) {
  return {
    id: 7, name: 'Slack', url: 'https://slack-status.com', platform: 'slack', platform_label: 'Slack status',
    status: 'operational', unreachable: false, unknown_reason: null, warnings: [], last_error: null,
    last_checked_at: new Date(NOW - 30_000).toISOString(), last_success_at: new Date(NOW - 30_000).toISOString(),
    poll_interval_secs: 60, active_incidents: [], maintenances: [], watched_all: true, suspected: null,
    groups: [], badges: [], ...extra,
  };
}

function maintenance(extra = {}) {
  return { provider_id: 7, provider: 'Slack', id: 'm1', title: 'Database upgrade', status: 'scheduled', in_progress: false,
    scheduled_for: local(8, 14), scheduled_until: local(8, 16), ends_in: null, components: [], url: null, ...extra };
}

const SNOOZED = { kind: 'snoozed', label: 'snoozed · 7 h left', left: '7 h left', detail: 'Alerts snoozed: 7 h left' };
const MUTED = { kind: 'muted', label: 'muted', left: null, detail: 'Its alert rules let nothing through: no destination is ticked' };

test('badges: one per state the user set, its sentence on hover', () => {
  const [snoozed, muted] = userBadges([SNOOZED, MUTED], 'row-badge');
  assert.equal(snoozed.textContent, 'snoozed · 7 h left');
  assert.equal(snoozed.className, 'user-badge user-badge-snoozed row-badge');
  assert.equal(snoozed.getAttribute('title'), 'Alerts snoozed: 7 h left');
  assert.equal(muted.dataset.badge, 'muted');
  assert.deepEqual(userBadges(undefined), []);
});

test('overview row: the badges sit on the row, and the filter finds them', () => {
  const row = providerRow(card({ badges: [SNOOZED, MUTED] }), NOW);
  assert.deepEqual(row.byClass('user-badge').map((b) => b.textContent), ['snoozed · 7 h left', 'muted']);
  assert.ok(matchesFilter(card({ badges: [SNOOZED] }), 'snoozed', 'all'));
  assert.ok(!matchesFilter(card(), 'snoozed', 'all'));
});

test('overview row: the next maintenance in a few words, soonest first, none once under way', () => {
  const soon = maintenance();
  const later = maintenance({ id: 'm2', scheduled_for: local(20, 9), scheduled_until: local(20, 10) });
  const running = maintenance({ id: 'm3', in_progress: true, scheduled_for: local(7, 11) });
  assert.equal(upcomingMaintenanceText(card({ maintenances: [later, running, soon] }), NOW), 'Maintenance tomorrow 14:00–16:00');
  assert.equal(upcomingMaintenanceText(card({ maintenances: [running] }), NOW), '');
  assert.equal(upcomingMaintenanceText(card({ maintenances: [maintenance({ scheduled_for: null })] }), NOW), '');
  const row = providerRow(card({ maintenances: [later] }), NOW);
  assert.deepEqual(row.byClass('row-upcoming').map((n) => n.textContent), ['Maintenance 20 Dec 09:00–10:00']);
});

test('short windows: today, tomorrow, a weekday within the week, else the date; across midnight', () => {
  assert.equal(shortWindow(local(7, 14), local(7, 16), NOW), 'today 14:00–16:00');
  assert.equal(shortWindow(local(9, 14), local(9, 16, 30), NOW), 'Wed 14:00–16:30');
  assert.equal(shortWindow(local(7, 22), local(8, 2), NOW), 'today 22:00 – tomorrow 02:00');
  assert.equal(shortWindow(local(24, 8), null, NOW), '24 Dec 08:00');
  assert.equal(shortWindow(null, local(8, 2), NOW), '');
});

test('maintenance rows: start – end on one line, "ends in" under it, and what it covers', () => {
  const row = maintenanceRow(maintenance({ in_progress: true, status: 'in_progress', scheduled_for: local(7, 11),
    scheduled_until: local(7, 14), ends_in: 'ends in 2 h', components: ['API', 'Dashboard', 'Webhooks', 'Search', 'Login'] }),
  NOW, () => {});
  const [window] = row.byClass('row-window');
  assert.deepEqual(window.children.map((c) => c.textContent), ['11:00 – 14:00', 'ends in 2 h']);
  assert.deepEqual(row.byClass('row-covers').map((n) => n.textContent), ['Affects API, Dashboard, Webhooks +2 more']);
  const upcoming = maintenanceRow(maintenance(), NOW, () => {});
  assert.equal(upcoming.byClass('row-covers').length, 0, 'no "Affects" line when the vendor names none');
  assert.match(upcoming.byClass('row-window')[0].textContent, /^8 Dec 14:00 – 16:00starts in 1 day$/);
});

test('names in one short line', () => {
  assert.equal(namesText(['API']), 'API');
  assert.equal(namesText(['A', 'B', 'C', 'D']), 'A, B, C +1 more');
  assert.equal(namesText([]), '');
  assert.equal(namesText(undefined), '');
});

test('add: the "nothing matches" hint never stays under a page just read', () => {
  assert.equal(resultsNote('zzzz', 0, null), NO_MATCH);
  assert.equal(resultsNote('https://status.example.test', 0, null), NOT_CATALOGUED);
  assert.equal(resultsNote('https://status.example.test', 0, 'https://status.example.test'), '');
  assert.equal(resultsNote('git', 4, null), '');
  assert.equal(resultsNote('  ', 0, null), '');
  assert.ok(looksLikeAddress('status.example.test') && !looksLikeAddress('GitHub'));
  assert.equal(watchingText({ id: 3, name: 'GitHub' }), 'Already watching GitHub — ');
});
