//! Reminders before a maintenance starts: at the start of every alert pass, the maintenances
//! starting within the user's lead time ([`AlertSettings::remind_before_minutes`], default 60;
//! 0 turns them off) are recorded as `maintenance_soon` changes — once per maintenance and
//! planned start — and then judged like any other change (watched components, rules, quiet
//! hours). The alert loop wakes for the next one by itself ([`crate::wake::next_moment`]).

use crate::error::{AlertError, Result};
use crate::rules::AlertSettings;
use chrono::{DateTime, Duration, Utc};
use lookout_store::{SharedStore, Store};

/// The lead time the settings ask for, `None` when reminders are off.
pub fn lead_time(settings: &AlertSettings) -> Option<Duration> {
    (settings.remind_before_minutes > 0)
        .then(|| Duration::minutes(i64::from(settings.remind_before_minutes)))
}

/// Records the reminders due at `now`; returns how many were new.
pub fn record_due(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    let Some(before) = lead_time(&AlertSettings::load(store)?) else {
        return Ok(0);
    };
    Ok(store.record_maintenance_reminders(now, before)?.len())
}

/// [`record_due`] on the shared store (off the async threads), logging instead of failing: a
/// reminder that cannot be recorded must not stop the alerts that follow.
pub async fn record_due_shared(store: &SharedStore, now: DateTime<Utc>) {
    match store.run(move |store| record_due(store, now)).await {
        Ok(0) => {}
        Ok(n) => log::info!("{n} maintenance reminder(s) due"),
        Err(error) => log::error!("cannot record maintenance reminders: {error}"),
    }
}

/// The longest lead time accepted: a week.
pub const LONGEST_LEAD_MINUTES: u32 = 7 * 24 * 60;

/// Reads a lead time: `1h`, `30m`, `2h30m`, or `off` (0: no reminders); in minutes.
pub fn parse_lead(text: &str) -> Result<u32> {
    let text = text.trim().to_lowercase();
    let bad = || {
        AlertError::InvalidInput(format!(
            "a reminder's lead time looks like 1h, 30m or 2h30m (or off), not {text:?}"
        ))
    };
    if text == "off" || text == "0" {
        return Ok(0);
    }
    let (hours, rest) = match text.split_once('h') {
        Some((h, rest)) => (h.parse::<u32>().map_err(|_| bad())?, rest),
        None => (0, text.as_str()),
    };
    let minutes = match rest.strip_suffix('m') {
        Some(m) => m.parse::<u32>().map_err(|_| bad())?,
        None if rest.is_empty() => 0,
        None => return Err(bad()),
    };
    let total = hours.saturating_mul(60).saturating_add(minutes);
    if total == 0 {
        return Err(bad());
    }
    if total > LONGEST_LEAD_MINUTES {
        return Err(AlertError::InvalidInput(
            "a reminder comes at most a week before a maintenance".into(),
        ));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_times_are_read_from_words() {
        assert_eq!(parse_lead("1h").unwrap(), 60);
        assert_eq!(parse_lead(" 30m ").unwrap(), 30);
        assert_eq!(parse_lead("2h30m").unwrap(), 150);
        assert_eq!(parse_lead("OFF").unwrap(), 0);
        for bad in ["", "h", "1x", "soon", "0m", "-1h", "1h30", "8000h"] {
            assert!(parse_lead(bad).is_err(), "{bad:?}");
        }
    }
}
