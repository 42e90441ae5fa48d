//! OS notifications: one per provider per poll, only wanted kinds and watched components,
//! nothing while paused, and never the same change twice, across restarts.

use crate::window::{save_event_choices, take_notifications};
use crate::{add, at, observe};
use chrono::Utc;
use lookout_core::ProviderId;
use lookout_desktop::{Notification, Pause, Settings};
use lookout_store::Store;
use proptest::prelude::*;

/// Saves `settings` (as the Settings view does) and takes what is owed at `minute`.
fn take(store: &mut Store, settings: &Settings, minute: i64) -> Vec<Notification> {
    save_event_choices(store, settings);
    take_notifications(store, at(minute), &Utc)
}

#[test]
fn an_incident_life_notifies_open_update_and_resolve_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let settings = Settings::default();
    let mut store = Store::open(&path).unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    assert!(
        take(&mut store, &settings, -1).is_empty(),
        "the first read is a baseline"
    );

    observe(&mut store, acme, "Acme", 1, at(2));
    let opened = take(&mut store, &settings, 2);
    assert_eq!(
        opened.len(),
        1,
        "one notification for the whole poll: {opened:?}"
    );
    assert_eq!(opened[0].title, "Acme: degraded performance");
    assert_eq!(
        opened[0].body,
        "Elevated API errors\nWe are investigating elevated error rates on the API.",
        "the component change is not wanted by default, so not counted"
    );
    assert!(opened[0].route.starts_with(&format!("#/incident/{acme}/")));
    assert!(take(&mut store, &settings, 2).is_empty(), "nothing twice");
    drop(store);

    // A restart between two polls: the update is new, what was sent is not sent again.
    let mut store = Store::open(&path).unwrap();
    assert!(take(&mut store, &settings, 5).is_empty());
    observe(&mut store, acme, "Acme", 2, at(12));
    let updated = take(&mut store, &settings, 12);
    assert_eq!(updated.len(), 1);
    assert_eq!(updated[0].title, "Acme: partial outage");
    assert!(updated[0].body.contains("The issue has been identified"));

    observe(&mut store, acme, "Acme", 3, at(31));
    let resolved = take(&mut store, &settings, 31);
    assert_eq!(resolved.len(), 1);
    assert_eq!(resolved[0].title, "Acme: resolved");
    assert_eq!(
        resolved[0].body, "Elevated API errors — resolved after 30 min",
        "the resolving update is part of the headline, not another change"
    );
}

#[test]
fn each_provider_gets_its_own_notification_and_unwanted_kinds_are_skipped() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let globex = add(&mut store, "Globex");
    for (id, name) in [(acme, "Acme"), (globex, "Globex")] {
        observe(&mut store, id, name, 0, at(-1));
    }
    let quiet = Settings {
        notify_incident_opened: false,
        ..Settings::default()
    };
    observe(&mut store, acme, "Acme", 1, at(2));
    observe(&mut store, globex, "Globex", 1, at(2));
    // Opening an incident is not wanted here: skipped, for both.
    assert!(take(&mut store, &quiet, 2).is_empty());
    observe(&mut store, acme, "Acme", 2, at(12));
    observe(&mut store, globex, "Globex", 2, at(12));
    let with_changes = Settings {
        notify_component_changed: true,
        ..quiet.clone()
    };
    let sent = take(&mut store, &with_changes, 12);
    // One each, though each poll brought an update and a component change.
    let providers: Vec<Option<ProviderId>> = sent.iter().map(|n| n.provider_id).collect();
    assert_eq!(providers, [Some(acme), Some(globex)], "{sent:?}");
    assert!(
        sent.iter().all(|n| n.body.ends_with("and 1 more change")),
        "{sent:?}"
    );
    assert!(
        take(&mut store, &Settings::default(), 13).is_empty(),
        "skipped stays skipped"
    );
}

#[test]
fn nothing_is_notified_while_paused_or_for_unwatched_components() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    // Paused from the tray or the window (a saved Settings form does not pause).
    lookout_alerts::pause_alerts(&mut store, Pause::Hour.until(&at(0))).unwrap();
    let paused = Settings::default();
    observe(&mut store, acme, "Acme", 1, at(2));
    assert!(take(&mut store, &paused, 2).is_empty());
    // After the pause, only what is new is sent.
    observe(&mut store, acme, "Acme", 2, at(70));
    let after = take(&mut store, &paused, 70);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].title, "Acme: partial outage");

    // Watching only Webhooks: the API incident's resolution is not for this user.
    let webhooks = store
        .components(acme)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Webhooks")
        .unwrap()
        .id;
    store.set_watched_components(acme, &[webhooks]).unwrap();
    observe(&mut store, acme, "Acme", 3, at(71));
    assert!(take(&mut store, &Settings::default(), 71).is_empty());
}

#[test]
fn changes_recorded_long_ago_while_the_app_was_closed_are_not_replayed() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    observe(&mut store, acme, "Acme", 1, at(2));
    assert!(take(&mut store, &Settings::default(), 60 * 24).is_empty());
    // A recent one (the CLI polled an hour ago) is sent once.
    observe(&mut store, acme, "Acme", 2, at(60 * 24 - 60));
    assert_eq!(take(&mut store, &Settings::default(), 60 * 24).len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any walk through the incident's stages, with restarts anywhere, notifies each incident
    /// change at most once, and at most one notification per provider per take.
    #[test]
    fn no_change_is_notified_twice(steps in proptest::collection::vec((0u8..=3, any::<bool>()), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookout.db");
        let mut store = Store::open(&path).unwrap();
        let acme = add(&mut store, "Acme");
        observe(&mut store, acme, "Acme", 0, at(-1));
        let mut bodies = Vec::new();
        for (n, (stage, restart)) in steps.into_iter().enumerate() {
            if restart {
                drop(store);
                store = Store::open(&path).unwrap();
            }
            let minute = i64::try_from(n).unwrap() + 1;
            observe(&mut store, acme, "Acme", stage, at(minute));
            let sent = take(&mut store, &Settings::default(), minute);
            prop_assert!(sent.len() <= 1);
            bodies.extend(sent.into_iter().map(|n| n.body));
        }
        let first_lines: Vec<String> = bodies
            .iter()
            .flat_map(|b| b.lines().skip(1).take(1).map(str::to_string))
            .filter(|l| !l.starts_with("and "))
            .collect();
        let mut unique = first_lines.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), first_lines.len(), "{:?}", bodies);
    }
}
