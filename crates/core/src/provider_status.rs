//! The one rule for a provider's status, used by the tray, `lookout list`, `lookout check` and
//! alerts alike: what the page says ([`page_status`]), and whether Lookout's reading of it is
//! recent enough to believe ([`provider_status`]; never a stale green).

use crate::model::Component;
use crate::status::{ComponentStatus, Impact};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashSet;

/// How many poll intervals may pass without a successful read before the status is unknown.
pub const STALE_AFTER_INTERVALS: i64 = 3;

/// What the page says about the provider.
///
/// With components: the worst status over the `watched` ones (all of them when `watched` is
/// empty or names none that exist); incidents and maintenances are then left to the components.
/// Without components (feeds, Google Cloud or AWS style pages): the worst over the open
/// incidents, each counting as its impact implies (an impact of `none` still counts as
/// `degraded_performance`: something is open); an in-progress maintenance with no open incident
/// gives `under_maintenance`; nothing open gives `operational`.
pub fn page_status(
    components: &[Component],
    watched: &[String],
    open_incident_impacts: &[Impact],
    maintenance_in_progress: bool,
) -> ComponentStatus {
    if !components.is_empty() {
        let wanted: HashSet<&str> = watched.iter().map(String::as_str).collect();
        let mut chosen = components
            .iter()
            .filter(|c| wanted.contains(c.id.as_str()))
            .map(|c| &c.status)
            .peekable();
        if chosen.peek().is_some() {
            return ComponentStatus::worst(chosen);
        }
        return ComponentStatus::worst(components.iter().map(|c| &c.status));
    }
    let maintenance = maintenance_in_progress.then_some(ComponentStatus::UnderMaintenance);
    open_incident_impacts
        .iter()
        .map(|impact| match impact {
            Impact::None => ComponentStatus::DegradedPerformance,
            other => other.implied_status(),
        })
        .chain(maintenance)
        .fold(ComponentStatus::Operational, ComponentStatus::worse)
}

/// How Lookout's reading of a provider's page stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadHealth {
    /// The last time the page was read successfully; `None` before the first read.
    pub last_success_at: Option<DateTime<Utc>>,
    /// True while the page cannot be reached or read.
    pub unreachable: bool,
    /// How often the page is polled, in seconds (taken as at least 1).
    pub poll_interval_secs: u32,
}

/// Why a provider's status is `unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// The page has not been read successfully yet.
    NeverRead,
    /// The page cannot be reached or read now.
    Unreachable,
    /// The last successful read is older than [`STALE_AFTER_INTERVALS`] poll intervals.
    Stale {
        /// When the page was last read successfully.
        last_read: DateTime<Utc>,
    },
}

impl Unknown {
    /// For people: "not read yet", "unreachable", "last read 14 min ago".
    pub fn describe(&self, now: DateTime<Utc>) -> String {
        match self {
            Unknown::NeverRead => "not read yet".to_string(),
            Unknown::Unreachable => "unreachable".to_string(),
            Unknown::Stale { last_read } => {
                format!("last read {}", ago((now - *last_read).num_seconds()))
            }
        }
    }
}

/// "under a minute ago", "14 min ago" (under an hour), "5 h ago" (under two days), "3 days ago".
fn ago(seconds: i64) -> String {
    let seconds = seconds.max(0);
    match (seconds / 60, seconds / 3600, seconds / 86_400) {
        (0, _, _) => "under a minute ago".to_string(),
        (minutes, 0, _) => format!("{minutes} min ago"),
        (_, hours, 0..2) => format!("{hours} h ago"),
        (_, _, days) => format!("{days} days ago"),
    }
}

