//! Apple System Status (`www.apple.com/support/systemstatus/data/…/system_status_en_US.js`): the
//! project's own "Acme" fixture, written from the shape the public readers of the document record,
//! its detection from Apple's pages and the document's own URL, the JSONP wrapper, and hostile
//! input.

use lookout_core::sources::endpoints::{base_url, endpoints};
use lookout_core::sources::{apple, Document};
use lookout_core::{
    ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, Platform, SourceError,
};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn the_acme_document_reads_as_services_incidents_and_a_maintenance() {
    let snapshot = Document::AppleStatus
        .parse(&fixture("apple/acme-system-status.js"))
        .unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Apple"));
    let rows: Vec<(&str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Acme Cloud Mail", ComponentStatus::MajorOutage),
            ("Acme Cloud Drive", ComponentStatus::MajorOutage),
            ("Acme Music", ComponentStatus::Operational),
            ("Acme Store Connect", ComponentStatus::PartialOutage),
            ("Acme Sign In", ComponentStatus::Operational),
            ("Acme Maps", ComponentStatus::Operational),
        ]
    );
    // One outage listed under two services is one incident touching both.
    assert_eq!(snapshot.incidents.len(), 3);
    let outage = snapshot
        .incidents
        .iter()
        .find(|i| i.id == "1000000101")
        .unwrap();
    assert_eq!(
        outage.component_ids,
        ["Acme Cloud Mail", "Acme Cloud Drive"]
    );
    assert_eq!(
        (
            outage.status.clone(),
            outage.impact.clone(),
            outage.resolved_at
        ),
        (IncidentStatus::Investigating, Impact::Major, None)
    );
    assert_eq!(outage.title, "Acme Cloud Mail: Outage");
    assert_eq!(outage.started_at.to_rfc3339(), "2026-06-02T08:00:00+00:00");
    assert!(outage.updates[0]
        .body
        .contains("unable to send or receive mail"));
    let slow = snapshot
        .incidents
        .iter()
        .find(|i| i.id == "1000000097")
        .unwrap();
    assert_eq!(slow.status, IncidentStatus::Resolved);
    assert_eq!(
        slow.resolved_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-06-01T11:30:00+00:00")
    );
    let [work] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected: {:?}", snapshot.maintenances)
    };
    assert_eq!(
        (
            work.id.as_str(),
            work.status.clone(),
            work.component_ids.as_slice()
        ),
        (
            "1000000110",
            MaintenanceStatus::Scheduled,
            &["Acme Sign In".to_string()][..]
        )
    );
    assert_eq!(
        work.scheduled_until.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-06-05T09:00:00+00:00")
    );
}

#[test]
fn apples_pages_and_documents_are_detected_by_their_url() {
    let consumer = apple::CONSUMER_DATA;
    let developer = apple::DEVELOPER_DATA;
    for (input, want) in [
        (
            "https://www.apple.com/support/systemstatus/",
            Some(consumer),
        ),
        ("www.apple.com/uk/support/systemstatus/", Some(consumer)),
        (
            "https://developer.apple.com/system-status/",
            Some(developer),
        ),
        ("https://developer.apple.com/system-status", Some(developer)),
        (consumer, Some(consumer)),
        (developer, Some(developer)),
        (
            "http://127.0.0.1:9/pages/a/support/systemstatus/data/system_status_fr_FR.js?cb=1",
            Some("http://127.0.0.1:9/pages/a/support/systemstatus/data/system_status_fr_FR.js"),
        ),
        ("https://www.apple.com/iphone/", None),
        ("https://developer.apple.com/documentation/", None),
        (
            "https://status.example.com/support/systemstatus/data/evil/x.js",
            None,
        ),
        ("ftp://www.apple.com/support/systemstatus/", None),
    ] {
        assert_eq!(
            apple::status_url(input).as_ref().map(url::Url::as_str),
            want,
            "{input}"
        );
    }
    let base = base_url(developer).unwrap();
    let url = url::Url::parse(developer).unwrap();
    let [one] = endpoints(Platform::Apple, &url).try_into().unwrap();
    assert_eq!(
        (one.document, one.url.as_str()),
        (Document::AppleStatus, developer)
    );
    assert_eq!(base.host_str(), Some("www.apple.com"));
    assert_eq!(Platform::from_name("apple"), Some(Platform::Apple));
    assert_eq!(Platform::Apple.as_str(), "apple");
    let mut snapshot = lookout_core::Snapshot::default();
    apple::fit_to_document(&mut snapshot, &url);
    assert_eq!(snapshot.page.name.as_deref(), Some("Apple Developer"));
    assert_eq!(snapshot.page.url.as_deref(), Some(apple::DEVELOPER_PAGE));
}

