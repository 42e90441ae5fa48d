import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incidentCountText, incidentQuery, noIncidentsText } from '../js/views/incidents.js';

const NO_FILTERS = { providerId: '', state: '', text: '' };

test('incidents: the query carries only the filters that are set, text trimmed', () => {
  assert.deepEqual(incidentQuery(NO_FILTERS), { limit: 200 });
  assert.deepEqual(incidentQuery({ providerId: '7', state: 'active', text: '  api down ' }),
    { limit: 200, provider_id: 7, state: 'active', text: 'api down' });
  assert.deepEqual(incidentQuery({ providerId: '', state: 'resolved', text: '   ' }), { limit: 200, state: 'resolved' });
  assert.deepEqual(incidentQuery({ providerId: '0', state: '', text: '' }), { limit: 200, provider_id: 0 });
});

test('incidents: the count line, and when the list is cut at the limit', () => {
  assert.equal(incidentCountText(0), '0 incidents');
  assert.equal(incidentCountText(1), '1 incident');
  assert.equal(incidentCountText(2), '2 incidents');
  assert.equal(incidentCountText(199), '199 incidents');
  assert.equal(incidentCountText(200), '200 incidents (the most recent)');
});

test('incidents: an empty list says whether the filters hid everything', () => {
  assert.equal(noIncidentsText(NO_FILTERS), 'No incidents recorded yet. Good news.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, text: '   ' }), 'No incidents recorded yet. Good news.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, text: 'db' }), 'No incidents match these filters.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, state: 'active' }), 'No incidents match these filters.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, providerId: '3' }), 'No incidents match these filters.');
});
