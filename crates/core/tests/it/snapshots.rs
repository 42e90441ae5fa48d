//! The project's own fixtures (invented vendor "Acme", in the repository's `tests/fixtures/`),
//! parsed and snapshot-tested with insta, with the key facts asserted beside each snapshot.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{incidentio, statuspage};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn statuspage_summary() {
    let snapshot = statuspage::parse_summary(&fixture("statuspage/acme-summary.json")).unwrap();
    let names: Vec<(&str, Option<&str>, (i64, i64))> = snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref(), c.position))
        .collect();
    assert_eq!(
        names,
        [
            ("Billing", None, (1, 0)),
            ("API", Some("Platform"), (2, 1)),
            ("Web app", Some("Platform"), (2, 2)),
            ("Docs", None, (3, 0))
        ]
    );
    assert_eq!(
        snapshot.components[1].status,
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(
        snapshot.components[3].status,
        ComponentStatus::Other("not_monitored".into())
    );
    assert_eq!(
        snapshot.worst_status(),
        ComponentStatus::DegradedPerformance
    );

    let open = incident(&snapshot, "acmeinc00001");
    assert_eq!(open.status, IncidentStatus::Identified);
    assert_eq!(
        open.started_at,
        utc("2026-03-02T13:30:00Z"),
        "back-dated started_at, -05:00"
    );
    assert_eq!(open.resolved_at, None);
    assert_eq!(
        open.updates[1].at,
        utc("2026-03-02T14:15:00Z"),
        "display_at null: created_at"
    );
    assert_eq!(
        open.updates[1].components[0].name, "API",
        "group prefix stripped"
    );
    assert!(open.updates[1].body.contains("found & is"));
    assert_timeline_rules(open);

    let maintenance = &snapshot.maintenances[0];
    assert_eq!(maintenance.status, MaintenanceStatus::Scheduled);
    assert_eq!(maintenance.scheduled_for, Some(utc("2026-03-08T03:00:00Z")));
    insta::assert_json_snapshot!("statuspage_summary", snapshot);
}

#[test]
fn statuspage_incidents() {
    let snapshot = statuspage::parse_incidents(&fixture("statuspage/acme-incidents.json")).unwrap();
    assert_eq!(snapshot.incidents.len(), 2);
    assert_eq!(snapshot.incidents[0].id, "acmeinc00003", "newest first");
    let open = incident(&snapshot, "acmeinc00003");
    assert_eq!(open.resolved_at, None);
    assert_eq!(
        open.url.as_deref(),
        Some("https://status.acme.test/incidents/acmeinc00003")
    );
    assert!(open.updates.iter().all(|u| u.components.is_empty()));
    assert!(open.component_ids.is_empty());

    let over = incident(&snapshot, "acmeinc00002");
    assert_eq!(over.status, IncidentStatus::Postmortem);
    assert_eq!(over.impact, Impact::Critical);
    assert_eq!(over.started_at, utc("2026-02-20T14:00:00Z"));
    assert_eq!(
        over.resolved_at,
        Some(utc("2026-02-20T15:10:00Z")),
        "the post-mortem does not move the end"
    );
    assert_eq!(
        over.latest_update().map(|u| u.at),
        Some(utc("2026-02-22T08:00:00Z"))
    );
    assert_eq!(
        over.updates[0].components[0].name, "Platform - Web app",
        "no groups known here"
    );
    for incident in &snapshot.incidents {
        assert_timeline_rules(incident);
    }
    insta::assert_json_snapshot!("statuspage_incidents", snapshot);
}

