//! The watch loop: every enabled provider polled on its own schedule, each poll its own task (at
//! most `concurrency` reading at once), so a slow, hanging or failing provider delays no other
//! and a panic in one poll is that provider's failure. The loop sleeps until a poll, a probe or
//! a write is due, or the database's files change: providers added or removed by another process
//! are picked up at once, and events stored by one are signalled. A page read unchanged costs
//! the store nothing ([`crate::last_reads`]). Lookout's own probes run beside the polls, each on
//! its own schedule ([`crate::probing`]).

mod poll_tasks;
mod store_looks;

use poll_tasks::PollTasks;
use store_looks::{changed, StoreLooks};

use crate::db_changes::DatabaseChanges;
use crate::fetch::Fetcher;
use crate::last_reads::LastReads;
use crate::poll::{PollConfig, ProviderPoll, SharedStore};
use crate::probing::{ProbeRun, Probing};
use crate::schedule::Refresh;
use crate::supervise::Heartbeat;
use chrono::{DateTime, Utc};
use lookout_core::Clock;
use lookout_store::{EventsStored, Provider};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

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

/// The loop's state between turns, by job: what it knows of the store and when it looks again
/// ([`store_looks`]), the polls ([`poll_tasks`]), the reads waiting to be written
/// ([`crate::last_reads`]) and the probes ([`crate::probing`]).
struct Turns {
    setup: Watch,
    known: Known,
    looks: StoreLooks,
    polls: PollTasks,
    last_reads: LastReads,
    probing: Probing,
}

/// The loop itself, beating `heartbeat` on every turn (see [`crate::keep_watching`]).
pub(crate) async fn run<F, S>(setup: Watch, mut on_poll: F, stop: S, heartbeat: &Heartbeat)
where
    F: FnMut(&ProviderPoll),
    S: Future<Output = ()>,
{
    tokio::pin!(stop);
    let mut turns = Turns {
        polls: PollTasks::new(setup.config.concurrency),
        setup,
        known: Known::default(),
        looks: StoreLooks::default(),
        last_reads: LastReads::default(),
        probing: Probing::default(),
    };
    loop {
        heartbeat.beat();
        turns.rescan_when_due().await;
        turns.write_quiet_reads_when_due().await;
        let (setup, providers) = (&turns.setup, &turns.known.providers);
        turns.polls.start_due(setup, providers, &turns.last_reads);
        let now = turns.setup.clock.now();
        let (store, fetcher) = (&turns.setup.store, &turns.setup.fetcher);
        turns
            .probing
            .start_due(store, fetcher, &turns.last_reads, now);
        let sleep = turns.sleep(now);
        let changes = turns.looks.changes.as_ref().map(DatabaseChanges::signal);
        tokio::select! {
            Some(done) = turns.polls.tasks.join_next_with_id() => {
                let (setup, reads) = (&turns.setup, &turns.last_reads);
                if let Some(poll) = turns.polls.finished(setup, reads, done).await {
                    on_poll(&poll);
                }
            }
            Some(done) = turns.probing.tasks.join_next_with_id() => {
                if let Some(report) = turns.probed(done) {
                    on_poll(&report);
                }
            }
            () = tokio::time::sleep(sleep) => {}
            () = changed(changes) => turns.looks.look_now = true,
            () = turns.setup.refresh.asked() => {
                // Asked for: every page is read now, and each read is written at once (the
                // window shows "last checked" from the store).
                turns.polls.all_due();
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
        let (setup, reads) = (&self.setup, &self.last_reads);
        self.polls.finish_or_abandon(setup, reads, on_poll).await;
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
        let next = [
            self.polls.first_due(&self.known.providers, now),
            self.probing.first_due(now),
            self.looks.scanned_at.map(|at| at + self.look_every()),
            self.looks
                .quiet_reads_written_at
                .map(|at| at + self.quiet_reads_every()),
        ];
        let next = next.into_iter().flatten().min().unwrap_or(now);
        (next - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(self.look_every())
    }
}
