//! The Settings view's values: the app's own (default poll interval, start at login), the alert
//! layer's (which events notify, pause) and the engine's weekly catalogue check, kept in the
//! store so missing fields take defaults.

use crate::error::{DesktopError, Result};
use chrono::{DateTime, TimeZone, Utc};
use lookout_engine::catalogue::CatalogueSettings;
use lookout_engine::operations::alerts::{AlertSettings, EventChoices, Pause};
use lookout_engine::Lookout;
use serde::{Deserialize, Serialize};

const KEY: &str = "app";

/// Shortest and longest poll intervals the window offers (the store's own limits).
pub use lookout_engine::operations::settings::POLL_INTERVAL_RANGE;

/// Everything the Settings view edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    /// Seconds between polls for providers added from now on.
    pub poll_interval_secs: u32,
    /// Notify when an incident opens.
    pub notify_incident_opened: bool,
    /// Notify on each new update of an incident.
    pub notify_incident_updated: bool,
    /// Notify when an incident is resolved.
    pub notify_incident_resolved: bool,
    /// Notify when a maintenance starts.
    pub notify_maintenance_started: bool,
    /// Notify when a watched component changes status without an incident post.
    pub notify_component_changed: bool,
    /// Start Lookout when the user logs in.
    pub start_at_login: bool,
    /// No notification until then.
    pub notifications_paused_until: Option<DateTime<Utc>>,
    /// Check once a week for a newer catalogue of services (not while the app runs with
    /// `--offline`).
    pub check_catalogue_weekly: bool,
    /// When the catalogue was last checked (not the form's to change).
    pub catalogue_checked_at: Option<DateTime<Utc>>,
    /// What that check said: "version 2026120800: 12 services added, 3 moved", or why an update
    /// was refused (not the form's to change).
    pub catalogue_check_outcome: Option<String>,
    /// Check once a day for a newer Lookout (never when `LOOKOUT_NO_UPDATE_CHECK=1`).
    pub check_updates_daily: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            poll_interval_secs: 60,
            notify_incident_opened: true,
            notify_incident_updated: true,
            notify_incident_resolved: true,
            notify_maintenance_started: true,
            notify_component_changed: false,
            start_at_login: false,
            notifications_paused_until: None,
            check_catalogue_weekly: true,
            catalogue_checked_at: None,
            catalogue_check_outcome: None,
            check_updates_daily: true,
        }
    }
}

/// What the app keeps for itself; the notification choices and the pause are the alert layer's
/// ([`AlertSettings`]), shared with `lookout watch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct AppSettings {
    poll_interval_secs: u32,
    start_at_login: bool,
    check_updates_daily: bool,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            poll_interval_secs: 60,
            start_at_login: false,
            check_updates_daily: true,
        }
    }
}

impl Settings {
    /// The settings as stored: the app's own (`app`, defaults when never saved) and the alert
    /// layer's.
    fn from_parts(
        app: AppSettings,
        alerts: &AlertSettings,
        catalogue: CatalogueSettings,
    ) -> Settings {
        let events = &alerts.events;
        Settings {
            poll_interval_secs: app.poll_interval_secs,
            notify_incident_opened: events.incident_opened,
            notify_incident_updated: events.incident_updated,
            notify_incident_resolved: events.incident_resolved,
            notify_maintenance_started: events.maintenance_started,
            notify_component_changed: events.component_changed,
            start_at_login: app.start_at_login,
            notifications_paused_until: alerts.paused_until,
            check_catalogue_weekly: catalogue.weekly_check,
            catalogue_checked_at: catalogue.last_checked,
            catalogue_check_outcome: catalogue.last_outcome,
            check_updates_daily: app.check_updates_daily,
        }
    }

    /// Sets the events these settings choose in `events` (the others as they were).
    pub fn choose_events(&self, events: &mut EventChoices) {
        events.incident_opened = self.notify_incident_opened;
        events.incident_updated = self.notify_incident_updated;
        events.incident_resolved = self.notify_incident_resolved;
        events.maintenance_started = self.notify_maintenance_started;
        events.component_changed = self.notify_component_changed;
    }

    /// The stored settings (defaults for whatever was never set).
    pub async fn load(lookout: &Lookout) -> Result<Settings> {
        let app: AppSettings = lookout.setting(KEY).await?.unwrap_or_default();
        let alerts = lookout.alert_settings().await?;
        let catalogue = lookout.catalogue_settings().await?;
        Ok(Settings::from_parts(app, &alerts, catalogue))
    }

