//! The normalised model every platform's parser produces: a [`Snapshot`] of one status page at
//! one moment, with its components, incidents (with their whole timelines) and maintenances.

use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
}

impl Snapshot {
    /// The worst status over `components`; `operational` for a page with none.
    pub fn worst_status(&self) -> ComponentStatus {
        ComponentStatus::worst(self.components.iter().map(|c| &c.status))
    }

    /// The worst status over the components whose ids are in `watched`
    /// (every component when `watched` is empty).
    pub fn worst_watched_status(&self, watched: &[String]) -> ComponentStatus {
        ComponentStatus::worst(
            self.components
                .iter()
                .filter(|c| watched.is_empty() || watched.contains(&c.id))
                .map(|c| &c.status),
        )
    }

    /// Incidents that are not over yet.
    pub fn active_incidents(&self) -> impl Iterator<Item = &Incident> {
        self.incidents.iter().filter(|i| !i.status.is_resolved())
    }

    /// Adds `other`'s incidents and maintenances that this snapshot lacks (by id), keeping this
    /// snapshot's version where both have one; components and page info are filled only if empty.
    /// Used to merge a page's current-state document with its history document.
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
        for incident in other.incidents {
            if !self.incidents.iter().any(|i| i.id == incident.id) {
                self.incidents.push(incident);
            }
        }
        for maintenance in other.maintenances {
            if !self.maintenances.iter().any(|m| m.id == maintenance.id) {
                self.maintenances.push(maintenance);
            }
        }
        self.incidents.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
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
