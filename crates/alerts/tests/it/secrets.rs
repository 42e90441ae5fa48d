//! A probe's and a provider's secrets never reach a sink: a probe of
//! `http://alice:S3cret@127.0.0.1:PORT/h?api_key=…` that fails, recorded as the poller records
//! it (the URL masked, `http://••••@127.0.0.1:PORT/h?api_key=••••`, in its error: the poller's
//! own test holds that), is suspected and sent to a webhook with no secret in it, and the
//! provider's own URL masked in the payload.

use crate::delivery::{sender, Receiver};
use crate::{at, observe};
use chrono::Utc;
use lookout_alerts::deliver_webhooks;
use lookout_core::{EventKind, Platform};
use lookout_store::{NewProvider, ProbeOutcome, SharedStore, Store};

/// What must never be sent: the passwords, the query values, the user names.
const SECRETS: [&str; 6] = [
    "S3cret", "K3yValue", "Pr0vPass", "Pr0vTok", "alice", "carol",
];

#[tokio::test]
async fn a_failing_probe_s_credentials_and_query_never_reach_a_webhook() {
    let (receiver, hook) = Receiver::start(&[]).await;
    let mut store = Store::open_in_memory().unwrap();
    let provider = store
        .add_provider(
            &NewProvider {
                name: "Acme".into(),
                url: "https://carol:Pr0vPass@status.acme.test/?view=Pr0vTok".into(),
                platform: Platform::Statuspage,
                poll_interval_secs: 60,
            },
            at(-120),
        )
        .unwrap();
    observe(&mut store, provider.id, "Acme", 0, at(-1));
    store
        .add_sink("webhook", "ops", &hook, None, at(-1))
        .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let new = lookout_fake_status_server::recorded::probe_with_secrets(provider.id, port);
    let probe = store.add_probe(&new, at(0)).unwrap();
    let masked = format!("http://••••@127.0.0.1:{port}/h?api_key=••••");

    let mut events = Vec::new();
    for minute in 1..=3 {
        // What the poller records when nothing listens on `port`.
        let outcome = ProbeOutcome {
            at: at(minute),
            ok: false,
            latency_ms: Some(1),
            error: Some(format!(
                "cannot connect to {masked}: Connection refused (os error 111)"
            )),
        };
        events.extend(store.record_probe(probe.id, &outcome, 3).unwrap());
        // The page still reads meanwhile: the network works, the endpoint does not.
        observe(&mut store, provider.id, "Acme", 0, at(minute));
    }
    let suspected = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::SuspectedOutage { .. }))
        .unwrap_or_else(|| panic!("suspected: {events:?}"));
    let recorded = store.probes(None).unwrap().remove(0).last_error.unwrap();
    assert!(recorded.contains(&masked), "{recorded}");
    let event = serde_json::to_string(suspected).unwrap();
    assert!(event.contains(&masked), "{event}");

    let store = SharedStore::new(store);
    deliver_webhooks(&store, &sender(), at(4), &Utc)
        .await
        .unwrap();
    let got = receiver.got();
    assert!(!got.is_empty(), "the suspicion was sent");
    for (_, body) in got {
        let body = String::from_utf8_lossy(&body);
        for secret in SECRETS {
            assert!(!body.contains(secret), "the webhook got {secret}: {body}");
        }
        assert!(body.contains(&masked), "{body}");
        assert!(
            body.contains("https://••••@status.acme.test/?view=••••"),
            "{body}"
        );
    }
    for text in [&recorded, &event] {
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
    }
}
