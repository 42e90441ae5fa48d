// Owns turning backend values into display text and CSS class names (pure: `now` is always a parameter).

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The poll intervals offered in the Add and Settings views, in seconds. */
export const POLL_INTERVALS = [30, 60, 120, 300, 900];

const STATUS_LABELS = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  unknown: 'Unknown',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

const IMPACT_LABELS = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
  maintenance: 'Maintenance',
};

const INCIDENT_STATUS_LABELS = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

const MAINTENANCE_STATUS_LABELS = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

function known(map, word) {
  return typeof word === 'string' && Object.hasOwn(map, word);
}

/** A vendor word we do not know is shown as it came; a missing one reads "Unknown". */
function labelFrom(map, word) {
  if (known(map, word)) return map[word];
  if (word === null || word === undefined || String(word).trim() === '') return 'Unknown';
  return String(word);
}

export function statusLabel(status) {
  return labelFrom(STATUS_LABELS, status);
}

/** CSS class for a component/provider status; any unrecognised word gets the unknown colour. */
export function statusClass(status) {
  return known(STATUS_LABELS, status) ? `status-${status.replaceAll('_', '-')}` : 'status-unknown';
}

export function impactLabel(impact) {
  return labelFrom(IMPACT_LABELS, impact);
}

export function impactClass(impact) {
  return known(IMPACT_LABELS, impact) ? `impact-${impact}` : 'impact-unknown';
}

export function incidentStatusLabel(status) {
  return labelFrom(INCIDENT_STATUS_LABELS, status);
}

export function maintenanceStatusLabel(status) {
  return labelFrom(MAINTENANCE_STATUS_LABELS, status);
}

function toMillis(now) {
  return now instanceof Date ? now.getTime() : Number(now);
}

