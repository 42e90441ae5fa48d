//! Change events: what the diff of two observations of a provider produces, and what every sink
//! (CLI output, notifications, tray, UI) consumes.

use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use chrono::{DateTime, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// One change on one provider's page, as Lookout observed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The provider's display name.
    pub provider: String,
    /// When Lookout observed the change (the poll's time, from the clock).
    pub at: DateTime<Utc>,
    /// What changed.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What changed. Serialised with a `kind` tag: `{"kind":"incident_opened", "incident_id":…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// An incident Lookout had not seen, and that is not over.
    IncidentOpened {
        /// Vendor id.
        incident_id: String,
        /// Title.
        title: String,
        /// Status as first seen.
        status: IncidentStatus,
        /// Impact as first seen.
        impact: Impact,
        /// The latest update's text, if any.
        body: Option<String>,
    },
    /// A new post on an incident's timeline (one event per new vendor update).
    IncidentUpdated {
        /// Vendor id.
        incident_id: String,
        /// Title.
        title: String,
        /// The update's vendor id.
        update_id: String,
        /// Status this update set.
        status: IncidentStatus,
        /// The update's text.
        body: String,
    },
    /// An incident is over.
    IncidentResolved {
        /// Vendor id.
        incident_id: String,
        /// Title.
        title: String,
        /// Final status (`resolved` or `postmortem`).
        status: IncidentStatus,
        /// When it was resolved.
        resolved_at: Option<DateTime<Utc>>,
        /// How long it lasted, when known.
        duration_seconds: Option<i64>,
    },
    /// A component's status changed.
    ComponentChanged {
        /// Vendor id.
        component_id: String,
        /// Display name.
        component: String,
        /// Previous status.
        from: ComponentStatus,
        /// New status.
        to: ComponentStatus,
    },
    /// A maintenance was announced.
    MaintenanceScheduled {
        /// Vendor id.
        maintenance_id: String,
        /// Title.
        title: String,
        /// Planned start.
        scheduled_for: Option<DateTime<Utc>>,
        /// Status.
        status: MaintenanceStatus,
    },
    /// A reminder that a maintenance starts soon (once per maintenance and planned start).
    MaintenanceSoon {
        /// Vendor id.
        maintenance_id: String,
        /// Title.
        title: String,
        /// Planned start.
        scheduled_for: DateTime<Utc>,
    },
    /// A maintenance began.
    MaintenanceStarted {
        /// Vendor id.
        maintenance_id: String,
        /// Title.
        title: String,
        /// Status.
        status: MaintenanceStatus,
    },
    /// A maintenance finished.
    MaintenanceCompleted {
        /// Vendor id.
        maintenance_id: String,
        /// Title.
        title: String,
        /// Status.
        status: MaintenanceStatus,
    },
    /// The provider's page could not be reached or read for long enough to call it unknown.
    ProviderUnreachable {
        /// Why the last attempt failed.
        reason: String,
    },
    /// The page answers again after being unreachable.
    ProviderRecovered,
    /// Lookout's own probes of the vendor keep failing while its status page says operational
    /// or degraded (see [`crate::probe::suspicion`]).
    SuspectedOutage {
        /// When the earliest failing probe's streak began.
        since: DateTime<Utc>,
        /// How many of its probes fail.
        failing_probes: u32,
        /// How many probes it has.
        probes: u32,
        /// The hosts of the failing probes.
        hosts: Vec<String>,
        /// Why the latest failure failed.
        last_error: Option<String>,
        /// What the status page says meanwhile.
        page_status: ComponentStatus,
    },
    /// Every probe of two or more providers fails at once: the user's network, not the vendors'
    /// (no suspicion is raised meanwhile). Recorded once per such period.
    NetworkOffline {
        /// When it was first seen.
        since: DateTime<Utc>,
        /// How many providers' probes all fail.
        providers: u32,
    },
    /// The probes of a suspected provider pass again (or the failing ones were removed).
    SuspectedCleared {
        /// When the suspicion began.
        since: DateTime<Utc>,
        /// How long it lasted.
        lasted_seconds: i64,
        /// The user removed the failing probes: nothing was seen to pass.
        #[serde(default)]
        probes_removed: bool,
    },
}

