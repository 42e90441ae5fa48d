// Owns the Incidents view: filters (service, state, words searched over all history), the list (active first) and Export CSV.
import { debounce } from '../debounce.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { incidentList } from '../parts/incident-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';

const LIMIT = 200;
const SEARCH_DEBOUNCE_MS = 200;
/** Filters survive leaving the view and coming back. */
const filters = { providerId: '', state: '', text: '' };
/** Rows of each section rendered so far (they grow as the list is scrolled): a refresh, or coming
 * back from an incident, renders as many, so the scroll position and focus are kept. */
const shownRows = { active: 0, recent: 0 };

/** `text` is what the search box holds: words searched in every incident's title and updates. */
/** @typedef {{ providerId: string, state: string, text: string }} IncidentFilters */

function field(labelText, control) {
  return el('label', { class: 'field' }, el('span', { class: 'field-label', text: labelText }), control);
}

/**
 * What Export CSV writes: every incident the filters select (no limit); the words in the search
 * box are searched over all history (`search`), best match first.
 * @param {IncidentFilters} chosen
 * @returns {import('../../types/lookout').IncidentQuery}
 */
export function exportQuery(chosen) {
  /** @type {import('../../types/lookout').IncidentQuery} */
  const query = {};
  if (chosen.providerId !== '') query.provider_id = Number(chosen.providerId);
  if (chosen.state !== '') query.state = chosen.state;
  if (chosen.text.trim() !== '') query.search = chosen.text.trim();
  return query;
}

/**
 * The incidents query for the filters: at most LIMIT rows, and only the filters that are set.
 * @param {IncidentFilters} chosen
 * @returns {import('../../types/lookout').IncidentQuery}
 */
export function incidentQuery(chosen) {
  return { limit: LIMIT, ...exportQuery(chosen) };
}

/**
 * "1 incident", "12 incidents", or "200 incidents (the most recent)" when the list is cut at LIMIT
 * ("(the best matches)" when searching).
 * @param {number} count
 * @param {boolean} [searching]
 */
export function incidentCountText(count, searching = false) {
  if (count === 1) return '1 incident';
  const cut = count >= LIMIT ? (searching ? ' (the best matches)' : ' (the most recent)') : '';
  return `${count} incidents${cut}`;
}

/**
 * What Export CSV says once written: "Saved 12 incidents to /home/me/lookout-incidents.csv".
 * @param {import('../../types/lookout').ExportedFile} file
 */
export function savedText(file) {
  return `Saved ${file.incidents === 1 ? '1 incident' : `${file.incidents} incidents`} to ${file.path}`;
}

/**
 * What an empty list says: whether the filters hid everything, or nothing happened yet.
 * @param {IncidentFilters} chosen
 */
export function noIncidentsText(chosen) {
  const filtered = chosen.providerId || chosen.state || chosen.text.trim();
  return filtered ? 'No incidents match these filters.' : 'No incidents recorded yet. Good news.';
}

/**
 * @param {string} title
 * @param {import('../../types/lookout').IncidentRow[]} rows
 * @param {number} now
 * @param {'active' | 'recent'} kind which count of shownRows the section keeps
 */
function section(title, rows, now, kind) {
  const growth = { before: shownRows[kind], onShown: (/** @type {number} */ n) => { shownRows[kind] = n; } };
  return el('section', { class: 'list-section' }, el('h2', { text: title }), incidentList(rows, now, { growth }));
}

/** Other filters: the list starts again from its first page. */
function filtersChanged() {
  shownRows.active = 0;
  shownRows.recent = 0;
}

