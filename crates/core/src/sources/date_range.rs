//! The range of dates Lookout accepts from a vendor (1970 through 2100) and the check every parsed
//! page goes through, so that a record dated outside it stays with its vendor: it is dropped from
//! that page, with a warning, instead of being stored where it could not be read back.
//!
//! Rules, applied by [`keep_in_range`] in this order:
//! - an incident update dated out of range is removed from its incident;
//! - an incident whose `started_at` or `resolved_at` is out of range is removed (its updates go
//!   with it and are not counted again);
//! - a maintenance whose `scheduled_for` or `scheduled_until` is out of range is removed.
//!
//! The rest of the page is kept, and the snapshot's `warnings` get one line per kind dropped.

use crate::model::Snapshot;
use chrono::{DateTime, Utc};

/// The first instant accepted: 1970-01-01T00:00:00Z.
pub const EARLIEST: DateTime<Utc> = match DateTime::from_timestamp(0, 0) {
    Some(at) => at,
    None => DateTime::<Utc>::MIN_UTC,
};

/// The first instant no longer accepted: 2101-01-01T00:00:00Z (the whole of 2100 is in range).
pub const END: DateTime<Utc> = match DateTime::from_timestamp(4_133_980_800, 0) {
    Some(at) => at,
    None => DateTime::<Utc>::MAX_UTC,
};

/// True when `at` is in Lookout's range: `EARLIEST <= at < END`.
pub fn in_range(at: DateTime<Utc>) -> bool {
    (EARLIEST..END).contains(&at)
}

/// Drops what `snapshot` dates out of range (see the module rules) and adds a warning line for
/// each kind dropped, e.g. "1 update ignored: date out of range".
pub fn keep_in_range(snapshot: &mut Snapshot) {
    let (mut updates, mut incidents) = (0, 0);
    snapshot.incidents.retain_mut(|incident| {
        let before = incident.updates.len();
        incident.updates.retain(|u| in_range(u.at));
        let keep = in_range(incident.started_at) && incident.resolved_at.is_none_or(in_range);
        if keep {
            updates += before - incident.updates.len();
        } else {
            incidents += 1;
        }
        keep
    });
    let before = snapshot.maintenances.len();
    snapshot
        .maintenances
        .retain(|m| m.scheduled_for.is_none_or(in_range) && m.scheduled_until.is_none_or(in_range));
    let maintenances = before - snapshot.maintenances.len();
    for (count, one, many) in [
        (updates, "update", "updates"),
        (incidents, "incident", "incidents"),
        (maintenances, "maintenance", "maintenances"),
    ] {
        if count > 0 {
            let noun = if count == 1 { one } else { many };
            add_warning(
                snapshot,
                format!("{count} {noun} ignored: date out of range"),
            );
        }
    }
}