impl EventKind {
    /// The `kind` word, e.g. `incident_opened`.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::IncidentOpened { .. } => "incident_opened",
            EventKind::IncidentUpdated { .. } => "incident_updated",
            EventKind::IncidentResolved { .. } => "incident_resolved",
            EventKind::ComponentChanged { .. } => "component_changed",
            EventKind::MaintenanceScheduled { .. } => "maintenance_scheduled",
            EventKind::MaintenanceSoon { .. } => "maintenance_soon",
            EventKind::MaintenanceStarted { .. } => "maintenance_started",
            EventKind::MaintenanceCompleted { .. } => "maintenance_completed",
            EventKind::ProviderUnreachable { .. } => "provider_unreachable",
            EventKind::ProviderRecovered => "provider_recovered",
            EventKind::SuspectedOutage { .. } => "suspected_outage",
            EventKind::SuspectedCleared { .. } => "suspected_cleared",
            EventKind::NetworkOffline { .. } => "network_offline",
        }
    }

    /// A key that names this change uniquely within a provider, so the store's ledger can refuse
    /// to record (and so to report) the same change twice, across restarts.
    /// `None` for changes that may legitimately recur (a component going back and forth, a
    /// provider failing again): those are deduplicated by state, not by key.
    pub fn dedup_key(&self) -> Option<String> {
        match self {
            EventKind::IncidentOpened { incident_id, .. } => Some(format!("opened:{incident_id}")),
            EventKind::IncidentUpdated {
                incident_id,
                update_id,
                ..
            } => Some(format!("update:{incident_id}:{update_id}")),
            EventKind::IncidentResolved {
                incident_id,
                resolved_at,
                ..
            } => Some(format!(
                "resolved:{incident_id}:{}",
                resolved_at.map(|at| at.timestamp()).unwrap_or_default()
            )),
            EventKind::MaintenanceScheduled { maintenance_id, .. } => {
                Some(format!("maintenance_scheduled:{maintenance_id}"))
            }
            EventKind::MaintenanceSoon {
                maintenance_id,
                scheduled_for,
                ..
            } => Some(format!(
                "maintenance_soon:{maintenance_id}:{}",
                scheduled_for.timestamp()
            )),
            EventKind::MaintenanceStarted { maintenance_id, .. } => {
                Some(format!("maintenance_started:{maintenance_id}"))
            }
            EventKind::MaintenanceCompleted { maintenance_id, .. } => {
                Some(format!("maintenance_completed:{maintenance_id}"))
            }
            EventKind::SuspectedOutage { since, .. } => {
                Some(format!("suspected:{}", since.timestamp()))
            }
            EventKind::SuspectedCleared { since, .. } => {
                Some(format!("suspected_cleared:{}", since.timestamp()))
            }
            EventKind::NetworkOffline { since, .. } => {
                Some(format!("network_offline:{}", since.timestamp()))
            }
            EventKind::ComponentChanged { .. }
            | EventKind::ProviderUnreachable { .. }
            | EventKind::ProviderRecovered => None,
        }
    }

    /// A one-line human summary, e.g. "incident opened: Elevated errors (investigating)"; times
    /// of day in UTC.
    pub fn summary(&self) -> String {
        self.summary_in(&Utc)
    }

    /// The same summary with times of day in `tz` (the user's time zone, as the window shows
    /// them): "since 14:02", or "since 14:02 UTC" when `tz` is UTC at that moment.
    pub fn summary_in<Tz: TimeZone>(&self, tz: &Tz) -> String {
        match self {
            EventKind::IncidentOpened { title, status, .. } => {
                format!("incident opened: {title} ({status})")
            }
            EventKind::IncidentUpdated { title, status, .. } => {
                format!("incident updated: {title} ({status})")
            }
            EventKind::IncidentResolved {
                title,
                duration_seconds,
                ..
            } => resolved_summary(title, *duration_seconds),
            EventKind::ComponentChanged {
                component,
                from,
                to,
                ..
            } => format!("{component}: {from} → {to}"),
            EventKind::MaintenanceScheduled { title, .. } => {
                format!("maintenance scheduled: {title}")
            }
            EventKind::MaintenanceSoon {
                title,
                scheduled_for,
                ..
            } => format!(
                "maintenance starts at {}: {title}",
                clock_time(scheduled_for, tz)
            ),
            EventKind::MaintenanceStarted { title, .. } => format!("maintenance started: {title}"),
            EventKind::MaintenanceCompleted { title, .. } => {
                format!("maintenance completed: {title}")
            }
            EventKind::ProviderUnreachable { reason } => format!("unreachable: {reason}"),
            EventKind::ProviderRecovered => "reachable again".to_string(),
            EventKind::SuspectedOutage {
                since,
                failing_probes,
                probes,
                hosts,
                page_status,
                ..
            } => format!(
                "your probes of {} fail ({failing_probes} of {probes} since {}); the status \
                 page says {}",
                hosts.join(", "),
                clock_time(since, tz),
                page_status.as_str().replace('_', " ")
            ),
            EventKind::NetworkOffline { providers, .. } => network_offline_summary(*providers),
            EventKind::SuspectedCleared {
                lasted_seconds,
                probes_removed,
                ..
            } => suspected_cleared_summary(*lasted_seconds, *probes_removed),
        }
    }
}

