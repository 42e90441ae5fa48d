//! History reads: what [`lookout_core::history`] needs of a provider (its incidents' timelines
//! without their text, its maintenances, its recorded statuses, since when it is known and when
//! its page could not be read), and the reports built from them: `uptime` and `stats`.

mod honesty;
mod report;
mod stats;

pub use report::{
    ComponentUptime, DayStatus, HistoryWindow, ProviderUptime, StatusSeconds, UptimeReport,
};
pub use stats::{ByImpact, LongestIncident, ProviderStats, StatsReport, WorstComponent};

use crate::columns::columns;
use crate::error::Result;
use crate::queries::decode_list;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::history::Span;
use lookout_core::status::{Impact, IncidentStatus};
use lookout_core::ProviderId;
use lookout_core::{ComponentStatus, Incident, IncidentUpdate, UpdateComponent};
use rusqlite::OptionalExtension;
use std::collections::HashMap;

/// A component's recorded statuses, oldest first, by component id.
pub type Recorded = HashMap<String, Vec<(DateTime<Utc>, ComponentStatus)>>;

/// When one incident lasted, for a history bar's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentSpan {
    /// The vendor's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its start.
    pub started_at: DateTime<Utc>,
    /// Its end; `None` while open.
    pub resolved_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The provider's incidents that overlap `[from, to)`, oldest first (without timelines).
    pub fn incident_spans(
        &self,
        provider_id: ProviderId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<IncidentSpan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, started_at, resolved_at FROM incidents
             WHERE provider_id = ?1 AND started_at < ?3 AND (resolved_at IS NULL OR resolved_at >= ?2)
             ORDER BY started_at, id",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![provider_id, time::to_text(from), time::to_text(to)],
            columns::<(String, String, String, Option<String>)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, started, resolved) = row?;
            out.push(IncidentSpan {
                id,
                title,
                started_at: time::from_text(&started)?,
                resolved_at: time::opt_from_text(resolved)?,
            });
        }
        Ok(out)
    }

    /// The provider's incidents not over before `from`, with their timelines (titles kept,
    /// update bodies left out: the engine needs only times and component statuses).
    pub(crate) fn history_incidents(
        &self,
        provider_id: ProviderId,
        from: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        let from = time::to_text(from);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, impact, status, started_at, resolved_at FROM incidents
             WHERE provider_id = ?1 AND (resolved_at IS NULL OR resolved_at >= ?2)
             ORDER BY started_at, id",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![provider_id, from],
            columns::<(String, String, String, String, String, Option<String>)>,
        )?;
        let mut incidents = Vec::new();
        for row in rows {
            let (id, title, impact, status, started, resolved) = row?;
            incidents.push(Incident {
                id,
                title,
                impact: Impact::parse(&impact),
                status: IncidentStatus::parse(&status),
                started_at: time::from_text(&started)?,
                resolved_at: time::opt_from_text(resolved)?,
                url: None,
                updates: Vec::new(),
                component_ids: Vec::new(),
            });
        }
        self.add_component_updates(provider_id, &from, &mut incidents)?;
        Ok(incidents)
    }

    /// Adds to `incidents` (the provider's not over before `from`) their updates that name
    /// components, oldest first.
    fn add_component_updates(
        &self,
        provider_id: ProviderId,
        from: &str,
        incidents: &mut [Incident],
    ) -> Result<()> {
        let at: HashMap<String, usize> = incidents
            .iter()
            .enumerate()
            .map(|(index, incident)| (incident.id.clone(), index))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.incident_id, u.id, u.status, u.at, u.components
             FROM incident_updates u JOIN incidents i
               ON i.provider_id = u.provider_id AND i.id = u.incident_id
             WHERE u.provider_id = ?1 AND u.components != '[]'
               AND (i.resolved_at IS NULL OR i.resolved_at >= ?2)
             ORDER BY u.at, u.id",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![provider_id, from],
            columns::<(String, String, String, String, String)>,
        )?;
        for row in rows {
            let (incident, id, status, when, components) = row?;
            let Some(&index) = at.get(&incident) else {
                continue;
            };
            incidents[index].updates.push(IncidentUpdate {
                id,
                status: IncidentStatus::parse(&status),
                body: String::new(),
                at: time::from_text(&when)?,
                components: decode_list::<UpdateComponent>(&components)?,
            });
        }
        Ok(())
    }

    /// Every status Lookout recorded for the provider's components, oldest first.
    pub(crate) fn recorded_statuses(&self, provider_id: ProviderId) -> Result<Recorded> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT component_id, status, at FROM component_status_history
             WHERE provider_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([provider_id], columns::<(String, String, String)>)?;
        let mut out = Recorded::new();
        for row in rows {
            let (component, status, at) = row?;
            out.entry(component)
                .or_default()
                .push((time::from_text(&at)?, ComponentStatus::parse(&status)));
        }
        Ok(out)
    }

    /// Since when the provider's history is known: the earlier of Lookout's first recorded read
    /// and the first update (or start) of the oldest incident stored. `None`: nothing is known.
    pub(crate) fn known_since(&self, provider_id: ProviderId) -> Result<Option<DateTime<Utc>>> {
        let first: Option<String> = self
            .conn
            .query_row(
                "SELECT min(at) FROM (
                   SELECT min(at) AS at FROM component_status_history WHERE provider_id = ?1
                   UNION ALL SELECT min(at) FROM incident_updates WHERE provider_id = ?1
                   UNION ALL SELECT min(started_at) FROM incidents WHERE provider_id = ?1)",
                [provider_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        time::opt_from_text(first)
    }

    /// When the provider's page could not be read: from each `provider_unreachable` to the next
    /// `provider_recovered` (to `now` while it lasts).
    pub(crate) fn read_gaps(
        &self,
        provider_id: ProviderId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Span>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, at FROM events WHERE provider_id = ?1
               AND kind IN ('provider_unreachable', 'provider_recovered') ORDER BY at, id",
        )?;
        let rows = stmt.query_map([provider_id], columns::<(String, String)>)?;
        let mut gaps = Vec::new();
        let mut open: Option<DateTime<Utc>> = None;
        for row in rows {
            let (kind, at) = row?;
            let at = time::from_text(&at)?;
            match (kind.as_str(), open) {
                ("provider_unreachable", None) => open = Some(at),
                ("provider_recovered", Some(from)) => {
                    gaps.push(Span { from, to: at });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(from) = open {
            gaps.push(Span { from, to: now });
        }
        Ok(gaps)
    }
}
