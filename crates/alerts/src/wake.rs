//! When the alert pass must next run on its own: the next queued delivery falling due (a retry,
//! or one leased by a process that stopped), the end of a pause or of a provider's snooze, and
//! the next maintenance reminder.
//! Between those moments and new events, the alert loop sleeps: no wake-up on a timer.

use crate::error::Result;
use crate::rules::{AlertSettings, ProviderRules};
use chrono::{DateTime, Utc};
use lookout_store::Store;

/// The longest the alert loop sleeps with nothing to wait for (a safety net, not a tick).
pub const LONGEST_SLEEP: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// The next moment after `now` at which an alert pass has something to do, if any.
pub fn next_moment(store: &Store, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let delivery = store.next_delivery_due()?;
    if delivery.is_some_and(|at| at <= now) {
        return Ok(Some(now));
    }
    let mut moments: Vec<DateTime<Utc>> = delivery.into_iter().collect();
    let settings = AlertSettings::load(store)?;
    moments.extend(settings.paused_until);
    if let Some(before) = crate::reminders::lead_time(&settings) {
        moments.extend(store.next_maintenance_reminder(now, before)?);
    }
    for provider in store.providers()? {
        moments.extend(ProviderRules::load(store, provider.id)?.snoozed_until);
    }
    Ok(moments.into_iter().filter(|at| *at > now).min())
}

/// How long to sleep from `now` until `moment` (at most [`LONGEST_SLEEP`]; zero when past).
pub fn until_next(moment: Option<DateTime<Utc>>, now: DateTime<Utc>) -> std::time::Duration {
    match moment {
        Some(at) => (at - now).to_std().unwrap_or_default().min(LONGEST_SLEEP),
        None => LONGEST_SLEEP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_sleep_lasts_until_the_moment_and_never_past_the_safety_net() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let later = now + chrono::Duration::seconds(90);
        assert_eq!(
            until_next(Some(later), now),
            std::time::Duration::from_secs(90)
        );
        assert_eq!(
            until_next(Some(now - chrono::Duration::seconds(5)), now),
            std::time::Duration::ZERO
        );
        assert_eq!(until_next(None, now), LONGEST_SLEEP);
        assert_eq!(
            until_next(Some(now + chrono::Duration::days(3)), now),
            LONGEST_SLEEP
        );
    }
}
