//! One status rule: a feed-only page with an open incident has the same status in `lookout
//! check`, `lookout list`, the tray and the webhook payload — never "operational".

use crate::alerts::receiver;
use crate::{lookout, stdout};
use lookout_desktop::{overview, TrayState};
use lookout_fake_status_server::FakeStatusServer;
use lookout_store::Store;
use serde_json::Value;

#[test]
fn a_feed_only_page_with_an_open_incident_has_one_status_everywhere() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let feed = std::fs::read(format!(
        "{}/../../tests/fixtures/feeds/acme-open-incident.rss",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    server.set_document("feedy", "status.rss", "application/rss+xml", feed);
    let url = format!("{}status.rss", server.page_url("feedy"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");

    let check = lookout(None, &["check", &url, "--json"]);
    let checked: Value = serde_json::from_str(&stdout(&check)).unwrap();
    assert_eq!(checked["status"], "degraded_performance");
    assert_eq!(check.status.code(), Some(1), "degraded");

    let (hook, got) = receiver(0);
    assert!(lookout(Some(&db), &["sinks", "add", "webhook", &hook])
        .status
        .success());
    // Added with its page read: the open incident is reported once, and delivered by the poll.
    let added = lookout(Some(&db), &["add", &url, "--name", "Feedy"]);
    assert!(added.status.success(), "{added:?}");
    let polled = lookout(Some(&db), &["poll", "--json"]);
    assert!(polled.status.success(), "{polled:?}");

    let list: Value =
        serde_json::from_str(&stdout(&lookout(Some(&db), &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["status"], "degraded_performance");

    let store = Store::open(&db).unwrap();
    let now = chrono::Utc::now();
    let details = lookout_engine::operations::providers::details(&store, now).unwrap();
    let view = overview(details, None, now);
    let tray = TrayState::from_overview(&view);
    assert_eq!(tray.icon, "degraded_performance");
    assert_eq!(
        tray.summary,
        "Feedy: degraded performance — Elevated error rates on the API"
    );

    let bodies = got.lock().unwrap();
    let message: Value = serde_json::from_slice(&bodies[0].1).unwrap();
    assert_eq!(message["status"], "degraded_performance");
    assert_eq!(message["events"][0]["kind"], "incident_opened");
}
