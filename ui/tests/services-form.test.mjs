import { test } from 'node:test';
import assert from 'node:assert/strict';

import './fake-dom.mjs';
const { splitNames, specFromValues, partNames } = await import('../js/parts/services-form.js');

test('names are split on commas, trimmed, empty ones left out', () => {
  assert.deepEqual(splitNames(' API, Checkout , ,Webhooks,'), ['API', 'Checkout', 'Webhooks']);
  assert.deepEqual(splitNames('   '), []);
});

test('a service from the form: trimmed, its rule, each provider it uses, empty rows left out', () => {
  const spec = specFromValues({
    name: '  Checkout ', criticality: 'high', alert: true,
    dependencies: [
      { provider: 'Stripe', components: 'API, Checkout', regions: '' },
      { provider: '', components: 'ignored', regions: '' },
      { provider: 'AWS', components: 'Compute', regions: 'us-east-1' },
    ],
  });
  assert.deepEqual(spec, {
    name: 'Checkout', criticality: 'high', alert: true,
    depends_on: [
      { provider: 'Stripe', components: ['API', 'Checkout'], regions: [] },
      { provider: 'AWS', components: ['Compute'], regions: ['us-east-1'] },
    ],
  });
  assert.equal(specFromValues({ name: 'x', criticality: '', alert: false, dependencies: [] }).criticality, 'normal');
});

test('a provider offers its groups and components, once each', () => {
  const card = { groups: [
    { name: 'Core', components: [{ name: 'API' }, { name: 'Dashboard' }] },
    { name: null, components: [{ name: 'Webhooks' }, { name: 'API' }] },
  ] };
  assert.deepEqual(partNames(/** @type {any} */ (card)), ['Core', 'API', 'Dashboard', 'Webhooks']);
  assert.deepEqual(partNames(undefined), []);
});

test('following says which server, how many providers when known, or that pages are read here', async () => {
  const { followingText } = await import('../js/parts/follow-server.js');
  assert.equal(followingText({ server: null, providers: null }), 'Lookout reads the vendors\u2019 pages from this computer.');
  assert.match(followingText({ server: 'http://team:8787/', providers: 3 }), /^Following http:\/\/team:8787\/ \(3 providers\): the tray/);
  assert.match(followingText({ server: 'http://team:8787/', providers: null }), /^Following http:\/\/team:8787\/: /);
});
