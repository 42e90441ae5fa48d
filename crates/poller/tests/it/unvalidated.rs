//! Pages whose server sends no validators (no `ETag`, no `Last-Modified`, never a 304): a body
//! that hashes as the one last read is taken as unchanged, exactly like a 304 — the poll is a
//! success and nothing is parsed or written — while a changed body is read and reported, and a
//! failure in between still counts.

use crate::{clock, fetcher, shared, t0};
use chrono::Duration;
use lookout_core::{Clock, FixedClock};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer, Fault};
use lookout_poller::{poll_all, PollConfig, ProviderPoll, SharedStore};
use lookout_store::Store;

const SUMMARY: &str = "/acme/api/v2/summary.json";

struct Rig {
    server: FakeStatusServer,
    store: SharedStore,
    clock: FixedClock,
    id: lookout_core::ProviderId,
}

impl Rig {
    /// "Acme" on a Statuspage server that sends no validators, at stage `stage` of the
    /// incident's life.
    async fn new(stage: u8) -> Rig {
        let server = FakeStatusServer::start().await.unwrap();
        server.send_validators("acme", false);
        let rig_clock = clock();
        let mut store = Store::open_in_memory().unwrap();
        let id = crate::add_acme(&mut store, server.page_url("acme"), rig_clock.now());
        let rig = Rig {
            server,
            store: shared(store),
            clock: rig_clock,
            id,
        };
        rig.show(stage);
        rig
    }

    fn show(&self, stage: u8) {
        let page = incident_life_for(Dialect::Statuspage, stage, t0() - Duration::hours(1));
        self.server.set_page("acme", Dialect::Statuspage, page);
    }

    /// One minute later, one poll (failures make the provider unreachable at once).
    async fn poll(&self) -> ProviderPoll {
        self.clock.advance(Duration::minutes(1));
        let config = PollConfig {
            failure_threshold: 1,
            ..PollConfig::default()
        };
        let mut polls = poll_all(&self.store, &fetcher(), &self.clock, config)
            .await
            .unwrap();
        polls.remove(0)
    }

    fn kinds(poll: &ProviderPoll) -> Vec<&'static str> {
        poll.events.iter().map(|e| e.kind.name()).collect()
    }

    async fn state(&self) -> lookout_store::PollState {
        let id = self.id;
        self.store.run(move |s| s.poll_state(id)).await.unwrap()
    }
}

#[tokio::test]
async fn an_unchanged_body_without_validators_is_parsed_once_and_still_a_success() {
    let rig = Rig::new(1).await;
    let first = rig.poll().await;
    assert!(first.error.is_none(), "{:?}", first.error);
    assert!(!first.unchanged, "the first read is parsed");
    assert_eq!(rig.server.hits_for(SUMMARY), 1);

    let second = rig.poll().await;
    assert!(second.error.is_none(), "{:?}", second.error);
    assert!(second.unchanged, "the same body again is not parsed");
    assert!(second.events.is_empty());
    // The server sent the whole body again (it cannot answer 304)...
    assert_eq!(rig.server.hits_for(SUMMARY), 2);
    // ...and the store still says the page was read now.
    let state = rig.state().await;
    assert_eq!(state.last_success_at, Some(rig.clock.now()));
    assert_eq!(state.consecutive_failures, 0);

    let third = rig.poll().await;
    assert!(third.unchanged && third.events.is_empty());
    assert_eq!(rig.state().await.last_success_at, Some(rig.clock.now()));
}

#[tokio::test]
async fn a_changed_body_is_parsed_again_and_its_events_reported() {
    let rig = Rig::new(0).await;
    assert!(!rig.poll().await.unchanged);
    assert!(rig.poll().await.unchanged);

    rig.show(1);
    let changed = rig.poll().await;
    assert!(!changed.unchanged, "a new body is parsed");
    assert_eq!(
        Rig::kinds(&changed),
        vec!["component_changed", "incident_opened"]
    );
    // The new body is what the next poll compares with.
    let again = rig.poll().await;
    assert!(again.unchanged && again.events.is_empty());

    rig.show(2);
    let identified = rig.poll().await;
    assert!(!identified.unchanged);
    assert_eq!(
        Rig::kinds(&identified),
        vec!["component_changed", "incident_updated"]
    );
}

#[tokio::test]
async fn a_failure_between_two_identical_bodies_counts_and_the_recovery_is_reported() {
    let rig = Rig::new(1).await;
    assert!(!rig.poll().await.unchanged);
    let last_read = rig.clock.now();

    rig.server.set_fault("acme", Some(Fault::Status(503)));
    let failed = rig.poll().await;
    assert!(failed.error.is_some() && !failed.unchanged);
    assert_eq!(failed.consecutive_failures, 1);
    assert_eq!(Rig::kinds(&failed), vec!["provider_unreachable"]);
    let state = rig.state().await;
    assert_eq!(state.last_success_at, Some(last_read));
    assert!(state.unreachable);

    // The same body as before the failure: unchanged, yet the provider is back.
    rig.server.set_fault("acme", None);
    let back = rig.poll().await;
    assert!(back.error.is_none() && back.unchanged);
    assert_eq!(back.consecutive_failures, 0);
    assert_eq!(Rig::kinds(&back), vec!["provider_recovered"]);
    let state = rig.state().await;
    assert_eq!(state.last_success_at, Some(rig.clock.now()));
    assert!(!state.unreachable && state.last_error.is_none());
}

#[tokio::test]
async fn a_body_that_changed_during_a_failure_is_read_after_it() {
    let rig = Rig::new(1).await;
    assert!(!rig.poll().await.unchanged);
    rig.server.set_fault("acme", Some(Fault::Garbage));
    assert!(rig.poll().await.error.is_some());
    rig.show(2);
    rig.server.set_fault("acme", None);
    let after = rig.poll().await;
    assert!(after.error.is_none() && !after.unchanged);
    assert_eq!(
        Rig::kinds(&after),
        vec![
            "provider_recovered",
            "component_changed",
            "incident_updated"
        ]
    );
}

#[tokio::test]
async fn a_page_with_validators_is_still_answered_not_modified() {
    let rig = Rig::new(1).await;
    rig.server.send_validators("acme", true);
    assert!(!rig.poll().await.unchanged);
    let second = rig.poll().await;
    assert!(second.unchanged && second.events.is_empty());
    // Asked conditionally: the server answered 304, and the stored hash was kept for later.
    let id = rig.id;
    let url = format!("{}api/v2/summary.json", rig.server.page_url("acme"));
    let kept = rig
        .store
        .run(move |s| s.validators(id, &url))
        .await
        .unwrap();
    assert!(kept.etag.is_some() && kept.body_hash.is_some());
}
