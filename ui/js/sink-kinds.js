// Owns the sink kinds' pure logic: their labels, the fields the add form asks for each, and the add_sink request built from them.

/**
 * One input of the add form. `name` is the form's key (one input per name, shared by the kinds
 * that ask for it); `secret` inputs are password inputs.
 * @typedef {{ name: string, label: string, help: string, placeholder?: string, type: 'url' | 'text' | 'password', required?: boolean }} SinkField
 */

/** @param {string} help @param {string} placeholder @returns {SinkField} */
function webhookUrl(help, placeholder) {
  return { name: 'url', label: 'Webhook URL', help, placeholder, type: 'url', required: true };
}

/** @param {string} label @param {string} help @returns {SinkField} */
function apiKey(label, help) {
  return { name: 'key', label, help, type: 'password', required: true };
}

/** @param {string} help @param {string} placeholder @returns {SinkField} */
function endpoint(help, placeholder) {
  return { name: 'endpoint', label: 'Endpoint (optional)', help, placeholder, type: 'url' };
}

/** @type {SinkField[]} */
const MAIL_FIELDS = [
  {
    name: 'server', label: 'Mail server', type: 'url', required: true, placeholder: 'smtps://mail.example.com',
    help: 'smtps://HOST[:465] (TLS), smtp+starttls://HOST[:587] (STARTTLS required), or smtp://HOST[:25] for a relay on this machine only.',
  },
  { name: 'to', label: 'To', type: 'text', placeholder: 'ops@example.com', help: 'Who receives the alerts; several addresses separated by commas.' },
  { name: 'from', label: 'From (optional)', type: 'text', placeholder: 'lookout@example.com', help: 'Default: the user when it is an address, else lookout@ the mail server.' },
  { name: 'user', label: 'User (optional)', type: 'text', help: 'The user to log in as (default: the one in the server URL, if any).' },
  { name: 'password', label: 'Password (optional)', type: 'password', help: 'Kept in the local database, never shown back.' },
];

/**
 * The sink kinds, in the order the form offers them: label, what a stored secret is (for the
 * list's chip), and the fields the add form asks for.
 * @type {{ kind: string, label: string, secret?: string, fields: SinkField[] }[]}
 */
export const SINK_KINDS = [
  { kind: 'slack', label: 'Slack', fields: [webhookUrl('In Slack: Incoming Webhooks app → Webhook URL.', 'https://hooks.slack.com/services/…')] },
  { kind: 'discord', label: 'Discord', fields: [webhookUrl('In Discord: Channel settings → Integrations → Webhooks.', 'https://discord.com/api/webhooks/…')] },
  { kind: 'teams', label: 'Microsoft Teams', fields: [webhookUrl('In Teams: Workflows → Post to a channel when a webhook request is received.', 'https://….logic.azure.com/workflows/…')] },
  {
    kind: 'webhook', label: 'Webhook (JSON)', fields: [
      webhookUrl('Any HTTPS endpoint: Lookout POSTs each alert as JSON.', 'https://example.com/lookout'),
      { name: 'secret', label: 'Secret (optional)', type: 'password', help: 'Used to sign each request: X-Lookout-Signature: sha256=HMAC of the body.' },
    ],
  },
  {
    kind: 'pagerduty', label: 'PagerDuty', secret: 'routing key', fields: [
      apiKey('Routing key (Events API v2 integration key)', 'In PagerDuty: Service → Integrations → Add integration → Events API V2 → Integration Key. New incidents trigger, resolutions resolve.'),
      endpoint('Leave empty for events.pagerduty.com; EU service region: https://events.eu.pagerduty.com/v2/enqueue.', 'https://events.pagerduty.com/v2/enqueue'),
    ],
  },
  {
    kind: 'opsgenie', label: 'Opsgenie', secret: 'API key', fields: [
      apiKey('API key (of an API integration)', 'In Opsgenie: Settings → Integrations → API → API Key. New incidents open an alert, resolutions close it.'),
      endpoint('Leave empty for api.opsgenie.com; EU region: https://api.eu.opsgenie.com.', 'https://api.opsgenie.com'),
    ],
  },
  { kind: 'email', label: 'E-mail', secret: 'password', fields: MAIL_FIELDS },
];

