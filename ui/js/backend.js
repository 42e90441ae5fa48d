// Owns every call to the Tauri backend (the only module touching window.__TAURI__): commands and events.

/** A failed command: `code` is the backend's error code, `message` is meant for the user. */
export class BackendError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

/** Turns whatever a rejected invoke produced into a BackendError. */
export function toBackendError(reason) {
  if (reason instanceof BackendError) return reason;
  if (reason && typeof reason === 'object' && typeof reason.message === 'string') {
    const code = typeof reason.code === 'string' ? reason.code : 'internal';
    return new BackendError(code, reason.message || 'Something went wrong.');
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

async function invoke(command, args = {}) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (reason) {
    throw toBackendError(reason);
  }
}

/** Calls `handler(payload)` on every `status-changed` event; resolves to an unlisten function. */
export async function onStatusChanged(handler) {
  return tauri().event.listen('status-changed', (event) => handler(event?.payload ?? {}));
}

export const backend = {
  overview: () => invoke('overview'),
  incidents: (query = {}) => invoke('incidents', { query }),
  incident: (providerId, incidentId) => invoke('incident', { providerId, incidentId }),
  maintenances: () => invoke('maintenances'),
  catalogSearch: (text) => invoke('catalog_search', { text }),
  previewProvider: (url) => invoke('preview_provider', { url }),
  addProvider: (request) => invoke('add_provider', { request }),
  removeProvider: (providerId) => invoke('remove_provider', { providerId }),
  setWatched: (providerId, componentIds) => invoke('set_watched', { providerId, componentIds }),
  settings: () => invoke('settings'),
  saveSettings: (settings) => invoke('save_settings', { settings }),
  pauseNotifications: (pause) => invoke('pause_notifications', { pause }),
  refreshNow: () => invoke('refresh_now'),
  openLink: (url) => invoke('open_link', { url }),
  alertSettings: () => invoke('alert_settings'),
  setQuietHours: (quietWindow, days, allowMajor) => invoke('set_quiet_hours', { window: quietWindow, days, allowMajor }),
  providerRules: (providerId) => invoke('provider_rules', { providerId }),
  saveProviderRules: (providerId, rules) => invoke('save_provider_rules', { providerId, rules }),
  snoozeProvider: (providerId, snooze) => invoke('snooze_provider', { providerId, snooze }),
  sinks: () => invoke('sinks'),
  addSink: (request) => invoke('add_sink', { request }),
  removeSink: (sinkId) => invoke('remove_sink', { sinkId }),
  testSink: (sinkId) => invoke('test_sink', { sinkId }),
  testNotification: () => invoke('test_notification'),
  deliveryLog: (limit) => invoke('delivery_log', { limit }),
};
