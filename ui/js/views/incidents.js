// Owns the Incidents view: filters (service, state, text) and the list of incidents, active first.
import { debounce } from '../debounce.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { incidentList } from '../parts/incident-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';

const LIMIT = 200;
const SEARCH_DEBOUNCE_MS = 200;
/** Filters survive leaving the view and coming back. */
const filters = { providerId: '', state: '', text: '' };

function field(labelText, control) {
  return el('label', { class: 'field' }, el('span', { class: 'field-label', text: labelText }), control);
}

/** @returns {import('../../types/lookout').IncidentQuery} */
function buildQuery() {
  /** @type {import('../../types/lookout').IncidentQuery} */
  const query = { limit: LIMIT };
  if (filters.providerId !== '') query.provider_id = Number(filters.providerId);
  if (filters.state !== '') query.state = filters.state;
  if (filters.text.trim() !== '') query.text = filters.text.trim();
  return query;
}

/**
 * @param {string} title
 * @param {import('../../types/lookout').IncidentRow[]} rows
 * @param {number} now
 */
function section(title, rows, now) {
  return el('section', { class: 'list-section' }, el('h2', { text: title }), incidentList(rows, now));
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Incidents');
  const providerSelect = el('select', { attrs: { id: 'incidents-provider' } }, el('option', { attrs: { value: '' }, text: 'All services' }));
  const stateSelect = el('select', { attrs: { id: 'incidents-state' } },
    el('option', { attrs: { value: '' }, text: 'All' }),
    el('option', { attrs: { value: 'active' }, text: 'Active' }),
    el('option', { attrs: { value: 'resolved' }, text: 'Resolved' }));
  stateSelect.value = filters.state;
  const search = el('input', {
    attrs: { id: 'incidents-search', type: 'search', placeholder: 'Search titles and services  ( / )', autocomplete: 'off', spellcheck: 'false' },
    data: { searchBox: '' },
    props: { value: filters.text },
  });
  const count = el('p', { class: 'muted count-line', attrs: { 'aria-live': 'polite' } });
  const results = el('div', { class: 'view-body' }, loadingNotice());
  container.append(
    el('h1', { attrs: { tabindex: '-1' }, text: 'Incidents' }),
    el('form', { class: 'filters', attrs: { role: 'search' }, on: { submit: (e) => e.preventDefault() } },
      field('Service', providerSelect), field('State', stateSelect), field('Search', search)),
    count, results);
  let seq = 0;
  let providerKey = '';

  /** @param {import('../../types/lookout').ProviderCard[]} providers */
  function fillProviders(providers) {
    const key = providers.map((p) => `${p.id}:${p.name}`).join('\n');
    if (key === providerKey) return;
    providerKey = key;
    providerSelect.replaceChildren(el('option', { attrs: { value: '' }, text: 'All services' }),
      ...providers.map((p) => el('option', { attrs: { value: String(p.id) }, text: p.name })));
    if (!providers.some((p) => String(p.id) === filters.providerId)) filters.providerId = '';
    providerSelect.value = filters.providerId;
  }

  async function load() {
    const mine = ++seq;
    try {
      const [overview, rows] = await Promise.all([ctx.loadOverview(), ctx.backend.incidents(buildQuery())]);
      if (mine !== seq || !ctx.isActive()) return;
      fillProviders(overview.providers ?? []);
      const now = ctx.now();
      count.textContent = rows.length === 1 ? '1 incident' : `${rows.length} incidents${rows.length >= LIMIT ? ' (the most recent)' : ''}`;
      if (rows.length === 0) {
        const filtered = filters.providerId || filters.state || filters.text.trim();
        replaceKeepingFocus(results, emptyState(filtered ? 'No incidents match these filters.' : 'No incidents recorded yet. Good news.'));
        return;
      }
      const active = rows.filter((r) => r.active);
      const recent = rows.filter((r) => !r.active);
      replaceKeepingFocus(results,
        active.length ? section('Active', active, now) : null,
        recent.length ? section(filters.state === 'resolved' ? 'Resolved' : 'Recent', recent, now) : null);
    } catch (error) {
      if (mine === seq && ctx.isActive()) {
        count.textContent = '';
        replaceKeepingFocus(results, errorNotice(error, load));
      }
    }
  }

  const searchLater = debounce(load, SEARCH_DEBOUNCE_MS);
  providerSelect.addEventListener('change', () => { filters.providerId = providerSelect.value; load(); });
  stateSelect.addEventListener('change', () => { filters.state = stateSelect.value; load(); });
  search.addEventListener('input', () => { filters.text = search.value; searchLater(); });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && search.value) { event.stopPropagation(); search.value = ''; filters.text = ''; searchLater.cancel(); load(); }
  });

  return { ready: load(), refresh: load, dispose: () => searchLater.cancel() };
}
