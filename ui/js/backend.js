// Owns every call to the Tauri backend (the only module touching window.__TAURI__): commands and events.
// What each command answers and accepts is typed from ui/types/lookout.d.ts, generated from the Rust
// types, so `tsc -p ui` fails on JavaScript that reads a field the backend no longer sends.

/**
 * @typedef {import('../types/lookout').AddProbe} AddProbe
 * @typedef {import('../types/lookout').AddProvider} AddProvider
 * @typedef {import('../types/lookout').AlertSettings} AlertSettings
 * @typedef {import('../types/lookout').CatalogCategory} CatalogCategory
 * @typedef {import('../types/lookout').CatalogEntry} CatalogEntry
 * @typedef {import('../types/lookout').UpdateCheck} UpdateCheck
 * @typedef {import('../types/lookout').CommandError} CommandError
 * @typedef {import('../types/lookout').DeliveryRow} DeliveryRow
 * @typedef {import('../types/lookout').EventChoices} EventChoices
 * @typedef {import('../types/lookout').ExportedFile} ExportedFile
 * @typedef {import('../types/lookout').FolderSuggestions} FolderSuggestions
 * @typedef {import('../types/lookout').IncidentDetail} IncidentDetail
 * @typedef {import('../types/lookout').IncidentQuery} IncidentQuery
 * @typedef {import('../types/lookout').IncidentRow} IncidentRow
 * @typedef {import('../types/lookout').ProbeSuggestion} ProbeSuggestion
 * @typedef {import('../types/lookout').MaintenanceRow} MaintenanceRow
 * @typedef {import('../types/lookout').ServiceState} ServiceState
 * @typedef {import('../types/lookout').ServiceSpec} ServiceSpec
 * @typedef {import('../types/lookout').FollowingView} FollowingView
 * @typedef {import('../types/lookout').NewSink} NewSink
 * @typedef {import('../types/lookout').Overview} Overview
 * @typedef {import('../types/lookout').Pause} Pause
 * @typedef {import('../types/lookout').Preview} Preview
 * @typedef {import('../types/lookout').ProbeView} ProbeView
 * @typedef {import('../types/lookout').ProviderCard} ProviderCard
 * @typedef {import('../types/lookout').ProviderHistory} ProviderHistory
 * @typedef {import('../types/lookout').ProviderRules} ProviderRules
 * @typedef {import('../types/lookout').Settings} Settings
 * @typedef {import('../types/lookout').SinkView} SinkView
 * @typedef {import('../types/lookout').StatusChanged} StatusChanged
 * @typedef {import('../types/lookout').Watching} Watching
 */

