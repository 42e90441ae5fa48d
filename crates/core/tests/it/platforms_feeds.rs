//! The RSS / Atom feed parser: conformance over the shared feeds (read in place, skipped when
//! absent), the project's own "Acme" feeds, and hostile input.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::feed::parse_feed;
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};
use proptest::prelude::*;

use crate::shared;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!(
        "{}/../../tests/fixtures/feeds/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn words(one: &lookout_core::Incident) -> Vec<&str> {
    one.updates.iter().map(|u| u.status.as_str()).collect()
}

#[test]
fn github_history_atom() {
    let Some(body) = shared("statuspage/github-history-2026-08-22.atom") else {
        return;
    };
    let snapshot = parse_feed(&body).unwrap();
    assert_eq!(
        snapshot.page.name.as_deref(),
        Some("GitHub Status - Incident History")
    );
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://www.githubstatus.com/")
    );
    assert_eq!(snapshot.incidents.len(), 25);
    assert!(snapshot.maintenances.is_empty());
    let mut updates = 0;
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
        assert_eq!(one.status, IncidentStatus::Resolved, "{}", one.id);
        assert!(one.updates.len() >= 2, "{}", one.id);
        assert_eq!(
            one.updates[0].status,
            IncidentStatus::Investigating,
            "{}",
            one.id
        );
        for update in &one.updates {
            // Every year-less stamp lands in 2026, before the feed was written.
            assert!(update.at >= utc("2026-07-25T00:00:00Z"), "{}", update.id);
            assert!(update.at <= utc("2026-08-22T03:43:56Z"), "{}", update.id);
            assert!(!update.body.is_empty(), "{}", update.id);
            assert!(!update.body.contains("&amp;"), "{}", update.id);
        }
        updates += one.updates.len();
    }
    assert_eq!(updates, 25 + 16 + 25 + 112);
    let first = incident(&snapshot, "tag:www.githubstatus.com,2005:Incident/31233568");
    assert_eq!(first.title, "Intermittent failures creating agent tasks");
    assert_eq!(
        first.url.as_deref(),
        Some("https://www.githubstatus.com/incidents/bhbcjn4n3jzp")
    );
    assert_eq!(first.resolved_at, Some(utc("2026-08-21T00:37:00Z")));
    let last = first.updates.last().unwrap();
    assert!(last.body.starts_with("This incident has been resolved."));
    assert_eq!(
        last.id,
        "tag:www.githubstatus.com,2005:Incident/31233568/2026-08-21T00:37:00+00:00"
    );
    // "Update" keeps the status before it.
    let update = &first.updates[first.updates.len() - 2];
    assert_eq!(update.at, utc("2026-08-20T20:37:00Z"));
    assert_ne!(update.status.as_str(), "Update");
}

#[test]
fn instatus_history_atoms() {
    let Some(body) = shared("instatus/perplexity-kagi-history-atom-2026-fixture.xml") else {
        return;
    };
    let snapshot = parse_feed(&body).unwrap();
    assert_eq!(snapshot.incidents.len(), 1);
    let one = incident(
        &snapshot,
        "tag:status.perplexity.com,2005:Incident/cmq08wkuw02waqmn6yt1kdgej",
    );
    assert_timeline_rules(one);
    assert_eq!(words(one), ["investigating", "monitoring", "resolved"]);
    assert_eq!(one.started_at, utc("2026-06-04T21:10:00Z"));
    assert_eq!(one.resolved_at, Some(utc("2026-06-05T01:40:38Z")));
    assert_eq!(one.component_ids, ["Website"]);
    assert_eq!(one.updates[2].body, "This incident has been resolved..");
    // `Type: Maintenance` wins over the `Incident/` id.
    assert_eq!(snapshot.maintenances.len(), 1);
    let feedback = &snapshot.maintenances[0];
    assert_eq!(
        feedback.id,
        "tag:status.kagi.com,2005:Incident/cmaintenance123"
    );
    assert_eq!(feedback.status, MaintenanceStatus::Completed);
    assert_eq!(feedback.scheduled_for, Some(utc("2026-02-23T09:00:00Z")));
    assert_eq!(feedback.scheduled_until, Some(utc("2026-02-23T09:18:00Z")));
    assert_eq!(feedback.component_ids, ["feedback"]);

    let Some(body) = shared("instatus/kagi-history-atom-maintenance-2026-07-fixture.xml") else {
        return;
    };
    let snapshot = parse_feed(&body).unwrap();
    assert!(snapshot.incidents.is_empty());
    let window = &snapshot.maintenances[0];
    assert_eq!(window.title, "Database maintenance for Kagi Search");
    assert_eq!(window.status, MaintenanceStatus::Completed);
    // `published` (the planned start) is later than `updated`: stamps still land in 2026.
    assert_eq!(window.scheduled_for, Some(utc("2026-07-19T06:00:00Z")));
    assert_eq!(window.scheduled_until, Some(utc("2026-07-19T06:07:55Z")));
}

