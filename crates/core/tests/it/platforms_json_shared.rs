//! Conformance of the Instatus, Better Stack, status.io and Cachet parsers over the real
//! payloads in the shared fixtures folder (read in place, never copied into the project).
//! Skipped when that folder is absent.

use crate::{assert_timeline_rules, utc};
use lookout_core::sources::{betterstack, cachet, instatus, statusio};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};

use crate::shared;

#[test]
fn instatus_open_incident_counts_even_when_the_page_says_up() {
    let Some(body) = shared("instatus/manychat-summary-active-incident-2026-05.json") else {
        return;
    };
    let snapshot = instatus::parse_summary(&body).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Manychat"));
    let [one] = snapshot.incidents.as_slice() else {
        panic!("one active incident expected");
    };
    assert_eq!(one.id, "cmmxljn3s01ntuud42lsa7zud");
    assert_eq!(one.status, IncidentStatus::Identified);
    // DEGRADEDPERFORMANCE → minor.
    assert_eq!(one.impact, Impact::Minor);
    assert_eq!(one.started_at, utc("2026-03-17T03:00:00Z"));
    assert_eq!(snapshot.active_incidents().count(), 1);
    assert_timeline_rules(one);
    assert!(snapshot.maintenances.is_empty());
}

#[test]
fn instatus_healthy_page_has_nothing_open() {
    let Some(body) = shared("instatus/recraft-summary-healthy.json") else {
        return;
    };
    let snapshot = instatus::parse_summary(&body).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Recraft"));
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://recraft.instatus.com")
    );
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());
}

#[test]
fn instatus_docs_example_reads_js_date_strings() {
    let Some(body) = shared("instatus/docs-public-data-summary-example.json") else {
        return;
    };
    let snapshot = instatus::parse_summary(&body).unwrap();
    let [one] = snapshot.incidents.as_slice() else {
        panic!("one incident expected");
    };
    // No `id`: taken from the URL.
    assert_eq!(one.id, "cl4a8n3070721qtmzvts760c4");
    assert_eq!(one.started_at, utc("2022-06-11T18:55:50Z"));
    assert_eq!(one.impact, Impact::Critical);
    let [m] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected");
    };
    assert_eq!(m.id, "cl4a8nlv50918qtmzdlw60ivu");
    assert_eq!(m.status, MaintenanceStatus::Scheduled);
    assert_eq!(m.scheduled_for, Some(utc("2022-06-11T18:55:54Z")));
    assert_eq!(m.scheduled_until, Some(utc("2022-06-11T19:55:54Z")));
}

#[test]
fn cachet_yoti_components() {
    let Some(body) = shared("cachet/yoti-api-v1-components-2020-10-docs.json") else {
        return;
    };
    let snapshot = cachet::parse_components(&body).unwrap();
    assert_eq!(snapshot.components.len(), 7);
    assert!(snapshot
        .components
        .iter()
        .all(|c| c.status == ComponentStatus::Operational && c.group.is_none()));
    // Two "Yoti Doc Scan" rows in different groups stay apart (ids 6 and 9).
    let doc_scans: Vec<(&str, (i64, i64))> = snapshot
        .components
        .iter()
        .filter(|c| c.name == "Yoti Doc Scan")
        .map(|c| (c.id.as_str(), c.position))
        .collect();
    assert_eq!(doc_scans, [("6", (1, 0)), ("9", (2, 0))]);
    // Its naive timestamps are read as UTC.
    assert_eq!(
        cachet::parse_cachet_time("2020-02-27 13:22:51"),
        Some(utc("2020-02-27T13:22:51Z"))
    );
    let text = String::from_utf8(body).unwrap();
    assert!(text.contains("\"created_at\":\"2020-02-27 13:22:51\""));
}

#[test]
fn statusio_abbreviated_sample_is_refused_without_panic() {
    let Some(body) = shared("statusio/discourse-api-1.0-status-abbreviated.jsonc") else {
        return;
    };
    // Abbreviated with "…": not JSON, so an error (never a panic).
    assert!(matches!(
        statusio::parse_status(&body),
        Err(lookout_core::SourceError::Malformed { .. })
    ));
    // With the ellipsis removed it reads: six components, the first operational.
    let text = String::from_utf8(body).unwrap().replace(", …", "");
    let snapshot = statusio::parse_status(text.as_bytes()).unwrap();
    assert_eq!(snapshot.components.len(), 6);
    assert_eq!(snapshot.components[0].status, ComponentStatus::Operational);
    assert_eq!(snapshot.components[1].status, ComponentStatus::Unknown);
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());
}

#[test]
fn betterstack_truncated_docs_sample_is_refused_without_panic() {
    let Some(body) = shared("betterstack/docs-index-json-structure-truncated.jsonc") else {
        return;
    };
    // "[...]" placeholders: not JSON, so an error (never a panic).
    assert!(betterstack::parse_index(&body).is_err());
}