#[test]
fn the_catalogue_reads_apple_and_apple_developer_with_this_reader() {
    for (name, url) in [
        ("Apple", "https://www.apple.com/support/systemstatus/"),
        (
            "Apple Developer",
            "https://developer.apple.com/system-status/",
        ),
    ] {
        let entry = lookout_core::catalog::find(name).unwrap();
        assert_eq!(
            (
                entry.name.as_str(),
                entry.platform.as_str(),
                entry.url.as_str()
            ),
            (name, "apple", url)
        );
        assert!(entry.readable, "{name}");
        assert!(apple::status_url(&entry.url).is_some(), "{name}");
    }
}

#[test]
fn hostile_documents_are_errors_not_panics_and_never_operational() {
    let many: String = (0..10_001)
        .map(|i| format!(r#"{{"serviceName": "s{i}", "events": []}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let long = "x".repeat(600);
    let deep = format!("cb({}{})", "[".repeat(5_000), "]".repeat(5_000));
    for body in [
        String::new(),
        "   ".into(),
        "<!DOCTYPE html><html></html>".into(),
        r#"{"services": [{"serviceName": "Mail", "events": []}]}"#.into(),
        "jsonCallback(".into(),
        "jsonCallback({\"services\": [".into(),
        "jsonCallback({});alert(1)".into(),
        "jsonCallback(null);".into(),
        "jsonCallback({});".into(),
        r#"jsonCallback({"services": {}});"#.into(),
        r#"jsonCallback({"services": []});"#.into(),
        r#"jsonCallback({"services": [{"serviceName": " "}]});"#.into(),
        format!("jsonCallback({{\"services\": [{many}]}});"),
        format!(r#"jsonCallback({{"services": [{{"serviceName": "{long}"}}]}});"#),
        format!(
            r#"cb({{"services": [{{"serviceName": "M", "events": [{{"messageId": "{long}", "epochStartDate": 1780387200000}}]}}]}})"#
        ),
        deep,
        format!("{}({{}})", "c".repeat(100)),
    ] {
        let parsed = Document::AppleStatus.parse(body.as_bytes());
        assert!(
            parsed.is_err() && !matches!(parsed, Err(SourceError::ReaderFailed { .. })),
            "{}: {parsed:?}",
            &body[..body.len().min(80)]
        );
    }
}

#[test]
fn an_unfamiliar_word_never_reads_as_operational() {
    let body = br#"jsonCallback({"services": [
        {"serviceName": "A", "events": [{"statusType": "Wobble", "eventStatus": "ongoing"}]},
        {"serviceName": "B", "events": [{"statusType": "Outage", "eventStatus": "spinning",
            "epochStartDate": 1780387200000, "messageId": 7}]},
        {"serviceName": "C", "events": [{"eventStatus": "ongoing"}, "junk", 3]},
        {"serviceName": "D", "events": [{"statusType": "Outage", "eventStatus": "resolved"}]}
    ]});"#;
    let snapshot = Document::AppleStatus.parse(body).unwrap();
    let statuses: Vec<ComponentStatus> = snapshot
        .components
        .iter()
        .map(|c| c.status.clone())
        .collect();
    assert_eq!(
        statuses,
        [
            ComponentStatus::Other("Wobble".into()),
            ComponentStatus::MajorOutage,
            ComponentStatus::Unknown,
            ComponentStatus::Operational,
        ]
    );
    let [open] = snapshot.incidents.as_slice() else {
        panic!("{:?}", snapshot.incidents)
    };
    assert_eq!(open.id, "7");
    assert_eq!(open.status, IncidentStatus::Other("spinning".into()));
    assert!(!open.status.is_resolved());
}
