//! The watch loop's polls: when each provider is next due, one task per poll in flight (at most
//! `concurrency` reading at once), what a finished or crashed poll leaves, and finishing them
//! (or abandoning them at a deadline) when the loop stops.

use super::Watch;
use crate::error::PollError;
use crate::last_reads::LastReads;
use crate::poll::{poll_provider, record_failure, ProviderPoll};
use crate::schedule::{next_delay, Schedule};
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use lookout_store::Provider;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::{Id, JoinError, JoinSet};

/// The polls in flight and the schedule of the next ones.
pub(super) struct PollTasks {
    schedule: Schedule,
    running: HashMap<Id, Provider>,
    pub(super) tasks: JoinSet<ProviderPoll>,
    permits: Arc<Semaphore>,
}

impl PollTasks {
    /// No poll yet; at most `concurrency` pages read at once.
    pub(super) fn new(concurrency: usize) -> PollTasks {
        PollTasks {
            schedule: Schedule::default(),
            running: HashMap::new(),
            tasks: JoinSet::new(),
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    fn is_running(&self, provider_id: ProviderId) -> bool {
        self.running.values().any(|p| p.id == provider_id)
    }

    /// When the first provider not being polled is due.
    pub(super) fn first_due(
        &self,
        providers: &[Provider],
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let idle = providers
            .iter()
            .map(|p| p.id)
            .filter(|id| !self.is_running(*id));
        self.schedule.first_due(idle, now)
    }

    /// Every page is due now ("refresh now").
    pub(super) fn all_due(&mut self) {
        self.schedule = Schedule::default();
    }

    /// Forgets the schedule of providers no longer listed.
    pub(super) fn keep_only(&mut self, providers: &[Provider]) {
        let ids: Vec<ProviderId> = providers.iter().map(|p| p.id).collect();
        self.schedule.retain(&ids);
    }

    /// Starts a poll task for every provider that is due and not being polled already.
    pub(super) fn start_due(&mut self, setup: &Watch, providers: &[Provider], reads: &LastReads) {
        let now = setup.clock.now();
        for provider in providers {
            if !self.schedule.is_due(provider.id, now) || self.is_running(provider.id) {
                continue;
            }
            let (setup, permits) = (setup.clone(), self.permits.clone());
            let (polled, last_reads) = (provider.clone(), reads.clone());
            let handle = self.tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let (store, fetcher, clock) = (&setup.store, &setup.fetcher, setup.clock.as_ref());
                poll_provider(store, fetcher, clock, setup.config, &last_reads, polled).await
            });
            self.running.insert(handle.id(), provider.clone());
        }
    }

    /// A poll task ended: its outcome (a panic is the provider's failure), events signalled,
    /// scheduled again.
    pub(super) async fn finished(
        &mut self,
        setup: &Watch,
        reads: &LastReads,
        done: Result<(Id, ProviderPoll), JoinError>,
    ) -> Option<ProviderPoll> {
        let poll = match done {
            Ok((id, poll)) => {
                self.running.remove(&id);
                poll
            }
            Err(error) => {
                let provider = self.running.remove(&error.id())?;
                reads.forget(provider.id);
                log::error!(provider = provider.name.as_str(); "the poll of {} failed: {error}", provider.name);
                let error = PollError::Crashed {
                    url: provider.url.clone(),
                };
                let now = setup.clock.now();
                record_failure(&setup.store, provider, error, setup.config, now).await
            }
        };
        if !poll.events.is_empty() {
            setup.events.signal();
        }
        self.schedule_next(&poll, setup.clock.now());
        Some(poll)
    }

    /// Sets when the provider just polled is next due: its interval, backed off after failures,
    /// at least what the server asked (`Retry-After`); soon again when only the database was busy.
    fn schedule_next(&mut self, poll: &ProviderPoll, now: DateTime<Utc>) {
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

    /// When the loop stops: the polls in flight are given [`crate::PollConfig::
    /// finish_polls_within`] to end and be stored (each handed to `on_poll`), then abandoned
    /// (stored as nothing).
    pub(super) async fn finish_or_abandon<F: FnMut(&ProviderPoll)>(
        &mut self,
        setup: &Watch,
        reads: &LastReads,
        on_poll: &mut F,
    ) {
        let patience = tokio::time::sleep(setup.config.finish_polls_within);
        tokio::pin!(patience);
        loop {
            tokio::select! {
                done = self.tasks.join_next_with_id() => match done {
                    Some(done) => {
                        if let Some(poll) = self.finished(setup, reads, done).await {
                            on_poll(&poll);
                        }
                    }
                    None => return,
                },
                () = &mut patience => {
                    let abandoned = self.tasks.len();
                    log::warn!("stopping: {abandoned} poll(s) still in flight abandoned");
                    self.tasks.shutdown().await;
                    return;
                }
            }
        }
    }
}
