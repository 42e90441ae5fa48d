//! The big vendors' own pages: Google's dashboards beside Google Cloud's (Firebase,
//! Workspace…), detected from the page's own address, below its path, by Google Cloud's
//! `incidents.json`, and read with links under that page; Azure DevOps by its Status API's health
//! document; Apple's developer services by the URL of their JSONP document, named as that page;
//! and a catalogued service that cannot be watched, refused with its reason before any
//! request.

use crate::platforms::fixture;
use crate::{clock, fetcher};
use lookout_core::{Clock, Platform};
use lookout_fake_status_server::FakeStatusServer;
use lookout_poller::{detect, find, read_page, PageRead, PollError};
use std::collections::HashMap;

/// What a read of `base` as `platform` observed (the test fails if the page is not read).
async fn read_as(
    fetcher: &lookout_poller::Fetcher,
    platform: Platform,
    base: &url::Url,
    now: chrono::DateTime<chrono::Utc>,
) -> lookout_core::diff::Observation {
    let read = read_page(fetcher, platform, base, &HashMap::new(), now)
        .await
        .unwrap();
    let PageRead::Read { observation, .. } = read else {
        panic!("nothing read")
    };
    observation
}

#[tokio::test]
async fn a_dashboard_below_a_path_is_detected_and_read_with_its_own_links() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "google",
        "appsstatus/dashboard/incidents.json",
        "application/json",
        fixture("gcp/workspace-incidents.json"),
    );
    // The human page, as a user pastes it (no trailing slash).
    let page = format!("{}appsstatus/dashboard", server.page_url("google"));
    let (fetcher, now) = (fetcher(), clock().now());
    let detected = detect(&fetcher, &page, now).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Gcp, format!("{page}/").as_str())
    );
    // Not Google Cloud's name: this host is no known dashboard, so it is named by its host.
    assert_eq!(detected.name(), "127.0.0.1");
    let observation = read_as(&fetcher, Platform::Gcp, &detected.base, now).await;
    let links: Vec<&str> = observation
        .snapshot
        .incidents
        .iter()
        .filter_map(|i| i.url.as_deref())
        .collect();
    assert_eq!(
        links,
        [
            format!("{page}/incidents/WsOpen000000000000001"),
            format!("{page}/incidents/WsDone000000000000002")
        ]
    );
    assert_eq!(observation.snapshot.components.len(), 2);
}

#[tokio::test]
async fn a_service_that_cannot_be_watched_is_refused_with_its_reason() {
    // No server: the refusal comes from the catalogue, before any request.
    let error = find(&fetcher(), "okta", clock().now()).await.unwrap_err();
    assert!(matches!(&error, PollError::NotWatchable { name, .. } if name == "Okta"));
    assert_eq!(error.reason(), "not_watchable");
    let message = error.to_string();
    assert!(
        message.starts_with("Okta cannot be watched: status.okta.com publishes its status only"),
        "{message}"
    );
    assert!(message.contains("lookout probe add"), "{message}");
}

#[tokio::test]
async fn azure_devops_is_detected_by_its_health_document_and_read() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "ado",
        "_apis/status/health",
        "application/json",
        fixture("azure_devops/acme-health.json"),
    );
    let (fetcher, now) = (fetcher(), clock().now());
    let detected = detect(&fetcher, &server.page_url("ado"), now)
        .await
        .unwrap();
    assert_eq!(detected.platform, Platform::AzureDevOps);
    assert_eq!(detected.name(), "Azure DevOps");
    let observation = read_as(&fetcher, Platform::AzureDevOps, &detected.base, now).await;
    assert_eq!(observation.snapshot.components.len(), 10);
}

#[tokio::test]
async fn apples_document_is_detected_by_its_url_read_and_named_as_its_page() {
    let server = FakeStatusServer::start().await.unwrap();
    let path = "support/systemstatus/data/developer/system_status_en_US.js";
    server.set_document(
        "apple",
        path,
        "application/javascript",
        fixture("apple/acme-system-status.js"),
    );
    let input = format!("{}{path}", server.page_url("apple"));
    let (fetcher, now) = (fetcher(), clock().now());
    let detected = detect(&fetcher, &input, now).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Apple, input.as_str())
    );
    assert_eq!(detected.name(), "Apple Developer");
    let observation = read_as(&fetcher, Platform::Apple, &detected.base, now).await;
    let snapshot = observation.snapshot;
    assert_eq!(snapshot.page.name.as_deref(), Some("Apple Developer"));
    assert_eq!(snapshot.components.len(), 6);
    assert_eq!(snapshot.incidents.len(), 3);
}

#[tokio::test]
async fn a_body_that_is_not_a_jsonp_call_is_an_unreadable_page() {
    let server = FakeStatusServer::start().await.unwrap();
    let path = "support/systemstatus/data/system_status_en_US.js";
    server.set_document(
        "apple",
        path,
        "application/javascript",
        br#"{"services": [{"serviceName": "Mail", "events": []}]}"#.to_vec(),
    );
    let input = format!("{}{path}", server.page_url("apple"));
    let base = url::Url::parse(&input).unwrap();
    let error = read_page(
        &fetcher(),
        Platform::Apple,
        &base,
        &HashMap::new(),
        clock().now(),
    )
    .await
    .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("expected a JSONP call"), "{text}");
}
