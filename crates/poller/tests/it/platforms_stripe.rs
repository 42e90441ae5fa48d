//! Stripe's status document (`current`) served by the fake server on 127.0.0.1 from the
//! project's own fixtures: detected by its shape, added to a store and polled through a change.

use crate::platforms::{detect_and_read, fixture};
use crate::{clock, fetcher, shared};
use chrono::Duration;
use lookout_core::sources::Document;
use lookout_core::{Clock, ComponentStatus, Platform};
use lookout_fake_status_server::FakeStatusServer;
use lookout_poller::{detect, poll_all, PollConfig};
use lookout_store::{IncidentFilter, Store};

#[tokio::test]
async fn stripe_is_detected_by_its_current_document_and_read() {
    detect_and_read(
        "acme-stripe",
        &[(
            "current",
            "stripe/acme-current-degraded.json",
            Document::StripeCurrent,
        )],
        Platform::Stripe,
    )
    .await;
    // The document's own URL, pasted, is cut back to the page.
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document(
        "st",
        "current",
        "application/json",
        fixture("stripe/acme-current-up.json"),
    );
    let url = format!("{}current", server.page_url("st"));
    let detected = detect(&fetcher(), &url, clock().now()).await.unwrap();
    assert_eq!(
        (detected.platform, detected.base.as_str()),
        (Platform::Stripe, server.page_url("st").as_str())
    );
    assert_eq!(detected.name(), "Stripe");
    assert_eq!(detected.snapshot.components.len(), 5);
}

#[tokio::test]
async fn a_stripe_page_added_and_polled_reports_each_part_that_changed_and_no_incident() {
    let server = FakeStatusServer::start().await.unwrap();
    let serve = |file: &str| {
        server.set_document("stripe", "current", "application/json", fixture(file));
    };
    serve("stripe/acme-current-up.json");
    let clock = clock();
    let fetcher = fetcher();
    let detected = detect(&fetcher, &server.page_url("stripe"), clock.now())
        .await
        .unwrap();
    assert_eq!(detected.platform, Platform::Stripe);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
    let provider = crate::add_detected(&mut store, &detected, clock.now());
    let store = shared(store);
    let poll = |minutes: i64| {
        clock.advance(Duration::minutes(minutes));
        poll_all(&store, &fetcher, &clock, PollConfig::default())
    };

    let polls = poll(1).await.unwrap();
    assert!(polls[0].error.is_none(), "{:?}", polls[0].error);
    assert!(polls[0].events.is_empty(), "the first read is the baseline");
    let status = |at| store.blocking(move |s| s.provider_status(provider.id, at).unwrap());
    assert_eq!(status(clock.now()), ComponentStatus::Operational);

    serve("stripe/acme-current-degraded.json");
    let polls = poll(1).await.unwrap();
    assert!(polls[0].error.is_none(), "{:?}", polls[0].error);
    let changed: Vec<(&str, &str)> = polls[0]
        .events
        .iter()
        .map(|e| match &e.kind {
            lookout_core::EventKind::ComponentChanged {
                component_id, to, ..
            } => (component_id.as_str(), to.as_str()),
            other => panic!("only component changes expected, got {other:?}"),
        })
        .collect();
    let mut changed = changed;
    changed.sort_unstable();
    assert_eq!(
        changed,
        [
            ("checkout", "pending"),
            ("dashboard", "degraded_performance"),
            ("largestatus", "degraded_performance"),
            ("webhooks", "major_outage"),
        ]
    );
    assert_eq!(status(clock.now()), ComponentStatus::MajorOutage);

    // A malformed answer is an error; what was stored stays.
    serve("stripe/acme-current-malformed.json");
    let polls = poll(1).await.unwrap();
    let error = polls[0]
        .error
        .as_ref()
        .expect("a malformed page fails the poll");
    assert!(
        error.to_string().contains("Stripe current status"),
        "{error}"
    );
    let (components, incidents) = store.blocking(move |s| {
        (
            s.components(provider.id).unwrap(),
            s.incidents(&IncidentFilter::default()).unwrap(),
        )
    });
    assert_eq!(components.len(), 5);
    assert_eq!(components[2].status, ComponentStatus::MajorOutage);
    assert!(incidents.is_empty(), "Stripe's document has no incidents");
}
