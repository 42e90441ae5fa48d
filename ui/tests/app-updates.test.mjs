import { test } from 'node:test';
import assert from 'node:assert/strict';

import './fake-dom.mjs';
const { updateView } = await import('../js/parts/app-updates.js');

test('a newer version: its sentence, its notes, and Install and restart offered', () => {
  const view = updateView({
    outcome: 'available', current_version: '0.1.0', version: '0.2.0',
    notes: 'Faster.\nFixes.', message: 'Lookout 0.2.0 is available (this is 0.1.0).',
  });
  assert.deepEqual(view, { text: 'Lookout 0.2.0 is available (this is 0.1.0).', notes: 'Faster.\nFixes.', installable: true });
});

test('up to date, package manager or failed: the sentence only, nothing to install', () => {
  for (const outcome of ['up_to_date', 'package_manager', 'failed']) {
    const view = updateView({ outcome, current_version: '0.1.0', version: null, notes: null, message: `said ${outcome}` });
    assert.deepEqual(view, { text: `said ${outcome}`, notes: null, installable: false });
  }
});

test('no check yet says so', () => {
  assert.deepEqual(updateView(null), { text: 'Not checked since Lookout started.', notes: null, installable: false });
});
