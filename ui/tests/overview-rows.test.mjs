import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeIncidents, lastReadText, matchesFilter, needsLook, rowHeadline, shownSince, splitByTrouble,
} from '../js/overview-rows.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');

function card(name, extra = {}) {
  return {
    id: name.length, name, url: `https://status.${name}.test`, platform: 'statuspage', platform_label: 'Atlassian Statuspage',
    status: 'operational', unreachable: false, unknown_reason: null, warnings: [], last_error: null,
    last_checked_at: '2026-12-07T11:59:30Z', last_success_at: '2026-12-07T11:59:30Z', poll_interval_secs: 60,
    active_incidents: [], maintenances: [], watched_all: true, suspected: null,
    groups: [{ name: null, status: 'operational', components: [{ id: 'a', name: 'API', status: 'operational', watched: true }] }],
    ...extra,
  };
}

function incident(provider, impact, startedAt, title = `${provider} ${impact}`) {
  return { provider_id: provider.length, provider, id: `${provider}-${impact}`, title, impact, status: 'investigating',
    active: true, started_at: startedAt, resolved_at: null, duration_seconds: 60, detected_at: startedAt, url: null,
    latest_update: null, suspected_lead_seconds: null };
}

test('overview: what is broken comes first, by status, then impact, then the newest; the calm by name', () => {
  const cards = [
    card('zeta'),
    card('minorly', { status: 'degraded_performance', active_incidents: [incident('minorly', 'minor', '2026-12-07T11:00:00Z')] }),
    card('Alpha'),
    card('majorly', { status: 'major_outage', active_incidents: [incident('majorly', 'critical', '2026-12-07T10:00:00Z')] }),
    card('partial-old', { status: 'partial_outage', active_incidents: [incident('partial-old', 'major', '2026-12-07T08:00:00Z')] }),
    card('partial-new', { status: 'partial_outage', active_incidents: [incident('partial-new', 'major', '2026-12-07T11:30:00Z')] }),
    card('quiet-incident', { active_incidents: [incident('quiet-incident', 'none', '2026-12-07T11:50:00Z')] }),
    card('failing', { last_error: 'connection refused', last_checked_at: '2026-12-07T11:59:50Z' }),
  ];
  const { troubled, calm } = splitByTrouble(cards);
  assert.deepEqual(troubled.map((c) => c.name),
    ['majorly', 'partial-new', 'partial-old', 'minorly', 'quiet-incident', 'failing']);
  assert.deepEqual(calm.map((c) => c.name), ['Alpha', 'zeta']);
  assert.equal(needsLook(card('calm')), false);
});

test('overview: a failed check is said at once, never "checked just now"', () => {
  const failing = card('dead', { last_error: 'connection refused', last_checked_at: '2026-12-07T11:59:58Z', last_success_at: '2026-12-07T11:58:00Z' });
  assert.equal(lastReadText(failing, NOW), 'last read 2 min ago · the last check failed: connection refused');
  assert.doesNotMatch(lastReadText(failing, NOW), /checked just now/);
  const never = card('new', { last_error: 'HTTP 503', last_success_at: null, last_checked_at: '2026-12-07T11:59:58Z' });
  assert.equal(lastReadText(never, NOW), 'never read · the last check failed: HTTP 503');
  assert.equal(lastReadText(card('fine'), NOW), 'checked 30 s ago');
  assert.equal(lastReadText(card('unread', { last_checked_at: null, last_success_at: null }), NOW), 'not read yet');
});

test('overview: the row says what is wrong in one line', () => {
  const two = card('acme', { status: 'partial_outage', active_incidents: [
    incident('acme', 'minor', '2026-12-07T11:00:00Z', 'Slow logins'), incident('acme', 'major', '2026-12-07T11:10:00Z', 'API down')] });
  assert.equal(rowHeadline(two), 'Major: API down (+1 more)');
  const component = card('globex', { status: 'degraded_performance', groups: [{ name: null, status: 'degraded_performance', components: [
    { id: 'a', name: 'API', status: 'operational', watched: true },
    { id: 'b', name: 'Webhooks', status: 'degraded_performance', watched: true },
    { id: 'c', name: 'Search', status: 'major_outage', watched: false }] }] });
  assert.equal(rowHeadline(component), 'Webhooks: degraded performance', 'an unwatched component is not the headline');
  assert.equal(rowHeadline(card('unk', { status: 'unknown', unknown_reason: 'not read yet' })), 'Unknown — not read yet');
  assert.equal(rowHeadline(card('ok')), '');
  assert.equal(rowHeadline(card('dead', { last_error: 'HTTP 503' })), 'The last check failed: HTTP 503');
  for (const c of [two, component, card('ok')]) assert.doesNotMatch(rowHeadline(c), /null|undefined/);
});

test('overview: the filter matches names, components and incidents in any case, and by state', () => {
  const acme = card('Acme', { status: 'partial_outage', active_incidents: [incident('Acme', 'major', '2026-12-07T11:00:00Z', 'Webhook delays')] });
  const globex = card('Globex');
  assert.equal(matchesFilter(acme, 'acm', 'all'), true);
  assert.equal(matchesFilter(acme, 'webhook DELAYS', 'all'), true);
  assert.equal(matchesFilter(globex, 'api', 'all'), true, 'a component name');
  assert.equal(matchesFilter(globex, 'api stripe', 'all'), false, 'every word must match');
  assert.equal(matchesFilter(acme, '', 'problems'), true);
  assert.equal(matchesFilter(globex, '', 'problems'), false);
  assert.equal(matchesFilter(globex, '', 'operational'), true);
  assert.equal(matchesFilter(acme, '', 'operational'), false);
});

test('overview: the strip lists every open incident, worst impact first, then the newest', () => {
  const cards = [
    card('a', { active_incidents: [incident('a', 'none', '2026-12-07T11:59:00Z')] }),
    card('b', { active_incidents: [incident('b', 'minor', '2026-12-07T10:00:00Z'), incident('b', 'critical', '2026-12-07T09:00:00Z')] }),
    card('c', { active_incidents: [incident('c', 'minor', '2026-12-07T11:00:00Z')] }),
  ];
  assert.deepEqual(activeIncidents(cards).map((i) => i.id), ['b-critical', 'c-minor', 'b-minor', 'a-none']);
});

test('overview: "began" is the vendor\'s incident or the suspicion, not a failed check', () => {
  assert.equal(shownSince(card('dead', { last_error: 'HTTP 503' })), null);
  const open = card('acme', { active_incidents: [incident('acme', 'minor', '2026-12-07T11:00:00Z')] });
  assert.equal(shownSince(open), Date.parse('2026-12-07T11:00:00Z'));
});
