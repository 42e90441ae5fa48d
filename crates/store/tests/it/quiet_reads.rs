//! Unchanged reads written late: the change mark tells a watcher whether anything was written
//! (and by whom), and waiting successes are written together without undoing a failure recorded
//! since or losing a recovery.

use crate::providers::acme;
use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::ProviderId;
use lookout_store::{QuietRead, Store};

fn t(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap() + Duration::seconds(seconds)
}

fn quiet(provider_id: ProviderId, second: i64) -> QuietRead {
    QuietRead {
        provider_id,
        provider: "Acme".into(),
        at: t(second),
    }
}

#[test]
fn the_mark_moves_with_every_write_and_tells_another_connections_from_this_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut mine = Store::open(&path).unwrap();
    let start = mine.change_mark().unwrap();
    assert_eq!(
        mine.change_mark().unwrap(),
        start,
        "reading changes nothing"
    );
    let id = mine.add_provider(&acme(), t(0)).unwrap().id;
    let after_mine = mine.change_mark().unwrap();
    assert_ne!(after_mine, start);
    assert!(
        !after_mine.others_wrote_since(&start),
        "this connection wrote"
    );

    let mut other = Store::open(&path).unwrap();
    other
        .record_failure(id, "Acme", "timed out", 3, t(5))
        .unwrap();
    let after_other = mine.change_mark().unwrap();
    assert!(after_other.others_wrote_since(&after_mine));
}

#[test]
fn the_files_stamp_moves_with_any_commit_and_not_with_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut mine = Store::open(&path).unwrap();
    let files = mine.files().unwrap();
    assert_eq!(files.db(), path.as_path());
    assert_eq!(Store::open_in_memory().unwrap().files(), None);
    let id = mine.add_provider(&acme(), t(0)).unwrap().id;
    let stamp = files.stamp();
    mine.providers().unwrap();
    mine.change_mark().unwrap();
    assert_eq!(files.stamp(), stamp, "reads leave the files alone");

    let mut other = Store::open(&path).unwrap();
    other.record_unchanged(id, "Acme", t(60)).unwrap();
    assert_ne!(files.stamp(), stamp, "another process committed");
}

#[test]
fn waiting_successes_are_written_together_as_an_unchanged_poll_would_write_them() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store.add_provider(&acme(), t(0)).unwrap().id;
    let mut beta = acme();
    beta.name = "Beta".into();
    beta.url = "https://status.beta.test".into();
    let b = store.add_provider(&beta, t(0)).unwrap().id;
    store.record_unchanged(a, "Acme", t(10)).unwrap();

    let events = store
        .record_quiet_reads(&[quiet(a, 70), quiet(b, 75)])
        .unwrap();
    assert!(events.is_empty());
    assert_eq!(store.poll_state(a).unwrap().last_success_at, Some(t(70)));
    assert_eq!(store.poll_state(b).unwrap().last_success_at, Some(t(75)));
    assert_eq!(store.poll_state(b).unwrap().last_attempt_at, Some(t(75)));
}

#[test]
fn a_failure_recorded_after_the_read_stays_and_a_removed_provider_is_skipped() {
    let mut store = Store::open_in_memory().unwrap();
    let provider = store.add_provider(&acme(), t(0)).unwrap();
    store.record_unchanged(provider.id, "Acme", t(10)).unwrap();
    store
        .record_failure(provider.id, "Acme", "timed out", 3, t(80))
        .unwrap();

    store.record_quiet_reads(&[quiet(provider.id, 70)]).unwrap();
    let state = store.poll_state(provider.id).unwrap();
    assert_eq!(
        state.last_success_at,
        Some(t(10)),
        "the older read is not written"
    );
    assert_eq!(state.consecutive_failures, 1);
    assert_eq!(state.last_error.as_deref(), Some("timed out"));

    store.remove_provider(provider.id).unwrap();
    let events = store.record_quiet_reads(&[quiet(provider.id, 90)]).unwrap();
    assert!(events.is_empty());
    assert_eq!(store.poll_state(provider.id).unwrap().last_success_at, None);
}

#[test]
fn a_provider_found_unreachable_meanwhile_recovers_once() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.add_provider(&acme(), t(0)).unwrap().id;
    store.record_unchanged(id, "Acme", t(10)).unwrap();
    let failed = store
        .record_failure(id, "Acme", "refused", 1, t(20))
        .unwrap();
    assert!(failed.event.is_some());

    let events = store.record_quiet_reads(&[quiet(id, 30)]).unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.name()).collect();
    assert_eq!(kinds, ["provider_recovered"]);
    let state = store.poll_state(id).unwrap();
    assert!(!state.unreachable);
    assert_eq!(state.last_success_at, Some(t(30)));
    assert!(store
        .record_quiet_reads(&[quiet(id, 40)])
        .unwrap()
        .is_empty());
}
