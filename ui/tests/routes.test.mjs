import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incidentHash, navSection, parseRoute, providerHash, sectionHash } from '../js/routes.js';

test('simple routes', () => {
  for (const name of ['overview', 'incidents', 'maintenance', 'services', 'add', 'settings']) {
    assert.deepEqual(parseRoute(`#/${name}`), { name });
    assert.deepEqual(parseRoute(`#/${name}/`), { name }, 'a trailing slash is tolerated');
    assert.deepEqual(parseRoute(sectionHash(name)), { name });
  }
});

test('empty hashes mean "choose the start page"', () => {
  for (const hash of ['', '#', '#/', undefined, null]) {
    assert.deepEqual(parseRoute(hash), { name: 'empty' }, `hash ${String(hash)}`);
  }
});

test('provider routes need a whole, non-negative id', () => {
  assert.deepEqual(parseRoute('#/provider/3'), { name: 'provider', providerId: 3 });
  assert.deepEqual(parseRoute('#/provider/0'), { name: 'provider', providerId: 0 });
  for (const bad of ['#/provider', '#/provider/', '#/provider/abc', '#/provider/-1', '#/provider/1.5',
    '#/provider/01', '#/provider/3/extra', '#/provider/ 3', '#/provider/1e3', '#/provider/99999999999999999999']) {
    assert.equal(parseRoute(bad).name, 'not_found', bad);
  }
});

test('incident routes decode the incident id', () => {
  assert.deepEqual(parseRoute('#/incident/3/abc123'), { name: 'incident', providerId: 3, incidentId: 'abc123' });
  assert.deepEqual(parseRoute('#/incident/3/a%2Fb%20c'), { name: 'incident', providerId: 3, incidentId: 'a/b c' });
  for (const bad of ['#/incident/3', '#/incident/3/', '#/incident/x/abc', '#/incident/3/abc/def',
    '#/incident/3/%E0%A4%A', '#/incident//abc']) {
    assert.equal(parseRoute(bad).name, 'not_found', bad);
  }
});

test('built hashes parse back to the same route', () => {
  const odd = 'tag:feed.example,2026:incident/42?x=1#y';
  assert.deepEqual(parseRoute(incidentHash(7, odd)), { name: 'incident', providerId: 7, incidentId: odd });
  assert.deepEqual(parseRoute(providerHash(12)), { name: 'provider', providerId: 12 });
});

test('malformed hashes are not found, not thrown', () => {
  for (const bad of ['#overview', '#//overview', '#/Overview', '#/unknown', '#/overview?x=1', 'overview', '#/constructor', '#/__proto__', '#/%']) {
    const route = parseRoute(bad);
    assert.equal(route.name, 'not_found', bad);
    assert.equal(route.hash, bad);
  }
});

test('nav highlight follows the section a route belongs to', () => {
  assert.equal(navSection({ name: 'incident' }), 'incidents');
  assert.equal(navSection({ name: 'provider' }), 'overview');
  assert.equal(navSection({ name: 'settings' }), 'settings');
  assert.equal(navSection({ name: 'not_found' }), null);
  assert.equal(navSection({ name: 'constructor' }), null);
  assert.equal(navSection(undefined), null);
});
