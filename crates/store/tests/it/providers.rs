//! Providers, watched components, poll failures and damaged files.

use chrono::{TimeZone, Utc};
use lookout_core::{ComponentStatus, EventKind, Platform, SinkId};
use lookout_store::{NewProvider, SinkPlaceholders, Store, StoreError};

pub fn acme() -> NewProvider {
    NewProvider {
        name: "Acme".into(),
        url: "https://status.acme.test/".into(),
        platform: Platform::Statuspage,
        poll_interval_secs: 60,
    }
}

#[test]
fn providers_are_added_found_by_id_or_by_name_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let added = store.add_provider(&acme(), at).unwrap();
    assert_eq!(added.name, "Acme");
    assert_eq!(added.platform, Platform::Statuspage);
    assert_eq!(
        store.providers_named("acme").unwrap(),
        std::slice::from_ref(&added)
    );
    assert!(store.providers_named("Acm").unwrap().is_empty());
    assert_eq!(store.provider(added.id).unwrap().unwrap().name, "Acme");
    assert!(matches!(
        store.add_provider(&acme(), at),
        Err(StoreError::Duplicate(_))
    ));
    let removed = store.remove_provider(added.id).unwrap();
    assert_eq!(removed.id, added.id);
    assert!(store.providers().unwrap().is_empty());
    assert_eq!(store.provider(added.id).unwrap(), None);
    assert!(matches!(
        store.remove_provider(added.id),
        Err(StoreError::NoSuchProvider(_))
    ));
}

#[test]
fn a_provider_and_a_sink_are_changed_in_place_and_a_sink_remembers_its_placeholders() {
    let mut store = Store::open_in_memory().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let added = store.add_provider(&acme(), at).unwrap();
    assert_eq!(store.incident_count(added.id).unwrap(), 0);
    let moved = NewProvider {
        name: "ACME".into(),
        url: "https://acme.instatus.test/".into(),
        platform: Platform::Instatus,
        poll_interval_secs: 300,
    };
    store.update_provider(added.id, &moved).unwrap();
    let now = store.provider(added.id).unwrap().unwrap();
    assert_eq!(
        (
            now.name.as_str(),
            now.url.as_str(),
            now.platform,
            now.poll_interval_secs
        ),
        (
            "ACME",
            "https://acme.instatus.test/",
            Platform::Instatus,
            300
        )
    );
    let too_often = NewProvider {
        poll_interval_secs: 5,
        ..moved
    };
    assert!(matches!(
        store.update_provider(added.id, &too_often),
        Err(StoreError::InvalidInput(_))
    ));

    let sink = store
        .add_sink("slack", "Ops", "https://hooks.test/a", None, at)
        .unwrap();
    assert_eq!(
        (sink.url_env.clone(), sink.secret_env.clone()),
        (None, None)
    );
    store
        .update_sink(
            sink.id,
            "webhook",
            "Ops room",
            "https://hooks.test/b",
            Some("k"),
        )
        .unwrap();
    let placeholders = SinkPlaceholders {
        url_env: Some("OPS_URL".into()),
        secret_env: Some("OPS_SECRET".into()),
    };
    store.set_sink_placeholders(sink.id, &placeholders).unwrap();
    let changed = store.sink(sink.id).unwrap().unwrap();
    assert_eq!(
        (
            changed.kind.as_str(),
            changed.name.as_str(),
            changed.url.as_str()
        ),
        ("webhook", "Ops room", "https://hooks.test/b")
    );
    assert_eq!(changed.secret.as_deref(), Some("k"));
    assert_eq!(changed.url_env.as_deref(), Some("OPS_URL"));
    assert_eq!(changed.secret_env.as_deref(), Some("OPS_SECRET"));
    assert!(matches!(
        store.set_sink_placeholders(SinkId::new(99), &placeholders),
        Err(StoreError::NoSuchSink(id)) if id == SinkId::new(99)
    ));
}

