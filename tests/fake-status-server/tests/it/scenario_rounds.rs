//! What `scripts/bench` relies on: `POST /_control/next-incident` starts another incident with
//! new ids, and quiet pages hold a fixed history of resolved incidents with ids of their own.

use crate::client::{get, send};
use chrono::{TimeZone, Utc};
use lookout_fake_status_server::quiet::{resolved_history, with_components};
use lookout_fake_status_server::scenario::INCIDENT_LIFE_PAGES;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use std::collections::HashSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_incident_restarts_the_stages_with_new_incident_and_update_ids() {
    let server = FakeStatusServer::start().await.unwrap();
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    server.run_incident_life(&INCIDENT_LIFE_PAGES, base);
    let open = |addr| async move {
        send(addr, "POST", "/_control/stage/1", &[], true).await;
        let summary = get(addr, "/acme/api/v2/summary.json").await.json();
        let incident = summary["incidents"][0].clone();
        let update = incident["incident_updates"][0]["id"].clone();
        (incident["id"].clone(), update, incident["name"].clone())
    };
    let first = open(server.addr()).await;
    let reply = send(server.addr(), "POST", "/_control/next-incident", &[], true).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["stage"], 0);
    let summary = get(server.addr(), "/acme/api/v2/summary.json").await.json();
    assert_eq!(summary["incidents"], serde_json::json!([]));
    let second = open(server.addr()).await;
    assert_eq!(second.2, "Elevated API errors");
    assert_ne!(first.0, second.0, "a new incident id");
    assert_ne!(first.1, second.1, "a new update id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quiet_pages_serve_resolved_incidents_with_ids_of_their_own() {
    let server = FakeStatusServer::start().await.unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    server.set_page(
        "quiet-000",
        Dialect::Statuspage,
        resolved_history(0, 10, now),
    );
    server.set_page(
        "quiet-001",
        Dialect::Statuspage,
        resolved_history(1, 10, now),
    );
    let mut ids = HashSet::new();
    for slug in ["quiet-000", "quiet-001"] {
        let path = format!("/{slug}/api/v2/incidents.json");
        let incidents = get(server.addr(), &path).await.json()["incidents"].clone();
        let incidents = incidents.as_array().unwrap();
        assert_eq!(incidents.len(), 10);
        for incident in incidents {
            assert_eq!(incident["status"], "resolved");
            assert!(ids.insert(incident["id"].to_string()), "{incident}");
        }
        let summary = get(server.addr(), &format!("/{slug}/api/v2/summary.json"))
            .await
            .json();
        assert_eq!(summary["status"]["indicator"], "none");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quiet_pages_can_have_sixteen_components_in_groups() {
    let server = FakeStatusServer::start().await.unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let page = with_components(resolved_history(4, 2, now), 4, 16);
    server.set_page("quiet-004", Dialect::Statuspage, page);
    let path = "/quiet-004/api/v2/components.json";
    let components = get(server.addr(), path).await.json()["components"].clone();
    let components = components.as_array().unwrap();
    let leaves: Vec<_> = components.iter().filter(|c| c["group"] != true).collect();
    assert_eq!(leaves.len(), 16, "{components:?}");
    let ids: HashSet<_> = leaves.iter().map(|c| c["id"].to_string()).collect();
    assert_eq!(ids.len(), 16);
    assert!(leaves.iter().all(|c| c["status"] == "operational"));
    let groups: Vec<_> = components.iter().filter(|c| c["group"] == true).collect();
    assert!(
        groups.len() >= 3,
        "the new ones in groups of four: {groups:?}"
    );
}
