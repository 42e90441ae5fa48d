//! Dates out of range stay with their vendor: every document goes through `Document::parse`,
//! which drops the records dated before 1970 or after 2100 and says so in `warnings`.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{statuspage, Document};
use lookout_core::IncidentStatus;

const FIXTURE: &str = "statuspage/acme-incidents-out-of-range.json";

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The fixture with only the incidents whose ids are in `ids`.
fn fixture_with_only(ids: &[&str]) -> Vec<u8> {
    let mut doc: serde_json::Value = serde_json::from_slice(&fixture(FIXTURE)).unwrap();
    let incidents = doc["incidents"].as_array_mut().unwrap();
    incidents.retain(|i| ids.contains(&i["id"].as_str().unwrap()));
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn an_update_dated_year_10000_is_dropped_and_the_rest_of_the_page_kept() {
    let snapshot = Document::StatuspageIncidents
        .parse(&fixture(FIXTURE))
        .unwrap();
    assert_eq!(
        snapshot.warnings,
        [
            "1 update ignored: date out of range",
            "1 incident ignored: date out of range"
        ]
    );
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["acmeinc00012", "acmeinc00010"],
        "the incident resolved in year 10000 is gone"
    );

    // The healthy incident is exactly what the page would give without the bad ones.
    let alone = Document::StatuspageIncidents
        .parse(&fixture_with_only(&["acmeinc00010"]))
        .unwrap();
    assert!(alone.warnings.is_empty());
    let healthy = incident(&snapshot, "acmeinc00010");
    assert_eq!(healthy, &alone.incidents[0]);
    assert_eq!(healthy.updates.len(), 3);
    assert_eq!(healthy.started_at, utc("2026-03-04T09:00:00Z"));
    assert_eq!(healthy.resolved_at, Some(utc("2026-03-04T09:45:00Z")));
    assert_eq!(healthy.component_ids, ["acmeapi00001"]);

    // The open incident keeps its start and its good update; the far-future one is gone.
    let open = incident(&snapshot, "acmeinc00012");
    let kept: Vec<&str> = open.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(kept, ["acmeupd00121"]);
    assert_eq!(open.status, IncidentStatus::Monitoring);
    assert_eq!(open.started_at, utc("2026-03-06T08:00:00Z"));
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }

    // What is kept can be written and read back.
    let json = serde_json::to_string(&snapshot).unwrap();
    let back: lookout_core::Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, snapshot);
}

#[test]
fn the_platform_parser_alone_still_sees_the_vendor_date() {
    // The check belongs to `Document::parse`: the parser reports what the vendor said.
    let raw = statuspage::parse_incidents(&fixture(FIXTURE)).unwrap();
    assert_eq!(raw.incidents.len(), 3);
    assert!(raw.warnings.is_empty());
    let far = incident(&raw, "acmeinc00011").resolved_at.unwrap();
    assert_eq!(far.to_rfc3339(), "+10000-01-01T00:59:59+00:00");
}

#[test]
fn a_page_in_range_has_no_warnings_and_serialises_without_them() {
    let snapshot = Document::StatuspageIncidents
        .parse(&fixture("statuspage/acme-incidents.json"))
        .unwrap();
    assert!(snapshot.warnings.is_empty());
    let json = serde_json::to_value(&snapshot).unwrap();
    assert!(json.get("warnings").is_none());
}

#[test]
fn a_feed_entry_from_before_1970_is_dropped_too() {
    let rss = br#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Acme status</title><link>https://status.acme.test/</link>
<item><title>Old news</title><guid>old</guid><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate>
<description>Investigating - a very old incident.</description></item>
<item><title>API errors</title><guid>new</guid><pubDate>Wed, 01 Apr 2026 09:00:00 GMT</pubDate>
<description>Investigating - errors on the API.</description></item>
</channel></rss>"#;
    let snapshot = Document::Feed.parse(rss).unwrap();
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["new"]);
    assert_eq!(snapshot.warnings, ["1 incident ignored: date out of range"]);
}

#[test]
fn merging_documents_carries_their_warnings_once() {
    let mut summary = Document::StatuspageSummary
        .parse(&fixture("statuspage/acme-summary.json"))
        .unwrap();
    let history = Document::StatuspageIncidents
        .parse(&fixture(FIXTURE))
        .unwrap();
    summary.merge(history.clone());
    summary.merge(history);
    assert_eq!(
        summary.warnings,
        [
            "1 update ignored: date out of range",
            "1 incident ignored: date out of range"
        ]
    );
}