fn resolved_summary(title: &str, duration_seconds: Option<i64>) -> String {
    match duration_seconds {
        Some(secs) => format!(
            "incident resolved: {title} (after {})",
            human_duration(secs)
        ),
        None => format!("incident resolved: {title}"),
    }
}

fn network_offline_summary(providers: u32) -> String {
    if providers < 2 {
        "your probes fail and nothing else could be read since: your network looks down, not \
         theirs"
            .to_string()
    } else {
        format!(
            "every probe of {providers} providers fails at once: your network looks down, not \
             theirs"
        )
    }
}

fn suspected_cleared_summary(lasted_seconds: i64, probes_removed: bool) -> String {
    if probes_removed {
        format!(
            "the failing probes were removed (suspected for {})",
            human_duration(lasted_seconds)
        )
    } else {
        format!(
            "your probes pass again (after {})",
            human_duration(lasted_seconds)
        )
    }
}

/// The time of day of `at` in `tz`: "14:02", or "14:02 UTC" when `tz` is UTC at that moment
/// (so a time read on a server or in a webhook says which clock it is on).
pub fn clock_time<Tz: TimeZone>(at: &DateTime<Utc>, tz: &Tz) -> String {
    let local = at.with_timezone(tz);
    let time = local.naive_local().format("%H:%M").to_string();
    if local.offset().fix().local_minus_utc() == 0 {
        format!("{time} UTC")
    } else {
        time
    }
}

/// "2 h 5 min", "45 min", "30 s".
pub fn human_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (days, hours, minutes) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn clock_times_are_in_the_users_zone_and_say_utc_only_when_it_is() {
        let at = Utc.with_ymd_and_hms(2026, 3, 4, 14, 2, 0).unwrap();
        let paris = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(clock_time(&at, &paris), "15:02");
        assert_eq!(clock_time(&at, &Utc), "14:02 UTC");
        let kind = EventKind::SuspectedOutage {
            since: at,
            failing_probes: 3,
            probes: 3,
            hosts: vec!["api.clerk.com".into()],
            page_status: ComponentStatus::Operational,
            last_error: Some("timed out".into()),
        };
        assert!(kind.summary_in(&paris).contains("(3 of 3 since 15:02)"));
        assert!(kind.summary().contains("(3 of 3 since 14:02 UTC)"));
    }

    #[test]
    fn events_serialise_with_a_kind_tag_and_flat_fields() {
        let event = Event {
            provider: "Clerk".into(),
            at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            kind: EventKind::ComponentChanged {
                component_id: "c1".into(),
                component: "API".into(),
                from: ComponentStatus::Operational,
                to: ComponentStatus::MajorOutage,
            },
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"], "component_changed");
        assert_eq!(json["provider"], "Clerk");
        assert_eq!(json["from"], "operational");
        assert_eq!(json["to"], "major_outage");
        assert_eq!(json["at"], "2026-01-02T03:04:05Z");
        let back: Event = serde_json::from_value(json).unwrap();
        assert_eq!(back, event);
    }

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(human_duration(30), "30 s");
        assert_eq!(human_duration(45 * 60), "45 min");
        assert_eq!(human_duration(2 * 3600 + 5 * 60), "2 h 5 min");
        assert_eq!(human_duration(26 * 3600), "1 d 2 h");
    }
}
