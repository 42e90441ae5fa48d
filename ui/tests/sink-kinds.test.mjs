import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SINK_FIELD_NAMES, SINK_KINDS, mailServerUrl, sinkFields, sinkKindLabel, sinkRequest, sinkSecretText,
} from '../js/sink-kinds.js';

const fieldNames = (kind) => sinkFields(kind).map((f) => f.name);

test('the form offers all seven kinds, with their labels', () => {
  assert.deepEqual(SINK_KINDS.map((k) => k.kind), ['slack', 'discord', 'teams', 'webhook', 'pagerduty', 'opsgenie', 'email']);
  assert.deepEqual(SINK_KINDS.map((k) => k.label),
    ['Slack', 'Discord', 'Microsoft Teams', 'Webhook (JSON)', 'PagerDuty', 'Opsgenie', 'E-mail']);
  assert.equal(sinkKindLabel('pagerduty'), 'PagerDuty');
  assert.equal(sinkKindLabel('email'), 'E-mail');
  assert.equal(sinkKindLabel('carrier-pigeon'), 'carrier-pigeon');
});

test('each kind asks for its own fields, as `lookout sinks add` does', () => {
  for (const chat of ['slack', 'discord', 'teams']) assert.deepEqual(fieldNames(chat), ['url'], chat);
  assert.deepEqual(fieldNames('webhook'), ['url', 'secret']);
  assert.deepEqual(fieldNames('pagerduty'), ['key', 'endpoint']);
  assert.deepEqual(fieldNames('opsgenie'), ['key', 'endpoint']);
  assert.deepEqual(fieldNames('email'), ['server', 'to', 'from', 'user', 'password']);
  assert.deepEqual(fieldNames('carrier-pigeon'), []);
  // One input per name in the form, covering every kind's fields.
  assert.deepEqual(SINK_FIELD_NAMES, ['url', 'secret', 'key', 'endpoint', 'server', 'to', 'from', 'user', 'password']);
});

test('secrets are password inputs; only what the backend cannot default is required', () => {
  for (const { kind, fields } of SINK_KINDS) {
    for (const field of fields) {
      const secret = ['secret', 'key', 'password'].includes(field.name);
      assert.equal(field.type === 'password', secret, `${kind}.${field.name}`);
      assert.ok(field.label && field.help, `${kind}.${field.name} has a label and help`);
    }
  }
  const required = (kind) => sinkFields(kind).filter((f) => f.required).map((f) => f.name);
  assert.deepEqual(required('slack'), ['url']);
  assert.deepEqual(required('webhook'), ['url']);
  assert.deepEqual(required('pagerduty'), ['key']);
  assert.deepEqual(required('email'), ['server']);
  const [key, endpoint] = sinkFields('pagerduty');
  assert.equal(key.label, 'Routing key (Events API v2 integration key)');
  assert.match(endpoint.help, /leave empty for events\.pagerduty\.com/i);
  assert.match(endpoint.help, /events\.eu\.pagerduty\.com/);
  assert.equal(sinkFields('opsgenie')[0].label, 'API key (of an API integration)');
  assert.match(sinkFields('opsgenie')[1].help, /api\.eu\.opsgenie\.com/);
});

test('chat and webhook requests: the URL, a secret only for webhooks, a name by default', () => {
  assert.deepEqual(sinkRequest('slack', { name: ' #ops ', url: ' https://hooks.slack.com/services/T/B/x ', secret: 'ignored' }),
    { kind: 'slack', name: '#ops', url: 'https://hooks.slack.com/services/T/B/x', secret: null });
  assert.deepEqual(sinkRequest('webhook', { name: '', url: 'https://example.com/hook', secret: ' s3cret ' }),
    { kind: 'webhook', name: 'Webhook (JSON)', url: 'https://example.com/hook', secret: 's3cret' });
  assert.equal(sinkRequest('webhook', { name: 'x', url: 'https://e.com', secret: '   ' }).secret, null);
});

