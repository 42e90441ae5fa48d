//! A provider's history for the window: a 90-day bar for the provider and for each component
//! (each day's worst status, and the incidents of that day with their durations), and its
//! reliability card (the figures of `lookout stats`).

use chrono::{DateTime, TimeZone, Utc};
use lookout_core::{ComponentStatus, ProviderId};
use lookout_engine::operations::history::{
    ComponentUptime, HistoryRecord, IncidentSpan, ProviderStats,
};
use serde::Serialize;

/// The history the provider page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ProviderHistory {
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The provider's bar: each day, oldest first, ending today, with the worst status of the
    /// components watched and the incidents of that day.
    pub days: Vec<HistoryDay>,
    /// Each component's uptime, seconds per status and bar.
    pub components: Vec<ComponentUptime>,
    /// The reliability card.
    pub reliability: ProviderStats,
}

/// One day of the provider's bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct HistoryDay {
    /// `YYYY-MM-DD`, local.
    pub date: String,
    /// The worst known status of the watched components that day (`unknown` when nothing of the
    /// day is known).
    pub worst: ComponentStatus,
    /// The incidents that were open at some time that day.
    pub incidents: Vec<DayIncident>,
}

/// An incident in a day's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct DayIncident {
    /// The vendor's id.
    pub id: String,
    /// Its title (vendor text: shown as text).
    pub title: String,
    /// How long it lasted; `null` while open.
    pub duration_seconds: Option<i64>,
}

/// The history of provider `provider_id` from its `record` (days counted in `tz`) at `now`.
pub fn provider_history<Tz: TimeZone>(
    provider_id: ProviderId,
    record: HistoryRecord,
    tz: &Tz,
    now: DateTime<Utc>,
) -> ProviderHistory {
    let HistoryRecord {
        components,
        watched,
        spans,
        reliability,
        ..
    } = record;
    ProviderHistory {
        provider_id,
        days: provider_days(&components, &watched, &spans, tz, now),
        components,
        reliability,
    }
}

/// Each day's worst known status over the watched components (all when none is chosen), with
/// the incidents open at some time that day.
fn provider_days<Tz: TimeZone>(
    components: &[ComponentUptime],
    watched: &[String],
    spans: &[IncidentSpan],
    tz: &Tz,
    now: DateTime<Utc>,
) -> Vec<HistoryDay> {
    let counted: Vec<&ComponentUptime> = components
        .iter()
        .filter(|c| watched.is_empty() || watched.contains(&c.id))
        .collect();
    let Some(first) = components.first() else {
        return Vec::new();
    };
    first
        .days
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let worst = counted
                .iter()
                .filter_map(|c| c.days.get(index))
                .map(|d| &d.worst)
                .filter(|status| **status != ComponentStatus::Unknown)
                .max_by_key(|status| status.rank())
                .cloned()
                .unwrap_or(ComponentStatus::Unknown);
            HistoryDay {
                date: day.date.clone(),
                worst,
                incidents: day_incidents(&day.date, spans, tz, now),
            }
        })
        .collect()
}

/// The incidents of `spans` open at some time on local day `date`.
fn day_incidents<Tz: TimeZone>(
    date: &str,
    spans: &[IncidentSpan],
    tz: &Tz,
    now: DateTime<Utc>,
) -> Vec<DayIncident> {
    let Ok(day) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return Vec::new();
    };
    let start = lookout_core::history::start_of_day(tz, day);
    let end = day
        .succ_opt()
        .map_or(now, |next| lookout_core::history::start_of_day(tz, next));
    spans
        .iter()
        .filter(|s| s.started_at < end && s.resolved_at.unwrap_or(now) >= start)
        .map(|s| DayIncident {
            id: s.id.clone(),
            title: s.title.clone(),
            duration_seconds: s.resolved_at.map(|end| (end - s.started_at).num_seconds()),
        })
        .collect()
}