/// Adds `line` to the snapshot's warnings unless it is already there.
pub(crate) fn add_warning(snapshot: &mut Snapshot, line: String) {
    if !snapshot.warnings.contains(&line) {
        snapshot.warnings.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, IncidentUpdate, Maintenance};
    use crate::status::{Impact, IncidentStatus, MaintenanceStatus};
    use proptest::prelude::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn update(id: &str, at: DateTime<Utc>) -> IncidentUpdate {
        IncidentUpdate {
            id: id.into(),
            status: IncidentStatus::Investigating,
            body: String::new(),
            at,
            components: Vec::new(),
        }
    }

    fn incident(id: &str, started_at: DateTime<Utc>, updates: Vec<IncidentUpdate>) -> Incident {
        Incident {
            id: id.into(),
            title: id.into(),
            impact: Impact::Minor,
            status: IncidentStatus::Investigating,
            started_at,
            resolved_at: None,
            url: None,
            updates,
            component_ids: Vec::new(),
        }
    }

    fn maintenance(id: &str, from: Option<DateTime<Utc>>) -> Maintenance {
        Maintenance {
            id: id.into(),
            title: id.into(),
            status: MaintenanceStatus::Scheduled,
            scheduled_for: from,
            scheduled_until: None,
            url: None,
            component_ids: Vec::new(),
        }
    }

    #[test]
    fn the_bounds_are_1970_through_2100() {
        assert_eq!(EARLIEST, utc("1970-01-01T00:00:00Z"));
        assert_eq!(END, utc("2101-01-01T00:00:00Z"));
        assert!(!in_range(utc("1969-12-31T23:59:59Z")));
        assert!(in_range(utc("1970-01-01T00:00:00Z")));
        assert!(in_range(utc("2100-12-31T23:59:59Z")));
        assert!(!in_range(utc("2101-01-01T00:00:00Z")));
        assert!(!in_range(utc("9999-12-31T23:59:59-01:00")));
    }

    #[test]
    fn updates_at_the_boundaries_are_kept_or_dropped() {
        let start = utc("1970-01-01T00:00:00Z");
        let mut snapshot = Snapshot {
            incidents: vec![incident(
                "i",
                start,
                vec![
                    update("before", utc("1969-12-31T23:59:59Z")),
                    update("first", start),
                    update("last", utc("2100-12-31T23:59:59Z")),
                    update("after", utc("2101-01-01T00:00:00Z")),
                ],
            )],
            ..Snapshot::default()
        };
        keep_in_range(&mut snapshot);
        let ids: Vec<&str> = snapshot.incidents[0]
            .updates
            .iter()
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(ids, ["first", "last"]);
        assert_eq!(snapshot.warnings, ["2 updates ignored: date out of range"]);
    }

    #[test]
    fn incidents_and_maintenances_out_of_range_go_with_one_line_per_kind() {
        let good = utc("2026-04-01T09:00:00Z");
        let far = utc("9999-12-31T23:59:59-01:00");
        let mut ended_far = incident("ended-far", good, vec![update("u", far)]);
        ended_far.resolved_at = Some(far);
        let mut snapshot = Snapshot {
            incidents: vec![
                incident("ok", good, vec![update("u", good)]),
                incident("early", utc("1969-07-20T20:17:00Z"), Vec::new()),
                ended_far,
            ],
            maintenances: vec![
                maintenance("planned", Some(good)),
                maintenance("unplanned", None),
                maintenance("far", Some(far)),
            ],
            ..Snapshot::default()
        };
        let untouched = snapshot.incidents[0].clone();
        keep_in_range(&mut snapshot);
        assert_eq!(snapshot.incidents, [untouched]);
        let kept: Vec<&str> = snapshot
            .maintenances
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(kept, ["planned", "unplanned"]);
        assert_eq!(
            snapshot.warnings,
            [
                "2 incidents ignored: date out of range",
                "1 maintenance ignored: date out of range"
            ]
        );
    }

    #[test]
    fn a_page_in_range_gets_no_warning() {
        let good = utc("2026-04-01T09:00:00Z");
        let mut snapshot = Snapshot {
            incidents: vec![incident("ok", good, vec![update("u", good)])],
            maintenances: vec![maintenance("m", Some(good))],
            ..Snapshot::default()
        };
        let before = snapshot.clone();
        keep_in_range(&mut snapshot);
        assert_eq!(snapshot, before);
    }

    /// Any instant chrono can hold, with a bias towards the edges of the range.
    fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let (earliest, end) = (EARLIEST.timestamp(), END.timestamp());
        prop_oneof![
            (DateTime::<Utc>::MIN_UTC.timestamp()..DateTime::<Utc>::MAX_UTC.timestamp()),
            (earliest - 2..earliest + 2),
            (end - 2..end + 2),
            (earliest..end),
        ]
        .prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap_or(EARLIEST))
    }

    fn any_incident() -> impl Strategy<Value = Incident> {
        (
            any_instant(),
            proptest::option::of(any_instant()),
            proptest::collection::vec(any_instant(), 0..4),
        )
            .prop_map(|(start, end, times)| {
                let updates = times.into_iter().map(|at| update("u", at)).collect();
                let mut one = incident("i", start, updates);
                one.resolved_at = end;
                one
            })
    }

    fn any_maintenance() -> impl Strategy<Value = Maintenance> {
        (
            proptest::option::of(any_instant()),
            proptest::option::of(any_instant()),
        )
            .prop_map(|(from, until)| {
                let mut one = maintenance("m", from);
                one.scheduled_until = until;
                one
            })
    }

    fn kept_times(snapshot: &Snapshot) -> Vec<DateTime<Utc>> {
        let incidents = snapshot.incidents.iter().flat_map(|i| {
            let updates = i.updates.iter().map(|u| u.at);
            updates.chain([i.started_at]).chain(i.resolved_at)
        });
        let maintenances = snapshot
            .maintenances
            .iter()
            .flat_map(|m| m.scheduled_for.into_iter().chain(m.scheduled_until));
        incidents.chain(maintenances).collect()
    }

    proptest! {
        #[test]
        fn every_kept_time_is_in_range_and_round_trips(
            incidents in proptest::collection::vec(any_incident(), 0..5),
            maintenances in proptest::collection::vec(any_maintenance(), 0..5),
        ) {
            let mut snapshot = Snapshot { incidents, maintenances, ..Snapshot::default() };
            keep_in_range(&mut snapshot);
            for at in kept_times(&snapshot) {
                prop_assert!(in_range(at), "{at} kept");
                let back = DateTime::parse_from_rfc3339(&at.to_rfc3339());
                prop_assert_eq!(back.map(|t| t.to_utc()), Ok(at));
            }
        }
    }
}