#[test]
fn statuspage_maintenances() {
    let snapshot =
        statuspage::parse_maintenances(&fixture("statuspage/acme-scheduled-maintenances.json"))
            .unwrap();
    let ids: Vec<(&str, &MaintenanceStatus)> = snapshot
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), &m.status))
        .collect();
    assert_eq!(
        ids,
        [
            ("acmemnt00004", &MaintenanceStatus::Scheduled),
            ("acmemnt00003", &MaintenanceStatus::InProgress),
            ("acmemnt00002", &MaintenanceStatus::Completed),
        ]
    );
    let active = &snapshot.maintenances[1];
    assert!(active.status.is_active());
    assert_eq!(
        active.scheduled_for,
        Some(utc("2026-03-03T08:30:00Z")),
        "+01:00 converted"
    );
    assert_eq!(active.component_ids, ["acmeapi00001"]);
    assert_eq!(snapshot.maintenances[0].scheduled_until, None);
    assert_eq!(
        snapshot.maintenances[2].url.as_deref(),
        Some("https://status.acme.test/incidents/acmemnt00002")
    );
    insta::assert_json_snapshot!("statuspage_maintenances", snapshot);
}

#[test]
fn incidentio_summary() {
    let snapshot =
        incidentio::parse_summary(&fixture("incidentio/acme-proxy-summary.json")).unwrap();
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://status.acme.test")
    );
    type Row<'a> = (&'a str, Option<&'a str>, (i64, i64), &'a ComponentStatus);
    let names: Vec<Row> = snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref(), c.position, &c.status))
        .collect();
    assert_eq!(
        names,
        [
            ("API", Some("Core"), (1, 1), &ComponentStatus::PartialOutage),
            (
                "Web app",
                Some("Core"),
                (1, 2),
                &ComponentStatus::Operational
            ),
            ("Dashboard", None, (2, 0), &ComponentStatus::Operational),
        ],
        "hidden component and hidden group dropped; absent from affected_components = operational"
    );

    let open = incident(&snapshot, "01ACMEINC0000000000000001");
    assert_eq!(
        open.started_at,
        utc("2026-03-04T09:55:00Z"),
        "the component impact began first"
    );
    assert_eq!(open.impact, Impact::Major);
    assert_eq!(
        open.updates[1].body,
        "We found a faulty load balancer.\nA fix is rolling out."
    );
    assert_eq!(open.updates[1].components[0].name, "API");
    assert_timeline_rules(open);

    let maintenance = &snapshot.maintenances[0];
    assert_eq!(maintenance.status, MaintenanceStatus::Scheduled);
    assert_eq!(maintenance.scheduled_for, Some(utc("2026-03-08T06:00:00Z")));
    assert_eq!(
        maintenance.scheduled_until,
        Some(utc("2026-03-08T07:30:00Z"))
    );
    insta::assert_json_snapshot!("incidentio_summary", snapshot);
}

#[test]
fn incidentio_incidents() {
    let snapshot =
        incidentio::parse_incidents(&fixture("incidentio/acme-proxy-incidents.json")).unwrap();
    let down = incident(&snapshot, "01ACMEINC0000000000000002");
    assert_eq!(down.started_at, utc("2026-02-15T11:58:00Z"));
    assert_eq!(down.resolved_at, Some(utc("2026-02-15T13:30:00.1Z")));
    assert_eq!(down.impact, Impact::Critical);
    let order: Vec<&IncidentStatus> = down.updates.iter().map(|u| &u.status).collect();
    assert_eq!(
        order,
        [
            &IncidentStatus::Investigating,
            &IncidentStatus::Monitoring,
            &IncidentStatus::Resolved
        ]
    );
    assert_eq!(
        down.updates[0].components[0].status,
        ComponentStatus::MajorOutage,
        "full_outage"
    );
    assert_timeline_rules(down);

    let maintenance = &snapshot.maintenances[0];
    assert_eq!(maintenance.status, MaintenanceStatus::InProgress);
    assert_eq!(maintenance.scheduled_for, Some(utc("2026-03-01T01:00:00Z")));
    assert_eq!(
        maintenance.scheduled_until,
        Some(utc("2026-03-01T03:00:00Z"))
    );
    assert_eq!(maintenance.component_ids.len(), 2);
    insta::assert_json_snapshot!("incidentio_incidents", snapshot);
}
