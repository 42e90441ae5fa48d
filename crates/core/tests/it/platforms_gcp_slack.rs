//! Google Cloud and Slack parsers: conformance over the shared payloads (read in place, skipped
//! when absent), the project's own "Acme" fixtures, and hostile input.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{gcp, slack};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};
use proptest::prelude::*;

use crate::shared;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn gcp_bigquery_incident_from_the_checkmk_wrapper() {
    let Some(body) = shared("gcp/checkmk-agent-output-with-gcp-incident-2023-03-10.json") else {
        return;
    };
    // The agent output wraps the feed: `health_info` holds the incidents (objects, or one JSON
    // string of the whole array in other agent versions).
    let wrapper: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let inner = match &wrapper["health_info"] {
        serde_json::Value::Array(items) => match items.first() {
            Some(serde_json::Value::String(text)) => text.clone().into_bytes(),
            _ => serde_json::to_vec(items).unwrap(),
        },
        other => panic!("unexpected health_info {other}"),
    };
    let snapshot = gcp::parse_incidents(&inner).unwrap();
    assert_eq!(snapshot.incidents.len(), 1);
    let bq = incident(&snapshot, "rZvZvSKVdDHyWh4dZJ8D");
    assert_timeline_rules(bq);
    assert_eq!(
        bq.title,
        "Retry errors for Google BigQuery in europe-north1"
    );
    assert_eq!(bq.impact, Impact::Minor);
    assert_eq!(bq.status, IncidentStatus::Resolved);
    assert_eq!(bq.started_at, utc("2023-03-10T14:09:43Z"));
    assert_eq!(bq.resolved_at, Some(utc("2023-03-10T14:54:50Z")));
    assert_eq!(
        bq.url.as_deref(),
        Some("https://status.cloud.google.com/incidents/rZvZvSKVdDHyWh4dZJ8D")
    );
    assert_eq!(bq.component_ids, ["9CcrhHUcFevXPSVaSxkf"]);
    assert_eq!(bq.updates.len(), 1);
    assert_eq!(bq.updates[0].at, utc("2023-03-10T14:26:17Z"));
    assert!(bq.updates[0].body.starts_with("Summary: Retry errors"));
    assert!(bq.updates[0].body.contains("\nWorkaround: Retry requests"));
    // Resolved, so no product is shown as affected.
    assert!(snapshot.components.is_empty());
}

#[test]
fn gcp_acme_fixture() {
    let snapshot = gcp::parse_incidents(&fixture("gcp/acme-incidents.json")).unwrap();
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    // Newest first; the record without any time is skipped.
    assert_eq!(
        ids,
        [
            "AcmeOpen0000000000001",
            "AcmeDisrupt00000000002",
            "AcmeDone00000000000003"
        ]
    );
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }
    let open = incident(&snapshot, "AcmeOpen0000000000001");
    assert_eq!(open.status, IncidentStatus::Investigating);
    assert_eq!(open.impact, Impact::Critical);
    assert_eq!(open.resolved_at, None);
    assert_eq!(open.started_at, utc("2026-03-02T10:00:00Z"));
    assert_eq!(open.updates[0].body, "We are investigating.");
    assert_eq!(
        open.updates[1].body,
        "Mitigation in progress.\nNext update at 12:00."
    );
    assert_eq!(open.component_ids, ["widgets01", "gadgets01"]);
    // `end: ""` is open.
    let disrupt = incident(&snapshot, "AcmeDisrupt00000000002");
    assert_eq!(disrupt.status, IncidentStatus::Investigating);
    assert_eq!(disrupt.impact, Impact::Major);
    assert!(disrupt.updates.is_empty());
    let done = incident(&snapshot, "AcmeDone00000000000003");
    assert_eq!(done.impact, Impact::Minor, "from severity low");
    assert_eq!(done.status, IncidentStatus::Resolved);
    assert_eq!(done.resolved_at, Some(utc("2026-02-01T09:30:00Z")));
    assert_eq!(done.updates[1].status, IncidentStatus::Resolved);
    let components: Vec<(&str, &str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        components,
        [
            ("gadgets01", "Acme Gadgets", ComponentStatus::MajorOutage),
            (
                "sprockets01",
                "Acme Sprockets",
                ComponentStatus::PartialOutage
            ),
            ("widgets01", "Acme Widgets", ComponentStatus::MajorOutage),
        ]
    );
}

