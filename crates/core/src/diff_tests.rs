//! Tests of the diff: baseline, one event per change, nothing twice, and no event invented.

use super::*;
use crate::model::{Component, IncidentUpdate, Maintenance};
use crate::status::Impact;
use chrono::TimeZone;
use proptest::prelude::*;

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap() + chrono::Duration::minutes(minute.into())
}

fn component(id: &str, status: ComponentStatus) -> Component {
    Component {
        id: id.into(),
        name: id.to_uppercase(),
        group: None,
        status,
        position: (0, 0),
    }
}

fn incident(id: &str, updates: &[(&str, &str, u32)]) -> Incident {
    let updates: Vec<IncidentUpdate> = updates
        .iter()
        .map(|(uid, status, minute)| IncidentUpdate {
            id: (*uid).into(),
            status: IncidentStatus::parse(status),
            body: format!("{status} note"),
            at: t(*minute),
            components: vec![],
        })
        .collect();
    let status = updates
        .last()
        .map(|u| u.status.clone())
        .unwrap_or(IncidentStatus::Investigating);
    Incident {
        id: id.into(),
        title: format!("Incident {id}"),
        impact: Impact::Minor,
        started_at: crate::timeline::started_at(&updates, &[], t(0)),
        resolved_at: crate::timeline::resolved_at(&status, &updates, None),
        status,
        url: None,
        updates,
        component_ids: vec![],
    }
}

