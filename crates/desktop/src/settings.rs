//! The Settings view's values: the app's own (default poll interval, start at login) and the
//! alert layer's (which events notify, pause), kept in the store so missing fields take defaults.

use crate::error::{DesktopError, Result};
use chrono::{DateTime, TimeZone, Utc};
use lookout_alerts::{AlertSettings, Pause};
use lookout_store::Store;
use serde::{Deserialize, Serialize};

const KEY: &str = "app";

/// Shortest and longest poll intervals the window offers (the store's own limits).
pub use lookout_store::POLL_INTERVAL_RANGE;

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
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            poll_interval_secs: 60,
            start_at_login: false,
        }
    }
}

impl Settings {
    /// The stored settings (defaults for whatever was never set).
    pub fn load(store: &Store) -> Result<Settings> {
        let app: AppSettings = store.setting(KEY)?.unwrap_or_default();
        let alerts = AlertSettings::load(store)?;
        let events = &alerts.events;
        Ok(Settings {
            poll_interval_secs: app.poll_interval_secs,
            notify_incident_opened: events.incident_opened,
            notify_incident_updated: events.incident_updated,
            notify_incident_resolved: events.incident_resolved,
            notify_maintenance_started: events.maintenance_started,
            notify_component_changed: events.component_changed,
            start_at_login: app.start_at_login,
            notifications_paused_until: alerts.paused_until,
        })
    }

    /// Checks and stores these settings.
    pub fn save(&self, store: &mut Store) -> Result<()> {
        if !POLL_INTERVAL_RANGE.contains(&self.poll_interval_secs) {
            return Err(DesktopError::InvalidInput(format!(
                "the poll interval must be between {} seconds and a day",
                POLL_INTERVAL_RANGE.start()
            )));
        }
        let app = AppSettings {
            poll_interval_secs: self.poll_interval_secs,
            start_at_login: self.start_at_login,
        };
        store.set_setting(KEY, &app)?;
        let mut alerts = AlertSettings::load(store)?;
        alerts.events.incident_opened = self.notify_incident_opened;
        alerts.events.incident_updated = self.notify_incident_updated;
        alerts.events.incident_resolved = self.notify_incident_resolved;
        alerts.events.maintenance_started = self.notify_maintenance_started;
        alerts.events.component_changed = self.notify_component_changed;
        // The pause is not the form's to change: only [`pause_notifications`] (the tray and the
        // window's pause buttons) and `lookout pause` set it, through the alerts crate.
        alerts.save(store)?;
        Ok(())
    }
}

/// Pauses (or resumes) notifications as chosen at `now` in the tray or the window; returns the
/// settings as they now are.
pub fn pause_notifications<Tz: TimeZone>(
    store: &mut Store,
    pause: Pause,
    now: &DateTime<Tz>,
) -> Result<Settings> {
    lookout_alerts::pause_alerts(store, pause.until(now))?;
    Settings::load(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_keep_defaults_for_missing_fields_and_refuse_bad_intervals() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(Settings::load(&store).unwrap(), Settings::default());
        store
            .set_setting(
                "alerts",
                &serde_json::json!({"events": {"incident_updated": false}}),
            )
            .unwrap();
        let loaded = Settings::load(&store).unwrap();
        assert!(!loaded.notify_incident_updated);
        assert_eq!(loaded.poll_interval_secs, 60);
        let bad = Settings {
            poll_interval_secs: 1,
            ..Settings::default()
        };
        assert_eq!(bad.save(&mut store).unwrap_err().code(), "invalid_input");
        assert_eq!(Settings::load(&store).unwrap(), loaded);
    }
}

#[cfg(test)]
mod pause_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_the_pause_buttons_change_the_pause_never_a_saved_form() {
        let mut store = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 21, 30, 0).unwrap();
        let form = Settings::load(&store).unwrap();
        let paused = pause_notifications(&mut store, Pause::Hour, &now).unwrap();
        assert_eq!(
            paused.notifications_paused_until,
            Some(now + chrono::Duration::hours(1))
        );
        // A form loaded before the pause and saved after it does not undo it.
        form.save(&mut store).unwrap();
        assert_eq!(
            Settings::load(&store).unwrap().notifications_paused_until,
            paused.notifications_paused_until
        );
        let resumed = pause_notifications(&mut store, Pause::Resume, &now).unwrap();
        assert_eq!(resumed.notifications_paused_until, None);
    }
}