/** The view's state and nodes; each method does one thing. */
class IncidentsView {
  /** @param {import('../../types/window').ViewContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    this.providerSelect = el('select', { attrs: { id: 'incidents-provider' } }, el('option', { attrs: { value: '' }, text: 'All services' }));
    this.stateSelect = el('select', { attrs: { id: 'incidents-state' } },
      el('option', { attrs: { value: '' }, text: 'All' }),
      el('option', { attrs: { value: 'active' }, text: 'Active' }),
      el('option', { attrs: { value: 'resolved' }, text: 'Resolved' }));
    this.stateSelect.value = filters.state;
    this.search = el('input', {
      attrs: { id: 'incidents-search', type: 'search', placeholder: 'Words in titles and updates, all history  ( / )', autocomplete: 'off', spellcheck: 'false' },
      data: { searchBox: '' },
      props: { value: filters.text },
    });
    this.count = el('p', { class: 'muted count-line', attrs: { 'aria-live': 'polite' } });
    this.exportButton = el('button', { attrs: { type: 'button', id: 'export-csv' }, text: 'Export CSV',
      on: { click: () => this.exportCsv() } });
    this.exportStatus = el('span', { class: 'muted export-status', attrs: { id: 'export-status', 'aria-live': 'polite' } });
    this.exportError = el('div');
    this.results = el('div', { class: 'view-body' }, loadingNotice());
    this.seq = 0;
    this.providerKey = '';
  }

  /** The heading, the filters, the count line with Export CSV, and the list, in that order. */
  nodes() {
    return [
      el('h1', { attrs: { tabindex: '-1' }, text: 'Incidents' }),
      el('form', { class: 'filters', attrs: { role: 'search' }, on: { submit: (e) => e.preventDefault() } },
        field('Service', this.providerSelect), field('State', this.stateSelect), field('Search', this.search)),
      el('div', { class: 'list-toolbar' }, this.count, this.exportButton, this.exportStatus),
      this.exportError, this.results,
    ];
  }

  /** Export CSV: the app asks where (its own save dialog) and writes what the filters select. */
  async exportCsv() {
    this.exportButton.disabled = true;
    this.exportStatus.textContent = 'Exporting…';
    this.exportError.replaceChildren();
    try {
      const file = await this.ctx.backend.exportIncidents(exportQuery(filters));
      this.exportStatus.textContent = file ? savedText(file) : ''; // null: the dialog was cancelled
    } catch (error) {
      this.exportStatus.textContent = '';
      this.exportError.replaceChildren(errorNotice(error));
    } finally {
      this.exportButton.disabled = false;
    }
  }

  /** @param {import('../../types/lookout').ProviderCard[]} providers */
  fillProviders(providers) {
    const key = providers.map((p) => `${p.id}:${p.name}`).join('\n');
    if (key === this.providerKey) return;
    this.providerKey = key;
    this.providerSelect.replaceChildren(el('option', { attrs: { value: '' }, text: 'All services' }),
      ...providers.map((p) => el('option', { attrs: { value: String(p.id) }, text: p.name })));
    if (!providers.some((p) => String(p.id) === filters.providerId)) filters.providerId = '';
    this.providerSelect.value = filters.providerId;
  }

  /** @param {import('../../types/lookout').IncidentRow[]} rows */
  showRows(rows) {
    const now = this.ctx.now();
    this.count.textContent = incidentCountText(rows.length, filters.text.trim() !== '');
    if (rows.length === 0) {
      replaceKeepingFocus(this.results, emptyState(noIncidentsText(filters)));
      return;
    }
    const active = rows.filter((r) => r.active);
    const recent = rows.filter((r) => !r.active);
    replaceKeepingFocus(this.results,
      active.length ? section('Active', active, now, 'active') : null,
      recent.length ? section(filters.state === 'resolved' ? 'Resolved' : 'Recent', recent, now, 'recent') : null);
  }

  async load() {
    const { ctx } = this;
    const mine = ++this.seq;
    try {
      const [overview, rows] = await Promise.all([ctx.loadOverview(), ctx.backend.incidents(incidentQuery(filters))]);
      if (mine !== this.seq || !ctx.isActive()) return;
      this.fillProviders(overview.providers ?? []);
      this.showRows(rows);
    } catch (error) {
      if (mine === this.seq && ctx.isActive()) {
        this.count.textContent = '';
        replaceKeepingFocus(this.results, errorNotice(error, () => this.load()));
      }
    }
  }
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Incidents');
  const view = new IncidentsView(ctx);
  const { providerSelect, stateSelect, search } = view;
  container.append(...view.nodes());
  const load = () => view.load();
  const reload = () => { filtersChanged(); load(); };
  const searchLater = debounce(reload, SEARCH_DEBOUNCE_MS);
  providerSelect.addEventListener('change', () => { filters.providerId = providerSelect.value; reload(); });
  stateSelect.addEventListener('change', () => { filters.state = stateSelect.value; reload(); });
  search.addEventListener('input', () => { filters.text = search.value; searchLater(); });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && search.value) { event.stopPropagation(); search.value = ''; filters.text = ''; searchLater.cancel(); reload(); }
  });

  return { ready: load(), refresh: load, dispose: () => searchLater.cancel() };
}
