//! PagerDuty and Opsgenie against a receiver on 127.0.0.1: an incident triggers and its
//! resolution resolves with one de-duplication key (built from the status page and the vendor's
//! incident id), Events API v2 and Opsgenie's alert API in their documented shapes; a suspected
//! outage pages and clears; component changes do not page; 5xx is retried and 400 given up, the
//! key never in the log; and two processes sharing the database page once.

use crate::{add, at, observe};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Router;
use chrono::{Duration, Utc};
use lookout_alerts::paging::paging_key;
use lookout_alerts::{deliver_webhooks, send_test, DeliveryReport, Sender};
use lookout_core::ProviderId;
use lookout_core::{Event, EventKind};
use lookout_store::{SharedStore, Store};
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// A request as received: its path and query, headers and JSON body.
#[derive(Debug, Clone)]
struct Got {
    uri: String,
    headers: HeaderMap,
    body: Value,
}

/// Answers every POST with the next scripted (status, body), then 202.
#[derive(Clone, Default)]
struct Service {
    script: Arc<Mutex<VecDeque<(u16, String)>>>,
    got: Arc<Mutex<Vec<Got>>>,
}

impl Service {
    async fn start(script: &[(u16, &str)]) -> (Service, String) {
        let service = Service::default();
        service
            .script
            .lock()
            .unwrap()
            .extend(script.iter().map(|(s, b)| (*s, b.to_string())));
        let state = service.clone();
        let app = Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move {
                let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let uri = uri.to_string();
                state.got.lock().unwrap().push(Got { uri, headers, body });
                let (status, said) = state
                    .script
                    .lock()
                    .unwrap()
                    .pop_front()
                    .unwrap_or((202, r#"{"status":"success"}"#.into()));
                (StatusCode::from_u16(status).unwrap(), said).into_response()
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (service, url)
    }

    fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }
}

fn sender() -> Sender {
    let http = lookout_http::HttpClient::new(lookout_http::CONNECT_TIMEOUT).unwrap();
    Sender::with_timeout(&http, std::time::Duration::from_millis(500))
}

const KEY: &str = "R0UTING0KEY0000000000000000000ab";

/// Acme calm with a `kind` sink to `url` keyed [`KEY`]; returns the store and Acme's id.
fn acme_with(kind: &str, url: &str) -> (Store, ProviderId) {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    store
        .add_sink(kind, "on call", url, Some(KEY), at(-1))
        .unwrap();
    (store, acme)
}

fn incident_id(events: &[Event]) -> String {
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::IncidentOpened { incident_id, .. } => Some(incident_id.clone()),
            _ => None,
        })
        .expect("an incident opened")
}

async fn deliver(store: &SharedStore, minute: i64) -> DeliveryReport {
    deliver_webhooks(store, &sender(), at(minute), &Utc)
        .await
        .unwrap()
}

#[tokio::test]
async fn pagerduty_is_triggered_then_resolved_with_one_dedup_key() {
    let (service, url) = Service::start(&[]).await;
    let (mut store, acme) = acme_with("pagerduty", &format!("{url}/v2/enqueue"));
    let opened = observe(&mut store, acme, "Acme", 2, at(1));
    let id = incident_id(&opened);
    assert!(
        opened
            .iter()
            .any(|e| matches!(e.kind, EventKind::ComponentChanged { .. })),
        "a component changed too, which does not page"
    );
    let store = SharedStore::new(store);
    assert_eq!(deliver(&store, 1).await.sent, 1);
    let resolved = store.blocking(move |s| observe(s, acme, "Acme", 3, at(5)));
    assert!(!resolved.is_empty());
    assert_eq!(deliver(&store, 5).await.sent, 1);

    let got = service.got();
    assert_eq!(got.len(), 2, "one trigger, one resolve: {got:#?}");
    let key = paging_key("https://status.acme.test", &id);
    let (trigger, resolve) = (&got[0].body, &got[1].body);
    assert_eq!(got[0].uri, "/v2/enqueue");
    assert_eq!(trigger["routing_key"], KEY);
    assert_eq!(trigger["event_action"], "trigger");
    assert_eq!(trigger["dedup_key"], key);
    let payload = &trigger["payload"];
    assert!(payload["summary"].as_str().unwrap().starts_with("Acme: "));
    assert!(payload["summary"].as_str().unwrap().len() <= 1024);
    assert_eq!(payload["source"], "https://status.acme.test");
    assert!(
        ["critical", "error", "warning", "info"].contains(&payload["severity"].as_str().unwrap()),
        "{payload}"
    );
    assert_eq!(payload["custom_details"]["incident_id"], id.as_str());
    assert_eq!(
        resolve,
        &serde_json::json!({ "routing_key": KEY, "event_action": "resolve", "dedup_key": key })
    );
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert!(log.iter().all(|d| d.state == "sent"), "{log:?}");
}