/// The provider's status at `now`: `page` (from [`page_status`]) while the reading is fresh,
/// else `unknown` with the reason. Unreachable wins over never read (a first read that failed
/// says more than "not read yet"); a last read more than three poll intervals old is stale.
pub fn provider_status(
    health: &ReadHealth,
    page: ComponentStatus,
    now: DateTime<Utc>,
) -> (ComponentStatus, Option<Unknown>) {
    let unknown = |why| (ComponentStatus::Unknown, Some(why));
    if health.unreachable {
        return unknown(Unknown::Unreachable);
    }
    let Some(last_read) = health.last_success_at else {
        return unknown(Unknown::NeverRead);
    };
    let interval = i64::from(health.poll_interval_secs.max(1));
    if now - last_read > TimeDelta::seconds(STALE_AFTER_INTERVALS * interval) {
        return unknown(Unknown::Stale { last_read });
    }
    (page, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, Maintenance, Snapshot};
    use crate::status::{IncidentStatus, MaintenanceStatus};
    use chrono::TimeZone;

    fn component(id: &str, status: ComponentStatus) -> Component {
        Component {
            id: id.into(),
            name: id.to_uppercase(),
            group: None,
            status,
            position: (0, 0),
        }
    }

    fn incident(id: &str, status: IncidentStatus, impact: Impact) -> Incident {
        Incident {
            id: id.into(),
            title: id.into(),
            impact,
            status,
            started_at: at(0),
            resolved_at: None,
            url: None,
            updates: Vec::new(),
            component_ids: Vec::new(),
        }
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap() + TimeDelta::seconds(seconds)
    }

    #[test]
    fn a_feed_with_an_open_incident_of_no_impact_is_degraded() {
        let status = page_status(&[], &[], &[Impact::None], false);
        assert_eq!(status, ComponentStatus::DegradedPerformance);
    }

    #[test]
    fn a_feed_takes_the_worst_open_incident() {
        let impacts = [Impact::Minor, Impact::Critical, Impact::None];
        assert_eq!(
            page_status(&[], &[], &impacts, true),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            page_status(&[], &[], &[Impact::Major], false),
            ComponentStatus::PartialOutage
        );
        let odd = Impact::parse("sev3");
        assert_eq!(
            page_status(&[], &[], &[odd], false),
            ComponentStatus::DegradedPerformance
        );
    }

    #[test]
    fn a_feed_with_nothing_open_is_operational_or_in_maintenance() {
        assert_eq!(
            page_status(&[], &[], &[], false),
            ComponentStatus::Operational
        );
        assert_eq!(
            page_status(&[], &[], &[], true),
            ComponentStatus::UnderMaintenance
        );
        assert_eq!(
            page_status(&[], &[], &[Impact::Minor], true),
            ComponentStatus::DegradedPerformance,
            "an open incident outranks the maintenance"
        );
    }

    #[test]
    fn components_decide_and_incidents_are_ignored() {
        let components = [
            component("api", ComponentStatus::Operational),
            component("web", ComponentStatus::Operational),
        ];
        let status = page_status(&components, &[], &[Impact::Critical], true);
        assert_eq!(status, ComponentStatus::Operational);
    }

    #[test]
    fn only_watched_components_count_unless_none_of_them_exist() {
        let components = [
            component("api", ComponentStatus::Operational),
            component("web", ComponentStatus::MajorOutage),
            component("db", ComponentStatus::DegradedPerformance),
        ];
        let watched = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            page_status(&components, &watched(&["api", "db"]), &[], false),
            ComponentStatus::DegradedPerformance
        );
        assert_eq!(
            page_status(&components, &watched(&["api"]), &[], false),
            ComponentStatus::Operational
        );
        assert_eq!(
            page_status(&components, &[], &[], false),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            page_status(&components, &watched(&["gone"]), &[], false),
            ComponentStatus::MajorOutage,
            "watching only removed components: all of them count"
        );
    }

    #[test]
    fn a_feed_snapshot_goes_by_its_open_incidents_and_maintenances() {
        let mut page = Snapshot {
            incidents: vec![
                incident("open", IncidentStatus::Investigating, Impact::None),
                incident("done", IncidentStatus::Resolved, Impact::Critical),
            ],
            ..Snapshot::default()
        };
        assert_eq!(page.status(&[]), ComponentStatus::DegradedPerformance);
        page.incidents[0].impact = Impact::Critical;
        assert_eq!(page.status(&[]), ComponentStatus::MajorOutage);
        page.incidents.remove(0);
        assert_eq!(
            page.status(&[]),
            ComponentStatus::Operational,
            "a resolved incident only"
        );
        page.maintenances.push(Maintenance {
            id: "m".into(),
            title: "Database upgrade".into(),
            status: MaintenanceStatus::InProgress,
            scheduled_for: Some(at(0)),
            scheduled_until: None,
            url: None,
            component_ids: Vec::new(),
        });
        assert_eq!(page.status(&[]), ComponentStatus::UnderMaintenance);
    }

    #[test]
    fn a_snapshot_with_components_goes_by_the_watched_ones() {
        let page = Snapshot {
            components: vec![
                component("api", ComponentStatus::Operational),
                component("web", ComponentStatus::PartialOutage),
            ],
            incidents: vec![incident(
                "open",
                IncidentStatus::Investigating,
                Impact::Critical,
            )],
            ..Snapshot::default()
        };
        assert_eq!(page.status(&["api".into()]), ComponentStatus::Operational);
        assert_eq!(page.status(&[]), ComponentStatus::PartialOutage);
        assert_eq!(
            page.worst_watched_status(&["api".into()]),
            ComponentStatus::Operational
        );
    }

    #[test]
    fn a_reading_is_stale_after_three_intervals_and_not_before() {
        let health = ReadHealth {
            last_success_at: Some(at(0)),
            unreachable: false,
            poll_interval_secs: 300,
        };
        let green = ComponentStatus::Operational;
        assert_eq!(
            provider_status(&health, green.clone(), at(900)),
            (green.clone(), None),
            "exactly three intervals is still fresh"
        );
        let stale = provider_status(&health, green, at(901));
        assert_eq!(
            stale,
            (
                ComponentStatus::Unknown,
                Some(Unknown::Stale { last_read: at(0) })
            )
        );
        let why = stale.1.unwrap();
        assert_eq!(why.describe(at(14 * 60)), "last read 14 min ago");
        assert_eq!(why.describe(at(14 * 60 + 59)), "last read 14 min ago");
    }

    #[test]
    fn a_zero_interval_counts_as_one_second() {
        let health = ReadHealth {
            last_success_at: Some(at(0)),
            unreachable: false,
            poll_interval_secs: 0,
        };
        let page = ComponentStatus::PartialOutage;
        assert_eq!(provider_status(&health, page.clone(), at(3)).0, page);
        assert_eq!(
            provider_status(&health, page, at(4)).0,
            ComponentStatus::Unknown
        );
    }

    #[test]
    fn never_read_and_unreachable_are_unknown() {
        let never = ReadHealth {
            poll_interval_secs: 60,
            ..ReadHealth::default()
        };
        let (status, why) = provider_status(&never, ComponentStatus::Operational, at(0));
        assert_eq!(status, ComponentStatus::Unknown);
        assert_eq!(why, Some(Unknown::NeverRead));
        assert_eq!(Unknown::NeverRead.describe(at(0)), "not read yet");

        let down = ReadHealth {
            last_success_at: Some(at(0)),
            unreachable: true,
            poll_interval_secs: 60,
        };
        let (status, why) = provider_status(&down, ComponentStatus::Operational, at(10));
        assert_eq!(status, ComponentStatus::Unknown);
        assert_eq!(why, Some(Unknown::Unreachable));
        assert_eq!(Unknown::Unreachable.describe(at(0)), "unreachable");

        let failed_first = ReadHealth {
            unreachable: true,
            ..never
        };
        assert_eq!(
            provider_status(&failed_first, ComponentStatus::Operational, at(0)).1,
            Some(Unknown::Unreachable)
        );
    }

    #[test]
    fn ages_read_in_minutes_then_hours_then_days() {
        assert_eq!(ago(59), "under a minute ago");
        assert_eq!(ago(59 * 60 + 59), "59 min ago");
        assert_eq!(ago(3600), "1 h ago");
        assert_eq!(ago(47 * 3600 + 3599), "47 h ago");
        assert_eq!(ago(48 * 3600), "2 days ago");
        assert_eq!(ago(-5), "under a minute ago");
    }
}
