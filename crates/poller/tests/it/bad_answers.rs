//! Every kind of bad answer is a clear error, stored data stays, and the provider turns
//! `unknown` (never operational) after the threshold, with one `provider_unreachable`.

use crate::{clock, fetcher, shared, t0};
use lookout_core::{Clock, ComponentStatus};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer, Fault};
use lookout_poller::{poll_all, PollConfig, PollError};
use lookout_store::Store;
use std::time::Duration;

async fn error_for(fault: Fault) -> PollError {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, t0()),
    );
    let clock = clock();
    let fetcher = fetcher();
    let mut store = Store::open_in_memory().unwrap();
    let provider_id = crate::add_acme(&mut store, server.page_url("acme"), clock.now());
    let store = shared(store);
    let first = poll_all(&store, &fetcher, &clock, PollConfig::default())
        .await
        .unwrap();
    assert!(first[0].error.is_none());
    server.set_fault("acme", Some(fault));
    let mut unreachable = 0;
    let mut last_error = None;
    for _ in 0..4 {
        let mut polls = poll_all(&store, &fetcher, &clock, PollConfig::default())
            .await
            .unwrap();
        let poll = polls.remove(0);
        unreachable += poll
            .events
            .iter()
            .filter(|e| e.kind.name() == "provider_unreachable")
            .count();
        assert!(poll
            .events
            .iter()
            .all(|e| e.kind.name() == "provider_unreachable"));
        last_error = poll.error;
    }
    assert_eq!(unreachable, 1, "provider_unreachable exactly once");
    store.blocking(|store| {
        assert_eq!(
            store.provider_status(provider_id, clock.now()).unwrap(),
            ComponentStatus::Unknown
        );
        // What was stored before the failures is all still there.
        let api = store.components(provider_id).unwrap();
        assert_eq!(api.len(), 3);
        assert!(api
            .iter()
            .any(|c| c.status == ComponentStatus::PartialOutage));
        assert_eq!(store.incidents(&Default::default()).unwrap().len(), 1);
    });
    last_error.expect("every poll failed")
}

#[tokio::test]
async fn html_instead_of_json_is_named() {
    let error = error_for(Fault::Html).await;
    assert!(error.to_string().contains("HTML"), "{error}");
}

#[tokio::test]
async fn an_empty_body_is_named() {
    let error = error_for(Fault::Empty).await;
    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn garbage_is_unreadable() {
    let error = error_for(Fault::Garbage).await;
    assert!(matches!(error, PollError::Unreadable { .. }), "{error}");
}

#[tokio::test]
async fn a_server_error_is_reported_with_its_status() {
    let error = error_for(Fault::Status(500)).await;
    assert!(
        matches!(error, PollError::Status { status: 500, .. }),
        "{error}"
    );
}

#[tokio::test]
async fn rate_limiting_carries_retry_after() {
    let error = error_for(Fault::RateLimited {
        retry_after_secs: 120,
    })
    .await;
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert!(error.to_string().contains("retry after 120 s"), "{error}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let error = error_for(Fault::Slow(Duration::from_secs(3))).await;
    assert!(matches!(error, PollError::Timeout { .. }), "{error}");
}

#[tokio::test]
async fn a_huge_body_is_refused() {
    let error = error_for(Fault::Huge {
        bytes: 64 * 1024 * 1024,
    })
    .await;
    assert!(matches!(error, PollError::TooLarge { .. }), "{error}");
}

#[tokio::test]
async fn a_huge_declared_body_is_refused_before_reading() {
    let error = error_for(Fault::HugeWithLength {
        bytes: 64 * 1024 * 1024,
    })
    .await;
    assert!(matches!(error, PollError::TooLarge { .. }), "{error}");
}

#[tokio::test]
async fn a_redirect_to_a_file_url_is_refused() {
    let error = error_for(Fault::RedirectTo("file:///etc/passwd".into())).await;
    assert!(matches!(error, PollError::BadRedirect { .. }), "{error}");
}

#[tokio::test]
async fn five_redirects_are_followed_and_a_sixth_is_refused_naming_it() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, t0()),
    );
    let page = format!("{}api/v2/summary.json", server.page_url("acme"));
    // r1 → r2 → … → r6 → the page.
    for hop in 1..=6 {
        let next = if hop == 6 {
            page.clone()
        } else {
            format!("{}doc", server.page_url(&format!("r{}", hop + 1)))
        };
        server.set_fault(&format!("r{hop}"), Some(Fault::RedirectTo(next)));
    }
    let fetcher = fetcher();
    let five = format!("{}doc", server.page_url("r2"));
    let fetched = fetcher.fetch(&five, None, t0()).await;
    assert!(fetched.is_ok(), "5 redirects are followed: {fetched:?}");
    let six = format!("{}doc", server.page_url("r1"));
    let error = fetcher.fetch(&six, None, t0()).await.unwrap_err();
    assert!(matches!(error, PollError::BadRedirect { .. }), "{error}");
    assert!(
        error.to_string().contains("redirect 6")
            && error.to_string().contains("at most 5 are followed"),
        "{error}"
    );
}
