//! Lookout's own probes against the fake server on 127.0.0.1: what passes and what fails (and
//! why), and the watch loop raising one suspicion after three failures while the page is calm
//! and another host answers, then clearing it when the probe passes again.

use crate::{add_acme, clock, fetcher, shared, t0};
use chrono::Duration;
use lookout_core::probe::Expect;
use lookout_core::{Clock, FixedClock};
use lookout_fake_status_server::fault::Fault;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{run_probe, watch, Refresh};
use lookout_store::{NewProbe, Probe, Store};
use std::sync::Arc;

fn probe(url: String, expect: Expect, contains: Option<&str>, timeout_secs: u32) -> Probe {
    Probe {
        id: lookout_core::ProbeId::new(1),
        provider_id: lookout_core::ProviderId::new(1),
        provider: "Acme".into(),
        url,
        every_secs: 30,
        expect,
        contains: contains.map(str::to_string),
        timeout_secs,
        failures: 0,
        failing_since: None,
        last_error: None,
        last_run_at: None,
        last_latency_ms: None,
    }
}

#[tokio::test]
async fn a_probe_passes_on_the_expected_status_and_text_and_says_why_it_fails() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_document("api", "health", "text/plain", b"all good".to_vec());
    let url = format!("{}health", server.page_url("api"));
    let fetcher = fetcher();
    let run = |p: Probe| {
        let fetcher = fetcher.clone();
        async move { run_probe(&fetcher, &p, t0()).await }
    };
    let passed = run(probe(url.clone(), Expect::Class(2), Some("good"), 5)).await;
    assert!(passed.ok, "{passed:?}");
    assert!(passed.latency_ms.is_some());
    let wrong_code = run(probe(url.clone(), Expect::Exact(204), None, 5)).await;
    assert_eq!(wrong_code.error.as_deref(), Some("HTTP 200 (expected 204)"));
    let no_text = run(probe(url.clone(), Expect::Class(2), Some("degraded"), 5)).await;
    assert_eq!(
        no_text.error.as_deref(),
        Some("the answer does not contain \"degraded\"")
    );
    server.set_fault("api", Some(Fault::Status(503)));
    let down = run(probe(url.clone(), Expect::Class(2), None, 5)).await;
    assert_eq!(down.error.as_deref(), Some("HTTP 503 (expected 2xx)"));
    server.set_fault("api", Some(Fault::Slow(std::time::Duration::from_secs(3))));
    let slow = run(probe(url, Expect::Class(2), None, 1)).await;
    assert!(!slow.ok);
    assert!(
        slow.error.unwrap().contains("did not answer"),
        "a time limit of 1 s"
    );
}

#[tokio::test]
async fn the_watch_loop_raises_one_suspicion_after_three_failures_and_clears_it() {
    let server = FakeStatusServer::start().await.unwrap();
    let base = t0() - Duration::hours(1);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    // The failing endpoint is on another host (port) than the page, whose own probe passes:
    // evidence that the network works.
    let api_server = FakeStatusServer::start().await.unwrap();
    api_server.set_document("api", "health", "text/plain", b"ok".to_vec());
    api_server.set_fault("api", Some(Fault::Status(503)));
    let clock: Arc<FixedClock> = Arc::new(clock());
    let store = shared(Store::open_in_memory().unwrap());
    let page = server.page_url("acme");
    let health = format!("{}health", api_server.page_url("api"));
    let summary = format!("{page}api/v2/summary.json");
    let acme = store.blocking(|s| add_acme(s, page, clock.now()));
    for url in [health, summary] {
        store.blocking(|s| {
            s.add_probe(
                &NewProbe {
                    provider_id: acme,
                    url,
                    every_secs: 10,
                    expect: Expect::Class(2),
                    contains: None,
                    timeout_secs: 2,
                    allow_private: false,
                },
                clock.now(),
            )
            .unwrap()
        });
    }
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let setup = crate::hand_clocked(store.clone(), clock.clone(), Refresh::default());
    let task = tokio::spawn(watch(setup, |_| {}, async {
        let _ = stop_rx.await;
    }));
    let kinds = |store: &lookout_poller::SharedStore| {
        store.blocking(|s| {
            let pending = s
                .undelivered("test", t0() - Duration::hours(1), t0())
                .unwrap();
            pending
                .into_iter()
                .map(|r| r.event.kind.name())
                .collect::<Vec<_>>()
        })
    };
    // Each turn of the test's clock makes the probe due once.
    let turn_until = |wanted: &'static str| {
        let (store, clock) = (store.clone(), clock.clone());
        async move {
            for _ in 0..40 {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                clock.advance(Duration::seconds(11));
                let seen = kinds(&store);
                if seen.contains(&wanted) {
                    return seen;
                }
            }
            kinds(&store)
        }
    };
    let raised = turn_until("suspected_outage").await;
    assert_eq!(
        raised,
        ["suspected_outage"],
        "raised once, after three failures"
    );
    let suspected = store.blocking(|s| s.suspected(acme).unwrap()).unwrap();
    assert_eq!(suspected.failing_probes, 1);

    api_server.set_fault("api", None);
    let cleared = turn_until("suspected_cleared").await;
    assert_eq!(cleared, ["suspected_outage", "suspected_cleared"]);
    assert!(store.blocking(|s| s.suspected(acme).unwrap()).is_none());
    let _ = stop_tx.send(());
    task.await.unwrap();
}

/// A probe of `http://alice:S3cret@127.0.0.1:PORT/h?api_key=…` that fails is recorded and
/// suspected with its URL masked (`http://••••@127.0.0.1:PORT/h?api_key=••••`) in its error: what
/// the store keeps and the sinks are sent (`lookout-alerts`' `secrets` test) holds no secret.
#[tokio::test]
async fn a_failing_probe_s_credentials_and_query_are_masked_in_what_is_recorded_and_suspected() {
    use lookout_core::EventKind;
    use lookout_fake_status_server::recorded::{at, observe};
    let mut store = Store::open_in_memory().unwrap();
    let acme = add_acme(&mut store, "https://status.acme.test/".into(), at(-120));
    observe(&mut store, acme, "Acme", 0, at(-1));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let new = lookout_fake_status_server::recorded::probe_with_secrets(acme, port);
    let probe = store.add_probe(&new, at(0)).unwrap();
    let mut events = Vec::new();
    for minute in 1..=3 {
        let outcome = run_probe(&fetcher(), &probe, at(minute)).await;
        assert!(!outcome.ok, "nothing listens on {port}");
        events.extend(store.record_probe(probe.id, &outcome, 3).unwrap());
        // The page still reads meanwhile: the network works, the endpoint does not.
        observe(&mut store, acme, "Acme", 0, at(minute));
    }
    let suspected = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::SuspectedOutage { .. }))
        .unwrap_or_else(|| panic!("suspected: {events:?}"));
    let recorded = store.probes(None).unwrap().remove(0).last_error.unwrap();
    let masked = format!("http://••••@127.0.0.1:{port}/h?api_key=••••");
    assert!(recorded.contains(&masked), "{recorded}");
    let event = serde_json::to_string(suspected).unwrap();
    assert!(event.contains(&masked), "{event}");
    for text in [&recorded, &event] {
        for secret in ["S3cret", "K3yValue", "alice"] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
    }
}
