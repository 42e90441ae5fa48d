// Owns the window's routes: parsing a location hash into a route object and building hashes (pure).

const SIMPLE_ROUTES = new Set(['overview', 'incidents', 'maintenance', 'services', 'add', 'settings']);

/** Route names shown in the left nav, and which one is highlighted for each route. */
const NAV_SECTION = {
  overview: 'overview',
  provider: 'overview',
  incidents: 'incidents',
  incident: 'incidents',
  maintenance: 'maintenance',
  services: 'services',
  add: 'add',
  settings: 'settings',
};

function parseId(text) {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * `#/overview` → { name: 'overview' }; `#/provider/3` → { name: 'provider', providerId: 3 };
 * `#/incident/3/abc` → { name: 'incident', providerId: 3, incidentId: 'abc' };
 * '', '#', '#/' → { name: 'empty' }; anything else → { name: 'not_found', hash }.
 */
export function parseRoute(hash) {
  const raw = typeof hash === 'string' ? hash : '';
  const notFound = { name: 'not_found', hash: raw };
  let path = raw.startsWith('#') ? raw.slice(1) : raw;
  if (path === '' || path === '/') return { name: 'empty' };
  if (!path.startsWith('/')) return notFound;
  path = path.slice(1);
  if (path.endsWith('/')) path = path.slice(0, -1);
  const parts = path.split('/');

  if (parts.length === 1 && SIMPLE_ROUTES.has(parts[0])) return { name: parts[0] };
  if (parts[0] === 'provider' && parts.length === 2) {
    const providerId = parseId(parts[1]);
    if (providerId !== null) return { name: 'provider', providerId };
  }
  if (parts[0] === 'incident' && parts.length === 3) {
    const providerId = parseId(parts[1]);
    const incidentId = decode(parts[2]);
    if (providerId !== null && incidentId) return { name: 'incident', providerId, incidentId };
  }
  return notFound;
}

export function providerHash(providerId) {
  return `#/provider/${encodeURIComponent(String(providerId))}`;
}

export function incidentHash(providerId, incidentId) {
  return `#/incident/${encodeURIComponent(String(providerId))}/${encodeURIComponent(String(incidentId))}`;
}

export function sectionHash(name) {
  return `#/${name}`;
}

/** Which nav entry to highlight for a route, or null. */
export function navSection(route) {
  return Object.hasOwn(NAV_SECTION, route?.name) ? NAV_SECTION[route.name] : null;
}
