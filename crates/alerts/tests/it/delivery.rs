//! Webhook delivery to a receiver on 127.0.0.1 that fails (500, then a timeout) before it
//! recovers: retried with backoff, the same idempotency key every time, a valid signature, and
//! the outcome in the delivery log; permanent refusals and endless failures are given up.

use crate::{add, at, observe};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use chrono::{Duration, Utc};
use futures_util::StreamExt;
use lookout_alerts::sinks::signature;
use lookout_alerts::{deliver_webhooks, send_test, DeliveryReport, Sender};
use lookout_store::{SharedStore, Store};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How the receiver answers its next request.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Answer {
    Status(u16),
    Hang,
    /// 400 with a body that never ends (8 KiB chunks, counted in `streamed`).
    Endless,
}

/// A request as received: its headers and raw body.
type Received = (HeaderMap, Bytes);

#[derive(Clone, Default)]
pub(crate) struct Receiver {
    script: Arc<Mutex<VecDeque<Answer>>>,
    got: Arc<Mutex<Vec<Received>>>,
    streamed: Arc<std::sync::atomic::AtomicUsize>,
}

impl Receiver {
    pub(crate) async fn start(script: &[Answer]) -> (Receiver, String) {
        let receiver = Receiver::default();
        receiver
            .script
            .lock()
            .unwrap()
            .extend(script.iter().copied());
        let state = receiver.clone();
        let app = Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: Bytes| {
                let state = state.clone();
                async move {
                    state.got.lock().unwrap().push((headers, body));
                    let next = state.script.lock().unwrap().pop_front();
                    match next.unwrap_or(Answer::Status(200)) {
                        Answer::Status(code) => StatusCode::from_u16(code).unwrap().into_response(),
                        Answer::Hang => {
                            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                            StatusCode::OK.into_response()
                        }
                        Answer::Endless => {
                            let streamed = state.streamed.clone();
                            let first = Bytes::from_static(b"invalid_payload at /hook ");
                            let chunks = futures_util::stream::once(async move { first })
                                .chain(futures_util::stream::repeat_with(move || {
                                    streamed.fetch_add(8192, std::sync::atomic::Ordering::SeqCst);
                                    Bytes::from(vec![b'x'; 8192])
                                }))
                                .map(Ok::<_, std::io::Error>);
                            (
                                StatusCode::BAD_REQUEST,
                                axum::body::Body::from_stream(chunks),
                            )
                                .into_response()
                        }
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (receiver, url)
    }

    pub(crate) fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

pub(crate) fn http() -> lookout_http::HttpClient {
    lookout_http::HttpClient::new(lookout_http::CONNECT_TIMEOUT).unwrap()
}

pub(crate) fn sender() -> Sender {
    Sender::with_timeout(&http(), std::time::Duration::from_millis(500))
}

/// A store with Acme calm, a webhook sink to `url`, and then Acme's incident opened.
fn store_with_incident(url: &str, kind: &str, secret: Option<&str>) -> SharedStore {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    store.add_sink(kind, "ops", url, secret, at(-1)).unwrap();
    observe(&mut store, acme, "Acme", 2, at(1));
    SharedStore::new(store)
}

#[tokio::test]
async fn a_failing_webhook_is_retried_with_backoff_and_the_same_key_until_it_succeeds() {
    let (receiver, url) = Receiver::start(&[Answer::Status(500), Answer::Hang]).await;
    let store = store_with_incident(&url, "webhook", Some("s3cret"));
    let sender = sender();
    let deliver = |t| deliver_webhooks(&store, &sender, t, &Utc);
    let report = |sent, retrying, failed| DeliveryReport {
        sent,
        retrying,
        failed,
    };

    assert_eq!(deliver(at(1)).await.unwrap(), report(0, 1, 0), "500");
    assert_eq!(
        deliver(at(1) + Duration::seconds(20)).await.unwrap(),
        report(0, 0, 0)
    );
    assert_eq!(receiver.got().len(), 1, "not retried before its backoff");
    let second = at(1) + Duration::seconds(31);
    assert_eq!(deliver(second).await.unwrap(), report(0, 1, 0), "timeout");
    let third = second + Duration::seconds(121);
    assert_eq!(deliver(third).await.unwrap(), report(1, 0, 0));
    assert_eq!(
        deliver(third + Duration::hours(1)).await.unwrap(),
        report(0, 0, 0)
    );

    let got = receiver.got();
    assert_eq!(got.len(), 3);
    let ids: Vec<&str> = got
        .iter()
        .map(|(h, _)| h["x-lookout-delivery"].to_str().unwrap())
        .collect();
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one idempotency key: {ids:?}"
    );
    for (headers, body) in &got {
        assert_eq!(
            headers["x-lookout-signature"].to_str().unwrap(),
            signature("s3cret", body)
        );
        assert_eq!(
            headers["content-type"].to_str().unwrap(),
            "application/json"
        );
    }
    let payload: serde_json::Value = serde_json::from_slice(&got[2].1).unwrap();
    assert_eq!(payload["delivery_id"], ids[0]);
    assert_eq!(payload["kind"], "provider");
    assert_eq!(payload["title"], "Acme: partial outage");
    assert_eq!(payload["status"], "partial_outage");
    assert_eq!(payload["provider"]["name"], "Acme");
    assert_eq!(payload["events"][0]["provider"], "Acme");
    assert!(payload["text"]
        .as_str()
        .unwrap()
        .starts_with("Elevated API errors"));

    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].state.as_str(), log[0].attempts), ("sent", 3));
}