/** A failed command: `code` is the backend's error code, `message` is meant for the user. */
export class BackendError extends Error {
  /**
   * @param {string} code one of CommandError's codes (`not_found`, `invalid_input`…) or `internal`
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

/**
 * Turns whatever a rejected invoke produced (a CommandError, `{code, message}`, or anything else)
 * into a BackendError.
 * @param {unknown} reason
 * @returns {BackendError}
 */
export function toBackendError(reason) {
  if (reason instanceof BackendError) return reason;
  if (reason && typeof reason === 'object') {
    const { code, message } = /** @type {{ [K in keyof CommandError]?: unknown }} */ (reason);
    if (typeof message === 'string') {
      return new BackendError(typeof code === 'string' ? code : 'internal', message || 'Something went wrong.');
    }
  }
  if (typeof reason === 'string' && reason !== '') return new BackendError('internal', reason);
  return new BackendError('internal', 'Something went wrong.');
}

function tauri() {
  const api = globalThis.window?.__TAURI__;
  if (!api?.core?.invoke) {
    throw new BackendError('internal', 'The Lookout backend is not available in this window.');
  }
  return api;
}

/**
 * Calls a command; the reply is the type the caller declares (see `backend` below).
 * @template T
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<T>}
 */
async function invoke(command, args = {}) {
  try {
    return /** @type {T} */ (await tauri().core.invoke(command, args));
  } catch (reason) {
    throw toBackendError(reason);
  }
}

/**
 * Calls `handler(payload)` on every `status-changed` event; resolves to an unlisten function.
 * @param {(payload: Partial<StatusChanged>) => void} handler
 * @returns {Promise<() => void>}
 */
export async function onStatusChanged(handler) {
  return tauri().event.listen('status-changed', (/** @type {{payload?: StatusChanged}} */ event) => handler(event?.payload ?? {}));
}

export const backend = {
  /** @returns {Promise<Overview>} */
  overview: () => invoke('overview'),
  /** @param {IncidentQuery} [query] @returns {Promise<IncidentRow[]>} */
  incidents: (query = {}) => invoke('incidents', { query }),
  /** @param {number} providerId @param {string} incidentId @returns {Promise<IncidentDetail>} */
  incident: (providerId, incidentId) => invoke('incident', { providerId, incidentId }),
  /**
   * Follows an incident (each update told whatever the rules say, until resolved) or stops.
   * @param {number} providerId @param {string} incidentId @param {boolean} follow
   * @returns {Promise<IncidentDetail>}
   */
  followIncident: (providerId, incidentId, follow) => invoke('follow_incident', { providerId, incidentId, follow }),
  /**
   * A provider's bars (its own and each component's) and reliability card.
   * @param {number} providerId
   * @param {number} [days] how many days, ending today (the backend's default is 90)
   * @returns {Promise<ProviderHistory>}
   */
  providerHistory: (providerId, days) => invoke('provider_history', days === undefined ? { providerId } : { providerId, days }),
  /**
   * Writes every incident the query selects (no limit) to a CSV file the user picks in the app's
   * own save dialog; null when the dialog was cancelled.
   * @param {IncidentQuery} query
   * @returns {Promise<ExportedFile | null>}
   */
  exportIncidents: (query) => invoke('export_incidents', { query }),
  /**
   * The catalogue's vendors a project's manifests depend on, from a folder the user picks in the
   * app's own folder dialog; null when the dialog was cancelled. Reads files, sends nothing.
   * @returns {Promise<FolderSuggestions | null>}
   */
  suggestFromFolder: () => invoke('suggest_from_folder'),
  /** @param {number} providerId @returns {Promise<ProbeView[]>} */
  providerProbes: (providerId) => invoke('provider_probes', { providerId }),
  /** @param {number} providerId @returns {Promise<ProbeSuggestion[]>} */
  probeSuggestions: (providerId) => invoke('probe_suggestions', { providerId }),
  /**
   * Adds a probe; answers the provider's probes, or rejects with `invalid_input` (bad URL, every
   * under 10 s, unknown expectation) whose message is meant for the user.
   * @param {number} providerId
   * @param {AddProbe} request
   * @returns {Promise<ProbeView[]>}
   */
  addProbe: (providerId, request) => invoke('add_probe', { providerId, request }),
  /** @param {number} providerId @param {number} probeId @returns {Promise<ProbeView[]>} */
  removeProbe: (providerId, probeId) => invoke('remove_probe', { providerId, probeId }),
  /** @returns {Promise<MaintenanceRow[]>} */
  maintenances: () => invoke('maintenances'),
  /** Your services (`[[services]]`), the affected first. @returns {Promise<ServiceState[]>} */
  services: () => invoke('services'),
  /** Your services as `[[services]]` TOML. @returns {Promise<string>} */
  servicesText: () => invoke('services_text'),
  /**
   * Makes `text` your services; rejects with the line at fault (nothing changed).
   * @param {string} text @returns {Promise<ServiceState[]>}
   */
  saveServices: (text) => invoke('save_services', { text }),
  /** Your services as stored, for the Settings form. @returns {Promise<ServiceSpec[]>} */
  serviceSpecs: () => invoke('service_specs'),
  /**
   * Makes `services` your services; rejects with the part at fault (nothing changed).
   * @param {ServiceSpec[]} services @returns {Promise<ServiceState[]>}
   */
  saveServiceSpecs: (services) => invoke('save_service_specs', { services }),
  /** The team's server followed, if one is. @returns {Promise<FollowingView>} */
  following: () => invoke('following'),
  /**
   * Follows the `lookout serve` at `url` (checked first; then the app restarts on it).
   * @param {string} url @param {string | null} token @returns {Promise<FollowingView>}
   */
  followServer: (url, token) => invoke('follow_server', { url, token }),
  /** Watches from this computer again (the app restarts). @returns {Promise<FollowingView>} */
  watchLocally: () => invoke('watch_locally'),
  /** @param {string} text @returns {Promise<CatalogEntry[]>} */
  catalogSearch: (text) => invoke('catalog_search', { text }),
  /** @returns {Promise<CatalogCategory[]>} */
  catalogCategories: () => invoke('catalog_categories'),
  /** @param {string} category @returns {Promise<CatalogEntry[]>} */
  catalogCategory: (category) => invoke('catalog_category', { category }),
  /** @param {string} text a name, an alias or a URL @returns {Promise<Watching | null>} the provider it names, if watched */
  alreadyWatching: (text) => invoke('already_watching', { text }),
  /** @param {string} url a status page's URL or a catalogue name @returns {Promise<Preview>} */
  previewProvider: (url) => invoke('preview_provider', { url }),
  /** @param {AddProvider} request @returns {Promise<ProviderCard>} */
  addProvider: (request) => invoke('add_provider', { request }),
  /** @param {number} providerId @returns {Promise<void>} */
  removeProvider: (providerId) => invoke('remove_provider', { providerId }),
  /** @param {number} providerId @param {string[]} componentIds empty for all @returns {Promise<ProviderCard>} */
  setWatched: (providerId, componentIds) => invoke('set_watched', { providerId, componentIds }),
  /** @returns {Promise<Settings>} */
  settings: () => invoke('settings'),
  /** @param {Settings} settings @returns {Promise<Settings>} */
  saveSettings: (settings) => invoke('save_settings', { settings }),
  /** @param {Pause} pause @returns {Promise<Settings>} */
  pauseNotifications: (pause) => invoke('pause_notifications', { pause }),
  /** @returns {Promise<void>} */
  refreshNow: () => invoke('refresh_now'),
  /** Asks the release page for a newer Lookout now. @returns {Promise<UpdateCheck>} */
  checkForUpdates: () => invoke('check_for_updates'),
  /** What the last check found, if one ran since start. @returns {Promise<UpdateCheck | null>} */
  lastUpdateCheck: () => invoke('last_update_check'),
  /** Installs the update the last check found and restarts; rejects saying why. @returns {Promise<void>} */
  installUpdate: () => invoke('install_update'),
  /** @param {string} url an http(s) link, opened in the browser @returns {Promise<void>} */
  openLink: (url) => invoke('open_link', { url }),
  /** @returns {Promise<AlertSettings>} */
  alertSettings: () => invoke('alert_settings'),
  /** @returns {Promise<EventChoices>} the choices a new install alerts on */
  defaultEventChoices: () => invoke('default_event_choices'),
  /**
   * @param {string | null} quietWindow `22:00-07:00`, or null for none
   * @param {string} days `mon-fri`, `sat,sun`, `all`…
   * @param {boolean} allowMajor
   * @returns {Promise<AlertSettings>}
   */
  setQuietHours: (quietWindow, days, allowMajor) => invoke('set_quiet_hours', { window: quietWindow, days, allowMajor }),
  /** @param {number} providerId @returns {Promise<ProviderRules>} */
  providerRules: (providerId) => invoke('provider_rules', { providerId }),
  /** @param {number} providerId @param {ProviderRules} rules @returns {Promise<ProviderRules>} */
  saveProviderRules: (providerId, rules) => invoke('save_provider_rules', { providerId, rules }),
  /** @param {number} providerId @param {string} snooze `1h`, `8h`, `24h`, `resolved` or `off` @returns {Promise<ProviderRules>} */
  snoozeProvider: (providerId, snooze) => invoke('snooze_provider', { providerId, snooze }),
  /** @returns {Promise<SinkView[]>} */
  sinks: () => invoke('sinks'),
  /** @param {NewSink} request @returns {Promise<SinkView>} */
  addSink: (request) => invoke('add_sink', { request }),
  /** @param {number} sinkId @returns {Promise<void>} */
  removeSink: (sinkId) => invoke('remove_sink', { sinkId }),
  /** @param {number} sinkId @returns {Promise<void>} */
  testSink: (sinkId) => invoke('test_sink', { sinkId }),
  /** @returns {Promise<void>} */
  testNotification: () => invoke('test_notification'),
  /** @param {number} limit @returns {Promise<DeliveryRow[]>} */
  deliveryLog: (limit) => invoke('delivery_log', { limit }),
};
