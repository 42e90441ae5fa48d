//! The watch loop: every enabled provider polled on its own schedule, each poll its own task (at
//! most `concurrency` reading at once), so a slow, hanging or failing provider delays no other
//! and a panic in one poll is that provider's failure. Providers added or removed by another
//! process are picked up within seconds, and events stored by one are signalled. Lookout's own
//! probes run beside the polls, each on its own schedule ([`crate::probing`]).

use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::poll::{poll_provider, record_failure, PollConfig, ProviderPoll, SharedStore};
use crate::probing::Probing;
use crate::schedule::{next_delay, Refresh, Schedule};
use crate::supervise::Heartbeat;
use chrono::{DateTime, Utc};
use lookout_core::Clock;
use lookout_store::{EventsStored, Provider};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How often the loop checks its schedule against the clock (cheap, in memory; it also notices a
/// clock jump or a test clock moved on).
const TICK: Duration = Duration::from_secs(1);
/// How often the store is read for providers added or removed by another process, and for
/// events stored by one.
const RESCAN: chrono::Duration = chrono::Duration::seconds(5);

/// What a watch loop works with.
#[derive(Debug, Clone)]
pub struct Watch {
    /// The database.
    pub store: SharedStore,
    /// The HTTP client.
    pub fetcher: Fetcher,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Thresholds, concurrency and time limits.
    pub config: PollConfig,
    /// The "refresh now" button.
    pub refresh: Refresh,
    /// Signalled whenever events were stored, here or by another process.
    pub events: EventsStored,
}

/// Polls every enabled provider on its own schedule until `stop` resolves, calling `on_poll`
/// after each provider's poll.
pub async fn watch<F, S>(setup: Watch, on_poll: F, stop: S)
where
    F: FnMut(&ProviderPoll),
    S: Future<Output = ()>,
{
    run(setup, on_poll, stop, &Heartbeat::default()).await;
}

/// What the loop knows of the store.
#[derive(Debug, Default)]
struct Known {
    providers: Vec<Provider>,
    probes: Vec<lookout_store::Probe>,
    last_event_id: i64,
}

/// The loop's state between turns.
struct Turns {
    setup: Watch,
    schedule: Schedule,
    known: Known,
    scanned_at: Option<DateTime<Utc>>,
    running: HashMap<tokio::task::Id, Provider>,
    polls: JoinSet<ProviderPoll>,
    permits: Arc<Semaphore>,
    probing: Probing,
}

/// The loop itself, beating `heartbeat` on every turn (see [`crate::keep_watching`]).
pub(crate) async fn run<F, S>(setup: Watch, mut on_poll: F, stop: S, heartbeat: &Heartbeat)
where
    F: FnMut(&ProviderPoll),
    S: Future<Output = ()>,
{
    tokio::pin!(stop);
    let permits = Arc::new(Semaphore::new(setup.config.concurrency.max(1)));
    let mut turns = Turns {
        setup,
        schedule: Schedule::default(),
        known: Known::default(),
        scanned_at: None,
        running: HashMap::new(),
        polls: JoinSet::new(),
        permits,
        probing: Probing::default(),
    };
    loop {
        heartbeat.beat();
        turns.rescan_when_due().await;
        turns.start_due();
        let now = turns.setup.clock.now();
        let (store, fetcher) = (&turns.setup.store, &turns.setup.fetcher);
        turns.probing.start_due(store, fetcher, now);
        tokio::select! {
            Some(done) = turns.polls.join_next_with_id() => {
                if let Some(poll) = turns.finished(done).await {
                    on_poll(&poll);
                }
            }
            Some(done) = turns.probing.tasks.join_next_with_id() => {
                if let Some(report) = turns.probed(done) {
                    on_poll(&report);
                }
            }
            () = tokio::time::sleep(TICK) => {}
            () = turns.setup.refresh.asked() => turns.schedule = Schedule::default(),
            () = &mut stop => {
                turns.polls.abort_all();
                return;
            }
        }
    }
}

impl Turns {
    /// A probe run ended: when it caused events (a suspicion raised or cleared), they are
    /// signalled and reported like a poll's, as the provider's.
    fn probed(
        &mut self,
        done: Result<(tokio::task::Id, (i64, Vec<lookout_core::Event>)), tokio::task::JoinError>,
    ) -> Option<ProviderPoll> {
        let (provider_id, events) = self.probing.finished(done)?;
        self.setup.events.signal();
        let provider = self
            .known
            .providers
            .iter()
            .find(|p| p.id == provider_id)?
            .clone();
        Some(ProviderPoll {
            provider,
            events,
            error: None,
            consecutive_failures: 0,
            unchanged: false,
        })
    }

    /// Reads the providers (and the newest event id) again when [`RESCAN`] has passed.
    async fn rescan_when_due(&mut self) {
        let now = self.setup.clock.now();
        if self
            .scanned_at
            .is_some_and(|at| now - at < RESCAN && now >= at)
        {
            return;
        }
        let scanned = self
            .setup
            .store
            .run(|s| {
                Ok::<_, lookout_store::StoreError>(Known {
                    providers: s.providers()?.into_iter().filter(|p| p.enabled).collect(),
                    probes: s.probes(None)?,
                    last_event_id: s.last_event_id()?,
                })
            })
            .await;
        match scanned {
            Ok(fresh) => {
                if self.scanned_at.is_some() && fresh.last_event_id > self.known.last_event_id {
                    self.setup.events.signal();
                }
                self.known = fresh;
                self.probing.known(std::mem::take(&mut self.known.probes));
                let ids: Vec<i64> = self.known.providers.iter().map(|p| p.id).collect();
                self.schedule.retain(&ids);
            }
            Err(error) => log::error!("cannot list providers: {error}"),
        }
        self.scanned_at = Some(now);
    }

    /// Starts a poll task for every provider that is due and not being polled already.
    fn start_due(&mut self) {
        let now = self.setup.clock.now();
        for provider in &self.known.providers {
            let due = self.schedule.is_due(provider.id, now);
            if !due || self.running.values().any(|p| p.id == provider.id) {
                continue;
            }
            let setup = self.setup.clone();
            let permits = self.permits.clone();
            let polled = provider.clone();
            let handle = self.polls.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let clock = setup.clock.as_ref();
                poll_provider(&setup.store, &setup.fetcher, clock, setup.config, polled).await
            });
            self.running.insert(handle.id(), provider.clone());
        }
    }

    /// A poll task ended: its outcome (a panic is the provider's failure), scheduled again.
    async fn finished(
        &mut self,
        done: Result<(tokio::task::Id, ProviderPoll), tokio::task::JoinError>,
    ) -> Option<ProviderPoll> {
        let (store, config) = (&self.setup.store, self.setup.config);
        let poll = match done {
            Ok((id, poll)) => {
                self.running.remove(&id);
                poll
            }
            Err(error) => {
                let provider = self.running.remove(&error.id())?;
                log::error!(provider = provider.name.as_str(); "the poll of {} failed: {error}", provider.name);
                let error = PollError::Crashed {
                    url: provider.url.clone(),
                };
                let now = self.setup.clock.now();
                record_failure(store, provider, error, config, now).await
            }
        };
        if !poll.events.is_empty() {
            self.setup.events.signal();
        }
        self.schedule_next(&poll).await;
        Some(poll)
    }

    /// Sets when the provider just polled is next due: its interval, backed off after failures,
    /// at least what the server asked (`Retry-After`); soon again when only the database was busy.
    async fn schedule_next(&mut self, poll: &ProviderPoll) {
        let now = self.setup.clock.now();
        let id = poll.provider.id;
        let interval = Duration::from_secs(poll.provider.poll_interval_secs.into());
        if poll.store_failed() {
            self.schedule
                .set(id, now, interval.min(Duration::from_secs(10)));
            return;
        }
        let failures = poll.consecutive_failures;
        let retry_after = poll.error.as_ref().and_then(|e| e.retry_after());
        let wait = next_delay(interval, failures, retry_after, fastrand::f64());
        self.schedule.set(id, now, wait);
    }
}
