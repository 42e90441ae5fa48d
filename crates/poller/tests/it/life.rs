//! An incident's life served by the fake server, polled into a store, in both dialects.

use crate::{clock, fetcher, shared, t0};
use chrono::Duration;
use lookout_core::{Clock, ComponentStatus, Platform};
use lookout_fake_status_server::scenario::{incident_life_for, INCIDENT_TITLE, LAST_STAGE};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{detect, poll_all, PollConfig};
use lookout_store::{IncidentFilter, Store};

async fn life(dialect: Dialect, slug: &str, expected_platform: Platform) {
    let server = FakeStatusServer::start().await.unwrap();
    let base_time = t0() - Duration::hours(2);
    server.set_page(slug, dialect, incident_life_for(dialect, 0, base_time));
    let clock = clock();
    let fetcher = fetcher();

    let detected = detect(&fetcher, &server.page_url(slug), clock.now())
        .await
        .unwrap();
    assert_eq!(detected.platform, expected_platform);
    assert_eq!(detected.snapshot.components.len(), 3);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut store = Store::open(&path).unwrap();
    let provider = crate::add_detected(&mut store, &detected, clock.now());
    let store = shared(store);
    let mut kinds = Vec::new();
    for stage in 0..=LAST_STAGE {
        server.set_page(slug, dialect, incident_life_for(dialect, stage, base_time));
        clock.advance(Duration::minutes(1));
        let polls = poll_all(&store, &fetcher, &clock, PollConfig::default())
            .await
            .unwrap();
        assert!(polls[0].error.is_none(), "{:?}", polls[0].error);
        kinds.push(
            polls[0]
                .events
                .iter()
                .map(|e| e.kind.name())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(
        kinds,
        vec![
            vec![],
            vec!["component_changed", "incident_opened"],
            vec!["component_changed", "incident_updated"],
            vec!["component_changed", "incident_updated", "incident_resolved"],
        ],
        "{dialect:?}"
    );
    // Polling the unchanged page again yields nothing, and the server was asked conditionally.
    let polls = poll_all(&store, &fetcher, &clock, PollConfig::default())
        .await
        .unwrap();
    assert!(polls[0].events.is_empty());
    drop(store);

    // A new process on the same file: nothing is reported again.
    let reopened = shared(Store::open(&path).unwrap());
    let polls = poll_all(&reopened, &fetcher, &clock, PollConfig::default())
        .await
        .unwrap();
    assert!(polls[0].events.is_empty());
    reopened.blocking(|store| {
        let incidents = store.incidents(&IncidentFilter::default()).unwrap();
        assert_eq!(incidents.len(), 1);
        let incident = &incidents[0].incident;
        assert_eq!(incident.title, INCIDENT_TITLE);
        assert_eq!(incident.started_at, base_time);
        assert_eq!(incident.duration(), Some(Duration::minutes(30)));
        assert_eq!(incident.updates.len(), 3);
        assert_eq!(
            store.provider_status(provider.id, clock.now()).unwrap(),
            ComponentStatus::Operational
        );
    });
}

#[tokio::test]
async fn a_statuspage_incident_life_yields_the_exact_events_once() {
    life(Dialect::Statuspage, "acme", Platform::Statuspage).await;
}

#[tokio::test]
async fn an_incident_io_incident_life_yields_the_exact_events_once() {
    life(Dialect::IncidentIo, "acme-io", Platform::IncidentIo).await;
}

#[tokio::test]
async fn an_unchanged_page_is_answered_not_modified() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, t0()),
    );
    let clock = clock();
    let fetcher = fetcher();
    let mut store = Store::open_in_memory().unwrap();
    crate::add_acme(&mut store, server.page_url("acme"), clock.now());
    let store = shared(store);
    poll_all(&store, &fetcher, &clock, PollConfig::default())
        .await
        .unwrap();
    let summary = "/acme/api/v2/summary.json";
    assert_eq!(server.hits_for(summary), 1);
    let polls = poll_all(&store, &fetcher, &clock, PollConfig::default())
        .await
        .unwrap();
    assert!(polls[0].error.is_none() && polls[0].events.is_empty());
    // Both documents were asked once more, and nothing was re-fetched in full.
    assert_eq!(server.hits_for(summary), 2);
}
