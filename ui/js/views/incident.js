// Owns the incident detail view: facts, the Follow toggle, affected components and the timeline of updates, newest first.
import { el, insertBodyHtml, replaceKeepingFocus } from '../dom.js';
import { incidentDuration, leadText } from '../format.js';
import { impactBadge, incidentStatusBadge } from '../parts/badges.js';
import { errorNotice, loadingNotice } from '../parts/notices.js';
import { componentItem } from '../parts/provider-card.js';
import { whenEl } from '../parts/times.js';
import { providerHash } from '../routes.js';

function fact(term, ...value) {
  return [el('dt', { text: term }), el('dd', {}, ...value)];
}

/**
 * @param {import('../../types/lookout').IncidentDetail} incident
 * @param {number} now
 */
function facts(incident, now) {
  return el('dl', { class: 'facts' },
    fact('Service', el('a', { attrs: { href: providerHash(incident.provider_id) }, text: incident.provider })),
    fact('Impact', impactBadge(incident.impact)),
    fact('Status', incidentStatusBadge(incident.status)),
    fact('Started', whenEl(incident.started_at, now)),
    // While it is open, "Duration: ongoing · 1 h 5 min" says it; no "Resolved" line repeats it.
    incident.active ? null : fact('Resolved', whenEl(incident.resolved_at, now, '—')),
    fact('Duration', incidentDuration(incident)),
    fact('First detected', whenEl(incident.detected_at, now, '—')));
}

/**
 * @param {import('../../types/lookout').UpdateView} update
 * @param {number} now
 * @param {(url: string) => unknown} openLink
 */
function updateItem(update, now, openLink) {
  const body = insertBodyHtml(el('div', { class: 'update-body' }), update.body_html, openLink);
  const components = update.components ?? [];
  return el('li', { class: 'timeline-update', data: { updateId: update.id } },
    el('div', { class: 'update-head' }, incidentStatusBadge(update.status), whenEl(update.at, now)),
    body,
    components.length
      ? el('ul', { class: 'update-components' }, components.map((c) => componentItem({ ...c, watched: true })))
      : null);
}

const FOLLOW_HELP = 'Each update is notified whatever your rules say (not while paused or in quiet hours), until it is resolved.';

/**
 * The Follow toggle (a pressed button while followed); a resolved incident offers only to stop.
 * @param {import('../../types/lookout').IncidentDetail} incident
 * @param {import('../../types/window').ViewContext} ctx
 * @param {(detail: import('../../types/lookout').IncidentDetail) => void} show
 */
function followControl(incident, ctx, show) {
  if (!incident.active && !incident.followed) return null;
  const button = el('button', {
    attrs: { type: 'button', id: 'follow-incident', 'aria-pressed': String(incident.followed), title: FOLLOW_HELP },
    data: { focusKey: 'follow-incident' },
    text: incident.followed ? 'Following updates ✓' : 'Follow updates',
  });
  const status = el('span', { class: 'form-status muted', attrs: { 'aria-live': 'polite' } });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const next = await ctx.backend.followIncident(incident.provider_id, incident.id, !incident.followed);
      if (!ctx.isActive()) return;
      ctx.toast(next.followed ? `Following “${next.title}” until it is resolved.` : `No longer following “${next.title}”.`);
      show(next);
    } catch (error) {
      button.disabled = false;
      if (ctx.isActive()) status.replaceChildren(errorNotice(error));
    }
  });
  return el('div', { class: 'follow-control' }, button, status);
}

/**
 * @param {import('../../types/lookout').IncidentDetail} incident
 * @param {import('../../types/window').ViewContext} ctx
 * @param {number} now
 * @param {(detail: import('../../types/lookout').IncidentDetail) => void} show
 */
function detail(incident, ctx, now, show) {
  const affected = incident.components ?? [];
  const updates = incident.updates ?? [];
  return [
    el('div', { class: 'detail-meta' },
      facts(incident, now),
      followControl(incident, ctx, show),
      incident.url
        ? el('button', { attrs: { type: 'button', id: 'open-vendor-page' }, text: 'View on vendor’s page', on: { click: () => ctx.openLink(incident.url) } })
        : null),
    el('section', {},
      el('h2', { text: 'Affected components' }),
      affected.length
        ? el('ul', { class: 'component-list affected' }, affected.map((c) => componentItem(c)))
        : el('p', { class: 'muted', text: 'The vendor named no components.' })),
    el('section', {},
      el('h2', { text: 'Updates' }),
      incident.suspected_lead_seconds !== null && incident.suspected_lead_seconds !== undefined
        ? el('p', { class: 'lead-note timeline-lead', attrs: { id: 'incident-lead' }, text: leadText(incident.suspected_lead_seconds, incident.provider) })
        : null,
      updates.length
        ? el('ol', { attrs: { id: 'timeline' }, class: 'timeline' }, updates.map((u) => updateItem(u, now, ctx.openLink)))
        : el('p', { class: 'muted', text: 'No updates posted.' })),
  ];
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  const { providerId, incidentId } = ctx.route;
  ctx.setTitle('Incident');
  const title = el('h1', { attrs: { id: 'incident-title', tabindex: '-1' }, text: 'Incident' });
  const subtitle = el('p', { class: 'subtitle' });
  const body = el('div', { class: 'view-body' }, loadingNotice());
  const back = el('a', { attrs: { href: '#/incidents' }, text: '← Incidents' });
  back.addEventListener('click', (event) => { event.preventDefault(); ctx.back('#/incidents'); });
  container.append(el('p', { class: 'breadcrumb' }, back, el('span', { class: 'muted', text: ' (Esc)' })), title, subtitle, body);
  let seq = 0;

  /** @param {import('../../types/lookout').IncidentDetail} incident */
  function show(incident) {
    title.textContent = incident.title;
    ctx.setTitle(incident.title);
    // replaceKeepingFocus, not replaceChildren: a null child is left out, never written "null".
    replaceKeepingFocus(subtitle, el('span', { text: incident.provider }), ' · ',
      el('span', { class: incident.active ? 'ongoing' : 'muted', text: incident.active ? 'Ongoing' : 'Resolved' }),
      incident.followed ? el('span', { class: 'followed-note', text: ' · Followed' }) : null);
    replaceKeepingFocus(body, ...detail(incident, ctx, ctx.now(), show));
  }

  async function load() {
    const mine = ++seq;
    try {
      const incident = await ctx.backend.incident(providerId, incidentId);
      if (mine !== seq || !ctx.isActive()) return;
      show(incident);
    } catch (error) {
      if (mine !== seq || !ctx.isActive()) return;
      if (error.code === 'not_found') title.textContent = 'Incident not found';
      replaceKeepingFocus(body, errorNotice(error, error.code === 'not_found' ? null : load));
    }
  }

  return { ready: load(), refresh: load };
}
