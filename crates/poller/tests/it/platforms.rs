//! Detection and reading of the other platforms (Instatus, Better Stack, Cachet…), served from the
//! project's own fixtures by the fake server, on 127.0.0.1.

use crate::{clock, fetcher};
use lookout_core::sources::Document;
use lookout_core::{Clock, Platform};
use lookout_fake_status_server::FakeStatusServer;
use lookout_poller::{detect, read_page, PageRead};
use std::collections::HashMap;

pub(crate) fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Serves `documents` (path on the page, fixture) under `slug` and reads the page at
/// `page_path` under it as `platform`, without detection; returns what was read.
pub(crate) async fn serve_and_read(
    slug: &str,
    documents: &[(&str, &str)],
    platform: Platform,
    page_path: &str,
) -> lookout_core::Snapshot {
    let server = FakeStatusServer::start().await.unwrap();
    for (path, file) in documents {
        server.set_document(slug, path, "application/json", fixture(file));
    }
    let url = url::Url::parse(&format!("{}{page_path}", server.page_url(slug))).unwrap();
    let read = read_page(&fetcher(), platform, &url, &HashMap::new(), clock().now())
        .await
        .unwrap();
    let PageRead::Read { observation, .. } = read else {
        panic!("nothing read")
    };
    observation.snapshot
}

/// Serves `documents` (path on the page, fixture) under `slug`, detects the page and reads it;
/// checks the platform and that what came over HTTP is what the documents hold.
pub(crate) async fn detect_and_read(
    slug: &str,
    documents: &[(&str, &str, Document)],
    expected: Platform,
) {
    let server = FakeStatusServer::start().await.unwrap();
    for (path, file, _) in documents {
        server.set_document(slug, path, "application/json", fixture(file));
    }
    let clock = clock();
    let fetcher = fetcher();
    let detected = detect(&fetcher, &server.page_url(slug), clock.now())
        .await
        .unwrap();
    assert_eq!(detected.platform, expected);
    let read = read_page(
        &fetcher,
        expected,
        &detected.base,
        &HashMap::new(),
        clock.now(),
    )
    .await
    .unwrap();
    let PageRead::Read { observation, .. } = read else {
        panic!("nothing read")
    };
    let snapshot = observation.snapshot;
    let mut components = 0;
    let mut incidents = 0;
    for (_, file, document) in documents {
        let parsed = document.parse(&fixture(file)).unwrap();
        components = components.max(parsed.components.len());
        incidents += parsed.incidents.len();
    }
    assert!(components > 0, "{slug}: the fixture has components");
    assert_eq!(snapshot.components.len(), components, "{slug}");
    assert_eq!(snapshot.incidents.len(), incidents, "{slug}");
}

#[tokio::test]
async fn instatus_pages_are_detected_and_read_with_their_components() {
    // No `v2/incidents.json` is served: that optional document's 404 does not fail the read.
    detect_and_read(
        "acme-instatus",
        &[
            (
                "summary.json",
                "instatus/acme-summary.json",
                Document::InstatusSummary,
            ),
            (
                "v2/components.json",
                "instatus/acme-components.json",
                Document::InstatusComponents,
            ),
        ],
        Platform::Instatus,
    )
    .await;
}

#[tokio::test]
async fn instatus_history_adds_past_incidents_and_timelines() {
    let snapshot = serve_and_read(
        "acme",
        &[
            ("summary.json", "instatus/acme-summary.json"),
            ("v2/components.json", "instatus/acme-components.json"),
            ("v2/incidents.json", "instatus/acme-incidents.json"),
        ],
        Platform::Instatus,
        "",
    )
    .await;
    assert_eq!(snapshot.components.len(), 4);
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cacme0incident0api",
            "cacme0incident0dash",
            "cacme0incident0mail",
            "cacme0incident0login"
        ],
        "the summary's open incidents, then the history's past ones"
    );
    let api = &snapshot.incidents[0];
    assert_eq!(api.status.as_str(), "monitoring", "the summary's status");
    assert_eq!(api.updates.len(), 3, "the history's timeline");
}

