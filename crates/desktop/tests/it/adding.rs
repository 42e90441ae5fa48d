//! Adding a provider from the window: the preview read from the fake status-page server, the
//! chosen components stored, and clear errors for what cannot be added.

use crate::base;
use lookout_core::FixedClock;
use lookout_desktop::{add_provider, preview, AddProvider};
use lookout_engine::Lookout;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{FetchConfig, Fetcher};
use lookout_store::{SharedStore, Store};
use std::sync::Arc;
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(3),
        max_body_bytes: 4 * 1024 * 1024,
    })
    .unwrap()
}

/// The engine over an empty database, its clock at [`base`].
fn lookout() -> Lookout {
    let store = SharedStore::new(Store::open_in_memory().unwrap());
    Lookout::with_fetcher(store, fetcher(), Arc::new(FixedClock::new(base())))
}

#[tokio::test]
async fn a_preview_shows_name_platform_and_components_then_adding_watches_the_chosen_ones() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base()),
    );
    let lookout = lookout();
    let found = preview(&lookout, &server.page_url("acme")).await.unwrap();
    assert_eq!(found.name, "Acme");
    assert_eq!(found.platform, "statuspage");
    assert_eq!(found.platform_label, "Atlassian Statuspage");
    let names: Vec<_> = found.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["API", "Dashboard", "Webhooks"]);
    assert!(found.components.iter().all(|c| c.watched));
    assert_eq!(found.status.as_str(), "partial_outage");
    assert_eq!(found.active_incidents, 1);

    let api = found.components[0].id.clone();
    let request = AddProvider {
        url: found.url.clone(),
        name: "  Acme Cloud ".into(),
        platform: found.platform.clone(),
        component_ids: vec![api.clone()],
        poll_interval_secs: None,
    };
    let card = add_provider(&lookout, &request, 120).await.unwrap();
    assert_eq!(card.name, "Acme Cloud");
    assert_eq!(card.poll_interval_secs, 120);
    assert_eq!(
        card.status.as_str(),
        "partial_outage",
        "the page read as it was added"
    );
    assert_eq!(card.active_incidents.len(), 1, "its history shown at once");
    let (last_event, watched) = lookout.store.blocking(|store| {
        let watched = store.watched_components(card.id).unwrap();
        (store.last_event_id().unwrap(), watched)
    });
    assert_eq!(
        last_event, 1,
        "only the incident still open is reported, as by a first poll"
    );
    assert_eq!(watched, vec![api]);

    let again = add_provider(&lookout, &request, 120).await.unwrap_err();
    assert_eq!(again.code(), "invalid_input", "{again}");
}

#[tokio::test]
async fn what_cannot_be_added_gets_a_clear_error() {
    let server = FakeStatusServer::start().await.unwrap();
    let lookout = lookout();
    let nothing = preview(&lookout, &server.page_url("nobody"))
        .await
        .unwrap_err();
    assert_eq!(nothing.code(), "detection_failed");
    assert!(
        nothing.to_string().contains("no supported status page"),
        "{nothing}"
    );
    let empty = preview(&lookout, "   ").await.unwrap_err();
    assert_eq!(empty.code(), "invalid_input");

    let bad = |url: &str, platform: &str, interval: Option<u32>| AddProvider {
        url: url.into(),
        name: "X".into(),
        platform: platform.into(),
        component_ids: vec![],
        poll_interval_secs: interval,
    };
    for request in [
        bad("file:///etc/passwd", "statuspage", None),
        bad("https://x.test", "myspace", None),
        bad("https://x.test", "statuspage", Some(1)),
    ] {
        let error = add_provider(&lookout, &request, 60).await.unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{error}");
    }
    assert!(lookout.providers().await.unwrap().is_empty());
}
