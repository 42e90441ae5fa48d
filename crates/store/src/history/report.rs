//! `lookout uptime`: each component's seconds per status, uptime and worst status per local day
//! over a window of days, as one serialisable report (the CLI's `--json` and the window's bars).

use super::Recorded;
use crate::error::Result;
use crate::{Provider, Store};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use lookout_core::history::{day_worst, start_of_day, ProviderHistory, Sources, Span, Totals};
use lookout_core::{ComponentStatus, ProviderId};
use serde::{Deserialize, Serialize};

/// The days a report covers: `days` local days ending today, from the first one's midnight to
/// now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryWindow {
    /// The first day's start.
    pub from: DateTime<Utc>,
    /// Now.
    pub to: DateTime<Utc>,
    /// The first local day.
    pub first_day: NaiveDate,
    /// Today, local.
    pub last_day: NaiveDate,
}

impl HistoryWindow {
    /// The last `days` (at least 1) local days of `tz`, ending today at `now`.
    pub fn last_days<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>, days: u32) -> HistoryWindow {
        let last_day = now.with_timezone(tz).date_naive();
        let first_day = last_day
            .checked_sub_days(Days::new(u64::from(days.max(1) - 1)))
            .unwrap_or(last_day);
        HistoryWindow {
            from: start_of_day(tz, first_day).min(now),
            to: now,
            first_day,
            last_day,
        }
    }

    fn span(&self) -> Span {
        Span {
            from: self.from,
            to: self.to,
        }
    }
}

/// `lookout uptime --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UptimeReport {
    /// The window's start.
    pub from: DateTime<Utc>,
    /// Its end (now).
    pub to: DateTime<Utc>,
    /// Each provider asked for.
    pub providers: Vec<ProviderUptime>,
}

/// One provider's components over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderUptime {
    /// Local id.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// Its components, in page order.
    pub components: Vec<ComponentUptime>,
}

/// One component over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentUptime {
    /// The vendor's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its group, if any.
    pub group: Option<String>,
    /// Time not in partial or major outage ÷ time known, in percent (3 decimals); `null` when
    /// nothing of the window is known.
    pub uptime_percent: Option<f64>,
    /// Seconds in each status but operational.
    pub seconds: StatusSeconds,
    /// Each day of the window, oldest first, ending today.
    pub days: Vec<DayStatus>,
}

/// Seconds in each status but operational.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusSeconds {
    /// Degraded performance.
    pub degraded_performance: i64,
    /// Partial outage.
    pub partial_outage: i64,
    /// Major outage.
    pub major_outage: i64,
    /// Under maintenance.
    pub under_maintenance: i64,
    /// Not known (before history, or the page unread).
    pub unknown: i64,
}

impl From<&Totals> for StatusSeconds {
    fn from(totals: &Totals) -> Self {
        StatusSeconds {
            degraded_performance: totals.seconds(&ComponentStatus::DegradedPerformance),
            partial_outage: totals.seconds(&ComponentStatus::PartialOutage),
            major_outage: totals.seconds(&ComponentStatus::MajorOutage),
            under_maintenance: totals.seconds(&ComponentStatus::UnderMaintenance),
            unknown: totals.seconds(&ComponentStatus::Unknown),
        }
    }
}

/// One local day's worst status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayStatus {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The worst status of the day's known time (`unknown` when none of it is known).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub worst: ComponentStatus,
}

/// One component's totals and days, for the reports.
pub(crate) struct ComponentHistory {
    pub totals: Totals,
    pub days: Vec<DayStatus>,
}

impl Store {
    /// The uptime of each of `providers`' components over `window`, days counted in `tz`.
    pub fn uptime<Tz: TimeZone>(
        &self,
        providers: &[Provider],
        window: &HistoryWindow,
        tz: &Tz,
    ) -> Result<UptimeReport> {
        let mut out = Vec::with_capacity(providers.len());
        for provider in providers {
            out.push(ProviderUptime {
                id: provider.id,
                name: provider.name.clone(),
                components: self.component_uptime(provider, window, tz)?,
            });
        }
        Ok(UptimeReport {
            from: window.from,
            to: window.to,
            providers: out,
        })
    }

    /// The uptime of `provider`'s components (page order) over `window`, days counted in `tz`.
    pub fn component_uptime<Tz: TimeZone>(
        &self,
        provider: &Provider,
        window: &HistoryWindow,
        tz: &Tz,
    ) -> Result<Vec<ComponentUptime>> {
        let mut components = Vec::new();
        for (component, history) in self.component_histories(provider, window, tz)? {
            components.push(ComponentUptime {
                id: component.id,
                name: component.name,
                group: component.group,
                uptime_percent: history
                    .totals
                    .uptime_percent()
                    .map(|p| (p * 1000.0).round() / 1000.0),
                seconds: StatusSeconds::from(&history.totals),
                days: history.days,
            });
        }
        Ok(components)
    }

    /// Each of the provider's components (page order) with its history over `window`.
    pub(crate) fn component_histories<Tz: TimeZone>(
        &self,
        provider: &Provider,
        window: &HistoryWindow,
        tz: &Tz,
    ) -> Result<Vec<(lookout_core::Component, ComponentHistory)>> {
        let incidents = self.history_incidents(provider.id, window.from)?;
        let maintenances = self.maintenances(provider.id)?;
        let gaps = self.read_gaps(provider.id, window.to)?;
        let recorded: Recorded = self.recorded_statuses(provider.id)?;
        let history = ProviderHistory::new(Sources {
            incidents: &incidents,
            maintenances: &maintenances,
            known_since: self.known_since(provider.id)?,
            gaps: &gaps,
            now: window.to,
        });
        let mut out = Vec::new();
        for component in self.components(provider.id)? {
            let own = recorded.get(&component.id).map_or(&[][..], Vec::as_slice);
            let segments = history.segments(&component.id, own, window.span());
            let days = day_worst(&segments, tz, window.first_day, window.last_day)
                .into_iter()
                .map(|day| DayStatus {
                    date: day.date.format("%Y-%m-%d").to_string(),
                    worst: day.worst,
                })
                .collect();
            let totals = Totals::of(&segments);
            out.push((component, ComponentHistory { totals, days }));
        }
        Ok(out)
    }
}
