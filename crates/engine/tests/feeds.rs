//! The operations a server's feeds and live events are made of, over a real store: the newest
//! incident updates first, the maintenance a calendar shows with a revision that grows when the
//! vendor moves it (and never goes down), and event subscriptions that hand over every event
//! stored, once, to every subscriber.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use lookout_core::diff::Observation;
use lookout_core::{FixedClock, Maintenance, MaintenanceStatus, ProviderId};
use lookout_engine::Lookout;
use lookout_fake_status_server::recorded::{add, at, base, observe};
use lookout_fake_status_server::scenario::incident_life;
use lookout_store::Store;
use std::sync::Arc;

/// A database in `dir` watching Acme, read at stage `stage` of its incident; the clock at `now`.
fn acme(dir: &tempfile::TempDir, stage: u8) -> (Lookout, ProviderId) {
    let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    if stage > 0 {
        observe(&mut store, acme, "Acme", stage, at(12));
    }
    let clock = Arc::new(FixedClock::new(at(20)));
    (Lookout::new(store, clock).unwrap(), acme)
}

/// Acme's page at stage 0 with one maintenance, `status`, from `start` hours after the base
/// time for two hours.
fn with_maintenance(status: MaintenanceStatus, start: i64) -> Observation {
    let mut snapshot = incident_life(0, base());
    snapshot.maintenances.push(Maintenance {
        id: "mnt1".into(),
        title: "Database upgrade".into(),
        status,
        scheduled_for: Some(base() + Duration::hours(start)),
        scheduled_until: Some(base() + Duration::hours(start + 2)),
        url: Some("https://status.acme.test/mnt1".into()),
        component_ids: Vec::new(),
    });
    Observation {
        snapshot,
        maintenances_complete: true,
    }
}

#[tokio::test]
async fn the_newest_updates_come_first_of_one_provider_or_all() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, acme) = acme(&dir, 2);
    let all = lookout.latest_updates(None, 200).await.unwrap();
    assert_eq!(all.len(), 2, "investigating, then identified: {all:?}");
    assert!(all[0].update.at > all[1].update.at, "newest first");
    assert!(all
        .iter()
        .all(|e| e.provider == "Acme" && !e.title.is_empty()));
    assert_eq!(lookout.latest_updates(None, 1).await.unwrap(), all[..1]);
    assert_eq!(lookout.latest_updates(Some(acme), 200).await.unwrap(), all);
    let other = ProviderId::new(acme.get() + 1);
    assert!(lookout
        .latest_updates(Some(other), 200)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_maintenance_moved_by_its_vendor_has_a_greater_revision_never_a_smaller_one() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, acme) = acme(&dir, 0);
    let store = lookout.store.clone();
    let apply = move |observation: Observation, minute: i64| {
        store.blocking(|s| {
            s.apply_observation(acme, "Acme", &observation, at(minute))
                .unwrap()
        });
    };
    let revision = || async {
        let calendar = lookout.maintenance_calendar().await.unwrap();
        calendar.iter().map(|e| e.revision).collect::<Vec<_>>()
    };
    apply(with_maintenance(MaintenanceStatus::Scheduled, 24), 1);
    assert_eq!(revision().await, vec![0]);
    apply(with_maintenance(MaintenanceStatus::Scheduled, 24), 2);
    assert_eq!(revision().await, vec![0], "read again unchanged");
    apply(with_maintenance(MaintenanceStatus::Scheduled, 48), 3);
    assert_eq!(revision().await, vec![1], "moved a day later");
    apply(with_maintenance(MaintenanceStatus::Scheduled, 48), 4);
    assert_eq!(revision().await, vec![1]);
    apply(with_maintenance(MaintenanceStatus::Scheduled, 24), 5);
    assert_eq!(
        revision().await,
        vec![2],
        "moved back: still a newer revision"
    );
    let entry = &lookout.maintenance_calendar().await.unwrap()[0];
    assert_eq!(entry.starts, base() + Duration::hours(24));
    assert_eq!(entry.stored.maintenance.title, "Database upgrade");
    // Under way: still there, a revision more; completed: no longer there.
    apply(with_maintenance(MaintenanceStatus::InProgress, 24), 6);
    assert_eq!(revision().await, vec![3]);
    apply(with_maintenance(MaintenanceStatus::Completed, 24), 7);
    assert_eq!(revision().await, Vec::<i64>::new());
    // A window already over is left out too.
    apply(with_maintenance(MaintenanceStatus::Scheduled, -5), 8);
    assert_eq!(revision().await, Vec::<i64>::new());
}

#[tokio::test]
async fn every_subscriber_gets_every_event_stored_after_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, acme) = acme(&dir, 0);
    let before = lookout.last_event_id().await.unwrap();
    let mut now_on = lookout.subscribe_events(None).await.unwrap();
    let mut second = lookout.subscribe_events(None).await.unwrap();
    let mut from_start = lookout.subscribe_events(Some(0)).await.unwrap();
    assert_eq!(now_on.after(), before);
    let stored = lookout
        .store
        .blocking(|s| observe(s, acme, "Acme", 2, at(12)));
    assert!(!stored.is_empty());
    lookout.events.signal();
    let got = now_on.next().await.unwrap();
    assert_eq!(
        got.iter().map(|e| &e.event).collect::<Vec<_>>(),
        stored.iter().collect::<Vec<_>>(),
        "the events stored, in order"
    );
    assert!(got.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(second.next().await.unwrap(), got, "every subscriber");
    let all = from_start.next().await.unwrap();
    assert!(all.ends_with(&got), "from the start: {all:?}");
    // Resuming after the last one seen: only what came later.
    let more = lookout
        .store
        .blocking(|s| observe(s, acme, "Acme", 3, at(31)));
    lookout.events.signal();
    let mut resumed = lookout
        .subscribe_events(Some(got.last().unwrap().id))
        .await
        .unwrap();
    let later = resumed.next().await.unwrap();
    assert_eq!(
        later.iter().map(|e| &e.event).collect::<Vec<_>>(),
        more.iter().collect::<Vec<_>>()
    );
    assert_eq!(now_on.next().await.unwrap(), later);
    assert_eq!(
        lookout
            .events_after(later.last().unwrap().id, 10)
            .await
            .unwrap(),
        vec![]
    );
}