#[tokio::test]
async fn refusals_are_given_up_at_once_and_endless_failures_after_the_limit() {
    let (refusing, url) = Receiver::start(&[Answer::Status(404)]).await;
    let store = store_with_incident(&url, "slack", None);
    let report = deliver_webhooks(&store, &sender(), at(1), &Utc)
        .await
        .unwrap();
    assert_eq!(report.failed, 1);
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert_eq!(log[0].state, "failed");
    assert!(log[0].last_error.as_deref().unwrap().contains("404"));
    let body: serde_json::Value = serde_json::from_slice(&refusing.got()[0].1).unwrap();
    assert!(body["text"]
        .as_str()
        .unwrap()
        .starts_with("*Acme: partial outage*\n"));

    let (_broken, url) = Receiver::start(&[Answer::Status(503); 10]).await;
    let store = store_with_incident(&url, "discord", None);
    let mut t = at(1);
    let mut failed = 0;
    for _ in 0..8 {
        failed += deliver_webhooks(&store, &sender(), t, &Utc)
            .await
            .unwrap()
            .failed;
        t += Duration::hours(2);
    }
    assert_eq!(failed, 1, "given up once");
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert_eq!((log[0].state.as_str(), log[0].attempts), ("failed", 6));
}

#[tokio::test]
async fn send_test_reaches_the_sink_or_says_why_not() {
    let (receiver, url) = Receiver::start(&[Answer::Status(200), Answer::Status(500)]).await;
    let store = store_with_incident(&url, "teams", None);
    send_test(&store, &sender(), lookout_core::SinkId::new(1), at(2))
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&receiver.got()[0].1).unwrap();
    assert_eq!(body["type"], "message");
    assert_eq!(
        body["attachments"][0]["content"]["body"][0]["text"],
        "Lookout test alert"
    );
    let error = send_test(&store, &sender(), lookout_core::SinkId::new(1), at(3))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("500"), "{error}");
    assert!(
        !error.to_string().contains("127.0.0.1"),
        "the URL is a secret: {error}"
    );
    assert!(
        send_test(&store, &sender(), lookout_core::SinkId::new(42), at(3))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_receivers_answer_is_read_only_up_to_64_kib_and_its_path_never_shown() {
    let (receiver, url) = Receiver::start(&[Answer::Endless]).await;
    let store = store_with_incident(&url, "webhook", None);
    let patient = Sender::with_timeout(&http(), std::time::Duration::from_secs(30));
    let report = deliver_webhooks(&store, &patient, at(2), &chrono::Utc)
        .await
        .unwrap();
    assert_eq!(report.failed, 1, "a 400 is given up: {report:?}");
    let streamed = receiver.streamed.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        streamed < 16 * 1024 * 1024,
        "the endless answer was not read to its end: {streamed} bytes streamed"
    );
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    let error = log[0].last_error.clone().unwrap();
    assert!(
        error.contains("400") && error.contains("invalid_payload"),
        "{error}"
    );
    assert!(
        !error.contains("/hook"),
        "the URL's path is a secret: {error}"
    );
}
