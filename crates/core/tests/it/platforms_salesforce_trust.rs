//! Salesforce Trust parser: the project's own fixtures (`tests/fixtures/salesforce_trust/`),
//! read fact by fact, the page's own incidents kept after the merge, and odd shapes.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{salesforce_trust, Document};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn instances() -> lookout_core::Snapshot {
    salesforce_trust::parse_instances(&fixture("salesforce_trust/acme-instances.json")).unwrap()
}

fn active() -> lookout_core::Snapshot {
    salesforce_trust::parse_incidents(&fixture("salesforce_trust/acme-incidents-active.json"))
        .unwrap()
}

#[test]
fn active_instances_are_components_grouped_by_location() {
    let snapshot = instances();
    let rows: Vec<(&str, Option<&str>, &ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.group.as_deref(), &c.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("NA901", Some("NA"), &ComponentStatus::MajorOutage),
            ("EU902", Some("EMEA"), &ComponentStatus::DegradedPerformance),
            ("AP903", Some("APAC"), &ComponentStatus::Operational),
            ("AP905", Some("APAC"), &ComponentStatus::UnderMaintenance),
            (
                "NA906",
                Some("NA"),
                &ComponentStatus::Other("SHINY_NEW_STATE".into())
            ),
        ],
        "the retired NA904 is skipped; an unknown status is kept"
    );
}

#[test]
fn embedded_maintenances_are_read_once_with_their_window() {
    let snapshot = instances();
    let [upgrade] = snapshot.maintenances.as_slice() else {
        panic!("{:?}", snapshot.maintenances)
    };
    assert_eq!(
        (upgrade.id.as_str(), upgrade.title.as_str()),
        ("7001", "Database upgrade")
    );
    assert_eq!(upgrade.status, MaintenanceStatus::Scheduled);
    assert_eq!(upgrade.scheduled_for, Some(utc("2026-03-10T02:00:00Z")));
    assert_eq!(upgrade.scheduled_until, Some(utc("2026-03-10T06:00:00Z")));
    assert_eq!(upgrade.component_ids, ["NA901", "EU902"]);
}

#[test]
fn an_open_incident_is_named_after_its_worst_impact() {
    let snapshot = active();
    let login = incident(&snapshot, "31001");
    assert_timeline_rules(login);
    assert_eq!(login.title, "Service disruption");
    assert_eq!(login.impact, Impact::Major);
    assert_eq!(login.status, IncidentStatus::Investigating);
    assert_eq!(
        login.started_at,
        utc("2026-03-04T09:00:00Z"),
        "the first impact"
    );
    assert_eq!(login.resolved_at, None);
    assert_eq!(login.component_ids, ["NA901"]);
    assert_eq!(
        login.url.as_deref(),
        Some("https://status.salesforce.com/incidents/31001")
    );
    let notes: Vec<(&str, &str)> = login
        .updates
        .iter()
        .map(|u| (u.id.as_str(), u.body.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("801", "Users on NA901 cannot log in. We are investigating."),
            ("802", "A fix is being deployed to NA901.")
        ]
    );
}

#[test]
fn an_incident_whose_impacts_all_ended_is_resolved_at_its_last_note() {
    let snapshot = active();
    let email = incident(&snapshot, "31002");
    assert_timeline_rules(email);
    assert_eq!(email.status, IncidentStatus::Resolved);
    assert!(email.component_ids.is_empty(), "affects all: names none");
    assert_eq!(
        email.updates.last().unwrap().status,
        IncidentStatus::Resolved
    );
    assert_eq!(email.resolved_at, Some(utc("2026-03-03T19:35:00Z")));
    assert_eq!(email.updates[0].id, "31002@2026-03-03T18:10:00+00:00");
    assert_eq!(
        incident(&snapshot, "31003").impact,
        Impact::Critical,
        "blocker"
    );
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["31001", "31003", "31004", "31002"],
        "no id, no incident"
    );
}

#[test]
fn a_page_keeps_only_the_incidents_of_its_own_instances_or_of_all() {
    let mut page = instances();
    page.merge(active());
    salesforce_trust::keep_page_events(&mut page);
    let ids: Vec<&str> = page.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["31001", "31002"],
        "CS999's incident and Marketing Cloud's service incident are other products'"
    );
    assert_eq!(page.maintenances.len(), 1);
}

#[test]
fn other_documents_and_odd_shapes_are_refused_or_read_safely() {
    for body in [
        br#"{"status": []}"#.as_slice(),
        br#"[{"id": 1}]"#,
        br#"[{"key": "NA1"}, 3]"#,
    ] {
        assert!(
            matches!(
                salesforce_trust::parse_instances(body),
                Err(SourceError::Malformed { .. })
            ),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(matches!(
        Document::TrustIncidents.parse(br#"{"incidents": []}"#),
        Err(SourceError::Malformed { .. })
    ));
    let odd = br#"[{"id": true}, {"id": 5, "affectsAll": "true", "instanceKeys": [1, null, "X"],
        "IncidentImpacts": [{"severity": "catastrophic", "startTime": "2026-01-01T00:00:00Z"}],
        "IncidentEvents": [{"message": {"html": "<p>x</p>"}, "createdAt": "2026-01-01T00:05:00Z"}]}]"#;
    let snapshot = Document::TrustIncidents.parse(odd).unwrap();
    let [only] = snapshot.incidents.as_slice() else {
        panic!("{:?}", snapshot.incidents)
    };
    assert_eq!(only.impact, Impact::Other("catastrophic".into()));
    assert!(only.component_ids.is_empty(), "`affectsAll: \"true\"`");
    assert_eq!(only.title, "Salesforce incident 5");
    assert_eq!(only.updates[0].body, "", "a message that is not text");
}
