import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backend, BackendError, onStatusChanged, toBackendError } from '../js/backend.js';

function fakeTauri(invoke) {
  const listeners = {};
  globalThis.window = {
    __TAURI__: {
      core: { invoke },
      event: { listen: async (name, handler) => { listeners[name] = handler; return () => {}; } },
    },
  };
  return listeners;
}

test('a {code, message} rejection becomes an Error with .code', async () => {
  fakeTauri(async () => { throw { code: 'not_found', message: 'No such incident.' }; });
  await assert.rejects(backend.incident(1, 'x'), (error) => {
    assert.ok(error instanceof Error);
    assert.ok(error instanceof BackendError);
    assert.equal(error.code, 'not_found');
    assert.equal(error.message, 'No such incident.');
    return true;
  });
});

test('odd rejections still become errors the user can read', () => {
  assert.equal(toBackendError('command foo not found').message, 'command foo not found');
  assert.equal(toBackendError('command foo not found').code, 'internal');
  assert.equal(toBackendError(undefined).code, 'internal');
  assert.equal(toBackendError({ message: 'disk full' }).code, 'internal');
  assert.equal(toBackendError({ code: 'storage', message: 'disk full' }).code, 'storage');
});

test('commands are called with the contract\'s names and camelCase arguments', async () => {
  const calls = [];
  fakeTauri(async (name, args) => { calls.push([name, args]); return null; });
  await backend.incidents({ provider_id: 2, state: 'active' });
  await backend.incident(2, 'abc');
  await backend.followIncident(2, 'abc', true);
  await backend.setWatched(2, ['c1']);
  await backend.removeProvider(2);
  await backend.catalogSearch('');
  await backend.catalogCategories();
  await backend.catalogCategory('cloud & CDN');
  await backend.alreadyWatching('https://www.githubstatus.com');
  await backend.pauseNotifications('hour');
  await backend.addProvider({ url: 'https://x', name: 'X', platform: 'statuspage', component_ids: [] });
  await backend.suggestFromFolder();
  assert.deepEqual(calls, [
    ['incidents', { query: { provider_id: 2, state: 'active' } }],
    ['incident', { providerId: 2, incidentId: 'abc' }],
    ['follow_incident', { providerId: 2, incidentId: 'abc', follow: true }],
    ['set_watched', { providerId: 2, componentIds: ['c1'] }],
    ['remove_provider', { providerId: 2 }],
    ['catalog_search', { text: '' }],
    ['catalog_categories', {}],
    ['catalog_category', { category: 'cloud & CDN' }],
    ['already_watching', { text: 'https://www.githubstatus.com' }],
    ['pause_notifications', { pause: 'hour' }],
    ['add_provider', { request: { url: 'https://x', name: 'X', platform: 'statuspage', component_ids: [] } }],
    ['suggest_from_folder', {}],
  ]);
});

test('alert commands are called with the contract\'s names and camelCase arguments', async () => {
  const calls = [];
  fakeTauri(async (name, args) => { calls.push([name, args]); return null; });
  const rules = { events: null, min_severity: 'partial_outage', sinks: ['os'], snoozed_until: null, snoozed_until_resolved: false };
  await backend.alertSettings();
  await backend.defaultEventChoices();
  await backend.setQuietHours('22:00-07:00', 'mon,tue', true);
  await backend.setQuietHours(null, 'all', false);
  await backend.providerRules(3);
  await backend.saveProviderRules(3, rules);
  await backend.snoozeProvider(3, '8h');
  await backend.sinks();
  await backend.addSink({ kind: 'webhook', name: 'Hook', url: 'https://e.com/h', secret: 's' });
  await backend.removeSink(5);
  await backend.testSink(5);
  await backend.deliveryLog(50);
  await backend.testNotification();
  assert.deepEqual(calls, [
    ['alert_settings', {}],
    ['default_event_choices', {}],
    ['set_quiet_hours', { window: '22:00-07:00', days: 'mon,tue', allowMajor: true }],
    ['set_quiet_hours', { window: null, days: 'all', allowMajor: false }],
    ['provider_rules', { providerId: 3 }],
    ['save_provider_rules', { providerId: 3, rules }],
    ['snooze_provider', { providerId: 3, snooze: '8h' }],
    ['sinks', {}],
    ['add_sink', { request: { kind: 'webhook', name: 'Hook', url: 'https://e.com/h', secret: 's' } }],
    ['remove_sink', { sinkId: 5 }],
    ['test_sink', { sinkId: 5 }],
    ['delivery_log', { limit: 50 }],
    ['test_notification', {}],
  ]);
});

test('history commands are called with the contract\'s names and camelCase arguments', async () => {
  const calls = [];
  fakeTauri(async (name, args) => { calls.push([name, args]); return null; });
  await backend.providerHistory(4);
  await backend.providerHistory(4, 30);
  assert.equal(await backend.exportIncidents({ search: 'handshake', provider_id: 4 }), null); // cancelled
  assert.deepEqual(calls, [
    ['provider_history', { providerId: 4 }],
    ['provider_history', { providerId: 4, days: 30 }],
    ['export_incidents', { query: { search: 'handshake', provider_id: 4 } }],
  ]);
});

test('a failed test delivery keeps its code and reason', async () => {
  fakeTauri(async () => { throw { code: 'delivery_failed', message: 'HTTP 404 from hooks.slack.com' }; });
  await assert.rejects(backend.testSink(1), (error) => error.code === 'delivery_failed' && error.message === 'HTTP 404 from hooks.slack.com');
});

test('status-changed handlers get the payload', async () => {
  const listeners = fakeTauri(async () => null);
  const seen = [];
  await onStatusChanged((payload) => seen.push(payload));
  listeners['status-changed']({ event: 'status-changed', payload: { worst: 'major_outage' } });
  assert.deepEqual(seen, [{ worst: 'major_outage' }]);
});

test('without the Tauri global, calls reject with a readable error', async () => {
  globalThis.window = {};
  await assert.rejects(backend.overview(), /not available/);
  delete globalThis.window;
});

test('probe commands are called with the contract\'s names and camelCase arguments', async () => {
  const calls = [];
  fakeTauri(async (name, args) => { calls.push([name, args]); return []; });
  await backend.providerProbes(4);
  await backend.probeSuggestions(4);
  await backend.addProbe(4, { url: 'https://api.example.com/health', every_secs: 10 });
  await backend.removeProbe(4, 9);
  assert.deepEqual(calls, [
    ['provider_probes', { providerId: 4 }],
    ['probe_suggestions', { providerId: 4 }],
    ['add_probe', { providerId: 4, request: { url: 'https://api.example.com/health', every_secs: 10 } }],
    ['remove_probe', { providerId: 4, probeId: 9 }],
  ]);
});

test('a refused probe keeps the backend\'s invalid_input message as is', async () => {
  fakeTauri(async () => { throw { code: 'invalid_input', message: 'a probe runs at most every 10 s, not every 5 s' }; });
  await assert.rejects(backend.addProbe(4, { url: 'https://x', every_secs: 5 }), (error) => {
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.message, 'a probe runs at most every 10 s, not every 5 s');
    return true;
  });
});
