import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeFormProblem, probeRequest, probeRuleText, probeStateKind, probeStateText, suggestionRequest, suggestionRuleText } from '../js/probes.js';

const RAN = '2026-11-23T15:00:00Z';

test('a probe\'s state: passing with its latency, failing with its streak and reason, not run yet', () => {
  assert.equal(probeStateText({ failures: 0, last_error: null, last_run_at: RAN, last_latency_ms: 120 }), 'passing (120 ms)');
  assert.equal(probeStateText({ failures: 0, last_error: null, last_run_at: RAN, last_latency_ms: null }), 'passing');
  assert.equal(probeStateText({ failures: 3, last_error: 'HTTP 503 (expected 2xx)', last_run_at: RAN, last_latency_ms: 40 }),
    'failing 3 in a row: HTTP 503 (expected 2xx)');
  assert.equal(probeStateText({ failures: 1, last_error: 'connection refused', last_run_at: RAN, last_latency_ms: 1 }),
    'failing once: connection refused');
  assert.equal(probeStateText({ failures: 2, last_error: null, last_run_at: RAN, last_latency_ms: 1 }), 'failing 2 in a row');
  assert.equal(probeStateText({ failures: 0, last_error: null, last_run_at: null, last_latency_ms: null }), 'not run yet');
});

test('a probe\'s state kind, for its colour', () => {
  assert.equal(probeStateKind({ failures: 2, last_run_at: RAN }), 'failing');
  assert.equal(probeStateKind({ failures: 0, last_run_at: RAN }), 'passing');
  assert.equal(probeStateKind({ failures: 0, last_run_at: null }), 'pending');
});

test('what a probe checks, in words', () => {
  assert.equal(probeRuleText({ every_secs: 30, expect: '2xx', contains: null, timeout_secs: 10 }),
    'every 30 s · expects 2xx · timeout 10 s');
  assert.equal(probeRuleText({ every_secs: 120, expect: '204', contains: 'ok', timeout_secs: 5 }),
    'every 2 min · expects 204 · contains “ok” · timeout 5 s');
});

test('the add request: trimmed, empty fields left to the backend\'s defaults', () => {
  assert.deepEqual(probeRequest({ url: ' https://api.example.com/health ', expect: '', contains: '', every: '', timeout: '' }),
    { url: 'https://api.example.com/health' });
  assert.deepEqual(probeRequest({ url: 'https://x', expect: ' 204 ', contains: ' ok', every: '10', timeout: '5' }),
    { url: 'https://x', expect: '204', contains: ' ok', every_secs: 10, timeout_secs: 5 });
  // Under 10 s is sent as is: the backend refuses it with its own message.
  assert.equal(probeRequest({ url: 'https://x', every: '5' }).every_secs, 5);
});

test('the form\'s own problems: no URL, seconds that are not whole numbers', () => {
  assert.equal(probeFormProblem(probeRequest({ url: '  ' })), 'Enter the URL to check.');
  assert.equal(probeFormProblem(probeRequest({ url: 'https://x', timeout: 'soon' })), 'Timeout must be a whole number of seconds.');
  assert.equal(probeFormProblem(probeRequest({ url: 'https://x', every: '0' })), 'Every must be a whole number of seconds.');
  assert.equal(probeFormProblem(probeRequest({ url: 'https://x', every: '5' })), null);
  assert.equal(probeFormProblem(probeRequest({ url: 'not a url' })), null); // the backend says why
});

test('a suggestion in words, and the request that adds it with the backend\'s defaults', () => {
  const docker = { url: 'https://registry.example/v2/', expect: '401', contains: null, source: 'https://docs.example/', probed: false };
  assert.equal(suggestionRuleText(docker), 'expects 401');
  assert.deepEqual(suggestionRequest(docker), { url: 'https://registry.example/v2/', expect: '401' });
  const github = { ...docker, url: 'https://api.example/', expect: '2xx', contains: 'current_user_url' };
  assert.equal(suggestionRuleText(github), 'expects 2xx · contains “current_user_url”');
  assert.deepEqual(suggestionRequest(github), { url: 'https://api.example/', expect: '2xx', contains: 'current_user_url' });
});
