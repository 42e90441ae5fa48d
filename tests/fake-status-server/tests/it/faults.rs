//! Every `Fault` as a client sees it.

use crate::client::{get, send};
use crate::fixtures;
use lookout_fake_status_server::{Dialect, FakeStatusServer, Fault};
use std::time::{Duration, Instant};

const SUMMARY: &str = "/acme/api/v2/summary.json";

async fn server() -> FakeStatusServer {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page("acme", Dialect::Statuspage, fixtures::page());
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_faults_answer_with_the_code_and_clear_again() {
    let server = server().await;
    server.set_fault("acme", Some(Fault::Status(500)));
    let reply = get(server.addr(), SUMMARY).await;
    assert_eq!(reply.status, 500);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    server.set_fault("acme", Some(Fault::Status(404)));
    assert_eq!(get(server.addr(), "/acme/proxy/x").await.status, 404);
    server.set_fault("acme", None);
    assert_eq!(get(server.addr(), SUMMARY).await.status, 200);
    // A fault works on a slug that has no page.
    server.set_fault("ghost", Some(Fault::Status(503)));
    assert_eq!(
        get(server.addr(), "/ghost/api/v2/summary.json")
            .await
            .status,
        503
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_carries_retry_after() {
    let server = server().await;
    server.set_fault(
        "acme",
        Some(Fault::RateLimited {
            retry_after_secs: 120,
        }),
    );
    let reply = get(server.addr(), SUMMARY).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("120"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_empty_and_garbage_are_200s_that_are_not_json() {
    let server = server().await;
    server.set_fault("acme", Some(Fault::Html));
    let reply = get(server.addr(), SUMMARY).await;
    assert_eq!(reply.status, 200);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(String::from_utf8_lossy(&reply.body).contains("<form"));

    server.set_fault("acme", Some(Fault::Empty));
    let reply = get(server.addr(), SUMMARY).await;
    assert_eq!(reply.status, 200);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(reply.body_len, 0);

    server.set_fault("acme", Some(Fault::Garbage));
    let reply = get(server.addr(), SUMMARY).await;
    assert_eq!(reply.status, 200);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(reply.body_len > 0);
    assert!(serde_json::from_slice::<serde_json::Value>(&reply.body).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_waits_at_least_its_duration_then_answers() {
    let server = server().await;
    server.set_fault("acme", Some(Fault::Slow(Duration::from_millis(400))));
    let started = Instant::now();
    let reply = get(server.addr(), SUMMARY).await;
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["page"]["name"], "Acme");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_streams_exactly_n_bytes_chunked() {
    let server = server().await;
    let bytes = 64 * 1024 * 1024 + 7;
    server.set_fault("acme", Some(Fault::Huge { bytes }));
    let reply = send(server.addr(), "GET", SUMMARY, &[], false).await;
    assert_eq!(reply.status, 200);
    assert!(reply.chunked);
    assert_eq!(reply.header("content-length"), None);
    assert_eq!(reply.body_len, bytes);
    assert!(reply.body.is_empty(), "counted, not kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_with_length_declares_it() {
    let server = server().await;
    let bytes = 3 * 1024 * 1024 + 1;
    server.set_fault("acme", Some(Fault::HugeWithLength { bytes }));
    let reply = send(server.addr(), "GET", SUMMARY, &[], false).await;
    assert_eq!(reply.status, 200);
    assert!(!reply.chunked);
    assert_eq!(
        reply.header("content-length"),
        Some(bytes.to_string().as_str())
    );
    assert_eq!(reply.body_len, bytes);

    server.set_fault("acme", Some(Fault::Huge { bytes: 100 }));
    let small = get(server.addr(), SUMMARY).await;
    assert!(small.body.starts_with(b"{\"page\":"));
    assert_eq!(small.body_len, 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_sends_302_with_the_location() {
    let server = server().await;
    for target in ["file:///etc/passwd", "ftp://example.invalid/x"] {
        server.set_fault("acme", Some(Fault::RedirectTo(target.to_string())));
        let reply = get(server.addr(), SUMMARY).await;
        assert_eq!(reply.status, 302);
        assert_eq!(reply.header("location"), Some(target));
    }
    assert_eq!(server.hits("acme"), 2);
}