#[test]
fn aws_rss_resolved_items() {
    let Some(body) = shared("aws/aws-all-rss-2021-12-20.xml") else {
        return;
    };
    let snapshot = parse_feed(&body).unwrap();
    assert_eq!(
        snapshot.page.name.as_deref(),
        Some("Amazon Web Services Service Status")
    );
    assert_eq!(snapshot.incidents.len(), 2);
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "http://status.aws.amazon.com/#internetconnectivity-us-gov-west-1_1639599392",
            "http://status.aws.amazon.com/#internetconnectivity-us-gov-west-1_1639584617",
        ]
    );
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
        assert_eq!(one.status, IncidentStatus::Resolved);
        assert_eq!(one.title, "Internet Connectivity");
        assert_eq!(one.impact, Impact::None);
        assert_eq!(one.updates.len(), 1);
    }
    // PST is UTC−8.
    assert_eq!(
        snapshot.incidents[0].started_at,
        utc("2021-12-15T20:16:32Z")
    );
    assert_eq!(
        snapshot.incidents[1].resolved_at,
        Some(utc("2021-12-15T16:10:17Z"))
    );
    assert!(snapshot.incidents[1].updates[0]
        .body
        .starts_with("We have resolved"));
}

#[test]
fn azure_fragment_does_not_panic() {
    let Some(body) = shared("azure/azure-status-feed-2018-11-12-fragment.xml.txt") else {
        return;
    };
    // A cut-off document: an error, or whatever could be read; never a panic.
    match parse_feed(&body) {
        Ok(snapshot) => {
            assert_eq!(snapshot.page.name.as_deref(), Some("Azure Status"));
            for one in &snapshot.incidents {
                assert_timeline_rules(one);
            }
        }
        Err(err) => assert!(matches!(err, SourceError::Feed { .. }), "{err}"),
    }
}

#[test]
fn acme_incident_io_feed() {
    let snapshot = parse_feed(&fixture("acme-incidentio-feed.atom")).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Acme status"));
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://status.acme.test/")
    );
    let open = incident(
        &snapshot,
        "https://status.acme.test/incidents/01HACMEOPEN000000000000001",
    );
    assert_timeline_rules(open);
    assert_eq!(open.title, "Logins slow & flaky");
    assert_eq!(open.status, IncidentStatus::Identified);
    assert_eq!(open.impact, Impact::Critical);
    assert_eq!(open.started_at, utc("2026-05-04T10:00:00Z"));
    assert_eq!(open.updates.len(), 1);
    let update = &open.updates[0];
    assert_eq!(update.at, utc("2026-05-04T11:30:00Z"));
    assert_eq!(update.body, "We found the cause & are rolling out a fix.");
    let statuses: Vec<(&str, ComponentStatus)> = update
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Login", ComponentStatus::DegradedPerformance),
            ("API", ComponentStatus::MajorOutage),
            ("Dashboard", ComponentStatus::Operational),
        ]
    );
    assert_eq!(open.component_ids, ["Login", "API", "Dashboard"]);
    let done = incident(
        &snapshot,
        "https://status.acme.test/incidents/01HACMEDONE000000000000002",
    );
    assert_timeline_rules(done);
    assert_eq!(done.status, IncidentStatus::Resolved);
    assert_eq!(done.resolved_at, Some(utc("2026-05-01T09:15:00Z")));
    assert_eq!(done.updates[0].body, "Webhooks are flowing again.");
    // Components come from the open incident only.
    let components: Vec<(&str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        components,
        [
            ("API", ComponentStatus::MajorOutage),
            ("Dashboard", ComponentStatus::Operational),
            ("Login", ComponentStatus::DegradedPerformance),
        ]
    );
}

#[test]
fn acme_history_atom_crosses_the_new_year() {
    let snapshot = parse_feed(&fixture("acme-history.atom")).unwrap();
    let one = incident(&snapshot, "tag:status.acme.test,2005:Incident/9001");
    assert_timeline_rules(one);
    assert_eq!(
        words(one),
        ["investigating", "identified", "identified", "resolved"]
    );
    assert_eq!(one.started_at, utc("2025-12-31T23:00:00Z"));
    assert_eq!(one.resolved_at, Some(utc("2026-01-01T01:10:00Z")));
    assert_eq!(
        one.updates[2].body,
        "Still <a href=\"https://acme.test/x\">working</a>."
    );
    assert_eq!(one.updates[3].body, "All good & quiet.");
    assert_eq!(one.impact, Impact::None);
    // Statuspage maintenance words make a maintenance.
    assert_eq!(snapshot.maintenances.len(), 1);
    assert_eq!(
        snapshot.maintenances[0].status,
        MaintenanceStatus::InProgress
    );
    assert_eq!(snapshot.maintenances[0].scheduled_until, None);
    // An unknown word is kept, and keeps the incident open.
    let odd = incident(&snapshot, "tag:status.acme.test,2005:Incident/9003");
    assert_eq!(odd.status, IncidentStatus::Other("Escalated".into()));
    assert_eq!(odd.resolved_at, None);
    assert_eq!(odd.url, None);
}

