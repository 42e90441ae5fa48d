//! Incidents as the window lists them (active first, then recent; filtered by provider, state
//! and text) and one incident's whole timeline, with durations computed at a given time.

use crate::error::{DesktopError, Result};
use crate::sanitize::{body_html, plain_text};
use crate::views::ComponentView;
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Impact, IncidentRef, IncidentStatus, ProviderId};
use lookout_store::{IncidentFilter, Store, StoredIncident};
use serde::{Deserialize, Serialize};

/// Which incidents the window asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(default)]
pub struct IncidentQuery {
    /// Only this provider.
    pub provider_id: Option<ProviderId>,
    /// `active`, `resolved`, or anything else for both.
    pub state: Option<String>,
    /// Only titles or provider names containing this text.
    pub text: Option<String>,
    /// Only incidents whose title or updates hold these words (each a prefix, all required;
    /// punctuation only separates), best match first, across every incident ever stored.
    pub search: Option<String>,
    /// At most this many (default 200).
    pub limit: Option<u32>,
}

/// One incident in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct IncidentRow {
    /// Provider id.
    pub provider_id: ProviderId,
    /// Provider name.
    pub provider: String,
    /// Vendor id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Impact.
    pub impact: Impact,
    /// Latest status.
    pub status: IncidentStatus,
    /// Not over yet.
    pub active: bool,
    /// When it really started.
    pub started_at: DateTime<Utc>,
    /// When it was resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// How long it lasted, or has lasted so far.
    pub duration_seconds: i64,
    /// When Lookout first saw it.
    pub detected_at: DateTime<Utc>,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// The latest update's text, plain and short.
    pub latest_update: Option<String>,
    /// How long before the vendor's first update Lookout's probes began to fail ("Lookout
    /// noticed 17 min before Acme posted"); `null` without a suspicion.
    pub suspected_lead_seconds: Option<i64>,
}

/// One incident with its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct IncidentDetail {
    /// The row's facts.
    #[serde(flatten)]
    pub row: IncidentRow,
    /// Every update, newest first.
    pub updates: Vec<UpdateView>,
    /// The components it affects, with their current status.
    pub components: Vec<ComponentView>,
    /// The user follows it: each update is told whatever the rules say, until it is resolved.
    pub followed: bool,
}

/// One post on an incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct UpdateView {
    /// Vendor id.
    pub id: String,
    /// Status this update set.
    pub status: IncidentStatus,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// The text as sanitised HTML.
    pub body_html: String,
    /// Components named in this update, with the status it gave them.
    pub components: Vec<UpdateComponentView>,
}

/// A component as one update describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct UpdateComponentView {
    /// Vendor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status in that update.
    pub status: ComponentStatus,
}

fn row(stored: &StoredIncident, now: DateTime<Utc>) -> IncidentRow {
    let incident = &stored.incident;
    let end = incident.resolved_at.unwrap_or(now);
    IncidentRow {
        provider_id: stored.provider_id,
        provider: stored.provider.clone(),
        id: incident.id.clone(),
        title: incident.title.clone(),
        impact: incident.impact.clone(),
        status: incident.status.clone(),
        active: !incident.status.is_resolved(),
        started_at: incident.started_at,
        resolved_at: incident.resolved_at,
        duration_seconds: (end - incident.started_at).num_seconds().max(0),
        detected_at: stored.detected_at,
        url: incident.url.clone(),
        latest_update: incident
            .updates
            .last()
            .map(|u| plain_text(&u.body, 280))
            .filter(|t| !t.is_empty()),
        suspected_lead_seconds: stored.suspected_lead_seconds,
    }
}

/// Rows for `filter`, active incidents first, each group newest first.
pub(crate) fn incident_rows(
    store: &Store,
    filter: &IncidentFilter,
    now: DateTime<Utc>,
) -> Result<Vec<IncidentRow>> {
    let mut rows: Vec<IncidentRow> = store
        .incidents(filter)?
        .iter()
        .map(|s| row(s, now))
        .collect();
    rows.sort_by_key(|r| !r.active);
    Ok(rows)
}

/// What `query` selects, at most `limit`.
fn filter_of(query: &IncidentQuery, limit: Option<u32>) -> IncidentFilter {
    let state = query.state.as_deref().unwrap_or_default();
    IncidentFilter {
        provider_id: query.provider_id,
        active_only: state == "active",
        resolved_only: state == "resolved",
        text: query.text.clone(),
        search: query
            .search
            .clone()
            .filter(|words| !words.trim().is_empty()),
        limit,
        ..IncidentFilter::default()
    }
}

/// The incident list for `query` at `now`.
pub fn incidents(
    store: &Store,
    query: &IncidentQuery,
    now: DateTime<Utc>,
) -> Result<Vec<IncidentRow>> {
    let limit = query.limit.unwrap_or(200).min(1000);
    incident_rows(store, &filter_of(query, Some(limit)), now)
}

/// Where "Export CSV" wrote, and how many incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ExportedFile {
    /// The file chosen in the save dialog.
    pub path: String,
    /// How many incidents it holds.
    pub incidents: usize,
}

/// Writes every incident `query` selects (not only the first 200) to `out` as the CSV of
/// `lookout export`; returns how many.
pub fn export_csv<W: std::io::Write>(
    store: &Store,
    query: &IncidentQuery,
    out: W,
) -> Result<usize> {
    let list = store.incidents(&filter_of(query, None))?;
    lookout_store::export::write_csv(&list, out)?;
    Ok(list.len())
}

/// One incident with its timeline (newest update first) at `now`.
pub fn incident(store: &Store, which: &IncidentRef, now: DateTime<Utc>) -> Result<IncidentDetail> {
    let (provider_id, incident_id) = (which.provider, which.incident.as_str());
    let found = store.incidents(&IncidentFilter {
        provider_id: Some(provider_id),
        incident_id: Some(incident_id.to_string()),
        ..IncidentFilter::default()
    })?;
    let stored = found.into_iter().next().ok_or_else(|| {
        DesktopError::NotFound(format!(
            "no incident {incident_id} on provider #{provider_id}"
        ))
    })?;
    let watched = store.watched_components(provider_id)?;
    let current = store.components(provider_id)?;
    let components = stored
        .incident
        .component_ids
        .iter()
        .filter_map(|id| current.iter().find(|c| &c.id == id))
        .map(|c| ComponentView {
            id: c.id.clone(),
            name: c.name.clone(),
            status: c.status.clone(),
            watched: watched.is_empty() || watched.contains(&c.id),
        })
        .collect();
    let updates = stored
        .incident
        .updates
        .iter()
        .rev()
        .map(|u| UpdateView {
            id: u.id.clone(),
            status: u.status.clone(),
            at: u.at,
            body_html: body_html(&u.body),
            components: u
                .components
                .iter()
                .map(|c| UpdateComponentView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    status: c.status.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(IncidentDetail {
        row: row(&stored, now),
        updates,
        components,
        followed: store.is_followed(which)?,
    })
}

/// Follows the incident (`follow`) or stops following it; answers its detail. A resolved
/// incident cannot be followed (there is nothing more to hear), only unfollowed.
pub fn follow_incident(
    store: &mut Store,
    which: &IncidentRef,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<IncidentDetail> {
    let detail = incident(store, which, now)?;
    if follow {
        if detail.row.resolved_at.is_some() {
            return Err(DesktopError::InvalidInput(
                "This incident is resolved: there is nothing more to follow.".into(),
            ));
        }
        store.follow_incident(which, now)?;
    } else {
        store.unfollow_incident(which)?;
    }
    incident(store, which, now)
}
