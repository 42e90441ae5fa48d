import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportQuery, incidentCountText, incidentQuery, noIncidentsText, savedText } from '../js/views/incidents.js';

const NO_FILTERS = { providerId: '', state: '', text: '' };

test('incidents: the query carries only the filters that are set, the search words trimmed', () => {
  assert.deepEqual(incidentQuery(NO_FILTERS), { limit: 200 });
  assert.deepEqual(incidentQuery({ providerId: '7', state: 'active', text: '  api down ' }),
    { limit: 200, provider_id: 7, state: 'active', search: 'api down' });
  assert.deepEqual(incidentQuery({ providerId: '', state: 'resolved', text: '   ' }), { limit: 200, state: 'resolved' });
  assert.deepEqual(incidentQuery({ providerId: '0', state: '', text: '' }), { limit: 200, provider_id: 0 });
});

test('incidents: the count line, and when the list is cut at the limit', () => {
  assert.equal(incidentCountText(0), '0 incidents');
  assert.equal(incidentCountText(1), '1 incident');
  assert.equal(incidentCountText(2), '2 incidents');
  assert.equal(incidentCountText(199), '199 incidents');
  assert.equal(incidentCountText(200), '200 incidents (the most recent)');
  assert.equal(incidentCountText(200, true), '200 incidents (the best matches)');
  assert.equal(incidentCountText(3, true), '3 incidents');
});

test('incidents: Export CSV asks for what the filters select, without a limit', () => {
  assert.deepEqual(exportQuery(NO_FILTERS), {});
  assert.deepEqual(exportQuery({ providerId: '2', state: 'resolved', text: ' /handshake ' }),
    { provider_id: 2, state: 'resolved', search: '/handshake' });
  assert.equal(savedText({ path: '/home/me/lookout-incidents.csv', incidents: 12 }), 'Saved 12 incidents to /home/me/lookout-incidents.csv');
  assert.equal(savedText({ path: '/tmp/one.csv', incidents: 1 }), 'Saved 1 incident to /tmp/one.csv');
});

test('incidents: an empty list says whether the filters hid everything', () => {
  assert.equal(noIncidentsText(NO_FILTERS), 'No incidents recorded yet. Good news.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, text: '   ' }), 'No incidents recorded yet. Good news.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, text: 'db' }), 'No incidents match these filters.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, state: 'active' }), 'No incidents match these filters.');
  assert.equal(noIncidentsText({ ...NO_FILTERS, providerId: '3' }), 'No incidents match these filters.');
});
