//! The watch loop: every enabled provider polled on its own schedule, each poll its own task (at
//! most `concurrency` reading at once), so a slow, hanging or failing provider delays no other
//! and a panic in one poll is that provider's failure. The loop sleeps until a poll, a probe or
//! a write is due, or the database's files change: providers added or removed by another process
//! are picked up at once, and events stored by one are signalled. A page read unchanged costs
//! the store nothing ([`crate::last_reads`]). Lookout's own probes run beside the polls, each on
//! its own schedule ([`crate::probing`]).

mod store_looks;

use store_looks::changed;

use crate::db_changes::DatabaseChanges;
use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::last_reads::LastReads;
use crate::poll::{poll_provider, record_failure, PollConfig, ProviderPoll, SharedStore};
use crate::probing::{ProbeRun, Probing};
use crate::schedule::{next_delay, Refresh, Schedule};
use crate::supervise::Heartbeat;
use chrono::{DateTime, Utc};
use lookout_core::Clock;
use lookout_store::{ChangeMark, DatabaseFiles, EventsStored, FileStamp, Provider};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// The longest the loop sleeps when it cannot be told of changes to the database's files (a
/// database in memory, a platform that cannot watch files): it then looks at the store this
/// often. Otherwise (and at most) [`PollConfig::longest_sleep`].
const LONGEST_BLIND_SLEEP: Duration = Duration::from_secs(5);
/// How long the successes of unchanged reads wait before they are written together, at most (and
/// at most the shortest poll interval: see [`crate::last_reads`]).
const WRITE_QUIET_READS: chrono::Duration = chrono::Duration::seconds(60);

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
    /// The store's change mark when the providers were last listed, its files, and their stamp
    /// when the mark was last checked.
    mark: Option<ChangeMark>,
    files: Option<DatabaseFiles>,
    /// Told of changes to those files (`None`: not watched, the loop looks every few seconds).
    changes: Option<DatabaseChanges>,
    /// The files changed: look at the store at the next turn.
    look_now: bool,
    stamp: Option<FileStamp>,
    last_reads: LastReads,
    quiet_reads_written_at: Option<DateTime<Utc>>,
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
        mark: None,
        files: None,
        changes: None,
        look_now: false,
        stamp: None,
        last_reads: LastReads::default(),
        quiet_reads_written_at: None,
        running: HashMap::new(),
        polls: JoinSet::new(),
        permits,
        probing: Probing::default(),
    };
    loop {
        heartbeat.beat();
        turns.rescan_when_due().await;
        turns.write_quiet_reads_when_due().await;
        turns.start_due();
        let now = turns.setup.clock.now();
        let (store, fetcher) = (&turns.setup.store, &turns.setup.fetcher);
        turns
            .probing
            .start_due(store, fetcher, &turns.last_reads, now);
        let sleep = turns.sleep(now);
        let changes = turns.changes.as_ref().map(DatabaseChanges::signal);
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
            () = tokio::time::sleep(sleep) => {}
            () = changed(changes) => turns.look_now = true,
            () = turns.setup.refresh.asked() => {
                // Asked for: every page is read now, and each read is written at once (the
                // window shows "last checked" from the store).
                turns.schedule = Schedule::default();
                turns.last_reads.forget_all();
            }
            () = &mut stop => {
                turns.wind_down(&mut on_poll).await;
                return;
            }
        }
    }
}

impl Turns {
    /// Stopping, in order: no new poll or probe starts (probes under way are dropped: they store
    /// nothing half-done), the polls in flight are given [`PollConfig::finish_polls_within`] to
    /// end and be stored (then abandoned, stored as nothing), and the quiet reads that wait are
    /// written.
    async fn wind_down<F: FnMut(&ProviderPoll)>(&mut self, on_poll: &mut F) {
        self.probing.tasks.abort_all();
        let patience = tokio::time::sleep(self.setup.config.finish_polls_within);
        tokio::pin!(patience);
        loop {
            tokio::select! {
                done = self.polls.join_next_with_id() => match done {
                    Some(done) => {
                        if let Some(poll) = self.finished(done).await {
                            on_poll(&poll);
                        }
                    }
                    None => break,
                },
                () = &mut patience => {
                    let abandoned = self.polls.len();
                    log::warn!("stopping: {abandoned} poll(s) still in flight abandoned");
                    self.polls.shutdown().await;
                    break;
                }
            }
        }
        self.write_quiet_reads().await;
    }

    /// A probe run ended: when it caused events (a suspicion raised or cleared), they are
    /// signalled and reported like a poll's, as the provider's.
    fn probed(
        &mut self,
        done: Result<(tokio::task::Id, ProbeRun), tokio::task::JoinError>,
    ) -> Option<ProviderPoll> {
        let ProbeRun {
            provider_id,
            events,
            ..
        } = self.probing.finished(done)?;
        self.setup.events.signal();
        if events.is_empty() {
            return None;
        }
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

    /// How long the loop may sleep at `now`: until the next poll, probe, look at the store or
    /// write of quiet reads is due, at most [`Turns::look_every`].
    fn sleep(&self, now: DateTime<Utc>) -> Duration {
        let idle = self.known.providers.iter().map(|p| p.id);
        let idle = idle.filter(|id| !self.running.values().any(|r| r.id == *id));
        let next = [
            self.schedule.first_due(idle, now),
            self.probing.first_due(now),
            self.scanned_at.map(|at| at + self.look_every()),
            self.quiet_reads_written_at
                .map(|at| at + self.quiet_reads_every()),
        ];
        let next = next.into_iter().flatten().min().unwrap_or(now);
        (next - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(self.look_every())
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
            let last_reads = self.last_reads.clone();
            let handle = self.polls.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let (store, fetcher, clock) = (&setup.store, &setup.fetcher, setup.clock.as_ref());
                poll_provider(store, fetcher, clock, setup.config, &last_reads, polled).await
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
                self.last_reads.forget(provider.id);
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
