//! Adding a provider from the window: the preview read from the fake status-page server, the
//! chosen components stored, and clear errors for what cannot be added.

use crate::base;
use lookout_desktop::{add_provider, preview, read_history, AddProvider};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{FetchConfig, Fetcher};
use lookout_store::Store;
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(3),
        max_body_bytes: 4 * 1024 * 1024,
    })
    .unwrap()
}

#[tokio::test]
async fn a_preview_shows_name_platform_and_components_then_adding_watches_the_chosen_ones() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base()),
    );
    let found = preview(&fetcher(), &server.page_url("acme"), base())
        .await
        .unwrap();
    assert_eq!(found.name, "Acme");
    assert_eq!(found.platform, "statuspage");
    assert_eq!(found.platform_label, "Atlassian Statuspage");
    let names: Vec<_> = found.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["API", "Dashboard", "Webhooks"]);
    assert!(found.components.iter().all(|c| c.watched));
    assert_eq!(found.status.as_str(), "partial_outage");
    assert_eq!(found.active_incidents, 1);

    let mut store = Store::open_in_memory().unwrap();
    let api = found.components[0].id.clone();
    let request = AddProvider {
        url: found.url.clone(),
        name: "  Acme Cloud ".into(),
        platform: found.platform.clone(),
        component_ids: vec![api.clone()],
        poll_interval_secs: None,
    };
    let history = read_history(&fetcher(), &request, base()).await;
    assert_eq!(history.as_ref().unwrap().snapshot.incidents.len(), 1);
    let card = add_provider(&mut store, &request, 120, history.as_ref(), base()).unwrap();
    assert_eq!(card.name, "Acme Cloud");
    assert_eq!(card.poll_interval_secs, 120);
    assert_eq!(
        card.status.as_str(),
        "partial_outage",
        "the page read as it was added"
    );
    assert_eq!(card.active_incidents.len(), 1, "its history shown at once");
    assert_eq!(
        store.last_event_id().unwrap(),
        1,
        "only the incident still open is reported, as by a first poll"
    );
    assert_eq!(store.watched_components(card.id).unwrap(), vec![api]);

    let again = add_provider(&mut store, &request, 120, None, base()).unwrap_err();
    assert_eq!(again.code(), "invalid_input", "{again}");
}

#[tokio::test]
async fn what_cannot_be_added_gets_a_clear_error() {
    let server = FakeStatusServer::start().await.unwrap();
    let nothing = preview(&fetcher(), &server.page_url("nobody"), base())
        .await
        .unwrap_err();
    assert_eq!(nothing.code(), "detection_failed");
    assert!(
        nothing.to_string().contains("no supported status page"),
        "{nothing}"
    );
    let empty = preview(&fetcher(), "   ", base()).await.unwrap_err();
    assert_eq!(empty.code(), "invalid_input");

    let mut store = Store::open_in_memory().unwrap();
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
        let error = add_provider(&mut store, &request, 60, None, base()).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{error}");
    }
    assert!(store.providers().unwrap().is_empty());
}