#[test]
fn slack_incident_1269_with_its_notes() {
    let Some(body) = shared("slack/slack-current-2023-09-26-notes-edited.json") else {
        return;
    };
    let snapshot = slack::parse_current(&body).unwrap();
    let one = incident(&snapshot, "1269");
    assert_timeline_rules(one);
    assert_eq!(one.title, "Can't dismiss Now you've got Later");
    assert_eq!(one.status, IncidentStatus::Investigating);
    assert_eq!(one.impact, Impact::Minor);
    assert_eq!(
        one.url.as_deref(),
        Some("https://status.slack.com/2023-09/badc5543a21e1fa7")
    );
    assert_eq!(one.started_at, utc("2023-09-26T18:34:10Z"));
    let bodies: Vec<&str> = one.updates.iter().map(|u| u.body.as_str()).collect();
    assert_eq!(bodies, ["sample note", "sample note 2"]);
    assert_eq!(one.updates[1].at, utc("2023-09-26T18:55:36Z"));
    assert_eq!(one.component_ids, ["Connections"]);
    assert_eq!(snapshot.components.len(), 1);
    assert_eq!(snapshot.components[0].name, "Connections");
    assert_eq!(
        snapshot.components[0].status,
        ComponentStatus::DegradedPerformance
    );
}

#[test]
fn slack_acme_fixture() {
    let snapshot = slack::parse_current(&fixture("slack/acme-current.json")).unwrap();
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["501", "502", "503"]);
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }
    let outage = incident(&snapshot, "501");
    assert_eq!(outage.impact, Impact::Major);
    assert_eq!(outage.updates.len(), 2);
    assert_eq!(outage.updates[1].body, "Still working on it & more");
    let resolved = incident(&snapshot, "503");
    assert_eq!(resolved.status, IncidentStatus::Resolved);
    assert_eq!(resolved.resolved_at, Some(utc("2026-04-01T13:30:00Z")));
    assert_eq!(resolved.url, None);
    assert_eq!(snapshot.maintenances.len(), 1);
    let upgrade = &snapshot.maintenances[0];
    assert_eq!(upgrade.id, "504");
    assert_eq!(upgrade.status, MaintenanceStatus::InProgress);
    let components: Vec<(&str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        components,
        [
            ("Calls", ComponentStatus::MajorOutage),
            ("Files", ComponentStatus::DegradedPerformance),
            ("Ghost", ComponentStatus::DegradedPerformance),
            ("Messaging", ComponentStatus::MajorOutage),
            ("Workflows", ComponentStatus::UnderMaintenance),
        ]
    );
}

#[test]
fn hostile_json_is_an_error() {
    for parse in [gcp::parse_incidents, slack::parse_current] {
        assert!(matches!(parse(b""), Err(SourceError::Empty)));
        assert!(matches!(parse(b"<html></html>"), Err(SourceError::Html)));
        assert!(matches!(
            parse(b"{\"x\":"),
            Err(SourceError::Malformed { .. })
        ));
    }
    assert!(gcp::parse_incidents(b"{}").is_err());
    assert!(slack::parse_current(b"[]").is_err());
    assert!(slack::parse_current(b"{}").is_err());
    // Wrong types inside are errors, not panics.
    assert!(gcp::parse_incidents(b"[{\"updates\": 3}]").is_err());
    let odd =
        slack::parse_current(b"{\"status\":\"ok\",\"active_incidents\":[{\"id\":[1]}]}").unwrap();
    assert!(odd.incidents.is_empty());
}

proptest! {
    #[test]
    fn gcp_and_slack_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = gcp::parse_incidents(&body);
        let _ = slack::parse_current(&body);
    }

    #[test]
    fn gcp_odd_times_never_panic(begin in ".{0,30}", end in ".{0,30}") {
        let doc = serde_json::json!([{"id": "x", "begin": begin, "end": end, "updates": [{"when": end}]}]);
        let _ = gcp::parse_incidents(doc.to_string().as_bytes());
    }
}
