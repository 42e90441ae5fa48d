//! What the window receives, as a whole, under snapshot: every read command's JSON (overview,
//! incidents, an incident's timeline, maintenances, a catalogue search, settings, alert settings
//! and rules, the default event choices, a provider's history, sinks, the delivery log), the
//! `{code, message}` error and the `status-changed` event. A renamed or
//! dropped field shows up here (and in `docs/app-commands.md`), not in the user's window.

use crate::window::{incident, incidents, maintenances, overview, provider_history};
use crate::{add, at, observe};
use lookout_alerts::{
    add_sink, delivery_rows, sink_views, AlertSettings, EventChoices, NewSink, ProviderRules,
};
use lookout_core::FixedClock;
use lookout_core::{IncidentRef, ProviderId};
use lookout_desktop::{
    catalog_search, CommandError, DesktopError, IncidentQuery, Settings, StatusChanged,
};
use lookout_engine::Lookout;
use lookout_store::Store;
use std::sync::Arc;

/// Acme in the middle of its incident (identified, API partial outage); Globex calm.
fn mid_incident() -> (Store, ProviderId) {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let globex = add(&mut store, "Globex");
    for (id, name) in [(acme, "Acme"), (globex, "Globex")] {
        observe(&mut store, id, name, 0, at(-1));
    }
    observe(&mut store, acme, "Acme", 2, at(12));
    observe(&mut store, globex, "Globex", 0, at(12));
    (store, acme)
}

#[tokio::test]
async fn the_read_commands_answer_in_their_documented_shapes() {
    let (store, acme) = mid_incident();
    let now = at(13);
    insta::assert_json_snapshot!("overview", overview(&store, None, now).unwrap());
    let list = incidents(&store, &IncidentQuery::default(), now).unwrap();
    insta::assert_json_snapshot!("incidents", list);
    let detail = incident(&store, &IncidentRef::new(acme, list[0].id.as_str()), now).unwrap();
    insta::assert_json_snapshot!("incident", detail);
    insta::assert_json_snapshot!("maintenances", maintenances(&store, now).unwrap());
    insta::assert_json_snapshot!("catalog_search", &catalog_search("github")[..1]);
    insta::assert_json_snapshot!("alert_settings", AlertSettings::load(&store).unwrap());
    insta::assert_json_snapshot!("default_event_choices", EventChoices::default());
    insta::assert_json_snapshot!("provider_rules", ProviderRules::load(&store, acme).unwrap());
    let history = provider_history(&store, acme, 2, &chrono::Utc, now).unwrap();
    insta::assert_json_snapshot!("provider_history", history);
    let lookout = Lookout::new(store, Arc::new(FixedClock::new(now))).unwrap();
    insta::assert_json_snapshot!("settings", Settings::load(&lookout).await.unwrap());
}

#[test]
fn sinks_and_the_delivery_log_never_show_a_secret() {
    let mut store = Store::open_in_memory().unwrap();
    let new = NewSink {
        kind: "webhook".into(),
        name: "ops".into(),
        url: "https://hooks.example.test/secret/path".into(),
        secret: Some("whsec_0123456789abcdef".into()),
    };
    add_sink(&mut store, &new, at(0)).unwrap();
    insta::assert_json_snapshot!("sinks", sink_views(&store).unwrap());
    insta::assert_json_snapshot!("delivery_log", delivery_rows(&store, 10).unwrap());
}

#[test]
fn errors_and_events_have_their_documented_shapes() {
    let error = CommandError::from(DesktopError::NotFound("no provider #7".into()));
    insta::assert_json_snapshot!("error_not_found", error);
    insta::assert_json_snapshot!(
        "event_status_changed",
        StatusChanged {
            worst: "partial_outage".into()
        }
    );
}
