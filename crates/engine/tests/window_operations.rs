//! The operations the window's views are made of, over a real store: a provider in detail (its
//! open incidents and maintenances), an incident followed until it is resolved, a probe added
//! only to a provider that exists and removed only from its own, a provider refused before its
//! page is read, and a front end's own settings kept under its key.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::{FixedClock, IncidentRef, Platform, ProbeId, ProviderId};
use lookout_engine::operations::probes::NewProbe;
use lookout_engine::operations::providers::NewProvider;
use lookout_engine::{EngineError, Lookout};
use lookout_fake_status_server::recorded::{add, at, base, observe};
use lookout_fake_status_server::scenario::{incident_life_for, scenario_id};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_store::Store;
use std::sync::Arc;

/// Acme read at stage `stage` of its incident's life; the engine's clock at minute `minute`.
fn acme_at(stage: u8, minute: i64) -> (Lookout, ProviderId) {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    observe(&mut store, acme, "Acme", stage, at(minute));
    let clock = Arc::new(FixedClock::new(at(minute)));
    (Lookout::new(store, clock).unwrap(), acme)
}

fn the_incident(acme: ProviderId) -> IncidentRef {
    IncidentRef::new(acme, scenario_id(Dialect::Statuspage, "incident"))
}

#[tokio::test]
async fn a_provider_in_detail_has_its_open_incidents_and_an_unknown_one_is_not_found() {
    let (lookout, acme) = acme_at(2, 12);
    let detail = lookout.provider_detail(acme).await.unwrap();
    assert_eq!(detail.board.provider.name, "Acme");
    assert_eq!(detail.board.status.as_str(), "partial_outage");
    assert_eq!(detail.active_incidents.len(), 1);
    assert_eq!(lookout.provider_details().await.unwrap().len(), 1);
    let unknown = ProviderId::new(acme.get() + 1);
    assert!(matches!(
        lookout.provider_detail(unknown).await,
        Err(EngineError::NotFound(_))
    ));
    let watched = lookout.set_watched_components(unknown, vec![]).await;
    assert!(
        matches!(watched, Err(EngineError::NotFound(_))),
        "{watched:?}"
    );
}

#[tokio::test]
async fn an_open_incident_is_followed_a_resolved_one_refused() {
    let (lookout, acme) = acme_at(1, 2);
    let followed = lookout
        .set_followed(the_incident(acme), true)
        .await
        .unwrap();
    assert!(followed.followed);
    assert!(lookout.incident(the_incident(acme)).await.unwrap().followed);

    let (resolved, acme) = acme_at(3, 31);
    match resolved.set_followed(the_incident(acme), true).await {
        Err(EngineError::InvalidInput(message)) => assert!(message.contains("resolved")),
        other => panic!("refused expected, got {other:?}"),
    }
    let unfollowed = resolved.set_followed(the_incident(acme), false).await;
    assert!(!unfollowed.unwrap().followed);
    let missing = IncidentRef::new(acme, "nope");
    assert!(matches!(
        resolved.incident(missing).await,
        Err(EngineError::NotFound(_))
    ));
}

#[tokio::test]
async fn a_probe_goes_only_to_a_provider_that_exists_and_leaves_only_its_own() {
    let (lookout, acme) = acme_at(0, 0);
    let probe = |provider_id| NewProbe {
        provider_id,
        url: "https://api.acme.test/health".into(),
        every_secs: 30,
        expect: Default::default(),
        contains: None,
        timeout_secs: 10,
        allow_private: false,
    };
    let unknown = ProviderId::new(acme.get() + 1);
    let refused = lookout.add_probe(probe(unknown)).await;
    assert!(
        matches!(refused, Err(EngineError::NotFound(_))),
        "{refused:?}"
    );
    let added = lookout.add_probe(probe(acme)).await.unwrap();
    let elsewhere = lookout.remove_probe_of(unknown, added.id).await;
    assert!(
        matches!(elsewhere, Err(EngineError::NotFound(_))),
        "{elsewhere:?}"
    );
    assert_eq!(lookout.probes(Some(acme)).await.unwrap().len(), 1, "kept");
    let removed = lookout.remove_probe_of(acme, added.id).await.unwrap();
    assert_eq!(removed.id, added.id);
    let gone = lookout
        .remove_probe_of(acme, ProbeId::new(added.id.get() + 1))
        .await;
    assert!(matches!(gone, Err(EngineError::NotFound(_))));
}

