//! The watch loop: polls on schedule with the test's clock, and picks up providers added to the
//! store while it runs (as the CLI does beside the app).

use crate::{clock, shared, t0};
use chrono::Duration;
use lookout_core::{Clock, FixedClock};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{watch, Refresh};
use lookout_store::Store;
use std::sync::Arc;
use tokio::sync::mpsc;

#[tokio::test]
async fn watch_polls_new_providers_at_once_and_others_when_due() {
    let server = FakeStatusServer::start().await.unwrap();
    let base = t0() - Duration::hours(1);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    let clock: Arc<FixedClock> = Arc::new(clock());
    let store = shared(Store::open_in_memory().unwrap());
    let (sender, mut polled) = mpsc::unbounded_channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let refresh = Refresh::default();
    let setup = crate::hand_clocked(store.clone(), clock.clone(), refresh.clone());
    let task = tokio::spawn(watch(
        setup,
        move |poll| {
            let kinds: Vec<&'static str> = poll.events.iter().map(|e| e.kind.name()).collect();
            let _ = sender.send((poll.provider.name.clone(), kinds));
        },
        async {
            let _ = stop_rx.await;
        },
    ));

    // Added while the loop runs: picked up and polled (the baseline) without a restart.
    let url = server.page_url("acme");
    store.blocking(|s| crate::add_acme(s, url, clock.now()));
    let first = tokio::time::timeout(std::time::Duration::from_secs(10), polled.recv()).await;
    assert_eq!(first.unwrap().unwrap(), ("Acme".to_string(), vec![]));

    // Not due yet: the page changes but nothing is polled for a few ticks.
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let early = tokio::time::timeout(std::time::Duration::from_millis(2500), polled.recv()).await;
    assert!(early.is_err(), "polled before its interval: {early:?}");

    // The test's clock moves past the interval (with jitter at most +10 %): the next tick polls.
    clock.advance(Duration::seconds(67));
    let next = tokio::time::timeout(std::time::Duration::from_secs(10), polled.recv()).await;
    assert_eq!(
        next.unwrap().unwrap(),
        (
            "Acme".to_string(),
            vec!["component_changed", "incident_opened"]
        )
    );

    // "Refresh now": polled at once although the interval has not passed again.
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base),
    );
    refresh.now();
    let refreshed = tokio::time::timeout(std::time::Duration::from_secs(5), polled.recv()).await;
    assert_eq!(
        refreshed.unwrap().unwrap(),
        (
            "Acme".to_string(),
            vec!["component_changed", "incident_updated"]
        )
    );
    let _ = stop_tx.send(());
    tokio::time::timeout(std::time::Duration::from_secs(5), task)
        .await
        .expect("watch stops when asked")
        .unwrap();
}

#[tokio::test]
async fn a_provider_another_process_adds_is_polled_at_once_without_waiting_for_a_timer() {
    let server = FakeStatusServer::start().await.unwrap();
    let base = t0() - Duration::hours(1);
    let page = incident_life_for(Dialect::Statuspage, 0, base);
    server.set_page("acme", Dialect::Statuspage, page);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let clock: Arc<FixedClock> = Arc::new(clock());
    let (sender, mut polled) = mpsc::unbounded_channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let store = shared(Store::open(&path).unwrap());
    let mut setup = crate::hand_clocked(store, clock.clone(), Refresh::default());
    // Nothing due, no timer for a minute: only the change of the database's files can wake the
    // loop in time.
    setup.config.longest_sleep = std::time::Duration::from_secs(60);
    let task = tokio::spawn(watch(
        setup,
        move |poll| {
            let _ = sender.send(poll.provider.name.clone());
        },
        async {
            let _ = stop_rx.await;
        },
    ));
    // The loop has looked at the (empty) store and sleeps.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let mut other = Store::open(&path).unwrap();
    crate::add_acme(&mut other, server.page_url("acme"), clock.now());
    // Without the files watched the loop would look only after 5 s (`LONGEST_BLIND_SLEEP`).
    let first = tokio::time::timeout(std::time::Duration::from_secs(3), polled.recv()).await;
    assert_eq!(first.expect("polled within 3 s").unwrap(), "Acme");
    let _ = stop_tx.send(());
    tokio::time::timeout(std::time::Duration::from_secs(5), task)
        .await
        .expect("watch stops when asked")
        .unwrap();
}