test('PagerDuty and Opsgenie: the key is the secret, the endpoint the URL (empty: the vendor\'s)', () => {
  assert.deepEqual(sinkRequest('pagerduty', { name: '', key: ' R0UT1NGKEY ', endpoint: '', url: 'https://left.over/from/slack' }),
    { kind: 'pagerduty', name: 'PagerDuty', url: '', secret: 'R0UT1NGKEY' });
  assert.deepEqual(sinkRequest('opsgenie', { name: 'EU on-call', key: 'abcd-0001', endpoint: ' https://api.eu.opsgenie.com ', secret: 'not this' }),
    { kind: 'opsgenie', name: 'EU on-call', url: 'https://api.eu.opsgenie.com', secret: 'abcd-0001' });
  // No key: null, for the backend to say "PagerDuty needs its routing key".
  assert.equal(sinkRequest('pagerduty', { key: '  ' }).secret, null);
});

test('e-mail: to and from in the URL\'s query, the user in its userinfo, the password as the secret', () => {
  assert.deepEqual(sinkRequest('email', {
    name: '', server: ' smtp+starttls://mail.example.com ', to: 'ops@example.com, oncall@example.com ,', from: '',
    user: 'alerts@example.com', password: 'pa ss', key: 'not this',
  }), {
    kind: 'email', name: 'E-mail',
    url: 'smtp+starttls://alerts%40example.com@mail.example.com?to=ops%40example.com%2Concall%40example.com',
    secret: 'pa ss',
  });
  assert.equal(mailServerUrl({ server: 'smtps://mail.example.com:2465', to: 'a@x.com', from: 'Lookout <l@x.com>', user: '' }),
    'smtps://mail.example.com:2465?to=a%40x.com&from=Lookout+%3Cl%40x.com%3E');
  assert.equal(sinkRequest('email', { server: 'smtps://mail.example.com', to: 'a@x.com', password: '' }).secret, null);
});

test('e-mail: the form\'s to, from and user replace the server URL\'s own; the rest of the URL is kept', () => {
  assert.equal(mailServerUrl({ server: 'smtps://bot@mail.example.com?to=old%40x.com&from=f%40x.com', to: 'new@x.com', from: '', user: '' }),
    'smtps://bot@mail.example.com?to=new%40x.com&from=f%40x.com');
  assert.equal(mailServerUrl({ server: 'smtps://bot:secret@mail.example.com', to: 'a@x.com', from: '', user: 'other' }),
    'smtps://other:secret@mail.example.com?to=a%40x.com');
  // A '+' in the user survives the backend's form decoding.
  assert.equal(mailServerUrl({ server: 'smtp://127.0.0.1:2525', to: 'a@x.com', user: 'me+alerts@x.com' }),
    'smtp://me%2Balerts%40x.com@127.0.0.1:2525?to=a%40x.com');
  // Not a URL: passed on as typed, for the backend's message.
  assert.equal(mailServerUrl({ server: ' mail.example.com ', to: 'a@x.com' }), 'mail.example.com');
  assert.equal(mailServerUrl({}), '');
});

test('a sink\'s secret chip says what the secret is, masked', () => {
  const sink = (kind, hint) => ({ kind, has_secret: hint !== undefined, secret_hint: hint ?? null });
  assert.equal(sinkSecretText(sink('webhook', '••••cdef')), 'signed, secret ••••cdef');
  assert.equal(sinkSecretText(sink('webhook', null)), 'signed');
  assert.equal(sinkSecretText(sink('pagerduty', '••••cdef')), 'routing key ••••cdef');
  assert.equal(sinkSecretText(sink('opsgenie', '••••0001')), 'API key ••••0001');
  assert.equal(sinkSecretText(sink('email', null)), 'password ••••');
  assert.equal(sinkSecretText(sink('slack')), null);
});
