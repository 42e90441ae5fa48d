//! Incidents as the window lists them (active first, then recent; filtered by provider, state
//! and text) and one incident's whole timeline, with durations computed at a given time.

use crate::sanitize::{body_html, plain_text};
use crate::views::ComponentView;
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, ProviderId};
use lookout_engine::operations::incidents::{IncidentFilter, IncidentRecord, StoredIncident};
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

/// The rows of `list`: the active incidents first, worst impact first, then the newest; then the
/// others in the list's order (newest first, or best match first when searching).
pub fn incident_rows(list: &[StoredIncident], now: DateTime<Utc>) -> Vec<IncidentRow> {
    let mut rows: Vec<IncidentRow> = list.iter().map(|s| row(s, now)).collect();
    rows.sort_by(|a, b| {
        b.active.cmp(&a.active).then_with(|| {
            if !a.active {
                return std::cmp::Ordering::Equal;
            }
            let rank = |r: &IncidentRow| r.impact.implied_status().rank();
            rank(b)
                .cmp(&rank(a))
                .then_with(|| b.started_at.cmp(&a.started_at))
        })
    });
    rows
}

impl IncidentQuery {
    /// What the list asks the engine for: at most `limit` (200 unless given, never over 1,000).
    pub fn filter(&self) -> IncidentFilter {
        self.filter_of(Some(self.limit.unwrap_or(200).min(1000)))
    }

    /// What "Export CSV" asks for: every incident the query selects, not only the first 200.
    pub fn export_filter(&self) -> IncidentFilter {
        self.filter_of(None)
    }

    fn filter_of(&self, limit: Option<u32>) -> IncidentFilter {
        let state = self.state.as_deref().unwrap_or_default();
        IncidentFilter {
            provider_id: self.provider_id,
            active_only: state == "active",
            resolved_only: state == "resolved",
            text: self.text.clone(),
            search: self.search.clone().filter(|words| !words.trim().is_empty()),
            limit,
            ..IncidentFilter::default()
        }
    }
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

/// One incident with its timeline (newest update first) at `now`.
pub fn incident_detail(record: IncidentRecord, now: DateTime<Utc>) -> IncidentDetail {
    let IncidentRecord {
        stored,
        components: current,
        watched,
        followed,
    } = record;
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
    IncidentDetail {
        row: row(&stored, now),
        updates,
        components,
        followed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use lookout_core::Incident;

    fn stored(id: &str, impact: Impact, minute: u32, resolved: bool) -> StoredIncident {
        let started_at = Utc.with_ymd_and_hms(2026, 12, 7, 10, minute, 0).unwrap();
        StoredIncident {
            provider_id: ProviderId::new(1),
            provider: "Acme".into(),
            incident: Incident {
                id: id.into(),
                title: id.into(),
                impact,
                status: if resolved {
                    IncidentStatus::Resolved
                } else {
                    IncidentStatus::Investigating
                },
                started_at,
                resolved_at: resolved.then_some(started_at + chrono::Duration::minutes(5)),
                url: None,
                updates: vec![],
                component_ids: vec![],
            },
            detected_at: started_at,
            suspected_lead_seconds: None,
        }
    }

    #[test]
    fn active_incidents_come_first_worst_impact_then_newest_the_rest_as_listed() {
        let list = [
            stored("old-resolved", Impact::Critical, 1, true),
            stored("minor-new", Impact::Minor, 50, false),
            stored("none", Impact::None, 55, false),
            stored("major-old", Impact::Major, 10, false),
            stored("critical", Impact::Critical, 5, false),
            stored("major-new", Impact::Major, 40, false),
            stored("new-resolved", Impact::Minor, 58, true),
        ];
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 11, 0, 0).unwrap();
        let order: Vec<String> = incident_rows(&list, now)
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(
            order,
            [
                "critical",
                "major-new",
                "major-old",
                "minor-new",
                "none",
                "old-resolved",
                "new-resolved"
            ]
        );
    }
}
