//! The alert commands through the real binary: sinks, rules, snooze, pause, and `lookout poll`
//! delivering a signed webhook to a receiver on 127.0.0.1 once, and keeping a failed one.

use crate::{lookout, stdout};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use chrono::{TimeZone, Utc};
use lookout_alerts::sinks::signature;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A webhook receiver on its own thread; it answers 500 to the first `failures` requests.
pub fn receiver(failures: usize) -> (String, Received) {
    let got: Received = Arc::default();
    let seen = got.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let count = Arc::new(AtomicUsize::new(0));
            let app = Router::new().route(
                "/hook",
                post(move |headers: HeaderMap, body: Bytes| {
                    let (seen, count) = (seen.clone(), count.clone());
                    async move {
                        seen.lock().unwrap().push((headers, body));
                        if count.fetch_add(1, Ordering::SeqCst) < failures {
                            StatusCode::INTERNAL_SERVER_ERROR
                        } else {
                            StatusCode::NO_CONTENT
                        }
                    }
                }),
            );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}/hook", listener.local_addr().unwrap()))
                .unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    (rx.recv().unwrap(), got)
}

#[test]
fn poll_delivers_a_signed_webhook_once_with_the_rules_applied() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base);
    server.set_page("acme", Dialect::Statuspage, page(0));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    let (url, got) = receiver(0);

    assert!(
        lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"])
            .status
            .success()
    );
    let added = lookout(
        db,
        &[
            "sinks", "add", "webhook", &url, "--secret", "k3y", "--name", "ops",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let listed = stdout(&lookout(db, &["sinks", "list"]));
    assert!(
        listed.contains("ops") && listed.contains("signed"),
        "{listed}"
    );
    assert!(
        !listed.contains("/hook") && !listed.contains("k3y"),
        "secrets shown: {listed}"
    );
    let bad = lookout(db, &["sinks", "add", "pager", &url]);
    assert_eq!(bad.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown sink"));

    assert!(lookout(db, &["poll"]).status.success(), "baseline");
    // Degraded only: below Acme's minimum severity, so nothing is sent.
    let rules = lookout(
        db,
        &["rules", "set", "Acme", "--min-severity", "partial_outage"],
    );
    assert!(rules.status.success(), "{rules:?}");
    server.set_page("acme", Dialect::Statuspage, page(1));
    assert!(lookout(db, &["poll"]).status.success());
    assert!(got.lock().unwrap().is_empty());

    server.set_page("acme", Dialect::Statuspage, page(2));
    let polled = lookout(db, &["poll"]);
    assert!(
        String::from_utf8_lossy(&polled.stderr).contains("alerts: 1 sent"),
        "{polled:?}"
    );
    assert!(lookout(db, &["poll"]).status.success());
    let received = got.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "once, not again on the next poll");
    let (headers, body) = &received[0];
    assert_eq!(
        headers["x-lookout-signature"].to_str().unwrap(),
        signature("k3y", body)
    );
    let payload: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(payload["title"], "Acme: partial outage");
    assert_eq!(
        headers["x-lookout-delivery"].to_str().unwrap(),
        payload["delivery_id"]
    );

    let log = stdout(&lookout(db, &["sinks", "log"]));
    assert!(
        log.contains("sent") && log.contains("Acme: partial outage"),
        "{log}"
    );
    let shown: Value =
        serde_json::from_str(&stdout(&lookout(db, &["rules", "show", "--json"]))).unwrap();
    assert_eq!(shown["providers"]["Acme"]["min_severity"], "partial_outage");
}

#[test]
fn snooze_pause_quiet_hours_and_a_failed_delivery_kept_for_its_retry() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base);
    server.set_page("acme", Dialect::Statuspage, page(0));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    let (url, got) = receiver(1);
    assert!(
        lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"])
            .status
            .success()
    );
    assert!(lookout(db, &["sinks", "add", "slack", &url])
        .status
        .success());
    assert!(lookout(db, &["poll"]).status.success());

    let snoozed = lookout(db, &["snooze", "Acme", "resolved"]);
    assert!(
        stdout(&snoozed).contains("until its incident is resolved"),
        "{snoozed:?}"
    );
    server.set_page("acme", Dialect::Statuspage, page(2));
    assert!(lookout(db, &["poll"]).status.success());
    assert!(got.lock().unwrap().is_empty(), "snoozed");
    assert!(lookout(db, &["snooze", "Acme", "off"]).status.success());
    assert!(stdout(&lookout(db, &["pause", "2h"])).contains("paused until"));
    assert!(stdout(&lookout(db, &["pause", "off"])).contains("resumed"));
    assert_eq!(lookout(db, &["pause", "forever"]).status.code(), Some(3));
    let quiet = lookout(
        db,
        &["rules", "quiet-hours", "22:00-07:00", "--days", "mon-fri"],
    );
    assert!(quiet.status.success(), "{quiet:?}");
    assert!(stdout(&lookout(db, &["rules", "show"])).contains("quiet hours: 22:00-07:00"));
    assert!(lookout(db, &["rules", "quiet-hours", "off"])
        .status
        .success());

    // Resolved (snooze until resolved lets the resolution through): the receiver fails once.
    server.set_page("acme", Dialect::Statuspage, page(3));
    let first = lookout(db, &["poll"]);
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("1 to retry"),
        "{first:?}"
    );
    let log = stdout(&lookout(db, &["sinks", "log"]));
    assert!(log.contains("pending") && log.contains("500"), "{log}");
    // The next poll comes before the 30 s backoff: not sent again yet (the alerts crate's tests
    // follow the retries with a test clock).
    assert!(lookout(db, &["poll"]).status.success());
    assert_eq!(got.lock().unwrap().len(), 1);
}

#[test]
fn the_components_that_count_are_chosen_by_name() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    assert!(
        lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"])
            .status
            .success()
    );
    assert!(lookout(db, &["poll"]).status.success());
    let status = || {
        let list: Value = serde_json::from_str(&stdout(&lookout(db, &["list", "--json"]))).unwrap();
        list[0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status(), "partial_outage");
    let unknown = lookout(db, &["rules", "set", "Acme", "--components", "Billing"]);
    assert_eq!(unknown.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("it has: API, Dashboard, Webhooks"));
    let chosen = lookout(
        db,
        &[
            "rules",
            "set",
            "Acme",
            "--components",
            "webhooks,Core / Dashboard",
        ],
    );
    assert!(chosen.status.success(), "{chosen:?}");
    assert_eq!(status(), "operational", "the API's outage no longer counts");
    assert!(
        lookout(db, &["rules", "set", "Acme", "--components", "all"])
            .status
            .success()
    );
    assert_eq!(status(), "partial_outage");
}
