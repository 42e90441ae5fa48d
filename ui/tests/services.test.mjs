import { test } from 'node:test';
import assert from 'node:assert/strict';

import './fake-dom.mjs';
const { serviceRow, servicesSummary } = await import('../js/parts/service-rows.js');

const NOW = Date.UTC(2026, 11, 7, 12, 0);
const checkout = {
  name: 'Checkout', criticality: 'high', affected: true, since: new Date(NOW - 2 * 3600_000).toISOString(),
  dependencies: [
    { provider: 'Stripe', component: 'API', status: 'partial_outage', suspected: false },
    { provider: 'Clerk', component: null, status: 'operational', suspected: false },
  ],
  reasons: ['Stripe API partial outage'], warnings: [],
};
const signup = {
  name: 'Signup', criticality: 'normal', affected: false, since: null,
  dependencies: [{ provider: 'Clerk', component: 'Session management', status: 'operational', suspected: false }],
  reasons: [], warnings: ['Clerk "Sessions" is no longer on the vendor\u2019s page'],
};

test('an affected service says so, since when, why, and each part it uses', () => {
  const row = serviceRow(checkout, NOW);
  assert.equal(row.byClass('row-name')[0].textContent, 'Checkout');
  assert.equal(row.byClass('criticality')[0].textContent, 'high');
  assert.equal(row.byClass('service-state')[0].textContent, 'Affected since 2 h ago');
  assert.equal(row.byClass('service-reasons')[0].textContent, 'Stripe API partial outage');
  const parts = row.byClass('part-name').map((p) => p.textContent);
  assert.deepEqual(parts, ['Stripe · API', 'Clerk']);
});

test('a fine service says Fine, no criticality chip for normal, and its warnings', () => {
  const row = serviceRow(signup, NOW);
  assert.equal(row.byClass('service-state')[0].textContent, 'Fine');
  assert.equal(row.byClass('criticality').length, 0);
  assert.equal(row.byClass('service-reasons').length, 0);
  assert.match(row.byClass('service-warnings')[0].textContent, /no longer on the vendor/);
});

test('the summary counts the affected ones', () => {
  assert.equal(servicesSummary([checkout, signup]), '1 of 2 services affected');
  assert.equal(servicesSummary([signup]), 'All 1 service fine');
});
