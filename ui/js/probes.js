// Owns the words for Lookout's own probes and the add-probe request built from the form (pure).
import { duration } from './format.js';

/** @typedef {import('../types/lookout').AddProbe} AddProbe */
/** @typedef {import('../types/lookout').ProbeView} ProbeView */
/** @typedef {import('../types/lookout').ProbeSuggestion} ProbeSuggestion */

/** The choices of the form's "Every" select, in seconds (the backend refuses under 10). */
export const PROBE_INTERVALS = [10, 30, 60, 120, 300];
/** The backend's defaults, shown as the form's initial values. */
export const PROBE_DEFAULTS = { expect: '2xx', every: 30, timeout: 10 };

/**
 * How a probe fares: "passing (120 ms)", "failing 3 in a row: HTTP 503 (expected 2xx)",
 * "failing once: …", "not run yet".
 * @param {Pick<ProbeView, 'failures' | 'last_error' | 'last_run_at' | 'last_latency_ms'>} probe
 */
export function probeStateText(probe) {
  const failures = Math.max(0, Math.floor(Number(probe?.failures) || 0));
  if (failures > 0) {
    const streak = failures === 1 ? 'failing once' : `failing ${failures} in a row`;
    return probe.last_error ? `${streak}: ${probe.last_error}` : streak;
  }
  if (!probe?.last_run_at) return 'not run yet';
  const latency = probe.last_latency_ms;
  return latency === null || latency === undefined ? 'passing' : `passing (${latency} ms)`;
}

/** 'passing', 'failing' or 'pending': the state's class suffix. */
export function probeStateKind(probe) {
  if (Number(probe?.failures) > 0) return 'failing';
  return probe?.last_run_at ? 'passing' : 'pending';
}

/**
 * What a probe checks, in words: `every 30 s · expects 2xx · contains "ok" · timeout 10 s`.
 * @param {Pick<ProbeView, 'every_secs' | 'expect' | 'contains' | 'timeout_secs'>} probe
 */
export function probeRuleText(probe) {
  const parts = [`every ${duration(probe.every_secs) || `${probe.every_secs} s`}`, `expects ${probe.expect}`];
  if (probe.contains) parts.push(`contains “${probe.contains}”`);
  parts.push(`timeout ${duration(probe.timeout_secs) || `${probe.timeout_secs} s`}`);
  return parts.join(' · ');
}

/**
 * A whole number of seconds typed in the form, or undefined when left empty (the backend's
 * default); anything else is sent as typed so the backend's own message explains it.
 * @param {string} text
 */
function seconds(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.floor(value) : NaN;
}

/**
 * The `add_probe` request from the form's fields; empty fields are left to the backend's defaults.
 * @param {{ url: string, expect?: string, contains?: string, every?: string, timeout?: string }} form
 * @returns {AddProbe}
 */
export function probeRequest(form) {
  /** @type {AddProbe} */
  const request = { url: String(form.url ?? '').trim() };
  const expect = String(form.expect ?? '').trim();
  if (expect) request.expect = expect;
  if (form.contains) request.contains = String(form.contains);
  const every = seconds(form.every ?? '');
  if (every !== undefined) request.every_secs = every;
  const timeout = seconds(form.timeout ?? '');
  if (timeout !== undefined) request.timeout_secs = timeout;
  return request;
}

/** The form's problem before anything is sent, or null: only what the backend cannot say well. */
export function probeFormProblem(request) {
  if (!request.url) return 'Enter the URL to check.';
  for (const [key, label] of [['every_secs', 'Every'], ['timeout_secs', 'Timeout']]) {
    const value = request[key];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value <= 0)) {
      return `${label} must be a whole number of seconds.`;
    }
  }
  return null;
}

/**
 * What a suggested probe checks, in words: `expects 401 · contains “ok”`.
 * @param {Pick<ProbeSuggestion, 'expect' | 'contains'>} suggestion
 */
export function suggestionRuleText(suggestion) {
  const parts = [`expects ${suggestion.expect}`];
  if (suggestion.contains) parts.push(`contains “${suggestion.contains}”`);
  return parts.join(' · ');
}

/**
 * The `add_probe` request for a suggestion: its URL, expectation and text; the backend's
 * defaults for the rest.
 * @param {ProbeSuggestion} suggestion
 * @returns {AddProbe}
 */
export function suggestionRequest(suggestion) {
  /** @type {AddProbe} */
  const request = { url: suggestion.url, expect: suggestion.expect };
  if (suggestion.contains) request.contains = suggestion.contains;
  return request;
}
