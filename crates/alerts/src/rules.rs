//! What the user chose: which events alert (globally and per provider), a minimum severity, which
//! sinks a provider's alerts go to, snoozes, quiet hours and pause. Stored in the store's
//! settings table (`alerts`, and `rules:<provider id>`), so missing fields take defaults.

use crate::error::{AlertError, Result};
use chrono::{
    DateTime, Datelike, Days, Duration, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use lookout_core::{ComponentStatus, EventKind, ProviderId};
use lookout_store::Store;
use serde::{Deserialize, Serialize};

/// Which kinds of change alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(default)]
pub struct EventChoices {
    /// A new incident.
    pub incident_opened: bool,
    /// Each new update of an incident.
    pub incident_updated: bool,
    /// An incident is over.
    pub incident_resolved: bool,
    /// A maintenance is announced.
    pub maintenance_scheduled: bool,
    /// A maintenance starts soon (a reminder, [`AlertSettings::remind_before_minutes`] ahead).
    pub maintenance_soon: bool,
    /// A maintenance starts.
    pub maintenance_started: bool,
    /// A maintenance ends.
    pub maintenance_completed: bool,
    /// A component changes status (incidents usually say more).
    pub component_changed: bool,
    /// A page cannot be read for long enough to be unknown.
    pub provider_unreachable: bool,
    /// A page that was unknown reads again.
    pub provider_recovered: bool,
    /// Lookout's own probes fail while the page says all is well.
    pub suspected_outage: bool,
    /// The probes of a suspected provider pass again.
    pub suspected_cleared: bool,
}

impl Default for EventChoices {
    fn default() -> Self {
        EventChoices {
            incident_opened: true,
            incident_updated: true,
            incident_resolved: true,
            maintenance_scheduled: false,
            maintenance_soon: true,
            maintenance_started: true,
            maintenance_completed: false,
            component_changed: false,
            provider_unreachable: true,
            provider_recovered: false,
            suspected_outage: true,
            suspected_cleared: true,
        }
    }
}

impl EventChoices {
    /// Whether this kind of change alerts.
    pub fn wants(&self, kind: &EventKind) -> bool {
        match kind {
            EventKind::IncidentOpened { .. } => self.incident_opened,
            EventKind::IncidentUpdated { .. } => self.incident_updated,
            EventKind::IncidentResolved { .. } => self.incident_resolved,
            EventKind::MaintenanceScheduled { .. } => self.maintenance_scheduled,
            EventKind::MaintenanceSoon { .. } => self.maintenance_soon,
            EventKind::MaintenanceStarted { .. } => self.maintenance_started,
            EventKind::MaintenanceCompleted { .. } => self.maintenance_completed,
            EventKind::ComponentChanged { .. } => self.component_changed,
            EventKind::ProviderUnreachable { .. } => self.provider_unreachable,
            EventKind::ProviderRecovered => self.provider_recovered,
            EventKind::SuspectedOutage { .. } => self.suspected_outage,
            EventKind::SuspectedCleared { .. } => self.suspected_cleared,
            // The "you appear to be offline" notice is not a choice: it explains the silence.
            EventKind::NetworkOffline { .. } => true,
        }
    }
}

/// Times of the week when alerts stay quiet, in the user's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct QuietHours {
    /// The days on which the quiet period starts.
    #[cfg_attr(
        feature = "ui-types",
        ts(type = r#"Array<"Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun">"#)
    )]
    pub days: Vec<Weekday>,
    /// Start (local time).
    pub start: NaiveTime,
    /// End (local time); before `start` means the next morning.
    pub end: NaiveTime,
    /// Let major outages through anyway.
    pub allow_major: bool,
}

impl QuietHours {
    /// Whether `local` falls in a quiet period.
    pub fn contains(&self, local: NaiveDateTime) -> bool {
        let (day, time) = (local.weekday(), local.time());
        if self.start <= self.end {
            self.days.contains(&day) && time >= self.start && time < self.end
        } else {
            (self.days.contains(&day) && time >= self.start)
                || (self.days.contains(&day.pred()) && time < self.end)
        }
    }

