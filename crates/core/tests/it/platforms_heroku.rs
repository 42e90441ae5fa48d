//! Heroku Status (API v4) parser: the project's own fixtures (`tests/fixtures/heroku/`), read
//! fact by fact, and input Heroku's API is known to send in odd shapes.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{heroku, Document};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn current_status_colours_become_component_statuses() {
    let snapshot =
        heroku::parse_current_status(&fixture("heroku/acme-current-status.json")).unwrap();
    let rows: Vec<(&str, &ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), &c.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("Apps", &ComponentStatus::DegradedPerformance),
            ("Data", &ComponentStatus::Operational),
            ("Tools", &ComponentStatus::UnderMaintenance),
            ("Edge", &ComponentStatus::Other("purple".into())),
        ],
        "a system without a name is skipped; an unknown colour is kept"
    );
    assert_eq!(snapshot.page.name.as_deref(), Some("Heroku"));
}

#[test]
fn an_open_incident_reads_its_timeline_oldest_first() {
    let snapshot =
        heroku::parse_current_status(&fixture("heroku/acme-current-status.json")).unwrap();
    let open = incident(&snapshot, "4102");
    assert_timeline_rules(open);
    assert_eq!(open.status, IncidentStatus::Monitoring);
    assert_eq!(open.impact, Impact::Minor, "a yellow system");
    assert_eq!(open.component_ids, ["Apps"]);
    assert_eq!(
        open.url.as_deref(),
        Some("https://status.heroku.com/incidents/4102")
    );
    let timeline: Vec<(&str, &str)> = open
        .updates
        .iter()
        .map(|u| (u.id.as_str(), u.status.as_str()))
        .collect();
    assert_eq!(
        timeline,
        [
            ("9001", "investigating"),
            ("9002", "investigating"),
            ("9003", "monitoring")
        ],
        "`issue` opens, `update` keeps the status before it"
    );
    assert_eq!(open.started_at, utc("2026-03-04T09:00:00Z"));
    assert_eq!(open.resolved_at, None);
}

#[test]
fn scheduled_entries_are_maintenances_without_an_invented_window() {
    let snapshot =
        heroku::parse_current_status(&fixture("heroku/acme-current-status.json")).unwrap();
    let rows: Vec<(&str, &MaintenanceStatus)> = snapshot
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), &m.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("4090", &MaintenanceStatus::Completed),
            ("4099", &MaintenanceStatus::Scheduled),
        ],
        "`resolved: true` completes an entry still marked upcoming"
    );
    let db = snapshot
        .maintenances
        .iter()
        .find(|m| m.id == "4099")
        .unwrap();
    assert_eq!(db.component_ids, ["Data"]);
    assert_eq!((db.scheduled_for, db.scheduled_until), (None, None));
}

#[test]
fn the_history_keeps_state_over_the_resolved_flag_and_splits_out_maintenances() {
    let snapshot = heroku::parse_incidents(&fixture("heroku/acme-incidents.json")).unwrap();
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["4102", "4095", "4088"],
        "newest first; no id, no incident"
    );
    let maintenances: Vec<&str> = snapshot
        .maintenances
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        maintenances,
        ["4099"],
        "every update `scheduled`: an announcement"
    );
    let builds = incident(&snapshot, "4095");
    assert_timeline_rules(builds);
    assert_eq!(
        builds.status,
        IncidentStatus::Resolved,
        "`state` wins over `resolved: false`"
    );
    assert_eq!(builds.impact, Impact::Major, "the worst colour, red");
    assert_eq!(builds.component_ids, ["Tools", "Apps"]);
    assert_eq!(builds.updates.len(), 3, "an update with no time is skipped");
    assert_eq!(builds.resolved_at, Some(utc("2026-02-12T15:40:00Z")));
    let rotation = incident(&snapshot, "4088");
    assert_eq!(
        rotation.status,
        IncidentStatus::Resolved,
        "no state: the last update's"
    );
    assert_eq!(rotation.updates[0].id, "4088@2026-01-28T21:00:00+00:00");
    assert_eq!(rotation.url, None);
}

#[test]
fn other_documents_and_odd_shapes_are_refused_or_read_safely() {
    for body in [
        br#"{"status": {"indicator": "none"}}"#.as_slice(),
        br#"{"incidents": []}"#,
        b"[]",
    ] {
        assert!(
            matches!(
                heroku::parse_current_status(body),
                Err(SourceError::Malformed { .. })
            ),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(matches!(
        heroku::parse_incidents(br#"{"status": []}"#),
        Err(SourceError::Malformed { .. })
    ));
    assert!(matches!(
        Document::HerokuCurrentStatus.parse(b"<html></html>"),
        Err(SourceError::Html)
    ));
    // Ids of every JSON kind, colours of every kind, updates that are not objects.
    let odd = br#"{"status": [{"system": "Apps", "status": 3}],
        "incidents": [{"id": {"x": 1}, "created_at": "2026-01-01T00:00:00Z"},
                      {"id": 7, "systems": [{"status": null}], "updates": [{"created_at": "2026-01-01T00:00:00Z", "update_type": ""}]}]}"#;
    let parsed = heroku::parse_current_status(odd);
    assert!(
        matches!(parsed, Err(SourceError::Malformed { .. })),
        "{parsed:?}"
    );
    let odd = br#"{"status": [{"system": "Apps"}],
        "incidents": [{"id": {"x": 1}, "created_at": "2026-01-01T00:00:00Z"},
                      {"id": 7, "systems": [{"status": null}], "updates": [{"created_at": "2026-01-01T00:00:00Z", "update_type": ""}]}]}"#;
    let snapshot = heroku::parse_current_status(odd).unwrap();
    assert_eq!(snapshot.components[0].status, ComponentStatus::Unknown);
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["7"]);
    assert_eq!(snapshot.incidents[0].status, IncidentStatus::Investigating);
    assert_eq!(snapshot.incidents[0].impact, Impact::None);
}

#[test]
fn a_long_system_name_or_too_many_systems_are_refused_before_they_are_built() {
    let long = "n".repeat(513);
    for body in [
        serde_json::json!({"status": [{"system": long, "status": "green"}]}),
        serde_json::json!([{"id": 1, "full_url": long}]),
    ] {
        let document = if body.is_array() {
            Document::HerokuIncidents
        } else {
            Document::HerokuCurrentStatus
        };
        let error = document.parse(body.to_string().as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "page too complex: 513 bytes in one id, name or status (limit 512)"
        );
    }
    let systems: Vec<serde_json::Value> = (0..60_000)
        .map(|i| serde_json::json!({"name": format!("s{i}")}))
        .collect();
    let body =
        serde_json::json!([{"id": 1, "created_at": "2026-01-01T00:00:00Z", "systems": systems}]);
    let error = Document::HerokuIncidents
        .parse(body.to_string().as_bytes())
        .unwrap_err();
    assert!(matches!(error, SourceError::TooComplex { .. }), "{error}");
}
