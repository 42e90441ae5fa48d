//! The watch schedule: when each provider is next due (its interval with jitter; exponential
//! backoff with jitter after failures; `Retry-After` honoured), and the loop that keeps polling,
//! each provider on its own schedule in its own task. After a sleep or a clock jump, an overdue
//! provider is polled once, not once per missed turn.

use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::poll::{poll_provider, PollConfig, ProviderPoll, SharedStore};
use crate::supervise::Heartbeat;
use chrono::{DateTime, Utc};
use lookout_core::Clock;
use lookout_store::Provider;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

/// Longest wait between two tries of a failing provider.
pub const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);

/// The wait before the next poll of a provider polled every `interval`, after `failures` failures
/// in a row, with `retry_after` from the server if it sent one. `jitter` in [0, 1) spreads the
/// polls of many providers (±10 % of the wait).
pub fn next_delay(
    interval: Duration,
    failures: u32,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Duration {
    let base = if failures == 0 {
        interval
    } else {
        let factor = 2u32.saturating_pow(failures.min(16));
        interval
            .saturating_mul(factor)
            .min(MAX_BACKOFF.max(interval))
    };
    let spread = base.as_secs_f64() * 0.2 * (jitter.clamp(0.0, 1.0) - 0.5);
    let jittered = Duration::from_secs_f64((base.as_secs_f64() + spread).max(1.0));
    match retry_after {
        Some(wait) if wait > jittered => wait,
        _ => jittered,
    }
}

/// When each provider is next due.
#[derive(Debug, Default)]
pub struct Schedule {
    due: HashMap<i64, DateTime<Utc>>,
}

impl Schedule {
    /// The ids of `providers` due at `now` (new providers are due at once).
    pub fn due(&self, providers: &[i64], now: DateTime<Utc>) -> Vec<i64> {
        providers
            .iter()
            .copied()
            .filter(|id| self.due.get(id).is_none_or(|at| *at <= now))
            .collect()
    }

    /// Sets when `provider` is next due, `after` from `now`.
    pub fn set(&mut self, provider: i64, now: DateTime<Utc>, after: Duration) {
        let after = chrono::Duration::from_std(after).unwrap_or(chrono::Duration::MAX);
        self.due.insert(provider, now + after);
    }

    /// Forgets providers that are no longer stored.
    pub fn retain(&mut self, providers: &[i64]) {
        let keep: HashSet<i64> = providers.iter().copied().collect();
        self.due.retain(|id, _| keep.contains(id));
    }
}

/// A "refresh now" button for a running [`watch`]: every provider becomes due at once.
#[derive(Debug, Clone, Default)]
pub struct Refresh(Arc<Notify>);

impl Refresh {
    /// Asks the watch loop to poll every provider now (a request made while it polls is kept).
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// Says "new events were stored" to whoever delivers alerts, so that alert passes run when
/// something changed instead of on a timer: after a poll that stored events, and when another
/// process (the CLI) stored some.
#[derive(Debug, Clone, Default)]
pub struct EventsStored(Arc<Notify>);

impl EventsStored {
    /// Wakes the waiter (a signal sent while nobody waits is kept for the next wait).
    pub fn signal(&self) {
        self.0.notify_one();
    }

    /// Waits for the next signal.
    pub async fn wait(&self) {
        self.0.notified().await;
    }
}

/// How often the loop checks its schedule against the clock (cheap, in memory; it also notices a
/// clock jump or a test clock moved on).
const TICK: Duration = Duration::from_secs(1);
/// How often the store is read for providers added or removed by another process, and for
/// events stored by one.
const RESCAN: chrono::Duration = chrono::Duration::seconds(5);

/// What the loop knows of the store.
#[derive(Debug, Default)]
struct Known {
    providers: Vec<Provider>,
    last_event_id: i64,
}

async fn scan(store: &SharedStore) -> Result<Known, lookout_store::StoreError> {
    store
        .run(|s| {
            Ok(Known {
                providers: s.providers()?.into_iter().filter(|p| p.enabled).collect(),
                last_event_id: s.last_event_id()?,
            })
        })
        .await
}

/// Polls every enabled provider on its own schedule until `stop` resolves, calling `on_poll`
/// after each provider's poll. Each provider's poll is its own task (at most
/// `config.concurrency` reading at once): a slow, hanging or failing provider delays no other,
/// and a panic in one poll is that provider's failure. Providers added or removed in the store
/// (by the CLI or the app) are picked up within seconds; `refresh` makes every provider due at
/// once; `events` is signalled whenever events were stored, here or by another process.
#[allow(clippy::too_many_arguments)]
pub async fn watch<F, S>(
    store: SharedStore,
    fetcher: Fetcher,
    clock: Arc<dyn Clock>,
    config: PollConfig,
    refresh: Refresh,
    events: EventsStored,
    on_poll: F,
    stop: S,
) where
    F: FnMut(&ProviderPoll),
    S: Future<Output = ()>,
{
    let heartbeat = Heartbeat::default();
    run(
        store, fetcher, clock, config, refresh, events, on_poll, stop, &heartbeat,
    )
    .await;
}

/// [`watch`] without end, beating `heartbeat` on every turn (for [`crate::keep_watching`]).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn watch_with_heartbeat<F>(
    store: SharedStore,
    fetcher: Fetcher,
    clock: Arc<dyn Clock>,
    config: PollConfig,
    refresh: Refresh,
    events: EventsStored,
    on_poll: F,
    heartbeat: Arc<Heartbeat>,
) where
    F: FnMut(&ProviderPoll),
{
    let stop = std::future::pending::<()>();
    run(
        store, fetcher, clock, config, refresh, events, on_poll, stop, &heartbeat,
    )
    .await;
}

#[allow(clippy::too_many_arguments)]
async fn run<F, S>(
    store: SharedStore,
    fetcher: Fetcher,
    clock: Arc<dyn Clock>,
    config: PollConfig,
    refresh: Refresh,
    events: EventsStored,
    mut on_poll: F,
    stop: S,
    heartbeat: &Heartbeat,
) where
    F: FnMut(&ProviderPoll),
    S: Future<Output = ()>,
{
    tokio::pin!(stop);
    let mut schedule = Schedule::default();
    let mut known = Known::default();
    let mut scanned_at: Option<DateTime<Utc>> = None;
    let mut running: HashMap<tokio::task::Id, Provider> = HashMap::new();
    let mut polls: JoinSet<ProviderPoll> = JoinSet::new();
    let permits = Arc::new(Semaphore::new(config.concurrency.max(1)));
    loop {
        heartbeat.beat();
        let now = clock.now();
        if scanned_at.is_none_or(|at| now - at >= RESCAN || now < at) {
            match scan(&store).await {
                Ok(fresh) => {
                    if scanned_at.is_some() && fresh.last_event_id > known.last_event_id {
                        events.signal();
                    }
                    known = fresh;
                    let ids: Vec<i64> = known.providers.iter().map(|p| p.id).collect();
                    schedule.retain(&ids);
                }
                Err(error) => log::error!("cannot list providers: {error}"),
            }
            scanned_at = Some(now);
        }
        let busy: HashSet<i64> = running.values().map(|p| p.id).collect();
        let ids: Vec<i64> = known.providers.iter().map(|p| p.id).collect();
        let due: HashSet<i64> = schedule.due(&ids, now).into_iter().collect();
        for provider in &known.providers {
            if !due.contains(&provider.id) || busy.contains(&provider.id) {
                continue;
            }
            let (store, fetcher, clock, permits) = (
                store.clone(),
                fetcher.clone(),
                clock.clone(),
                permits.clone(),
            );
            let task_provider = provider.clone();
            let handle = polls.spawn(async move {
                let _permit = permits.acquire_owned().await;
                poll_provider(&store, &fetcher, clock.as_ref(), config, task_provider).await
            });
            running.insert(handle.id(), provider.clone());
        }
        tokio::select! {
            Some(done) = polls.join_next_with_id() => {
                let poll = match done {
                    Ok((id, poll)) => {
                        running.remove(&id);
                        poll
                    }
                    Err(error) => {
                        let Some(provider) = running.remove(&error.id()) else { continue };
                        log::error!("the poll of {} failed: {error}", provider.name);
                        panicked(&store, provider, config, clock.now()).await
                    }
                };
                if !poll.events.is_empty() {
                    events.signal();
                }
                after_poll(&mut schedule, &store, &poll, clock.now()).await;
                on_poll(&poll);
            }
            () = tokio::time::sleep(TICK) => {}
            () = refresh.0.notified() => schedule = Schedule::default(),
            () = &mut stop => {
                polls.abort_all();
                return;
            }
        }
    }
}

/// A poll task that panicked: the provider's failure, with the reason.
async fn panicked(
    store: &SharedStore,
    provider: Provider,
    config: PollConfig,
    at: DateTime<Utc>,
) -> ProviderPoll {
    let error = PollError::Crashed {
        url: provider.url.clone(),
    };
    let events = crate::poll::record_failure(store, &provider, &error, config, at).await;
    ProviderPoll {
        provider,
        events,
        error: Some(error),
    }
}

/// Sets when the provider just polled is next due: its interval, backed off after failures, at
/// least what the server asked (`Retry-After`); soon again when only the database was busy.
async fn after_poll(
    schedule: &mut Schedule,
    store: &SharedStore,
    poll: &ProviderPoll,
    now: DateTime<Utc>,
) {
    let id = poll.provider.id;
    let interval = Duration::from_secs(poll.provider.poll_interval_secs.into());
    if poll.store_failed() {
        schedule.set(id, now, interval.min(Duration::from_secs(10)));
        return;
    }
    let failures = store
        .run(move |s| s.poll_state(id).map(|s| s.consecutive_failures))
        .await
        .unwrap_or(0);
    let retry_after = poll.error.as_ref().and_then(|e| e.retry_after());
    schedule.set(
        id,
        now,
        next_delay(interval, failures, retry_after, fastrand::f64()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_wait_is_the_interval_with_at_most_ten_percent_jitter() {
        let minute = Duration::from_secs(60);
        assert_eq!(next_delay(minute, 0, None, 0.5), minute);
        assert_eq!(next_delay(minute, 0, None, 0.0), Duration::from_secs(54));
        assert!(next_delay(minute, 0, None, 0.999) <= Duration::from_secs(66));
    }

    #[test]
    fn failures_back_off_exponentially_up_to_a_cap() {
        let minute = Duration::from_secs(60);
        assert_eq!(next_delay(minute, 1, None, 0.5), Duration::from_secs(120));
        assert_eq!(next_delay(minute, 3, None, 0.5), Duration::from_secs(480));
        assert_eq!(next_delay(minute, 30, None, 0.5), MAX_BACKOFF);
    }

    #[test]
    fn retry_after_wins_when_longer() {
        let minute = Duration::from_secs(60);
        let hour = Duration::from_secs(3600);
        assert_eq!(next_delay(minute, 1, Some(hour), 0.5), hour);
        assert_eq!(
            next_delay(minute, 1, Some(Duration::from_secs(5)), 0.5),
            Duration::from_secs(120)
        );
    }

    #[test]
    fn an_overdue_provider_is_due_once_after_a_clock_jump() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut schedule = Schedule::default();
        assert_eq!(schedule.due(&[1, 2], t0), [1, 2]);
        schedule.set(1, t0, Duration::from_secs(60));
        schedule.set(2, t0, Duration::from_secs(600));
        assert_eq!(
            schedule.due(&[1, 2], t0 + chrono::Duration::seconds(61)),
            [1]
        );
        // A laptop asleep for a day: each provider is due, once.
        let woke = t0 + chrono::Duration::days(1);
        assert_eq!(schedule.due(&[1, 2], woke), [1, 2]);
        schedule.set(1, woke, Duration::from_secs(60));
        schedule.set(2, woke, Duration::from_secs(600));
        assert!(schedule.due(&[1, 2], woke).is_empty());
    }
}