    /// Reads `22:00-07:00` and days such as `mon-fri`, `sat,sun`, `weekdays`, `weekends`, `all`.
    pub fn parse(window: &str, days: &str, allow_major: bool) -> Result<QuietHours> {
        let bad = |what: &str| AlertError::InvalidInput(what.to_string());
        let (start, end) = window
            .split_once('-')
            .ok_or_else(|| bad("quiet hours look like 22:00-07:00"))?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| bad("times look like 22:00 (24-hour clock)"))
        };
        let (start, end) = (time(start)?, time(end)?);
        if start == end {
            return Err(bad("quiet hours must not start and end at the same time"));
        }
        Ok(QuietHours {
            days: parse_days(days)?,
            start,
            end,
            allow_major,
        })
    }
}

fn parse_days(text: &str) -> Result<Vec<Weekday>> {
    use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    let all = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
    let day = |t: &str| {
        t.trim()
            .parse::<Weekday>()
            .map_err(|_| AlertError::InvalidInput(format!("not a day: {t:?} (mon, tue, …)")))
    };
    let mut days = Vec::new();
    for part in text.to_lowercase().split(',').map(str::trim) {
        match part {
            "all" | "every day" | "" => days.extend(all),
            "weekdays" => days.extend(&all[..5]),
            "weekends" => days.extend(&all[5..]),
            range if range.contains('-') => {
                let (from, to) = range.split_once('-').unwrap_or_default();
                let (mut d, to) = (day(from)?, day(to)?);
                days.push(d);
                while d != to {
                    d = d.succ();
                    days.push(d);
                }
            }
            one => days.push(day(one)?),
        }
    }
    days.sort_by_key(Weekday::num_days_from_monday);
    days.dedup();
    Ok(days)
}

/// How long before a maintenance starts its reminder (`maintenance_soon`) is sent, by default.
pub const DEFAULT_REMIND_BEFORE_MINUTES: u32 = 60;

/// The global alert settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(default)]
pub struct AlertSettings {
    /// Which changes alert, unless a provider's rules say otherwise.
    pub events: EventChoices,
    /// Nothing alerts until then.
    pub paused_until: Option<DateTime<Utc>>,
    /// Quiet hours, if any.
    pub quiet_hours: Option<QuietHours>,
    /// How many minutes before a watched component's maintenance starts its reminder is sent
    /// (default 60).
    pub remind_before_minutes: u32,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            events: EventChoices::default(),
            paused_until: None,
            quiet_hours: None,
            remind_before_minutes: DEFAULT_REMIND_BEFORE_MINUTES,
        }
    }
}

impl AlertSettings {
    /// The stored settings.
    pub fn load(store: &Store) -> Result<AlertSettings> {
        Ok(store.setting("alerts")?.unwrap_or_default())
    }

    /// Stores them.
    pub fn save(&self, store: &mut Store) -> Result<()> {
        Ok(store.set_setting("alerts", self)?)
    }

    /// Whether everything is paused at `now`.
    pub fn paused_at(&self, now: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| until > now)
    }
}

/// One provider's rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(default)]
pub struct ProviderRules {
    /// Which changes alert for this provider (the global choice when `None`).
    pub events: Option<EventChoices>,
    /// Incidents and component changes below this status do not alert (e.g. `partial_outage`
    /// ignores degraded performance).
    pub min_severity: Option<ComponentStatus>,
    /// The sinks (`os`, `sink:<id>`) that get this provider's alerts; all when `None`.
    pub sinks: Option<Vec<String>>,
    /// Snoozed until then.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Snoozed until the provider has no open incident.
    pub snoozed_until_resolved: bool,
}

