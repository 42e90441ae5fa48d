//! IBM Cloud's notification feed, read by the feed reader's IBM layout: the project's own
//! constructed feed (`tests/fixtures/feeds/acme-ibm-cloud.rss`), read fact by fact.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::feed::parse_feed;
use lookout_core::{IncidentStatus, MaintenanceStatus};

fn ibm() -> lookout_core::Snapshot {
    let full = format!(
        "{}/../../tests/fixtures/feeds/acme-ibm-cloud.rss",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_feed(&std::fs::read(&full).unwrap()).unwrap()
}

#[test]
fn announcements_and_releases_are_not_status() {
    let snapshot = ibm();
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["acme-901", "acme-898"]);
    let maintenances: Vec<&str> = snapshot
        .maintenances
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(maintenances, ["acme-905"]);
}

#[test]
fn an_open_outage_starts_at_its_outage_start_and_names_its_resources() {
    let snapshot = ibm();
    let vsi = incident(&snapshot, "acme-901");
    assert_timeline_rules(vsi);
    assert_eq!(vsi.status, IncidentStatus::Investigating);
    assert_eq!(vsi.started_at, utc("2026-03-04T09:50:00Z"));
    assert_eq!(vsi.resolved_at, None);
    assert_eq!(vsi.component_ids, ["is.instance", "cloud-object-storage"]);
    assert_eq!(
        vsi.updates[0].at,
        utc("2026-03-04T10:30:00Z"),
        "as of the item"
    );
}

#[test]
fn an_ended_outage_lasts_from_its_start_to_its_end() {
    let snapshot = ibm();
    let kube = incident(&snapshot, "acme-898");
    assert_timeline_rules(kube);
    assert_eq!(kube.status, IncidentStatus::Resolved);
    assert_eq!(kube.started_at, utc("2026-03-03T13:00:00Z"));
    assert_eq!(kube.resolved_at, Some(utc("2026-03-03T14:20:00Z")));
    assert_eq!(kube.duration(), Some(chrono::Duration::minutes(80)));
}

#[test]
fn a_maintenance_keeps_its_announced_window() {
    let snapshot = ibm();
    let db = &snapshot.maintenances[0];
    assert_eq!(db.status, MaintenanceStatus::Scheduled);
    assert_eq!(db.scheduled_for, Some(utc("2026-03-10T02:00:00Z")));
    assert_eq!(db.scheduled_until, Some(utc("2026-03-10T04:00:00Z")));
    assert_eq!(db.component_ids, ["databases-for-postgresql"]);
}

#[test]
fn a_feed_that_only_mentions_a_type_is_read_as_before() {
    // No `Regions:` or `Resources:` label: not IBM's layout, one plain update.
    let rss = r#"<rss version="2.0"><channel><title>x</title><item><guid>a</guid>
        <title>Type: incident at the door</title><pubDate>Wed, 04 Mar 2026 10:30:00 GMT</pubDate>
        <description>Type: incident, nothing else</description></item></channel></rss>"#;
    let snapshot = parse_feed(rss.as_bytes()).unwrap();
    assert_eq!(snapshot.incidents.len(), 1);
    assert!(snapshot.incidents[0].component_ids.is_empty());
}
