//! The watch loop leaves the database alone while a page does not change: an unchanged read's
//! success waits and is written with the others' (or when the loop stops), a change is written
//! at once, and what another process stored meanwhile is never mistaken for what was read here.

use crate::{clock, fetcher, t0};
use chrono::{DateTime, Duration, Utc};
use lookout_core::{Clock, FixedClock};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{poll_all, watch, Fetched, PollConfig, Refresh, SharedStore};
use lookout_store::Store;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

type Polled = mpsc::UnboundedReceiver<(bool, Vec<&'static str>)>;

struct Rig {
    server: FakeStatusServer,
    store: SharedStore,
    clock: Arc<FixedClock>,
    id: lookout_core::ProviderId,
    polled: Polled,
    refresh: Refresh,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Rig {
    /// "Acme" (no validators: only its body's hash tells it unchanged) watched by a loop over
    /// `store`.
    async fn new(store: Store) -> Rig {
        let server = FakeStatusServer::start().await.unwrap();
        server.send_validators("acme", false);
        let clock = Arc::new(clock());
        let mut store = store;
        let id = crate::add_acme(&mut store, server.page_url("acme"), clock.now());
        let store = SharedStore::new(store);
        let (sender, polled) = mpsc::unbounded_channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let refresh = Refresh::default();
        let setup = crate::hand_clocked(store.clone(), clock.clone(), refresh.clone());
        let rig = Rig {
            server,
            store,
            clock,
            id,
            polled,
            refresh,
            stop: Some(stop),
            task: None,
        };
        rig.show(0);
        let task = tokio::spawn(watch(
            setup,
            move |poll| {
                let kinds = poll.events.iter().map(|e| e.kind.name()).collect();
                let _ = sender.send((poll.unchanged, kinds));
            },
            async {
                let _ = stopped.await;
            },
        ));
        Rig {
            task: Some(task),
            ..rig
        }
    }

    fn show(&self, stage: u8) {
        let page = incident_life_for(Dialect::Statuspage, stage, t0() - Duration::hours(1));
        self.server.set_page("acme", Dialect::Statuspage, page);
    }

    /// The next poll's (unchanged, event kinds).
    async fn next_poll(&mut self) -> (bool, Vec<&'static str>) {
        let next = tokio::time::timeout(std::time::Duration::from_secs(15), self.polled.recv());
        next.await.expect("a poll").expect("the loop runs")
    }

    /// Moves the clock on by `seconds` (an interval is 60 s, with at most 10 % of jitter) and
    /// waits for the poll that follows.
    async fn poll_after(&mut self, seconds: i64) -> (bool, Vec<&'static str>) {
        self.clock.advance(Duration::seconds(seconds));
        self.next_poll().await
    }

    fn last_success(&self) -> Option<DateTime<Utc>> {
        let id = self.id;
        self.store
            .blocking(|s| s.poll_state(id).unwrap().last_success_at)
    }

    async fn stop(&mut self) {
        let _ = self.stop.take().unwrap().send(());
        let task = self.task.take().unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(10), task)
            .await
            .expect("the loop stops")
            .unwrap();
    }
}

#[tokio::test]
async fn an_unchanged_read_waits_to_be_written_with_the_others_and_a_change_is_written_at_once() {
    let mut rig = Rig::new(Store::open_in_memory().unwrap()).await;
    assert_eq!(rig.next_poll().await, (false, vec![]), "the baseline");
    assert_eq!(rig.last_success(), Some(t0()));
    let mark = rig.store.blocking(|s| s.change_mark().unwrap());

    // An interval on, the same body: a success that waits; the database is not touched.
    assert_eq!(rig.poll_after(67).await, (true, vec![]));
    assert_eq!(rig.last_success(), Some(t0()));
    assert_eq!(rig.store.blocking(|s| s.change_mark().unwrap()), mark);

    // An interval later what waited is written (one write for every provider), and the new read
    // waits in turn.
    assert_eq!(rig.poll_after(67).await, (true, vec![]));
    assert_eq!(rig.last_success(), Some(t0() + Duration::seconds(67)));

    // A change is read, diffed and written at once.
    rig.show(1);
    let (unchanged, kinds) = rig.poll_after(67).await;
    assert!(!unchanged);
    assert_eq!(kinds, ["component_changed", "incident_opened"]);
    assert_eq!(rig.last_success(), Some(t0() + Duration::seconds(201)));

    // Stopping writes what waits.
    assert_eq!(rig.poll_after(67).await, (true, vec![]));
    rig.stop().await;
    assert_eq!(rig.last_success(), Some(t0() + Duration::seconds(268)));
}

#[tokio::test]
async fn a_refresh_asked_for_writes_each_read_at_once() {
    let mut rig = Rig::new(Store::open_in_memory().unwrap()).await;
    assert_eq!(rig.next_poll().await, (false, vec![]), "the baseline");
    rig.clock.advance(Duration::seconds(20));
    rig.refresh.now();
    assert_eq!(rig.next_poll().await, (true, vec![]));
    assert_eq!(rig.last_success(), Some(t0() + Duration::seconds(20)));
    rig.stop().await;
}

#[tokio::test]
async fn what_another_process_stored_meanwhile_is_read_from_the_database_not_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut rig = Rig::new(Store::open(&path).unwrap()).await;
    assert_eq!(
        rig.next_poll().await,
        (false, vec![]),
        "the baseline, stage 0"
    );

    // The page's documents exactly as this loop read them.
    let fetcher = fetcher();
    let mut as_read = Vec::new();
    for path in ["api/v2/summary.json", "api/v2/incidents.json"] {
        let url = format!("{}{path}", rig.server.page_url("acme"));
        match fetcher.fetch(&url, None, t0()).await.unwrap() {
            Fetched::Body { bytes, .. } => as_read.push((path, bytes)),
            other => panic!("{other:?}"),
        }
    }

    // Another process (a `lookout poll`) reads the page at stage 1 and stores it.
    rig.show(1);
    let other = SharedStore::new(Store::open(&path).unwrap());
    let clock = FixedClock::new(t0() + Duration::seconds(30));
    let polls = poll_all(&other, &fetcher, &clock, PollConfig::default());
    let polls = polls.await.unwrap();
    assert_eq!(polls[0].events.len(), 2, "{:?}", polls[0].events);

    // The page is back, byte for byte, as this loop last read it: not unchanged for the
    // database, which holds stage 1 — read, diffed and reported (operational again).
    for (path, bytes) in as_read {
        rig.server
            .set_document("acme", path, "application/json", bytes);
    }
    let (unchanged, kinds) = rig.poll_after(67).await;
    assert!(!unchanged);
    assert_eq!(kinds, ["component_changed"]);
    rig.stop().await;
}