impl ProviderRules {
    fn key(provider_id: ProviderId) -> String {
        format!("rules:{provider_id}")
    }

    /// A provider's stored rules (defaults when none).
    pub fn load(store: &Store, provider_id: ProviderId) -> Result<ProviderRules> {
        Ok(store.setting(&Self::key(provider_id))?.unwrap_or_default())
    }

    /// Stores a provider's rules.
    pub fn save(&self, store: &mut Store, provider_id: ProviderId) -> Result<()> {
        Ok(store.set_setting(&Self::key(provider_id), self)?)
    }

    /// Applies a snooze chosen at `now`.
    pub fn snooze(&mut self, snooze: Snooze, now: DateTime<Utc>) {
        match snooze {
            Snooze::For(length) => {
                self.snoozed_until = Some(now + length);
                self.snoozed_until_resolved = false;
            }
            Snooze::UntilResolved => {
                self.snoozed_until = None;
                self.snoozed_until_resolved = true;
            }
            Snooze::Off => {
                self.snoozed_until = None;
                self.snoozed_until_resolved = false;
            }
        }
    }
}

/// How long to snooze a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snooze {
    /// For a while.
    For(Duration),
    /// Until its open incidents are resolved.
    UntilResolved,
    /// No more snooze.
    Off,
}

impl Snooze {
    /// Reads `1h`, `8h`, `24h`, `30m`, `2d`, `resolved` or `off`.
    pub fn parse(text: &str) -> Result<Snooze> {
        let text = text.trim().to_lowercase();
        match text.as_str() {
            "resolved" | "until-resolved" => return Ok(Snooze::UntilResolved),
            "off" | "none" | "resume" => return Ok(Snooze::Off),
            _ => {}
        }
        let bad = || {
            AlertError::InvalidInput(format!(
                "not a snooze: {text:?} (use 1h, 8h, 24h, 30m, 2d, resolved or off)"
            ))
        };
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (number, unit) = text.split_at(split);
        let n: i64 = number.parse().map_err(|_| bad())?;
        let length = match unit {
            "m" | "min" => Duration::minutes(n),
            "h" => Duration::hours(n),
            "d" => Duration::days(n),
            _ => return Err(bad()),
        };
        if n <= 0 || length > Duration::days(30) {
            return Err(bad());
        }
        Ok(Snooze::For(length))
    }
}

/// How long to pause notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Pause {
    /// For one hour.
    Hour,
    /// Until 08:00 local time tomorrow.
    Tomorrow,
    /// Notify again now.
    Resume,
}

impl Pause {
    /// When a pause chosen at `now` (in the user's time zone) ends; `None` for [`Pause::Resume`].
    pub fn until<Tz: TimeZone>(self, now: &DateTime<Tz>) -> Option<DateTime<Utc>> {
        match self {
            Pause::Hour => Some(now.with_timezone(&Utc) + chrono::Duration::hours(1)),
            Pause::Tomorrow => {
                let morning = now
                    .date_naive()
                    .checked_add_days(Days::new(1))?
                    .and_time(NaiveTime::from_hms_opt(8, 0, 0)?);
                let local = now.timezone().from_local_datetime(&morning).earliest()?;
                Some(local.with_timezone(&Utc))
            }
            Pause::Resume => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn a_pause_until_tomorrow_ends_at_eight_local_time() {
        let paris = FixedOffset::east_opt(3600).unwrap();
        let late = paris.with_ymd_and_hms(2026, 3, 9, 23, 30, 0).unwrap();
        assert_eq!(
            Pause::Tomorrow.until(&late),
            Some(Utc.with_ymd_and_hms(2026, 3, 10, 7, 0, 0).unwrap())
        );
        assert_eq!(
            Pause::Hour.until(&late),
            Some(Utc.with_ymd_and_hms(2026, 3, 9, 23, 30, 0).unwrap())
        );
        assert_eq!(Pause::Resume.until(&late), None);
    }
}
