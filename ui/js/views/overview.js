// Owns the Overview view: the active incidents first, then one row per watched provider — what
// needs a look first (impact, then recency), the healthy ones folded — with a filter ("/"), or an
// invitation to add one.
import { el, replaceKeepingFocus } from '../dom.js';
import { activeIncidents, maintenancesInProgress, matchesFilter, splitByTrouble, STATE_FILTERS } from '../overview-rows.js';
import { statusBadge } from '../parts/badges.js';
import { incidentList } from '../parts/incident-rows.js';
import { emptyState, errorNotice, loadingNotice } from '../parts/notices.js';
import { providerRow } from '../parts/provider-row.js';
import { providerHash } from '../routes.js';

/** The filter as the user left it, kept across re-renders and visits. */
const filter = { text: '', state: 'all', calmOpen: false };

/**
 * The strip at the top: every open incident of every watched provider, any impact, worst first;
 * maintenance in progress on a line of its own. Null when there is neither.
 * @param {import('../../types/lookout').ProviderCard[]} cards
 * @param {number} now
 */
function activeStrip(cards, now) {
  const incidents = activeIncidents(cards);
  const maintenances = maintenancesInProgress(cards);
  if (!incidents.length && !maintenances.length) return null;
  const list = incidentList(incidents, now, { compact: true, withProvider: true });
  // Maintenance in progress: tiles of their own after the incidents, in the same grid.
  list.append(...maintenances.map((m) => el('li', { class: 'strip-maintenance' },
    statusBadge('under_maintenance'),
    el('a', { attrs: { href: providerHash(m.provider_id) }, text: m.provider }),
    el('span', { class: 'strip-title', text: m.title, attrs: { title: m.title } }))));
  return el('section', { class: 'active-strip', attrs: { id: 'active-incidents', 'aria-labelledby': 'active-incidents-title' } },
    el('h2', { attrs: { id: 'active-incidents-title' },
      text: incidents.length ? `Active incidents (${incidents.length})` : 'Active incidents: none' }),
    list);
}

/**
 * The filter box and the state buttons; `changed` re-renders the rows.
 * @param {() => void} changed
 */
function filterBar(changed) {
  const box = el('input', {
    class: 'filter-box',
    attrs: { type: 'search', placeholder: 'Filter vendors, components, incidents  ( / )', 'aria-label': 'Filter the overview', 'data-search-box': '' },
    props: { value: filter.text },
  });
  box.addEventListener('input', () => { filter.text = /** @type {HTMLInputElement} */ (box).value; changed(); });
  const buttons = STATE_FILTERS.map((choice) => {
    const button = el('button', { class: ['filter-state', filter.state === choice.id ? 'is-on' : ''],
      attrs: { type: 'button', 'aria-pressed': String(filter.state === choice.id) }, text: choice.label });
    button.addEventListener('click', () => { filter.state = choice.id; changed(); });
    return button;
  });
  return el('div', { class: 'overview-filter', attrs: { role: 'search' } }, box,
    el('div', { class: 'filter-states', attrs: { role: 'group', 'aria-label': 'Show' } }, ...buttons));
}

/**
 * The calm ones folded into "35 operational": open while filtering, when nothing needs a look,
 * or when the user opened it. Their rows are built when it opens (with 500 vendors, most of the
 * overview's time went into rows nobody sees until then).
 * @param {import('../../types/lookout').ProviderCard[]} calm
 * @param {boolean} alone nothing needs a look
 * @param {number} now
 */
function calmFold(calm, alone, now) {
  const open = filter.calmOpen || filter.text.trim() !== '' || filter.state === 'operational' || alone;
  const list = el('ul', { class: 'provider-rows' });
  const summary = el('summary', { text: `${calm.length} operational` });
  const fold = /** @type {HTMLDetailsElement} */ (el('details', { class: 'calm-fold', props: { open } }, summary, list));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    const rows = document.createDocumentFragment();
    for (const card of calm) rows.append(providerRow(card, now));
    list.append(rows);
  };
  if (open) build();
  summary.addEventListener('click', build); // before it opens: no empty frame
  fold.addEventListener('toggle', () => {
    filter.calmOpen = fold.open;
    if (fold.open) build(); // opened from a script or the keyboard
  });
  return fold;
}

/**
 * The rows the filter lets through: those that need a look, then the calm ones folded.
 * @param {import('../../types/lookout').ProviderCard[]} cards
 * @param {number} now
 */
function providerRows(cards, now) {
  const shown = cards.filter((card) => matchesFilter(card, filter.text, filter.state));
  if (!shown.length) return el('p', { class: 'muted', attrs: { id: 'overview-no-match' }, text: 'No vendor matches the filter.' });
  const { troubled, calm } = splitByTrouble(shown);
  return el('div', { attrs: { id: 'overview-rows' } },
    troubled.length ? el('ul', { class: 'provider-rows troubled' }, troubled.map((card) => providerRow(card, now))) : null,
    calm.length ? calmFold(calm, !troubled.length, now) : null);
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Overview');
  const body = el('div', { class: 'view-body' }, loadingNotice());
  container.append(el('h1', { class: 'overview-title', attrs: { tabindex: '-1' }, text: 'Overview' }), body);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const overview = await ctx.loadOverview();
      if (mine !== seq || !ctx.isActive()) return;
      const cards = overview.providers ?? [];
      if (cards.length === 0) {
        replaceKeepingFocus(body, emptyState('You are not watching any status pages yet.',
          { href: '#/add', text: 'Add a service' }));
        return;
      }
      const now = ctx.now();
      const rows = el('div', { class: 'rows-holder' }, providerRows(cards, now));
      const bar = filterBar(() => {
        replaceKeepingFocus(rows, providerRows(cards, now));
        for (const button of bar.querySelectorAll('.filter-state')) {
          const on = button.textContent === STATE_FILTERS.find((c) => c.id === filter.state)?.label;
          button.classList.toggle('is-on', on);
          button.setAttribute('aria-pressed', String(on));
        }
      });
      replaceKeepingFocus(body, activeStrip(cards, now), bar, rows);
    } catch (error) {
      if (mine === seq && ctx.isActive()) replaceKeepingFocus(body, errorNotice(error, load));
    }
  }

  return { ready: load(), refresh: load };
}
