//! Saving observations: events once, across restarts; true start times; atomic writes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot,
};
use lookout_store::{IncidentFilter, Store};

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

/// A page with an "api" component in `status`, a "web" one operational, and one incident whose
/// timeline is `updates` (id, status, minute).
pub fn observation(status: ComponentStatus, updates: &[(&str, &str, i64)]) -> Observation {
    let components = vec![
        Component {
            id: "api".into(),
            name: "API".into(),
            group: Some("Core".into()),
            status,
            position: (1, 1),
        },
        Component {
            id: "web".into(),
            name: "Web".into(),
            group: None,
            status: ComponentStatus::Operational,
            position: (2, 0),
        },
    ];
    let updates: Vec<IncidentUpdate> = updates
        .iter()
        .map(|(id, s, m)| IncidentUpdate {
            id: (*id).into(),
            status: IncidentStatus::parse(s),
            body: format!("<b>{s}</b> & more"),
            at: t(*m),
            components: vec![],
        })
        .collect();
    let incidents = match updates.last() {
        None => vec![],
        Some(last) => {
            let status = last.status.clone();
            vec![Incident {
                id: "inc1".into(),
                title: "Elevated errors".into(),
                impact: Impact::Major,
                started_at: lookout_core::timeline::started_at(&updates, &[], t(0)),
                resolved_at: lookout_core::timeline::resolved_at(&status, &updates, None),
                status,
                url: Some("https://status.acme.test/incidents/inc1".into()),
                updates,
                component_ids: vec!["api".into()],
            }]
        }
    };
    Observation {
        snapshot: Snapshot {
            components,
            incidents,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

fn names(events: &[lookout_core::Event]) -> Vec<&'static str> {
    events.iter().map(|e| e.kind.name()).collect()
}

#[test]
fn an_incident_life_is_stored_with_its_timeline_and_reported_once_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let stages = [
        observation(ComponentStatus::Operational, &[]),
        observation(
            ComponentStatus::DegradedPerformance,
            &[("u1", "investigating", 3)],
        ),
        observation(
            ComponentStatus::PartialOutage,
            &[("u1", "investigating", 3), ("u2", "identified", 20)],
        ),
        observation(
            ComponentStatus::Operational,
            &[
                ("u1", "investigating", 3),
                ("u2", "identified", 20),
                ("u3", "resolved", 93),
            ],
        ),
    ];
    let mut seen = Vec::new();
    let provider_id;
    {
        let mut store = Store::open(&path).unwrap();
        provider_id = store
            .add_provider(&crate::providers::acme(), t(0))
            .unwrap()
            .id;
        for (n, obs) in stages.iter().enumerate() {
            let at = t(n as i64 * 30 + 5);
            seen.push(names(
                &store
                    .apply_observation(provider_id, "Acme", obs, at)
                    .unwrap(),
            ));
        }
    }
    assert_eq!(
        seen,
        vec![
            vec![],
            vec!["component_changed", "incident_opened"],
            vec!["component_changed", "incident_updated"],
            vec!["component_changed", "incident_updated", "incident_resolved"],
        ]
    );
    // A new process (a new connection to the same file) sees the same page: nothing new.
    let mut store = Store::open(&path).unwrap();
    let last = &stages[3];
    assert!(store
        .apply_observation(provider_id, "Acme", last, t(200))
        .unwrap()
        .is_empty());
    let stored = store.incidents(&IncidentFilter::default()).unwrap();
    assert_eq!(stored.len(), 1);
    let incident = &stored[0];
    assert_eq!(incident.incident.started_at, t(3));
    assert_eq!(incident.incident.resolved_at, Some(t(93)));
    assert_eq!(incident.incident.duration(), Some(Duration::minutes(90)));
    assert_eq!(incident.detected_at, t(35), "first seen at the second poll");
    let ids: Vec<&str> = incident
        .incident
        .updates
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(ids, ["u1", "u2", "u3"]);
    assert_eq!(
        incident.incident.updates[0].body,
        "<b>investigating</b> & more"
    );
    let history: Vec<ComponentStatus> = store
        .component_history(provider_id, "api")
        .unwrap()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        history,
        [
            ComponentStatus::Operational,
            ComponentStatus::DegradedPerformance,
            ComponentStatus::PartialOutage,
            ComponentStatus::Operational
        ]
    );
    assert!(store
        .incidents(&IncidentFilter {
            active_only: true,
            ..IncidentFilter::default()
        })
        .unwrap()
        .is_empty());
    // Even replaying the whole life again reports no incident change twice (the ledger refuses
    // them); only the component flips, which really do happen again, are reported.
    for obs in &stages {
        for event in store
            .apply_observation(provider_id, "Acme", obs, t(201))
            .unwrap()
        {
            assert_eq!(event.kind.name(), "component_changed", "{event:?}");
        }
    }
    store
        .apply_observation(provider_id, "Acme", last, t(202))
        .unwrap();
}

#[test]
fn a_failed_save_leaves_nothing_half_written() {
    let mut store = Store::open_in_memory().unwrap();
    let obs = observation(ComponentStatus::MajorOutage, &[("u1", "investigating", 1)]);
    // No provider 42: the foreign key fails part-way through the transaction.
    let ghost = lookout_core::ProviderId::new(42);
    assert!(store.apply_observation(ghost, "Ghost", &obs, t(1)).is_err());
    assert!(store.components(ghost).unwrap().is_empty());
    assert!(store
        .incidents(&IncidentFilter::default())
        .unwrap()
        .is_empty());
    assert_eq!(store.last_event_id().unwrap(), 0, "no event recorded");
}