#[tokio::test]
async fn a_provider_is_refused_before_its_page_is_read_and_added_with_its_history() {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base()),
    );
    let store = Store::open_in_memory().unwrap();
    let lookout = Lookout::new(store, Arc::new(FixedClock::new(base()))).unwrap();
    let new = |poll_interval_secs| NewProvider {
        name: "Acme".into(),
        url: server.page_url("acme"),
        platform: Platform::Statuspage,
        poll_interval_secs,
    };
    let refused = lookout.add_detected(new(1), vec![]).await;
    assert!(matches!(refused, Err(EngineError::Store(_))), "{refused:?}");
    assert_eq!(
        server.hits("acme"),
        0,
        "nothing fetched for a refused provider"
    );

    let added = lookout.add_detected(new(60), vec![]).await.unwrap();
    assert!(server.hits("acme") > 0);
    assert_eq!(
        added.active_incidents.len(),
        1,
        "its history stored with it"
    );
    assert_eq!(lookout.providers().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_front_end_keeps_its_own_settings_under_its_key() {
    let (lookout, _) = acme_at(0, 0);
    let none: Option<serde_json::Value> = lookout.setting("app").await.unwrap();
    assert_eq!(none, None);
    let value = serde_json::json!({"poll_interval_secs": 120});
    lookout.set_setting("app", value.clone()).await.unwrap();
    assert_eq!(lookout.setting("app").await.unwrap(), Some(value));
    let history = lookout
        .provider_history(ProviderId::new(99), 7, chrono::Utc)
        .await;
    assert!(matches!(history, Err(EngineError::NotFound(_))));
}

#[tokio::test]
async fn services_are_edited_as_text_checked_against_what_is_watched_or_left_as_they_were() {
    let (lookout, _) = acme_at(2, 12);
    assert_eq!(lookout.services_text().await.unwrap(), "");
    let misspelt = "[[services]]\nname = \"Checkout\"\n\
                    depends_on = [{ provider = \"Acme\", components = [\"APII\"] }]\n";
    let refused = lookout
        .save_services_text(misspelt.into())
        .await
        .unwrap_err();
    let said = refused.to_string();
    assert!(said.starts_with("services:3:"), "{said}");
    assert!(said.contains("closest: API"), "{said}");
    let unwatched = misspelt.replace("\"Acme\", components = [\"APII\"]", "\"Acne\"");
    let said = lookout
        .save_services_text(unwatched)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        said.contains("no provider \"Acne\" watched; closest: Acme"),
        "{said}"
    );
    assert!(
        lookout.services().await.unwrap().is_empty(),
        "nothing stored"
    );

    let states = lookout
        .save_services_text(misspelt.replace("APII", "API"))
        .await
        .unwrap();
    assert!(
        states[0].affected,
        "Acme's API is in a partial outage: {states:?}"
    );
    let text = lookout.services_text().await.unwrap();
    assert!(text.contains("name = \"Checkout\""), "{text}");
    let others =
        "[[providers]]\nname = \"X\"\nurl = \"https://x.test\"\nplatform = \"statuspage\"\n";
    assert!(lookout.save_services_text(others.into()).await.is_err());
}

#[tokio::test]
async fn services_from_a_form_are_checked_as_the_text_is_and_keep_their_alert_rule() {
    use lookout_engine::operations::services::{Criticality, Dependency, ServiceSpec};
    let (lookout, _) = acme_at(2, 12);
    let spec = |component: &str| ServiceSpec {
        name: "Checkout".into(),
        criticality: Criticality::High,
        depends_on: vec![Dependency {
            provider: "acme".into(),
            components: vec![component.into()],
            regions: vec![],
        }],
        alert: true,
    };
    let said = lookout
        .save_service_specs(vec![spec("APII")])
        .await
        .unwrap_err()
        .to_string();
    assert!(said.contains("closest: API"), "{said}");
    assert!(
        lookout.service_specs().await.unwrap().is_empty(),
        "nothing stored"
    );

    let states = lookout.save_service_specs(vec![spec("API")]).await.unwrap();
    assert!(states[0].affected, "{states:?}");
    let stored = lookout.service_specs().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].alert, "the rule kept: {stored:?}");
    assert_eq!(
        stored[0].depends_on[0].provider, "Acme",
        "the provider's own spelling"
    );
}
