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
  await backend.setWatched(2, ['c1']);
  await backend.removeProvider(2);
  await backend.catalogSearch('');
  await backend.pauseNotifications('hour');
  await backend.addProvider({ url: 'https://x', name: 'X', platform: 'statuspage', component_ids: [] });
  assert.deepEqual(calls, [
    ['incidents', { query: { provider_id: 2, state: 'active' } }],
    ['incident', { providerId: 2, incidentId: 'abc' }],
    ['set_watched', { providerId: 2, componentIds: ['c1'] }],
    ['remove_provider', { providerId: 2 }],
    ['catalog_search', { text: '' }],
    ['pause_notifications', { pause: 'hour' }],
    ['add_provider', { request: { url: 'https://x', name: 'X', platform: 'statuspage', component_ids: [] } }],
  ]);
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
