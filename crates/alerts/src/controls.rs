//! Pausing every alert and snoozing one provider: the one place that changes them, for the
//! CLI (`lookout pause`, `lookout snooze`), the tray menu and the window alike.

use crate::error::{AlertError, Result};
use crate::rules::{AlertSettings, Pause, ProviderRules, Snooze};
use chrono::{DateTime, TimeZone, Utc};
use lookout_core::ProviderId;
use lookout_store::{Store, StoreError};

/// When a pause typed as `1h`, `30m`, `2d`, `tomorrow` (08:00 local) or `off` chosen at `now`
/// ends (`None`: no pause).
pub fn pause_end<Tz: TimeZone>(text: &str, now: &DateTime<Tz>) -> Result<Option<DateTime<Utc>>> {
    match text.trim().to_lowercase().as_str() {
        "off" | "resume" => Ok(None),
        "tomorrow" => Ok(Pause::Tomorrow.until(now)),
        other => match Snooze::parse(other)? {
            Snooze::For(length) => Ok(Some(now.with_timezone(&Utc) + length)),
            _ => Err(AlertError::InvalidInput(
                "pause for a while (1h, 30m, 2d), until tomorrow, or off".into(),
            )),
        },
    }
}

/// Pauses every alert until `until` (`None` resumes them); returns the alert settings.
pub fn pause_alerts(store: &mut Store, until: Option<DateTime<Utc>>) -> Result<AlertSettings> {
    store.atomically(|store| {
        let mut settings = AlertSettings::load(store)?;
        settings.paused_until = until;
        settings.save(store)?;
        Ok(settings)
    })
}

/// Snoozes (or un-snoozes) provider `provider_id` as chosen at `now`; returns its rules.
pub fn snooze_provider(
    store: &mut Store,
    provider_id: ProviderId,
    snooze: Snooze,
    now: DateTime<Utc>,
) -> Result<ProviderRules> {
    store.atomically(|store| {
        if store.provider(provider_id)?.is_none() {
            return Err(StoreError::NoSuchProvider(provider_id.to_string()).into());
        }
        let mut rules = ProviderRules::load(store, provider_id)?;
        rules.snooze(snooze, now);
        rules.save(store, provider_id)?;
        Ok(rules)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn pauses_snoozes_and_their_errors() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 21, 30, 0).unwrap();
        assert_eq!(
            pause_end("1h", &now).unwrap(),
            Some(now + chrono::Duration::hours(1))
        );
        assert_eq!(
            pause_end("tomorrow", &now).unwrap(),
            Some(Utc.with_ymd_and_hms(2026, 3, 3, 8, 0, 0).unwrap())
        );
        assert_eq!(pause_end("off", &now).unwrap(), None);
        assert!(pause_end("resolved", &now).is_err());
        assert!(pause_end("soon", &now).is_err());

        let mut store = Store::open_in_memory().unwrap();
        let settings = pause_alerts(&mut store, Some(now)).unwrap();
        assert_eq!(AlertSettings::load(&store).unwrap(), settings);
        assert!(matches!(
            snooze_provider(&mut store, ProviderId::new(7), Snooze::UntilResolved, now),
            Err(AlertError::Storage(StoreError::NoSuchProvider(_)))
        ));
    }
}