    /// Checks and stores these settings. The pause is not the form's to change: only
    /// [`pause_notifications`] (the tray and the window's pause buttons) and `lookout pause` set
    /// it.
    pub async fn save(&self, lookout: &Lookout) -> Result<()> {
        if !POLL_INTERVAL_RANGE.contains(&self.poll_interval_secs) {
            return Err(DesktopError::InvalidInput(format!(
                "the poll interval must be between {} seconds and a day",
                POLL_INTERVAL_RANGE.start()
            )));
        }
        let app = AppSettings {
            poll_interval_secs: self.poll_interval_secs,
            start_at_login: self.start_at_login,
            check_updates_daily: self.check_updates_daily,
        };
        lookout.set_setting(KEY, app).await?;
        lookout
            .set_catalogue_weekly_check(self.check_catalogue_weekly)
            .await?;
        let chosen = self.clone();
        lookout
            .update_alert_settings(move |alerts| {
                chosen.choose_events(&mut alerts.events);
                Ok(())
            })
            .await?;
        Ok(())
    }
}

/// Pauses (or resumes) notifications as chosen at `now` in the tray or the window; returns the
/// settings as they now are.
pub async fn pause_notifications<Tz: TimeZone>(
    lookout: &Lookout,
    pause: Pause,
    now: &DateTime<Tz>,
) -> Result<Settings> {
    lookout.pause_alerts(pause.until(now)).await?;
    Settings::load(lookout).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use lookout_core::FixedClock;
    use lookout_store::Store;
    use std::sync::Arc;

    fn lookout(now: DateTime<Utc>) -> Lookout {
        let store = Store::open_in_memory().unwrap();
        Lookout::new(store, Arc::new(FixedClock::new(now))).unwrap()
    }

    #[tokio::test]
    async fn settings_keep_defaults_for_missing_fields_and_refuse_bad_intervals() {
        let lookout = lookout(Utc.with_ymd_and_hms(2026, 3, 2, 21, 30, 0).unwrap());
        assert_eq!(Settings::load(&lookout).await.unwrap(), Settings::default());
        let updated_off = serde_json::json!({"events": {"incident_updated": false}});
        lookout.set_setting("alerts", updated_off).await.unwrap();
        let loaded = Settings::load(&lookout).await.unwrap();
        assert!(!loaded.notify_incident_updated);
        assert_eq!(loaded.poll_interval_secs, 60);
        let bad = Settings {
            poll_interval_secs: 1,
            ..Settings::default()
        };
        assert_eq!(
            bad.save(&lookout).await.unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(Settings::load(&lookout).await.unwrap(), loaded);
    }

    #[tokio::test]
    async fn the_weekly_catalogue_check_is_on_by_default_and_kept_when_turned_off() {
        let lookout = lookout(Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap());
        let settings = Settings::load(&lookout).await.unwrap();
        assert!(settings.check_catalogue_weekly);
        assert_eq!(settings.catalogue_check_outcome, None);
        let off = Settings {
            check_catalogue_weekly: false,
            catalogue_check_outcome: Some("typed by the window".into()),
            ..settings
        };
        off.save(&lookout).await.unwrap();
        let loaded = Settings::load(&lookout).await.unwrap();
        assert!(!loaded.check_catalogue_weekly);
        assert_eq!(
            loaded.catalogue_check_outcome, None,
            "not the form's to change"
        );
        assert!(!lookout.catalogue_settings().await.unwrap().weekly_check);
    }

    #[tokio::test]
    async fn only_the_pause_buttons_change_the_pause_never_a_saved_form() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 21, 30, 0).unwrap();
        let lookout = lookout(now);
        let form = Settings::load(&lookout).await.unwrap();
        let paused = pause_notifications(&lookout, Pause::Hour, &now)
            .await
            .unwrap();
        assert_eq!(
            paused.notifications_paused_until,
            Some(now + chrono::Duration::hours(1))
        );
        // A form loaded before the pause and saved after it does not undo it.
        form.save(&lookout).await.unwrap();
        assert_eq!(
            Settings::load(&lookout)
                .await
                .unwrap()
                .notifications_paused_until,
            paused.notifications_paused_until
        );
        let resumed = pause_notifications(&lookout, Pause::Resume, &now)
            .await
            .unwrap();
        assert_eq!(resumed.notifications_paused_until, None);
    }
}