fn observe(components: Vec<Component>, incidents: Vec<Incident>) -> Observation {
    Observation {
        snapshot: Snapshot {
            components,
            incidents,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

fn kinds(events: &[Event]) -> Vec<&'static str> {
    events.iter().map(|e| e.kind.name()).collect()
}

#[test]
fn the_first_sync_is_a_baseline_with_one_event_per_open_incident() {
    let obs = observe(
        vec![component("api", ComponentStatus::PartialOutage)],
        vec![
            incident("old", &[("o1", "investigating", 0), ("o2", "resolved", 5)]),
            incident(
                "open",
                &[("n1", "investigating", 10), ("n2", "identified", 12)],
            ),
        ],
    );
    let events = diff("Acme", &PreviousState::default(), &obs, t(20));
    assert_eq!(kinds(&events), ["incident_opened"]);
    match &events[0].kind {
        EventKind::IncidentOpened {
            incident_id, body, ..
        } => {
            assert_eq!(incident_id, "open");
            assert_eq!(body.as_deref(), Some("identified note"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn an_incident_life_yields_the_exact_event_sequence() {
    let mut state = PreviousState::default();
    let mut all = Vec::new();
    let stages = [
        observe(vec![component("api", ComponentStatus::Operational)], vec![]),
        observe(
            vec![component("api", ComponentStatus::DegradedPerformance)],
            vec![incident("i", &[("u1", "investigating", 1)])],
        ),
        observe(
            vec![component("api", ComponentStatus::PartialOutage)],
            vec![incident(
                "i",
                &[("u1", "investigating", 1), ("u2", "identified", 9)],
            )],
        ),
        observe(
            vec![component("api", ComponentStatus::Operational)],
            vec![incident(
                "i",
                &[
                    ("u1", "investigating", 1),
                    ("u2", "identified", 9),
                    ("u3", "resolved", 61),
                ],
            )],
        ),
    ];
    for (n, obs) in stages.iter().enumerate() {
        let events = diff("Acme", &state, obs, t(n as u32 * 30));
        all.extend(events);
        state.remember(obs, t(n as u32 * 30));
    }
    assert_eq!(
        kinds(&all),
        [
            "component_changed",
            "incident_opened",
            "component_changed",
            "incident_updated",
            "component_changed",
            "incident_updated",
            "incident_resolved",
        ]
    );
    let resolved = all.last().unwrap();
    assert!(matches!(
        resolved.kind,
        EventKind::IncidentResolved {
            duration_seconds: Some(3600),
            ..
        }
    ));
}

#[test]
fn an_incident_opened_and_resolved_between_polls_is_reported_once_as_resolved() {
    let mut state = PreviousState::default();
    state.remember(&observe(vec![], vec![]), t(0));
    let obs = observe(
        vec![],
        vec![incident(
            "i",
            &[("a", "investigating", 2), ("b", "resolved", 7)],
        )],
    );
    let events = diff("Acme", &state, &obs, t(10));
    assert_eq!(kinds(&events), ["incident_resolved"]);
    state.remember(&obs, t(10));
    assert!(diff("Acme", &state, &obs, t(11)).is_empty());
}

#[test]
fn maintenances_announce_start_and_complete_even_when_they_vanish() {
    let maintenance = |status: &str| Maintenance {
        id: "m".into(),
        title: "DB upgrade".into(),
        status: MaintenanceStatus::parse(status),
        scheduled_for: Some(t(60)),
        scheduled_until: Some(t(120)),
        url: None,
        component_ids: vec![],
    };
    let with = |m: Option<Maintenance>| Observation {
        snapshot: Snapshot {
            maintenances: m.into_iter().collect(),
            ..Snapshot::default()
        },
        maintenances_complete: true,
    };
    let mut state = PreviousState::default();
    state.remember(&with(None), t(0));
    let mut seen = Vec::new();
    for (n, obs) in [
        with(Some(maintenance("scheduled"))),
        with(Some(maintenance("in_progress"))),
        with(Some(maintenance("verifying"))),
        with(None),
    ]
    .iter()
    .enumerate()
    {
        seen.extend(diff("Acme", &state, obs, t(n as u32)));
        state.remember(obs, t(n as u32));
    }
    assert_eq!(
        kinds(&seen),
        [
            "maintenance_scheduled",
            "maintenance_started",
            "maintenance_completed"
        ]
    );
    assert!(
        matches!(&seen[2].kind, EventKind::MaintenanceCompleted { title, .. } if title == "DB upgrade")
    );
}

#[test]
fn a_vanished_maintenance_is_not_completed_when_the_list_may_be_partial() {
    let mut state = PreviousState::default();
    state.maintenances.insert(
        "m".into(),
        KnownMaintenance {
            title: "x".into(),
            status: MaintenanceStatus::InProgress,
        },
    );
    state.synced_before = true;
    let obs = Observation {
        maintenances_complete: false,
        ..Observation::default()
    };
    assert!(diff("Acme", &state, &obs, t(1)).is_empty());
}

/// A page at some point of one incident's life: `progress` updates posted so far (vendors only
/// ever add updates), the last one resolving it when `progress` is 5; components vary freely.
fn stage(status: ComponentStatus, progress: usize) -> Observation {
    let timeline = [
        ("u0", "investigating", 0),
        ("u1", "identified", 5),
        ("u2", "monitoring", 9),
        ("u3", "resolved", 20),
        ("u4", "postmortem", 40),
    ];
    let incidents = if progress == 0 {
        vec![]
    } else {
        vec![incident("i", &timeline[..progress.min(5)])]
    };
    observe(vec![component("api", status)], incidents)
}

fn any_status() -> impl Strategy<Value = ComponentStatus> {
    prop_oneof![
        Just(ComponentStatus::Operational),
        Just(ComponentStatus::DegradedPerformance),
        Just(ComponentStatus::MajorOutage),
    ]
}

proptest! {
    #[test]
    fn observing_the_same_page_twice_yields_nothing_the_second_time(
        mut stages in proptest::collection::vec((any_status(), 0usize..6), 1..8)
    ) {
        stages.sort_by_key(|(_, progress)| *progress);
        let mut state = PreviousState::default();
        let mut keys = HashSet::new();
        for (n, (status, progress)) in stages.into_iter().enumerate() {
            let obs = stage(status, progress);
            let at = t(n as u32 * 2);
            for event in diff("Acme", &state, &obs, at) {
                if let Some(key) = event.kind.dedup_key() {
                    prop_assert!(keys.insert(key.clone()), "{} twice", key);
                }
            }
            state.remember(&obs, at);
            prop_assert!(diff("Acme", &state, &obs, at).is_empty());
        }
    }
}