#[tokio::test]
async fn slack_history_adds_past_incidents() {
    let snapshot = serve_and_read(
        "slack",
        &[
            ("api/v2.0.0/current", "slack/acme-current.json"),
            ("api/v2.0.0/history", "slack/acme-history.json"),
        ],
        Platform::Slack,
        "",
    )
    .await;
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["501", "502", "503", "490", "470", "460"]);
    assert_eq!(snapshot.components.len(), 5, "from `current`");
}

#[tokio::test]
async fn aws_health_events_are_read_from_utf16() {
    let file = "aws/aws-currentevents-constructed-utf16le.json";
    // Detection sends only health.aws.amazon.com URLs here; the stored URL is the document.
    let path = "public/currentevents";
    let snapshot = serve_and_read("aws", &[(path, file)], Platform::Aws, path).await;
    let body = fixture(file);
    let expected = Document::AwsHealthEvents.parse(&body).unwrap();
    assert_eq!(expected.incidents.len(), 4);
    assert_eq!(snapshot, expected);
}

#[tokio::test]
async fn better_stack_pages_are_detected_and_read() {
    detect_and_read(
        "acme-betterstack",
        &[(
            "index.json",
            "betterstack/acme-index.json",
            Document::BetterStackIndex,
        )],
        Platform::BetterStack,
    )
    .await;
}

#[tokio::test]
async fn cachet_pages_are_detected_and_read() {
    detect_and_read(
        "acme-cachet",
        &[
            (
                "api/v1/components",
                "cachet/acme-components.json",
                Document::CachetComponents,
            ),
            (
                "api/v1/incidents",
                "cachet/acme-incidents.json",
                Document::CachetIncidents,
            ),
        ],
        Platform::Cachet,
    )
    .await;
}

#[tokio::test]
async fn google_cloud_and_slack_are_detected_and_read() {
    detect_and_read(
        "acme-gcp",
        &[(
            "incidents.json",
            "gcp/acme-incidents.json",
            Document::GcpIncidents,
        )],
        Platform::Gcp,
    )
    .await;
    // No `api/v2.0.0/history` is served: that optional document's 404 does not fail the read.
    detect_and_read(
        "acme-slack",
        &[(
            "api/v2.0.0/current",
            "slack/acme-current.json",
            Document::SlackCurrent,
        )],
        Platform::Slack,
    )
    .await;
}

#[tokio::test]
async fn a_status_io_api_url_is_detected_and_read() {
    let server = FakeStatusServer::start().await.unwrap();
    let body = fixture("statusio/acme-status.json");
    server.set_document(
        "sio",
        "1.0/status/5e2141ce30dc5c04b3ac32fc",
        "application/json",
        body.clone(),
    );
    let url = format!(
        "{}1.0/status/5e2141ce30dc5c04b3ac32fc",
        server.page_url("sio")
    );
    let detected = detect(&fetcher(), &url, clock().now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::StatusIo, url.as_str())
    );
    let expected = Document::StatusIoStatus.parse(&body).unwrap();
    assert!(!expected.components.is_empty());
    assert_eq!(detected.snapshot, expected);
}

