//! `lookout stats`: per provider, the incidents that started in a window — how many, of which
//! impact, how long the resolved ones lasted — and the component that was down longest.

use super::report::{ComponentUptime, HistoryWindow};
use crate::columns::columns;
use crate::error::Result;
use crate::{time, Provider, Store};
use chrono::TimeZone;
use lookout_core::honesty::Honesty;
use lookout_core::status::Impact;
use lookout_core::ProviderId;
use serde::{Deserialize, Serialize};

/// `lookout stats --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsReport {
    /// Each provider asked for.
    pub providers: Vec<ProviderStats>,
}

/// One provider's reliability over the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderStats {
    /// Local id.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// Incidents that started in the window.
    pub incidents: u32,
    /// Of those, how many of each impact.
    pub by_impact: ByImpact,
    /// Total duration of the resolved ones, in seconds.
    pub total_seconds: i64,
    /// Their mean duration (`null` when none is resolved).
    pub mean_seconds: Option<i64>,
    /// Their median duration (`null` when none is resolved).
    pub median_seconds: Option<i64>,
    /// The longest resolved one.
    pub longest: Option<LongestIncident>,
    /// The component with the most time in partial or major outage in the window (`null` when
    /// none had any).
    pub worst_component: Option<WorstComponent>,
    /// The median time by which Lookout's probes noticed an incident before the vendor's first
    /// update, over the incidents that had one (`null` when none did).
    pub median_lead_seconds: Option<i64>,
    /// How long the vendor took to acknowledge trouble Lookout had evidence of (its probes
    /// failing, or a component turning non-operational before any incident said so), median
    /// over the window's incidents, in seconds (`null` without incidents).
    pub acknowledgement_median_seconds: Option<i64>,
    /// The same, 90th percentile (nearest rank).
    pub acknowledgement_p90_seconds: Option<i64>,
    /// Suspicions of at least 10 minutes the vendor never posted.
    pub unacknowledged_outages: u32,
    /// Incidents that named no component.
    pub incidents_without_components: u32,
    /// `A` (acknowledged within 15 min, nothing left unposted) to `F` (over 4 h, or most
    /// outages never posted); `null` with fewer than 3 outages. The rule is in the README.
    pub grade: Option<String>,
}

/// Incidents by impact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ByImpact {
    /// No impact given.
    pub none: u32,
    /// Minor.
    pub minor: u32,
    /// Major.
    pub major: u32,
    /// Critical.
    pub critical: u32,
    /// Maintenance.
    pub maintenance: u32,
}

/// The longest resolved incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LongestIncident {
    /// The vendor's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How long it lasted.
    pub duration_seconds: i64,
}

/// The component down longest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorstComponent {
    /// Its name.
    pub name: String,
    /// Seconds in partial or major outage.
    pub seconds: i64,
}

/// An incident that started in the window: id, title, impact, duration when resolved, and the
/// probes' lead time when they noticed it first.
type Started = (String, String, Impact, Option<i64>, Option<i64>);

impl Store {
    /// The reliability figures of each of `providers` over `window` (days counted in `tz`).
    pub fn stats<Tz: TimeZone>(
        &self,
        providers: &[Provider],
        window: &HistoryWindow,
        tz: &Tz,
    ) -> Result<StatsReport> {
        let mut out = Vec::with_capacity(providers.len());
        for provider in providers {
            let components = self.component_uptime(provider, window, tz)?;
            out.push(self.reliability(provider, window, &components)?);
        }
        Ok(StatsReport { providers: out })
    }

    /// The reliability figures of `provider` over `window`, from its components' downtime as
    /// [`Store::uptime`] computed it (so a view that shows both computes it once).
    pub fn reliability(
        &self,
        provider: &Provider,
        window: &HistoryWindow,
        components: &[ComponentUptime],
    ) -> Result<ProviderStats> {
        let started = self.incidents_started(provider.id, window)?;
        let worst_component = components
            .iter()
            .map(|c| (&c.name, c.seconds.partial_outage + c.seconds.major_outage))
            .filter(|(_, seconds)| *seconds > 0)
            .max_by_key(|(_, seconds)| *seconds)
            .map(|(name, seconds)| WorstComponent {
                name: name.clone(),
                seconds,
            });
        let honesty = self.honesty(provider.id, window)?;
        Ok(provider_stats(provider, &started, worst_component, honesty))
    }

    fn incidents_started(
        &self,
        provider_id: ProviderId,
        window: &HistoryWindow,
    ) -> Result<Vec<Started>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, impact, started_at, resolved_at, suspected_lead_seconds FROM incidents
             WHERE provider_id = ?1 AND started_at >= ?2 AND started_at < ?3
             ORDER BY started_at, id",
        )?;
        let (from, to) = (time::to_text(window.from), time::to_text(window.to));
        let rows = stmt.query_map(
            rusqlite::params![provider_id, from, to],
            columns::<(String, String, String, String, Option<String>, Option<i64>)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, impact, started, resolved, lead) = row?;
            let started = time::from_text(&started)?;
            let duration = time::opt_from_text(resolved)?.map(|end| (end - started).num_seconds());
            out.push((id, title, Impact::parse(&impact), duration, lead));
        }
        Ok(out)
    }
}

fn provider_stats(
    provider: &Provider,
    started: &[Started],
    worst_component: Option<WorstComponent>,
    honesty: Honesty,
) -> ProviderStats {
    let mut by_impact = ByImpact::default();
    for (_, _, impact, ..) in started {
        match impact {
            Impact::None => by_impact.none += 1,
            Impact::Minor => by_impact.minor += 1,
            Impact::Major => by_impact.major += 1,
            Impact::Critical => by_impact.critical += 1,
            Impact::Maintenance => by_impact.maintenance += 1,
            Impact::Other(_) => {}
        }
    }
    let mut durations: Vec<i64> = started.iter().filter_map(|(.., d, _)| *d).collect();
    let total: i64 = durations.iter().sum();
    let resolved = i64::try_from(durations.len()).unwrap_or(i64::MAX);
    let median_duration = median(&mut durations);
    let mut leads: Vec<i64> = started.iter().filter_map(|(.., lead)| *lead).collect();
    let longest = started
        .iter()
        .filter_map(|(id, title, _, d, _)| d.map(|d| (id, title, d)))
        .max_by_key(|(_, _, d)| *d)
        .map(|(id, title, duration_seconds)| LongestIncident {
            id: id.clone(),
            title: title.clone(),
            duration_seconds,
        });
    ProviderStats {
        id: provider.id,
        name: provider.name.clone(),
        incidents: u32::try_from(started.len()).unwrap_or(u32::MAX),
        by_impact,
        total_seconds: total,
        mean_seconds: (resolved > 0).then(|| total / resolved),
        median_seconds: median_duration,
        longest,
        worst_component,
        median_lead_seconds: median(&mut leads),
        acknowledgement_median_seconds: honesty.acknowledgement_median_seconds,
        acknowledgement_p90_seconds: honesty.acknowledgement_p90_seconds,
        unacknowledged_outages: honesty.unacknowledged_outages,
        incidents_without_components: honesty.incidents_without_components,
        grade: honesty.grade.map(String::from),
    }
}

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[n / 2]),
        n => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}
