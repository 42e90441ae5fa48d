//! Zendesk Status API parser: the project's own fixtures (`tests/fixtures/zendesk/`), written
//! from the documented JSON:API shape, read fact by fact, and odd shapes.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{zendesk, Document};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn active() -> lookout_core::Snapshot {
    zendesk::parse_active(&fixture("zendesk/acme-active.json")).unwrap()
}

#[test]
fn the_services_of_open_incidents_are_components_at_their_worst() {
    let snapshot = active();
    let rows: Vec<(&str, &str, &ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), &c.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("5", "Guide", &ComponentStatus::MajorOutage),
            ("3", "Support", &ComponentStatus::MajorOutage),
        ],
        "an outage outranks a degradation; the resolved incident's service is not listed"
    );
}

#[test]
fn an_incident_reads_its_updates_from_the_included_records() {
    let snapshot = active();
    let tickets = incident(&snapshot, "4101");
    assert_timeline_rules(tickets);
    assert_eq!(tickets.title, "Agents cannot open tickets on pod 23");
    assert_eq!(tickets.impact, Impact::Major);
    assert_eq!(tickets.status, IncidentStatus::Identified);
    assert_eq!(tickets.started_at, utc("2026-03-04T09:00:00Z"));
    assert_eq!(tickets.component_ids, ["3", "5"]);
    let timeline: Vec<(&str, &str, &str)> = tickets
        .updates
        .iter()
        .map(|u| (u.id.as_str(), u.status.as_str(), u.body.as_str()))
        .collect();
    assert_eq!(
        timeline,
        [
            (
                "4101/71",
                "investigating",
                "Agents on pod 23 see errors opening tickets."
            ),
            (
                "4101/72",
                "identified",
                "We found a faulty deploy and are rolling it back."
            ),
        ]
    );
}

#[test]
fn a_resolved_incident_ends_at_resolved_at_and_no_impact_is_none() {
    let snapshot = active();
    let email = incident(&snapshot, "4099");
    assert_timeline_rules(email);
    assert_eq!(email.status, IncidentStatus::Resolved);
    assert_eq!(email.impact, Impact::None);
    assert_eq!(email.updates.len(), 1, "an update not included is skipped");
    assert_eq!(email.resolved_at, Some(utc("2026-03-04T07:05:00Z")));
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["4101", "4102", "4099"]);
}

#[test]
fn maintenance_incidents_are_maintenances() {
    let snapshot = zendesk::parse_maintenance(&fixture("zendesk/acme-maintenance.json")).unwrap();
    let rows: Vec<(
        &str,
        &MaintenanceStatus,
        Option<chrono::DateTime<chrono::Utc>>,
    )> = snapshot
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), &m.status, m.scheduled_for))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "5001",
                &MaintenanceStatus::Scheduled,
                Some(utc("2026-03-12T02:00:00Z"))
            ),
            (
                "4990",
                &MaintenanceStatus::Completed,
                Some(utc("2026-03-01T02:00:00Z"))
            ),
        ]
    );
    assert_eq!(snapshot.maintenances[0].component_ids, ["3"]);
    assert!(snapshot.incidents.is_empty() && snapshot.components.is_empty());
}

#[test]
fn other_documents_and_odd_shapes_are_refused_or_read_safely() {
    for body in [
        br#"{"data": {"id": "1", "type": "status_page"}}"#.as_slice(),
        br#"{"data": [{"id": "1", "type": "status_report"}]}"#,
        br#"[]"#,
        br#"{"incidents": []}"#,
    ] {
        assert!(
            matches!(
                zendesk::parse_active(body),
                Err(SourceError::Malformed { .. })
            ),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let quiet = Document::ZendeskActive.parse(br#"{"data": []}"#).unwrap();
    assert!(quiet.incidents.is_empty() && quiet.components.is_empty());
    let odd = br#"{"data": [
        {"id": 7, "type": "incident", "attributes": {"title": 3, "outage": "yes", "started_at": "2026-01-01T00:00:00Z", "impact": "security"},
         "relationships": {"services": {"data": [{"id": "9"}, {"id": "9", "type": "service"}, {"id": "9", "type": "service"}]},
                           "incident_updates": {"data": "none"}}},
        {"id": "8", "type": "incident", "attributes": null}
    ], "included": "nothing"}"#;
    let snapshot = Document::ZendeskActive.parse(odd).unwrap();
    let [only] = snapshot.incidents.as_slice() else {
        panic!("{:?}", snapshot.incidents)
    };
    assert_eq!((only.id.as_str(), only.title.as_str()), ("7", ""));
    assert_eq!(only.impact, Impact::Other("security".into()));
    assert_eq!(only.component_ids, ["9"], "one service, named once");
    assert_eq!(snapshot.components[0].status, ComponentStatus::Unknown);
}
