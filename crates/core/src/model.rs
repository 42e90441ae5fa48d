//! The normalised model every platform's parser produces: a [`Snapshot`] of one status page at
//! one moment, with its components, incidents (with their whole timelines) and maintenances.

use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInfo {
    /// The vendor-side page id (Statuspage code, incident.io ULID…), when given.
    pub id: Option<String>,
    /// The page's display name, e.g. "GitHub".
    pub name: Option<String>,
    /// The page's public URL.
    pub url: Option<String>,
}

/// One component (a service, region or feature) and its current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// The vendor's id for it.
    pub id: String,
    /// Its display name, without the group prefix.
    pub name: String,
    /// The name of the group it sits in, if any. Groups themselves are not components.
    pub group: Option<String>,
    /// Its current status.
    pub status: ComponentStatus,
    /// Sort key on the page: (group position, own position).
    pub position: (i64, i64),
}

/// A component's status as one incident update set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateComponent {
    /// Component id.
    pub id: String,
    /// Component name, as the update gave it (or as the page names it).
    pub name: String,
    /// The status this update set.
    pub status: ComponentStatus,
}

/// One post on an incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentUpdate {
    /// The vendor's id for the update (stable across polls).
    pub id: String,
    /// The incident's status as of this update (maintenance words kept as `Other`).
    pub status: IncidentStatus,
    /// The vendor's text, as given (untrusted: may hold HTML).
    pub body: String,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// The components this update touched, with the status it gave each.
    pub components: Vec<UpdateComponent>,
}

/// An incident with its whole timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// The vendor's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How bad the vendor says it is.
    pub impact: Impact,
    /// Where it stands now.
    pub status: IncidentStatus,
    /// The earliest of its first update and the vendor's start fields.
    pub started_at: DateTime<Utc>,
    /// The first update that resolved it; `None` while open.
    pub resolved_at: Option<DateTime<Utc>>,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// The timeline, oldest first.
    pub updates: Vec<IncidentUpdate>,
    /// Ids of every component the incident touched.
    pub component_ids: Vec<String>,
}

impl Incident {
    /// How long it lasted (`resolved_at − started_at`); `None` while it is open.
    pub fn duration(&self) -> Option<chrono::Duration> {
        self.resolved_at.map(|end| end - self.started_at)
    }

    /// The newest update, if any.
    pub fn latest_update(&self) -> Option<&IncidentUpdate> {
        self.updates.last()
    }

    /// Fills what this version lacks from `other`, another document's version of the same
    /// incident: its timeline when this one has none (the start then moves back to the first
    /// update and the end follows the timeline rules), components and link. Status, title and
    /// impact stay this version's.
    fn fill_from(&mut self, other: Incident) {
        if self.updates.is_empty() && !other.updates.is_empty() {
            self.updates = other.updates;
            self.started_at = crate::timeline::started_at(
                &self.updates,
                &[Some(self.started_at)],
                self.started_at,
            );
            self.resolved_at =
                crate::timeline::resolved_at(&self.status, &self.updates, self.resolved_at)
                    .map(|end| end.max(self.started_at));
        }
        if self.component_ids.is_empty() {
            self.component_ids = other.component_ids;
        }
        if self.url.is_none() {
            self.url = other.url;
        }
    }
}

/// A planned maintenance window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maintenance {
    /// The vendor's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: MaintenanceStatus,
    /// Planned start.
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Planned end.
    pub scheduled_until: Option<DateTime<Utc>>,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// Ids of the components it covers.
    pub component_ids: Vec<String>,
}

/// Everything one poll learned about one status page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The page itself.
    pub page: PageInfo,
    /// Current components (groups flattened into each component's `group`).
    pub components: Vec<Component>,
    /// Recent incidents, newest first (only the unresolved ones when the platform gives no history).
    pub incidents: Vec<Incident>,
    /// Maintenances, upcoming, in progress and recent.
    pub maintenances: Vec<Maintenance>,
    /// What was left out of the page and why, for people, one line per kind, e.g.
    /// "1 update ignored: date out of range".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Snapshot {
    /// The worst status over `components`; `operational` for a page with none.
    pub fn worst_status(&self) -> ComponentStatus {
        ComponentStatus::worst(self.components.iter().map(|c| &c.status))
    }

    /// The worst status over the components whose ids are in `watched` (every component when
    /// `watched` is empty or names none of them); `operational` for a page with none. Incidents
    /// are not looked at: see [`Snapshot::status`].
    pub fn worst_watched_status(&self, watched: &[String]) -> ComponentStatus {
        crate::provider_status::page_status(&self.components, watched, &[], false)
    }

    /// What this page says about the provider, by the one rule of
    /// [`crate::provider_status::page_status`]: its watched components when it has components,
    /// else its open incidents and in-progress maintenances.
    pub fn status(&self, watched: &[String]) -> ComponentStatus {
        let impacts: Vec<Impact> = self.active_incidents().map(|i| i.impact.clone()).collect();
        let maintenance = self.maintenances.iter().any(|m| m.status.is_active());
        crate::provider_status::page_status(&self.components, watched, &impacts, maintenance)
    }

    /// Incidents that are not over yet.
    pub fn active_incidents(&self) -> impl Iterator<Item = &Incident> {
        self.incidents.iter().filter(|i| !i.status.is_resolved())
    }

    /// Adds `other`'s incidents and maintenances that this snapshot lacks (by id), keeping this
    /// snapshot's version where both have one (only what it lacks is filled in: a timeline when it
    /// has none, touched components, a link); components and page info are filled only if empty.
    /// Used to merge a page's current-state document with its history document: an Instatus
    /// summary's active incident keeps its status and gains the history's timeline. `other`'s
    /// warnings are added, each line once.
    pub fn merge(&mut self, other: Snapshot) {
        if self.page.name.is_none() {
            self.page.name = other.page.name;
        }
        if self.page.url.is_none() {
            self.page.url = other.page.url;
        }
        if self.page.id.is_none() {
            self.page.id = other.page.id;
        }
        if self.components.is_empty() {
            self.components = other.components;
        }
        // Indexed by id: merging two long histories stays linear.
        let mut ours: HashMap<String, usize> = self
            .incidents
            .iter()
            .enumerate()
            .map(|(at, i)| (i.id.clone(), at))
            .collect();
        for incident in other.incidents {
            match ours.get(&incident.id) {
                Some(&at) => self.incidents[at].fill_from(incident),
                None => {
                    ours.insert(incident.id.clone(), self.incidents.len());
                    self.incidents.push(incident);
                }
            }
        }
        let mut known: HashSet<String> = self.maintenances.iter().map(|m| m.id.clone()).collect();
        for maintenance in other.maintenances {
            if known.insert(maintenance.id.clone()) {
                self.maintenances.push(maintenance);
            }
        }
        for line in other.warnings {
            crate::sources::date_range::add_warning(self, line);
        }
        self.incidents.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
    }
}