#[test]
fn failures_make_a_provider_unknown_once_and_recovery_is_reported_once() {
    let mut store = Store::open_in_memory().unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let p = store.add_provider(&acme(), t0).unwrap();
    let obs = crate::snapshots::observation(ComponentStatus::DegradedPerformance, &[]);
    store.apply_observation(p.id, "Acme", &obs, t0).unwrap();
    assert_eq!(
        store.provider_status(p.id, t0).unwrap(),
        ComponentStatus::DegradedPerformance
    );

    let mut unreachable = Vec::new();
    for n in 1..=5 {
        let at = t0 + chrono::Duration::minutes(n);
        let recorded = store
            .record_failure(p.id, "Acme", "HTTP 500", 3, at)
            .unwrap();
        assert_eq!(i64::from(recorded.consecutive_failures), n);
        if let Some(event) = recorded.event {
            unreachable.push((n, event));
        }
        let expected = if n >= 3 {
            ComponentStatus::Unknown
        } else {
            ComponentStatus::DegradedPerformance
        };
        assert_eq!(
            store.provider_status(p.id, at).unwrap(),
            expected,
            "after {n} failures"
        );
    }
    assert_eq!(unreachable.len(), 1);
    assert_eq!(unreachable[0].0, 3);
    assert!(
        matches!(&unreachable[0].1.kind, EventKind::ProviderUnreachable { reason } if reason == "HTTP 500")
    );
    // Failures never clear what was stored.
    assert_eq!(
        store.components(p.id).unwrap()[0].status,
        ComponentStatus::DegradedPerformance
    );
    let state = store.poll_state(p.id).unwrap();
    assert_eq!(state.consecutive_failures, 5);
    assert_eq!(state.last_error.as_deref(), Some("HTTP 500"));

    let back = store
        .apply_observation(p.id, "Acme", &obs, t0 + chrono::Duration::minutes(9))
        .unwrap();
    assert_eq!(
        back.iter().map(|e| e.kind.name()).collect::<Vec<_>>(),
        ["provider_recovered"]
    );
    assert_eq!(store.poll_state(p.id).unwrap().consecutive_failures, 0);
}

#[test]
fn a_provider_never_read_is_unknown_not_operational() {
    let mut store = Store::open_in_memory().unwrap();
    let p = store.add_provider(&acme(), Utc::now()).unwrap();
    assert_eq!(
        store.provider_status(p.id, Utc::now()).unwrap(),
        ComponentStatus::Unknown
    );
}

#[test]
fn a_provider_not_read_for_three_intervals_is_unknown_never_a_stale_green() {
    let mut store = Store::open_in_memory().unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let p = store.add_provider(&acme(), t0).unwrap();
    let obs = crate::snapshots::observation(ComponentStatus::Operational, &[]);
    store.apply_observation(p.id, "Acme", &obs, t0).unwrap();
    let three_intervals = t0 + chrono::Duration::seconds(180);
    assert_eq!(
        store.provider_health(p.id, three_intervals).unwrap(),
        (ComponentStatus::Operational, None)
    );
    let later = t0 + chrono::Duration::minutes(14);
    let (status, why) = store.provider_health(p.id, later).unwrap();
    assert_eq!(status, ComponentStatus::Unknown);
    assert_eq!(why.unwrap().describe(later), "last read 14 min ago");
}

#[test]
fn what_a_read_left_out_is_kept_with_the_provider_until_a_read_leaves_nothing_out() {
    let mut store = Store::open_in_memory().unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let p = store.add_provider(&acme(), t0).unwrap();
    let mut obs = crate::snapshots::observation(ComponentStatus::Operational, &[]);
    obs.snapshot.warnings = vec!["1 update ignored: date out of range".into()];
    store.apply_observation(p.id, "Acme", &obs, t0).unwrap();
    assert_eq!(
        store.poll_state(p.id).unwrap().warnings,
        ["1 update ignored: date out of range"]
    );
    store.record_unchanged(p.id, "Acme", t0).unwrap();
    assert_eq!(store.poll_state(p.id).unwrap().warnings.len(), 1);
    obs.snapshot.warnings.clear();
    store.apply_observation(p.id, "Acme", &obs, t0).unwrap();
    assert!(store.poll_state(p.id).unwrap().warnings.is_empty());
}

#[test]
fn watched_components_narrow_the_provider_status() {
    let mut store = Store::open_in_memory().unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let p = store.add_provider(&acme(), t0).unwrap();
    let obs = crate::snapshots::observation(ComponentStatus::MajorOutage, &[]);
    store.apply_observation(p.id, "Acme", &obs, t0).unwrap();
    assert_eq!(
        store.provider_status(p.id, t0).unwrap(),
        ComponentStatus::MajorOutage
    );
    store
        .set_watched_components(p.id, &["web".to_string()])
        .unwrap();
    assert_eq!(store.watched_components(p.id).unwrap(), ["web"]);
    assert_eq!(
        store.provider_status(p.id, t0).unwrap(),
        ComponentStatus::Operational
    );
}

#[test]
fn a_damaged_database_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    // SQLite's header, then text: SQLite says "not a database" (a file without the header is
    // refused untouched instead: see `database_file`).
    std::fs::write(
        &path,
        b"SQLite format 3\0 and then just some text that is long enough",
    )
    .unwrap();
    let mut store = Store::open(&path).unwrap();
    let aside = store.moved_aside().unwrap().to_path_buf();
    assert!(aside.exists(), "damaged file kept for inspection");
    assert_eq!(std::fs::read(&aside).unwrap()[16..25], *b" and then");
    store.add_provider(&acme(), Utc::now()).unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert!(reopened.moved_aside().is_none());
    assert_eq!(reopened.providers().unwrap().len(), 1);
}
