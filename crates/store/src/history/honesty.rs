//! What the honesty measures ([`lookout_core::honesty`]) need of one provider over a window:
//! its incidents' first posts, and Lookout's own evidence — its probes' suspicions and the runs
//! of its components' trouble as Lookout recorded them.

use super::report::HistoryWindow;
use crate::columns::columns;
use crate::error::Result;
use crate::{time, Store};
use chrono::{DateTime, Utc};
use lookout_core::honesty::{measure, Evidence, Honesty, Posted, ACKNOWLEDGE_WITHIN};
use lookout_core::ProviderId;

impl Store {
    /// The honesty measures of `provider_id` over `window` (its end taken as now).
    pub fn honesty(&self, provider_id: ProviderId, window: &HistoryWindow) -> Result<Honesty> {
        let posted = self.posted_in(provider_id, window)?;
        let mut evidence = self.suspicions_near(provider_id, window)?;
        evidence.extend(self.component_trouble_runs(provider_id, window)?);
        Ok(measure(&posted, &evidence, window.to))
    }

    /// The incidents whose first post falls in `window`.
    fn posted_in(&self, provider_id: ProviderId, window: &HistoryWindow) -> Result<Vec<Posted>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT COALESCE((SELECT MIN(u.at) FROM incident_updates u
                              WHERE u.provider_id = i.provider_id AND u.incident_id = i.id),
                             i.started_at),
                    i.resolved_at,
                    i.component_ids != '[]' OR EXISTS (SELECT 1 FROM incident_updates u
                        WHERE u.provider_id = i.provider_id AND u.incident_id = i.id
                          AND u.components != '[]'),
                    i.impact = 'maintenance'
             FROM incidents i WHERE i.provider_id = ?1",
        )?;
        let rows = statement.query_map(
            [provider_id],
            columns::<(String, Option<String>, bool, bool)>,
        )?;
        let mut posted = Vec::new();
        for row in rows {
            let (first, resolved, has_components, maintenance) = row?;
            let first_post = time::from_text(&first)?;
            if first_post >= window.from && first_post < window.to {
                posted.push(Posted {
                    first_post,
                    resolved: time::opt_from_text(resolved)?,
                    has_components,
                    maintenance,
                });
            }
        }
        Ok(posted)
    }

    /// The suspicions that touch `window` (or the hour before it).
    fn suspicions_near(
        &self,
        provider_id: ProviderId,
        window: &HistoryWindow,
    ) -> Result<Vec<Evidence>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT since, cleared_at FROM suspicions
             WHERE provider_id = ?1 AND since < ?2 AND (cleared_at IS NULL OR cleared_at >= ?3)",
        )?;
        let from = time::to_text(window.from - ACKNOWLEDGE_WITHIN);
        let rows = statement.query_map(
            rusqlite::params![provider_id, time::to_text(window.to), from],
            columns::<(String, Option<String>)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (since, cleared) = row?;
            out.push(Evidence {
                start: time::from_text(&since)?,
                end: time::opt_from_text(cleared)?,
                suspicion: true,
            });
        }
        Ok(out)
    }

    /// Each component's runs of trouble (from its first status other than operational to its
    /// next operational one) that touch `window` (or the hour before it).
    fn component_trouble_runs(
        &self,
        provider_id: ProviderId,
        window: &HistoryWindow,
    ) -> Result<Vec<Evidence>> {
        let recorded = self.recorded_statuses(provider_id)?;
        let mut out = Vec::new();
        for statuses in recorded.values() {
            let mut start: Option<DateTime<Utc>> = None;
            for (at, status) in statuses {
                match (start, status.is_operational()) {
                    (None, false) => start = Some(*at),
                    (Some(began), true) => {
                        out.push((began, Some(*at)));
                        start = None;
                    }
                    _ => {}
                }
            }
            out.extend(start.map(|began| (began, None)));
        }
        let touches = |(start, end): &(DateTime<Utc>, Option<DateTime<Utc>>)| {
            *start < window.to && end.is_none_or(|end| end + ACKNOWLEDGE_WITHIN >= window.from)
        };
        Ok(out
            .into_iter()
            .filter(touches)
            .map(|(start, end)| Evidence {
                start,
                end,
                suspicion: false,
            })
            .collect())
    }
}
