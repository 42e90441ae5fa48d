//! Conditional requests (ETag / Last-Modified → 304), 404s for unknown paths and slugs, and
//! hit counting.

use crate::client::{get, send};
use crate::fixtures;
use lookout_fake_status_server::{Dialect, FakeStatusServer};

async fn server() -> FakeStatusServer {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page("acme", Dialect::Statuspage, fixtures::page());
    server.set_page("acme-io", Dialect::IncidentIo, fixtures::page());
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etag_and_last_modified_give_304_until_the_page_changes() {
    let server = server().await;
    let path = "/acme/api/v2/summary.json";
    let first = get(server.addr(), path).await;
    let tag = first.header("etag").unwrap().to_string();
    let modified = first.header("last-modified").unwrap().to_string();
    assert!(tag.starts_with('"') && modified.ends_with("GMT"));

    let again = send(server.addr(), "GET", path, &[("If-None-Match", &tag)], true).await;
    assert_eq!(again.status, 304);
    assert_eq!(again.header("etag"), Some(tag.as_str()));
    assert!(again.body.is_empty());
    let weak = format!("\"other\", W/{tag}");
    assert_eq!(
        send(
            server.addr(),
            "GET",
            path,
            &[("If-None-Match", &weak)],
            true
        )
        .await
        .status,
        304
    );
    let since = send(
        server.addr(),
        "GET",
        path,
        &[("If-Modified-Since", &modified)],
        true,
    )
    .await;
    assert_eq!(since.status, 304);
    let stale = send(
        server.addr(),
        "GET",
        path,
        &[("If-None-Match", "\"stale\"")],
        true,
    )
    .await;
    assert_eq!(stale.status, 200);

    let mut changed = fixtures::page();
    changed.components[1].status = lookout_core::ComponentStatus::Operational;
    server.set_page("acme", Dialect::Statuspage, changed);
    let after = send(server.addr(), "GET", path, &[("If-None-Match", &tag)], true).await;
    assert_eq!(after.status, 200);
    assert_ne!(after.header("etag"), Some(tag.as_str()));
    let io = get(server.addr(), "/acme-io/proxy/x/incidents").await;
    assert!(io.header("etag").is_some() && io.header("last-modified").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_paths_and_slugs_are_html_404s_and_every_request_is_counted() {
    let server = server().await;
    for path in [
        "/acme/api/v2/nothing.json",
        "/nobody/api/v2/summary.json",
        "/acme/proxy/a/b/c",
        "/",
    ] {
        let reply = get(server.addr(), path).await;
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
    }
    get(server.addr(), "/acme/api/v2/summary.json").await;
    get(server.addr(), "/acme/api/v2/summary.json").await;
    send(server.addr(), "HEAD", "/acme/api/v2/status.json", &[], true).await;
    assert_eq!(server.hits("acme"), 5);
    assert_eq!(server.hits("nobody"), 1);
    assert_eq!(server.hits("acme-io"), 0);
    assert_eq!(server.hits_for("/acme/api/v2/summary.json"), 2);
    assert_eq!(server.hits_for("/acme/api/v2/status.json"), 1);
    server.remove_page("acme");
    assert_eq!(
        get(server.addr(), "/acme/api/v2/summary.json").await.status,
        404
    );
    server.reset_hits();
    assert_eq!(server.hits("acme"), 0);
}
