//! The notification ledger and settings: an event is handed to a sink once, across restarts and
//! across processes; old undelivered events expire instead of flooding; settings round-trip.

use crate::providers::acme;
use crate::snapshots::observation;
use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::ComponentStatus;
use lookout_store::{IncidentFilter, Store};

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

/// Adds Acme and saves its first (calm) read.
fn with_baseline(store: &mut Store) -> lookout_store::Provider {
    let p = store.add_provider(&acme(), t(0)).unwrap();
    let calm = observation(ComponentStatus::Operational, &[]);
    store.apply_observation(p.id, "Acme", &calm, t(0)).unwrap();
    p
}

#[test]
fn each_event_is_undelivered_until_recorded_then_never_again_even_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut store = Store::open(&path).unwrap();
    let p = with_baseline(&mut store);
    let opened = observation(
        ComponentStatus::PartialOutage,
        &[("u1", "investigating", 2)],
    );
    let events = store
        .apply_observation(p.id, "Acme", &opened, t(2))
        .unwrap();
    assert!(!events.is_empty());

    let pending = store.undelivered("os", t(0), t(3)).unwrap();
    assert_eq!(pending.len(), events.len());
    assert!(pending.iter().all(|e| e.provider_id == p.id));
    assert_eq!(
        pending.iter().map(|e| &e.event).collect::<Vec<_>>(),
        events.iter().collect::<Vec<_>>()
    );
    // Another sink has its own ledger.
    assert_eq!(
        store.undelivered("webhook", t(0), t(3)).unwrap().len(),
        events.len()
    );

    let ids: Vec<i64> = pending.iter().map(|e| e.id).collect();
    let message = ("d1".to_string(), "t".to_string(), "{}".to_string(), ids);
    store.queue_deliveries("os", &[], &[message], t(3)).unwrap();
    assert!(store.undelivered("os", t(0), t(3)).unwrap().is_empty());
    drop(store);

    // After a restart: still delivered; a new update is the only thing pending.
    let mut store = Store::open(&path).unwrap();
    assert!(store.undelivered("os", t(0), t(4)).unwrap().is_empty());
    let updated = observation(
        ComponentStatus::PartialOutage,
        &[("u1", "investigating", 2), ("u2", "identified", 4)],
    );
    store
        .apply_observation(p.id, "Acme", &updated, t(5))
        .unwrap();
    let pending = store.undelivered("os", t(0), t(5)).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].event.kind.name(), "incident_updated");
}

#[test]
fn undelivered_events_older_than_the_horizon_expire_instead_of_being_sent() {
    let mut store = Store::open_in_memory().unwrap();
    let p = with_baseline(&mut store);
    let opened = observation(ComponentStatus::MajorOutage, &[("u1", "investigating", 1)]);
    store
        .apply_observation(p.id, "Acme", &opened, t(1))
        .unwrap();
    // Seen undelivered a day later, with a 6-hour horizon: nothing to send, and it stays that way.
    let later = t(24 * 60);
    assert!(store
        .undelivered("os", later - Duration::hours(6), later)
        .unwrap()
        .is_empty());
    assert!(store.undelivered("os", t(0), later).unwrap().is_empty());
}

#[test]
fn settings_round_trip_and_a_missing_or_stale_value_is_none() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.setting::<u32>("poll_interval_secs").unwrap(), None);
    store.set_setting("poll_interval_secs", &120u32).unwrap();
    store.set_setting("poll_interval_secs", &300u32).unwrap();
    assert_eq!(
        store.setting::<u32>("poll_interval_secs").unwrap(),
        Some(300)
    );
    store.set_setting("paused", &"not a number").unwrap();
    assert_eq!(store.setting::<u32>("paused").unwrap(), None);
}

#[test]
fn incidents_filter_by_state_text_and_id() {
    let mut store = Store::open_in_memory().unwrap();
    let p = store.add_provider(&acme(), t(0)).unwrap();
    let open = observation(
        ComponentStatus::PartialOutage,
        &[("u1", "investigating", 1)],
    );
    store.apply_observation(p.id, "Acme", &open, t(1)).unwrap();
    let query = |filter: IncidentFilter| store.incidents(&filter).unwrap().len();
    assert_eq!(query(IncidentFilter::default()), 1);
    assert_eq!(
        query(IncidentFilter {
            active_only: true,
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        query(IncidentFilter {
            resolved_only: true,
            ..Default::default()
        }),
        0
    );
    let text = |t: &str| IncidentFilter {
        text: Some(t.into()),
        ..Default::default()
    };
    assert_eq!(query(text("ELEVATED")), 1);
    assert_eq!(query(text("acme")), 1, "the provider's name matches too");
    assert_eq!(query(text("database")), 0);
    assert_eq!(query(text("  ")), 1, "blank text is no filter");
    let id = |i: &str| IncidentFilter {
        incident_id: Some(i.into()),
        ..Default::default()
    };
    assert_eq!(query(id("inc1")), 1);
    assert_eq!(query(id("inc2")), 0);
}

#[test]
fn in_order_a_delivery_waits_while_an_older_one_of_its_sink_waits_for_a_retry() {
    use lookout_store::Attempt;
    let mut store = Store::open_in_memory().unwrap();
    let queue = |store: &mut Store, id: &str, at| {
        let message = (id.to_string(), id.to_string(), "{}".to_string(), Vec::new());
        store
            .queue_deliveries("sink:1", &[], &[message], at)
            .unwrap();
    };
    let lease = Duration::minutes(2);
    queue(&mut store, "trigger", t(0));
    let first = store.claim_due_in_order("sink:1", t(0), lease).unwrap();
    assert_eq!(first.len(), 1);
    store
        .finish_delivery("trigger", &Attempt::Retry(t(5), "503".into()), t(0))
        .unwrap();
    queue(&mut store, "resolve", t(1));
    assert!(
        store
            .claim_due_in_order("sink:1", t(1), lease)
            .unwrap()
            .is_empty(),
        "the resolve waits for the trigger's retry"
    );
    let unordered = store.claim_due("sink:1", t(1), lease).unwrap();
    assert_eq!(unordered.len(), 1, "claim_due does not wait");
    let later: Vec<String> = store
        .claim_due_in_order("sink:1", t(5), lease)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(later, ["trigger", "resolve"]);
    assert!(
        store
            .claim_due_in_order("sink:1", t(5), lease)
            .unwrap()
            .is_empty(),
        "both leased now"
    );
}

#[test]
fn an_event_id_is_never_given_twice_even_after_the_newest_events_provider_is_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let first = with_baseline(&mut store);
    let globex = store
        .add_provider(
            &lookout_store::NewProvider {
                name: "Globex".into(),
                url: "https://status.globex.test/".into(),
                ..acme()
            },
            t(0),
        )
        .unwrap();
    let calm = observation(ComponentStatus::Operational, &[]);
    store
        .apply_observation(globex.id, "Globex", &calm, t(0))
        .unwrap();
    let opened = observation(
        ComponentStatus::PartialOutage,
        &[("u1", "investigating", 2)],
    );
    store
        .apply_observation(globex.id, "Globex", &opened, t(2))
        .unwrap();
    let last_before = store.last_event_id().unwrap();
    assert!(last_before > 0);
    store.remove_provider(globex.id).unwrap();
    assert!(
        store.last_event_id().unwrap() < last_before,
        "Globex's events went with it"
    );
    store
        .apply_observation(first.id, "Acme", &opened, t(3))
        .unwrap();
    assert!(
        store.last_event_id().unwrap() > last_before,
        "Acme's new event has an id above every id given before"
    );
}