#[tokio::test]
async fn opsgenie_creates_then_closes_the_alert_by_its_alias() {
    let (service, url) = Service::start(&[]).await;
    let (mut store, acme) = acme_with("opsgenie", &url);
    let id = incident_id(&observe(&mut store, acme, "Acme", 2, at(1)));
    let store = SharedStore::new(store);
    assert_eq!(deliver(&store, 1).await.sent, 1);
    let resolved = store.blocking(move |s| observe(s, acme, "Acme", 3, at(5)));
    assert!(!resolved.is_empty());
    assert_eq!(deliver(&store, 5).await.sent, 1);

    let got = service.got();
    assert_eq!(got.len(), 2, "{got:#?}");
    let alias = paging_key("https://status.acme.test", &id);
    assert_eq!(got[0].uri, "/v2/alerts");
    assert_eq!(
        got[1].uri,
        format!("/v2/alerts/{alias}/close?identifierType=alias")
    );
    for request in &got {
        assert_eq!(request.headers["authorization"], format!("GenieKey {KEY}"));
    }
    let create = &got[0].body;
    assert_eq!(create["alias"], alias);
    assert!(create["message"].as_str().unwrap().starts_with("Acme: "));
    assert!(create["message"].as_str().unwrap().chars().count() <= 130);
    assert!(["P1", "P2", "P3", "P5"].contains(&create["priority"].as_str().unwrap()));
    assert!(create["description"]
        .as_str()
        .unwrap()
        .contains("https://status.acme.test"));
    assert_eq!(got[1].body["source"], "Lookout");
}

#[tokio::test]
async fn a_suspected_outage_pages_and_its_clearing_resolves() {
    use lookout_core::probe::Expect;
    use lookout_store::{NewProbe, ProbeOutcome};
    let (service, url) = Service::start(&[]).await;
    let (mut store, acme) = acme_with("pagerduty", &url);
    let new = NewProbe {
        provider_id: acme,
        url: "https://api.acme.test/".into(),
        every_secs: 30,
        expect: Expect::Class(2),
        contains: None,
        timeout_secs: 10,
        allow_private: false,
    };
    let probe = store.add_probe(&new, at(0)).unwrap().id;
    // The page read again lately: its "operational" is current.
    observe(&mut store, acme, "Acme", 0, at(2));
    let run = |minute, ok| ProbeOutcome {
        at: at(minute),
        ok,
        latency_ms: None,
        error: (!ok).then(|| "connection refused".into()),
    };
    for minute in 1..=3 {
        store.record_probe(probe, &run(minute, false), 3).unwrap();
    }
    let store = SharedStore::new(store);
    assert_eq!(deliver(&store, 3).await.sent, 1);
    let cleared = store.blocking(move |s| s.record_probe(probe, &run(4, true), 3));
    assert!(!cleared.unwrap().is_empty(), "the suspicion cleared");
    assert_eq!(deliver(&store, 4).await.sent, 1);
    let got = service.got();
    assert_eq!(got.len(), 2, "{got:#?}");
    let key = paging_key("https://status.acme.test", "suspected");
    assert_eq!(got[0].body["event_action"], "trigger");
    assert_eq!(got[0].body["dedup_key"], key);
    assert_eq!(got[0].body["payload"]["class"], "suspected_outage");
    assert_eq!(got[1].body["event_action"], "resolve");
    assert_eq!(got[1].body["dedup_key"], key);
}

