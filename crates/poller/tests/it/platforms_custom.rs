//! Detection and reading of the vendors' own status sites (Heroku, Salesforce Trust, Zendesk,
//! IBM Cloud's feed), served
//! from the project's own fixtures by the fake server, on 127.0.0.1.

use crate::platforms::{detect_and_read, fixture, serve_and_read};
use crate::{clock, fetcher};
use lookout_core::sources::Document;
use lookout_core::{Clock, Platform};
use lookout_fake_status_server::FakeStatusServer;
use lookout_poller::{detect, read_page, PageRead};
use std::collections::HashMap;

#[tokio::test]
async fn heroku_is_detected_by_its_v4_document_and_read_with_its_history() {
    // No `api/v4/incidents` is served: that optional document's 404 does not fail the read.
    detect_and_read(
        "acme-heroku",
        &[(
            "api/v4/current-status",
            "heroku/acme-current-status.json",
            Document::HerokuCurrentStatus,
        )],
        Platform::Heroku,
    )
    .await;
    let snapshot = serve_and_read(
        "heroku",
        &[
            ("api/v4/current-status", "heroku/acme-current-status.json"),
            ("api/v4/incidents", "heroku/acme-incidents.json"),
        ],
        Platform::Heroku,
        "",
    )
    .await;
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["4102", "4095", "4088"],
        "the open one once, then the history"
    );
    assert_eq!(snapshot.components.len(), 4, "from `current-status`");
    let maintenances: Vec<&str> = snapshot
        .maintenances
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(maintenances, ["4090", "4099"]);
    // A pasted API URL is cut back to the page.
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "hk",
        "api/v4/current-status",
        "application/json",
        fixture("heroku/acme-current-status.json"),
    );
    let url = format!("{}api/v4/current-status", server.page_url("hk"));
    let detected = detect(&fetcher(), &url, clock().now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Heroku, server.page_url("hk").as_str())
    );
    assert_eq!(detected.name(), "Heroku");
}

#[tokio::test]
async fn a_salesforce_trust_url_is_detected_and_read_with_its_own_incidents_only() {
    let server = FakeStatusServer::start().await.unwrap();
    let instances = fixture("salesforce_trust/acme-instances.json");
    server.set_document("sf", "v1/instances", "application/json", instances.clone());
    server.set_document(
        "sf",
        "v1/incidents/active",
        "application/json",
        fixture("salesforce_trust/acme-incidents-active.json"),
    );
    // Detection sends only Trust URLs here: a status.salesforce.com page, or an API URL.
    let url = format!("{}v1/instances?products=Acme", server.page_url("sf"));
    let detected = detect(&fetcher(), &url, clock().now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::SalesforceTrust, url.as_str())
    );
    assert_eq!(
        detected.snapshot,
        Document::TrustInstances.parse(&instances).unwrap()
    );
    let read = read_page(
        &fetcher(),
        Platform::SalesforceTrust,
        &detected.base,
        &HashMap::new(),
        clock().now(),
    )
    .await
    .unwrap();
    let PageRead::Read { observation, .. } = read else {
        panic!("nothing read")
    };
    let ids: Vec<&str> = observation
        .snapshot
        .incidents
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["31001", "31002"],
        "other products' incidents left out"
    );
    assert_eq!(observation.snapshot.components.len(), 5);
}

#[tokio::test]
async fn zendesk_is_detected_by_its_active_incidents_and_read_with_its_maintenance() {
    // No `api/incidents/maintenance` is served: that optional document's 404 does not fail it.
    detect_and_read(
        "acme-zendesk",
        &[(
            "api/incidents/active",
            "zendesk/acme-active.json",
            Document::ZendeskActive,
        )],
        Platform::Zendesk,
    )
    .await;
    let snapshot = serve_and_read(
        "zendesk",
        &[
            ("api/incidents/active", "zendesk/acme-active.json"),
            ("api/incidents/maintenance", "zendesk/acme-maintenance.json"),
        ],
        Platform::Zendesk,
        "",
    )
    .await;
    let maintenances: Vec<&str> = snapshot
        .maintenances
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(maintenances, ["5001", "4990"]);
    assert_eq!(snapshot.incidents.len(), 3);
    assert_eq!(snapshot.page.name.as_deref(), Some("Zendesk"));
}

#[tokio::test]
async fn an_ibm_cloud_feed_url_is_read_as_a_feed_without_its_product_news() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "ibm",
        "status/api/notifications/feed.rss",
        "application/rss+xml",
        fixture("feeds/acme-ibm-cloud.rss"),
    );
    let url = format!(
        "{}status/api/notifications/feed.rss",
        server.page_url("ibm")
    );
    let detected = detect(&fetcher(), &url, clock().now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Feed, url.as_str())
    );
    let ids: Vec<&str> = detected
        .snapshot
        .incidents
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["acme-901", "acme-898"],
        "announcements and releases left out"
    );
    assert_eq!(detected.snapshot.maintenances.len(), 1);
}
