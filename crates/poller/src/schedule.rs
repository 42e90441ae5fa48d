//! The watch schedule: when each provider is next due (its interval with jitter; exponential
//! backoff with jitter after failures; `Retry-After` honoured), and the "refresh now" button.
//! After a sleep or a clock jump, an overdue provider is polled once, not once per missed turn.

use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

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
    due: HashMap<ProviderId, DateTime<Utc>>,
}

impl Schedule {
    /// The ids of `providers` due at `now` (new providers are due at once).
    pub fn due(&self, providers: &[ProviderId], now: DateTime<Utc>) -> Vec<ProviderId> {
        providers
            .iter()
            .copied()
            .filter(|id| self.is_due(*id, now))
            .collect()
    }

    /// Whether `provider` is due at `now` (a new one is due at once). Allocates nothing: the
    /// watch loop asks this of every provider each time it wakes.
    pub fn is_due(&self, provider: ProviderId, now: DateTime<Utc>) -> bool {
        self.due.get(&provider).is_none_or(|at| *at <= now)
    }

    /// When the first of `providers` is due (a new one: now); `None` for none.
    pub fn first_due(
        &self,
        providers: impl IntoIterator<Item = ProviderId>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        providers
            .into_iter()
            .map(|id| self.due.get(&id).copied().unwrap_or(now))
            .min()
    }

    /// Sets when `provider` is next due, `after` from `now`.
    pub fn set(&mut self, provider: ProviderId, now: DateTime<Utc>, after: Duration) {
        let after = chrono::Duration::from_std(after).unwrap_or(chrono::Duration::MAX);
        self.due.insert(provider, now + after);
    }

    /// Forgets providers that are no longer stored.
    pub fn retain(&mut self, providers: &[ProviderId]) {
        let keep: HashSet<ProviderId> = providers.iter().copied().collect();
        self.due.retain(|id, _| keep.contains(id));
    }
}

/// A "refresh now" button for a running [`crate::watch`]: every provider becomes due at once.
#[derive(Debug, Clone, Default)]
pub struct Refresh(Arc<Notify>);

impl Refresh {
    /// Asks the watch loop to poll every provider now (a request made while it polls is kept).
    pub fn now(&self) {
        self.0.notify_one();
    }

    /// Waits until "refresh now" is asked.
    pub async fn asked(&self) {
        self.0.notified().await;
    }
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
        let (one, two) = (ProviderId::new(1), ProviderId::new(2));
        assert_eq!(schedule.due(&[one, two], t0), [one, two]);
        schedule.set(one, t0, Duration::from_secs(60));
        schedule.set(two, t0, Duration::from_secs(600));
        assert_eq!(
            schedule.due(&[one, two], t0 + chrono::Duration::seconds(61)),
            [one]
        );
        // A laptop asleep for a day: each provider is due, once.
        let woke = t0 + chrono::Duration::days(1);
        assert_eq!(schedule.due(&[one, two], woke), [one, two]);
        schedule.set(one, woke, Duration::from_secs(60));
        schedule.set(two, woke, Duration::from_secs(600));
        assert!(schedule.due(&[one, two], woke).is_empty());
    }
}