#[tokio::test]
async fn a_page_with_only_a_feed_is_read_through_its_feed() {
    let server = FakeStatusServer::start().await.unwrap();
    let feed = fixture("feeds/acme-incidentio-feed.atom");
    server.set_document(
        "acme-feed",
        "feed.atom",
        "application/atom+xml",
        feed.clone(),
    );
    server.set_document(
        "news",
        "status/rss",
        "application/rss+xml",
        fixture("feeds/acme-status.rss"),
    );
    let clock = clock();
    let fetcher = fetcher();
    // The page's own URL: the feed is found at its usual path.
    let detected = detect(&fetcher, &server.page_url("acme-feed"), clock.now())
        .await
        .unwrap();
    assert_eq!(detected.platform, Platform::Feed);
    assert_eq!(
        detected.base.as_str(),
        format!("{}feed.atom", server.page_url("acme-feed"))
    );
    let expected = Document::Feed.parse(&feed).unwrap();
    assert!(!expected.incidents.is_empty());
    assert_eq!(detected.snapshot.incidents, expected.incidents);
    // Any feed URL, pasted as it is.
    let url = format!("{}status/rss", server.page_url("news"));
    let detected = detect(&fetcher, &url, clock.now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Feed, url.as_str())
    );
    let read = read_page(
        &fetcher,
        Platform::Feed,
        &detected.base,
        &HashMap::new(),
        clock.now(),
    )
    .await
    .unwrap();
    assert!(
        matches!(read, PageRead::Read { observation, .. } if !observation.snapshot.incidents.is_empty())
    );
}

#[tokio::test]
async fn a_feed_linked_from_the_page_html_is_found_and_explained() {
    let server = FakeStatusServer::start().await.unwrap();
    let html = r#"<html><head><link rel="alternate" type="application/rss+xml" href="exports/all-events.xml"></head></html>"#;
    server.set_document("vendor", "", "text/html", html.as_bytes().to_vec());
    server.set_document(
        "vendor",
        "exports/all-events.xml",
        "application/rss+xml",
        fixture("feeds/acme-status.rss"),
    );
    let detected = detect(&fetcher(), &server.page_url("vendor"), clock().now())
        .await
        .unwrap();
    let feed = format!("{}exports/all-events.xml", server.page_url("vendor"));
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Feed, feed.as_str())
    );
    assert_eq!(
        detected.notes,
        [
            format!("the page links a feed at {feed}"),
            format!("read {feed} as RSS/Atom feed")
        ]
    );
}

#[tokio::test]
async fn a_page_of_no_known_platform_is_a_clear_error() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "blog",
        "index.html",
        "text/html",
        b"<html>hello</html>".to_vec(),
    );
    let error = detect(&fetcher(), &server.page_url("blog"), clock().now())
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("no supported status page found"), "{text}");
    assert!(
        text.contains(
            "its format is not supported (Lookout reads Atlassian Statuspage, incident.io"
        ) && text.contains("add that feed's URL"),
        "says plainly what it cannot read and what to try: {text}"
    );
    for platform in Platform::ALL.into_iter().filter(|p| {
        !matches!(
            p,
            Platform::StatusIo | Platform::Aws | Platform::Apple | Platform::SalesforceTrust
        )
    }) {
        assert!(
            text.contains(&format!("{platform} at /blog/")),
            "{text} names {platform}"
        );
    }
}

#[tokio::test]
async fn an_unreadable_page_says_what_it_showed_a_platform_named_or_a_feed_linked() {
    let server = FakeStatusServer::start().await.unwrap();
    // A custom domain whose HTML names Atlassian Statuspage, its API not served here.
    let named = r#"<html><script src="https://cdn.statuspage.io/se-v2.js"></script></html>"#;
    server.set_document("named", "", "text/html", named.as_bytes().to_vec());
    let error = detect(&fetcher(), &server.page_url("named"), clock().now())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "its HTML names Atlassian Statuspage, but that platform's documents did not read"
        ),
        "{error}"
    );
    // A page linking a feed that is not one.
    let linked = r#"<html><head><link rel="alternate" type="application/atom+xml" href="feed.atom"></head></html>"#;
    server.set_document("linked", "", "text/html", linked.as_bytes().to_vec());
    server.set_document(
        "linked",
        "feed.atom",
        "application/atom+xml",
        b"not a feed".to_vec(),
    );
    let error = detect(&fetcher(), &server.page_url("linked"), clock().now())
        .await
        .unwrap_err()
        .to_string();
    let feed = format!("{}feed.atom", server.page_url("linked"));
    assert!(
        error.contains(&format!(
            "it links a feed at {feed}, which did not read as RSS or Atom"
        )),
        "{error}"
    );
}
