//! Quiet pages for benchmarks: all components operational and a history of resolved incidents
//! that never changes, so an app watching many of them has a full incident list and nothing new.

use crate::scenario::{incident_life_round, scenario_id, LAST_STAGE};
use crate::Dialect;
use chrono::{DateTime, Duration, Utc};
use lookout_core::Snapshot;

/// Page `n`'s snapshot: the incident-life components and `incidents` resolved incidents, one a
/// day before `now`, with ids unique to the page.
pub fn resolved_history(n: usize, incidents: usize, now: DateTime<Utc>) -> Snapshot {
    let mut page = incident_life_round(Dialect::Statuspage, LAST_STAGE, 0, now);
    let template = page.incidents.pop();
    page.page.name = Some(format!("Quiet {n:03}"));
    page.incidents = (0..incidents)
        .filter_map(|k| {
            let mut incident = template.clone()?;
            let shift = Duration::days(i64::try_from(k + 1).ok()?);
            let tag =
                |what: &str| scenario_id(Dialect::Statuspage, &format!("quiet/{n}/{k}/{what}"));
            incident.id = tag("incident");
            incident.title = format!("Elevated errors #{k} on page {n}");
            incident.started_at -= shift;
            incident.resolved_at = incident.resolved_at.map(|at| at - shift);
            for (u, update) in incident.updates.iter_mut().enumerate() {
                update.id = tag(&format!("update-{u}"));
                update.at -= shift;
            }
            Some(incident)
        })
        .collect();
    page
}