#[tokio::test]
async fn a_5xx_is_retried_and_a_400_given_up_without_the_key_in_the_log() {
    for kind in ["pagerduty", "opsgenie"] {
        let (service, url) = Service::start(&[(503, "busy")]).await;
        let (mut store, acme) = acme_with(kind, &url);
        observe(&mut store, acme, "Acme", 2, at(1));
        let store = SharedStore::new(store);
        assert_eq!(deliver(&store, 1).await.retrying, 1, "{kind}: 503");
        let sender = sender();
        let later = deliver_webhooks(&store, &sender, at(1) + Duration::seconds(31), &Utc);
        assert_eq!(later.await.unwrap().sent, 1, "{kind}: retried");
        let got = service.got();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].body, got[1].body, "{kind}: the same page again");

        let refusal = format!(r#"{{"message":"Event object is invalid","key":"{KEY}"}}"#);
        let (_service, url) = Service::start(&[(400, &refusal)]).await;
        let (mut store, acme) = acme_with(kind, &url);
        observe(&mut store, acme, "Acme", 2, at(1));
        let store = SharedStore::new(store);
        assert_eq!(deliver(&store, 1).await.failed, 1, "{kind}: 400");
        let log = store.blocking(|s| s.delivery_log(10)).unwrap();
        let error = log[0].last_error.clone().unwrap();
        assert!(
            error.contains("400") && error.contains("invalid"),
            "{error}"
        );
        assert!(!error.contains(KEY), "{kind}: the key is a secret: {error}");
    }
}

#[tokio::test]
async fn two_processes_sharing_the_database_page_once() {
    for kind in ["pagerduty", "opsgenie"] {
        let (service, url) = Service::start(&[]).await;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookout.db");
        let mut store = Store::open(&path).unwrap();
        let acme = add(&mut store, "Acme");
        observe(&mut store, acme, "Acme", 0, at(-1));
        store
            .add_sink(kind, "on call", &url, Some(KEY), at(-1))
            .unwrap();
        observe(&mut store, acme, "Acme", 2, at(1));
        let app = SharedStore::new(store);
        let cli = SharedStore::new(Store::open(&path).unwrap());
        let (a, b) = tokio::join!(deliver(&app, 1), deliver(&cli, 1));
        assert_eq!(a.sent + b.sent, 1, "{kind}: {a:?} {b:?}");
        assert_eq!(deliver(&cli, 2).await, DeliveryReport::default());
        assert_eq!(deliver(&app, 2).await, DeliveryReport::default());
        assert_eq!(service.got().len(), 1, "{kind}: paged once");
    }
}

#[tokio::test]
async fn a_test_page_triggers_and_resolves_its_own_key() {
    let (service, url) = Service::start(&[]).await;
    let (store, _) = acme_with("pagerduty", &url);
    let store = SharedStore::new(store);
    send_test(&store, &sender(), lookout_core::SinkId::new(1), at(2))
        .await
        .unwrap();
    let got = service.got();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body["event_action"], "trigger");
    assert_eq!(got[0].body["payload"]["summary"], "Lookout test alert");
    assert_eq!(got[1].body["event_action"], "resolve");
    assert_eq!(got[0].body["dedup_key"], got[1].body["dedup_key"]);
}

#[tokio::test]
async fn a_resolve_never_overtakes_the_retry_of_its_trigger() {
    let (service, url) = Service::start(&[(503, "busy")]).await;
    let (mut store, acme) = acme_with("pagerduty", &url);
    observe(&mut store, acme, "Acme", 2, at(1));
    let store = SharedStore::new(store);
    assert_eq!(
        deliver(&store, 1).await.retrying,
        1,
        "the trigger waits 30 s"
    );
    let resolved =
        store.blocking(move |s| observe(s, acme, "Acme", 3, at(1) + Duration::seconds(10)));
    assert!(!resolved.is_empty());
    let sender = sender();
    let soon = deliver_webhooks(&store, &sender, at(1) + Duration::seconds(10), &Utc);
    assert_eq!(
        soon.await.unwrap(),
        DeliveryReport::default(),
        "the resolve waits too"
    );
    let later = deliver_webhooks(&store, &sender, at(1) + Duration::seconds(31), &Utc);
    assert_eq!(later.await.unwrap().sent, 2);
    let actions: Vec<Value> = service
        .got()
        .iter()
        .map(|g| g.body["event_action"].clone())
        .collect();
    assert_eq!(actions, ["trigger", "trigger", "resolve"]);
}
