import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notWatchableText, resultsNote, NO_MATCH, NOT_CATALOGUED } from '../js/add-notes.js';

const entry = (reason) => ({
  name: 'Okta', url: 'https://status.okta.com', platform: 'none',
  platform_label: 'nothing readable', category: 'auth', reason,
});

test('an entry that cannot be watched says why, in the catalogue\'s words', () => {
  assert.equal(
    notWatchableText(entry('status.okta.com publishes only a web page: add a probe')),
    'Okta cannot be watched: status.okta.com publishes only a web page: add a probe',
  );
  // A blank reason still says it cannot be watched.
  assert.match(notWatchableText(entry('  ')), /^Okta cannot be watched: its vendor publishes nothing/);
});

test('an entry that can be watched says nothing', () => {
  assert.equal(notWatchableText(entry(null)), '');
  assert.equal(notWatchableText({ ...entry(null), reason: undefined }), '');
  assert.equal(notWatchableText(null), '');
});

test('the results hints are unchanged', () => {
  assert.equal(resultsNote('zzz', 0, null), NO_MATCH);
  assert.equal(resultsNote('status.zzz.test', 0, null), NOT_CATALOGUED);
  assert.equal(resultsNote('okta', 1, null), '');
});