/// A reader's snapshot of `page`: its `components` as given, its `incidents` newest first and
/// its `maintenances` latest first (no warnings).
pub(crate) fn sorted_snapshot(
    page: PageInfo,
    components: Vec<Component>,
    mut incidents: Vec<Incident>,
    mut maintenances: Vec<Maintenance>,
) -> Snapshot {
    sort_incidents(&mut incidents);
    sort_maintenances(&mut maintenances);
    Snapshot {
        page,
        components,
        incidents,
        maintenances,
        warnings: Vec::new(),
    }
}

/// Sorts incidents newest first (ties by id, so the order is stable across polls).
pub fn sort_incidents(list: &mut [Incident]) {
    list.sort_by(|a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Sorts maintenances latest planned start first (ties by id).
pub fn sort_maintenances(list: &mut [Maintenance]) {
    list.sort_by(|a, b| {
        b.scheduled_for
            .cmp(&a.scheduled_for)
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, minute, 0)
            .single()
            .unwrap_or_default()
    }

    fn incident(id: &str, status: IncidentStatus, updates: &[(u32, IncidentStatus)]) -> Incident {
        Incident {
            id: id.into(),
            title: format!("{id} title"),
            impact: Impact::Minor,
            status,
            started_at: at(30),
            resolved_at: None,
            url: None,
            updates: updates
                .iter()
                .map(|(minute, status)| IncidentUpdate {
                    id: format!("{id}/{minute}"),
                    status: status.clone(),
                    body: String::new(),
                    at: at(*minute),
                    components: Vec::new(),
                })
                .collect(),
            component_ids: Vec::new(),
        }
    }

    #[test]
    fn merging_history_keeps_the_current_version_and_adds_the_rest() {
        let mut current = Snapshot {
            incidents: vec![incident("open", IncidentStatus::Monitoring, &[])],
            ..Snapshot::default()
        };
        let mut known = incident(
            "open",
            IncidentStatus::Identified,
            &[
                (10, IncidentStatus::Investigating),
                (20, IncidentStatus::Identified),
            ],
        );
        known.title = "older title".into();
        known.component_ids = vec!["api".into()];
        known.url = Some("https://status.acme.test/incident/open".into());
        let done = incident(
            "done",
            IncidentStatus::Resolved,
            &[
                (0, IncidentStatus::Investigating),
                (5, IncidentStatus::Resolved),
            ],
        );
        current.merge(Snapshot {
            incidents: vec![known, done.clone()],
            ..Snapshot::default()
        });
        let ids: Vec<&str> = current.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["done", "open"], "same start: ordered by id");
        let open = &current.incidents[1];
        assert_eq!(
            open.status,
            IncidentStatus::Monitoring,
            "the summary's status stays"
        );
        assert_eq!(open.title, "open title");
        assert_eq!(open.updates.len(), 2, "the history's timeline is adopted");
        assert_eq!(
            open.started_at,
            at(10),
            "the start moves back to the first update"
        );
        assert_eq!(open.resolved_at, None);
        assert_eq!(open.component_ids, ["api"]);
        assert!(open.url.is_some());
        assert_eq!(current.incidents[0], done);
    }

    #[test]
    fn a_timeline_already_present_is_never_replaced() {
        let ours = incident(
            "x",
            IncidentStatus::Resolved,
            &[(40, IncidentStatus::Resolved)],
        );
        let mut current = Snapshot {
            incidents: vec![ours.clone()],
            ..Snapshot::default()
        };
        current.merge(Snapshot {
            incidents: vec![incident(
                "x",
                IncidentStatus::Investigating,
                &[(1, IncidentStatus::Investigating)],
            )],
            ..Snapshot::default()
        });
        assert_eq!(current.incidents, [ours]);
    }
}