/** Milliseconds since the epoch for an RFC 3339 string, or null when missing or unreadable. */
export function parseTime(iso) {
  if (typeof iso !== 'string' || iso === '') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

function plural(count, unit) {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "just now", "59 s ago", "1 min ago", "3 h ago", "1 day ago", "in 2 h"; '' when the time is missing. */
export function relativeTime(iso, now) {
  const ms = parseTime(iso);
  if (ms === null) return '';
  const diff = toMillis(now) - ms;
  const secs = Math.floor(Math.abs(diff) / 1000);
  if (secs < 10) return 'just now';
  let amount;
  if (secs < MINUTE) amount = `${secs} s`;
  else if (secs < HOUR) amount = `${Math.floor(secs / MINUTE)} min`;
  else if (secs < DAY) amount = `${Math.floor(secs / HOUR)} h`;
  else amount = plural(Math.floor(secs / DAY), 'day');
  return diff < 0 ? `in ${amount}` : `${amount} ago`;
}

/** "45 s", "12 min", "1 h 25 min", "2 h", "1 day 3 h"; '' for a missing or negative value. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || seconds === '') return '';
  const total = Math.floor(Number(seconds));
  if (!Number.isFinite(total) || total < 0) return '';
  if (total < MINUTE) return `${total} s`;
  if (total < HOUR) return `${Math.floor(total / MINUTE)} min`;
  if (total < DAY) {
    const hours = Math.floor(total / HOUR);
    const minutes = Math.floor((total % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  return hours ? `${plural(days, 'day')} ${hours} h` : plural(days, 'day');
}

/** "ongoing · 1 h 5 min" for an active incident, "1 h 5 min" for a finished one. */
export function incidentDuration(row) {
  const text = duration(row?.duration_seconds);
  if (!row?.active) return text;
  return text ? `ongoing · ${text}` : 'ongoing';
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function clock(date) {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Local time: "14:30" today, "23 Nov 14:30" this year, "23 Nov 2025 14:30" otherwise. */
export function localTime(iso, now) {
  const ms = parseTime(iso);
  if (ms === null) return '';
  const date = new Date(ms);
  const today = new Date(toMillis(now));
  if (sameDay(date, today)) return clock(date);
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]}`;
  if (date.getFullYear() === today.getFullYear()) return `${day} ${clock(date)}`;
  return `${day} ${date.getFullYear()} ${clock(date)}`;
}

/** Full local time for tooltips: "2026-11-23 14:30:05". */
export function fullLocalTime(iso) {
  const ms = parseTime(iso);
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(d)}:${pad(d.getSeconds())}`;
}

/** A maintenance window in local time: "23 Nov 14:00 – 16:00", "from 14:00", "until 16:00". */
export function timeWindow(from, until, now) {
  const start = parseTime(from);
  const end = parseTime(until);
  if (start === null && end === null) return 'Time not announced';
  if (end === null) return `from ${localTime(from, now)}`;
  if (start === null) return `until ${localTime(until, now)}`;
  const endText = sameDay(new Date(start), new Date(end)) ? clock(new Date(end)) : localTime(until, now);
  return `${localTime(from, now)} – ${endText}`;
}

/** The day of `date` as a row says it: "today", "tomorrow", "Tue" within a week, else "23 Nov". */
function shortDay(date, now) {
  const today = new Date(toMillis(now));
  const days = Math.round((Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())
    - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / (DAY * 1000));
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1 && days < 7) return WEEKDAYS[date.getDay()];
  return `${date.getDate()} ${MONTHS[date.getMonth()]}`;
}

/**
 * A maintenance window in a few words, local time: "Tue 14:00–16:00", "today 22:00 – tomorrow
 * 02:00", "23 Nov 14:00"; '' when no start is announced.
 */
export function shortWindow(from, until, now) {
  const start = parseTime(from);
  if (start === null) return '';
  const begin = new Date(start);
  const head = `${shortDay(begin, now)} ${clock(begin)}`;
  const end = parseTime(until);
  if (end === null) return head;
  const finish = new Date(end);
  return sameDay(begin, finish) ? `${head}–${clock(finish)}` : `${head} – ${shortDay(finish, now)} ${clock(finish)}`;
}

/** Names as one short line: "API, Dashboard", "API, Dashboard, Webhooks +2 more"; '' for none. */
export function namesText(names, shown = 3) {
  const list = (names ?? []).filter((n) => typeof n === 'string' && n !== '');
  const more = list.length - shown;
  return more > 0 ? `${list.slice(0, shown).join(', ')} +${more} more` : list.join(', ');
}

/** "checked 2 min ago", or "not checked yet". */
export function checkedText(iso, now) {
  const rel = relativeTime(iso, now);
  return rel ? `checked ${rel}` : 'not checked yet';
}

/** True when notifications are paused at `now`. */
export function isPaused(pausedUntil, now) {
  const ms = parseTime(pausedUntil);
  return ms !== null && ms > toMillis(now);
}

export function pausedText(pausedUntil, now) {
  return `Notifications paused until ${localTime(pausedUntil, now)}`;
}

/** A poll interval as a label: 30 → "30 s", 60 → "1 min", 900 → "15 min". */
export function intervalLabel(seconds) {
  return duration(seconds) || 'default';
}

/** The intervals to offer, always including the current one. */
export function intervalChoices(current) {
  const value = Math.floor(Number(current));
  const choices = [...POLL_INTERVALS];
  if (Number.isFinite(value) && value > 0 && !choices.includes(value)) choices.push(value);
  return choices.sort((a, b) => a - b);
}

/** A status in running text: "partial outage", "operational"; a vendor's own word as it came. */
export function statusWords(status) {
  return known(STATUS_LABELS, status) ? STATUS_LABELS[status].toLowerCase() : statusLabel(status);
}

/** A component's uptime: 99.98642 → "99.986 %", 100 → "100.000 %"; "no data" when nothing is known. */
export function uptimeText(percent) {
  if (percent === null || percent === undefined || percent === '') return 'no data';
  const value = Number(percent);
  if (!Number.isFinite(value)) return 'no data';
  if (value >= 100) return '100 %';
  // Two decimals, rounded down: a minute of downtime never shows as "100.00 %".
  return `${(Math.floor(value * 100) / 100).toFixed(2)} %`;
}

/** One of a day's incidents: "Elevated errors (42 min)", or "(ongoing)" while it is open. */
export function dayIncidentText(incident) {
  const lasted = duration(incident?.duration_seconds);
  return `${incident?.title ?? ''} (${lasted || 'ongoing'})`;
}

/**
 * A day of a history bar, for its label and the details line:
 * "2026-11-28: partial outage — Elevated errors (42 min); Slow dashboard (2 h)".
 */
export function historyDayText(day) {
  const head = `${day?.date ?? ''}: ${statusWords(day?.worst)}`;
  const incidents = day?.incidents ?? [];
  return incidents.length ? `${head} — ${incidents.map(dayIncidentText).join('; ')}` : head;
}

const IMPACT_ORDER = [['critical', 'critical'], ['major', 'major'], ['minor', 'minor'],
  ['maintenance', 'maintenance'], ['none', 'no impact']];

/** How many incidents, and of which impact: "No incidents", "3 incidents (1 major, 2 minor)". */
export function impactCountsText(count, byImpact) {
  const total = Math.max(0, Math.floor(Number(count) || 0));
  if (total === 0) return 'No incidents';
  const parts = IMPACT_ORDER.filter(([key]) => Number(byImpact?.[key]) > 0)
    .map(([key, words]) => `${byImpact[key]} ${words}`);
  const head = plural(total, 'incident');
  return parts.length ? `${head} (${parts.join(', ')})` : head;
}

/**
 * A suspected outage in words: "Your probes fail since 14:02; the status page says operational"
 * (local time; a day and month when not today).
 * @param {{ since: string, failing_probes: number }} suspected
 * @param {string} status the page's status word
 * @param {number | Date} now
 */
export function suspectedText(suspected, status, now) {
  const since = localTime(suspected?.since, now);
  const probes = Number(suspected?.failing_probes) > 1 ? `${suspected.failing_probes} of your probes fail` : 'Your probes fail';
  return `${probes}${since ? ` since ${since}` : ''}; the status page says ${statusWords(status)}`;
}

/**
 * The header's status, as the tray icon shows it: a suspected outage (purple) unless a page
 * says partial or major outage, else the worst status.
 * @param {string} worst the overview's worst status word
 * @param {boolean} suspected whether any provider is suspected
 * @returns {{ className: string, label: string }}
 */
export function headerStatus(worst, suspected) {
  if (suspected && worst !== 'partial_outage' && worst !== 'major_outage') {
    return { className: 'status-suspected', label: 'Suspected outage' };
  }
  return { className: statusClass(worst), label: statusLabel(worst) };
}

/**
 * How early Lookout's probes noticed an incident: "Lookout noticed 17 min before Clerk posted";
 * '' when they did not.
 * @param {number | null | undefined} seconds
 * @param {string} provider
 */
export function leadText(seconds, provider) {
  const lead = duration(seconds);
  return lead ? `Lookout noticed ${lead} before ${provider} posted` : '';
}