#[test]
fn acme_rss_layouts() {
    let snapshot = parse_feed(&fixture("acme-status.rss")).unwrap();
    assert_eq!(snapshot.incidents.len(), 3);
    let queue = incident(&snapshot, "https://status.acme.test/#queue-eu_1");
    assert_eq!(queue.title, "Acme Queue latency");
    assert_eq!(queue.status, IncidentStatus::Investigating);
    assert_eq!(queue.impact, Impact::Minor);
    assert_eq!(
        queue.started_at,
        utc("2026-05-05T09:00:00Z"),
        "PDT is UTC−7"
    );
    assert_eq!(
        queue.updates[0].body,
        "We are investigating <b>elevated</b> latency & errors."
    );
    let storage = incident(&snapshot, "storage-west-1");
    assert_eq!(storage.title, "Acme Storage - West");
    assert_eq!(storage.status, IncidentStatus::Resolved);
    // No date of its own: the channel's `Z`-zoned lastBuildDate stands in.
    let search = incident(&snapshot, "search-east-1");
    assert_eq!(search.status, IncidentStatus::Investigating);
    assert_eq!(search.started_at, utc("2026-05-05T10:00:00Z"));
}

#[test]
fn entity_bombs_and_external_entities_are_not_expanded() {
    let body = fixture("acme-entity-bomb.rss");
    match parse_feed(&body) {
        Ok(snapshot) => {
            let text = serde_json::to_string(&snapshot).unwrap();
            assert!(text.len() < 10_000, "expanded to {} bytes", text.len());
            assert!(!text.contains("lollol"));
            assert!(!text.contains("root:"));
            let one = incident(&snapshot, "bomb-1");
            assert_eq!(one.title, "Acme bomb &lol9;");
            assert!(
                one.updates[0].body.contains("&xxe;"),
                "{}",
                one.updates[0].body
            );
        }
        Err(err) => assert!(matches!(err, SourceError::Feed { .. }), "{err}"),
    }
}

#[test]
fn hostile_feeds_are_errors() {
    assert!(matches!(parse_feed(b""), Err(SourceError::Empty)));
    assert!(matches!(parse_feed(b" \n"), Err(SourceError::Empty)));
    assert!(matches!(
        parse_feed(b"<!DOCTYPE html><html><body>Just a moment</body></html>"),
        Err(SourceError::Html)
    ));
    for body in [&b"not xml"[..], b"<rss", b"\xff\xfe\x00<", b"<feed><entry>"] {
        assert!(
            parse_feed(body).is_err(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn many_updates_at_one_time_get_distinct_ids_quickly() {
    let paragraph = "&lt;p&gt;&lt;small&gt;Jan 1, 00:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Update&lt;/strong&gt; - x&lt;/p&gt;";
    let most = lookout_core::sources::budget::MAX_UPDATES_PER_INCIDENT;
    let snapshot = parse_feed(entry(&paragraph.repeat(most)).as_bytes()).unwrap();
    let updates = &snapshot.incidents[0].updates;
    assert_eq!(updates.len(), most);
    assert_eq!(updates[0].id, "x/2026-01-01T00:00:00+00:00");
    assert_eq!(updates[1].id, "x/2026-01-01T00:00:00+00:00#002");
    let ids: std::collections::HashSet<&str> = updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids.len(), most);
    let one_more = parse_feed(entry(&paragraph.repeat(most + 1)).as_bytes());
    assert!(
        matches!(one_more, Err(SourceError::TooComplex { .. })),
        "{one_more:?}"
    );
}

fn entry(content: &str) -> String {
    format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id><updated>2026-01-01T00:00:00Z</updated><title>t</title><content type=\"html\">{content}</content></entry></feed>"
    )
}

proptest! {
    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_feed(&body);
    }

    #[test]
    fn random_content_never_panics(content in "(&lt;(small|/small|strong|/strong|b|/b|li|/li|p|/p|br/)&gt;|Status: |Affected components|Jan |Dec |[0-9]{1,3}|:|, | - |UTC|GMT[+-][0-9:]{0,5}|&amp;#[x0-9a-f]{0,8};|é|[a-z ]{0,5})*") {
        if let Ok(snapshot) = parse_feed(entry(&content).as_bytes()) {
            for one in &snapshot.incidents {
                assert_timeline_rules(one);
            }
        }
    }
}