/** Every input name the form holds, once each, in the order they first appear. */
export const SINK_FIELD_NAMES = [...new Set(SINK_KINDS.flatMap((k) => k.fields.map((f) => f.name)))];

export function sinkKind(kind) {
  return SINK_KINDS.find((k) => k.kind === kind) ?? null;
}

/** The fields the form shows for `kind` (none for an unknown kind). */
export function sinkFields(kind) {
  return sinkKind(kind)?.fields ?? [];
}

/** "Slack", "Microsoft Teams", "PagerDuty"; an unknown kind as it came. */
export function sinkKindLabel(kind) {
  return sinkKind(kind)?.label ?? String(kind ?? 'Unknown');
}

/**
 * What a sink's secret chip says: "signed, secret ••••cdef" for a webhook, "routing key ••••cdef"
 * for PagerDuty, "password ••••" for e-mail; null when it has none.
 * @param {import('../types/lookout').SinkView} sink
 */
export function sinkSecretText(sink) {
  if (!sink.has_secret) return null;
  const named = sinkKind(sink.kind)?.secret;
  if (named) return `${named} ${sink.secret_hint ?? '••••'}`;
  return sink.secret_hint ? `signed, secret ${sink.secret_hint}` : 'signed';
}

function trimmed(value) {
  return String(value ?? '').trim();
}

/** "a@x.com , b@y.com," → "a@x.com,b@y.com". */
function addressList(text) {
  return trimmed(text).split(',').map((a) => a.trim()).filter(Boolean).join(',');
}

/**
 * The e-mail sink's stored URL (docs/app-commands.md: `smtps://[user@]host[:port]?to=ADDR[&from=ADDR]`)
 * from the server URL and the form's user, to and from, which replace the URL's own, as
 * `lookout sinks add email` does. A server that is not a URL is passed on as typed, for the
 * backend to say what is wrong with it.
 * @param {{ server?: string, to?: string, from?: string, user?: string }} parts
 */
export function mailServerUrl({ server, to, from, user }) {
  const text = trimmed(server);
  let url;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  // The backend reads the user form-decoded: a '+' must travel as %2B to stay a '+'.
  if (trimmed(user)) url.username = trimmed(user).replace(/\+/g, '%2B');
  if (addressList(to)) url.searchParams.set('to', addressList(to));
  if (trimmed(from)) url.searchParams.set('from', trimmed(from));
  return url.href;
}

/**
 * The add form's values → the `add_sink` request, reading only the fields of `kind`: a webhook's
 * optional signing secret; PagerDuty's and Opsgenie's key as the secret and the endpoint as the
 * URL ('' for the vendor's); e-mail's server, user, to and from as the URL and its password as
 * the secret. The name defaults to the kind's label.
 * @param {string} kind
 * @param {{ [field: string]: string | undefined }} values
 * @returns {import('../types/lookout').NewSink}
 */
export function sinkRequest(kind, values) {
  const orNull = (/** @type {string | undefined} */ value) => (trimmed(value) === '' ? null : trimmed(value));
  const name = trimmed(values.name) || sinkKindLabel(kind);
  switch (kind) {
    case 'webhook':
      return { kind, name, url: trimmed(values.url), secret: orNull(values.secret) };
    case 'pagerduty':
    case 'opsgenie':
      return { kind, name, url: trimmed(values.endpoint), secret: orNull(values.key) };
    case 'email':
      return { kind, name, url: mailServerUrl(values), secret: orNull(values.password) };
    default:
      return { kind, name, url: trimmed(values.url), secret: null };
  }
}
