//! Quiet pages for benchmarks: all components operational and a history of resolved incidents
//! that never changes, so an app watching many of them has a full incident list and nothing new;
//! optionally with more components, in groups of four (a big vendor's page).

use crate::scenario::{incident_life_round, scenario_id, LAST_STAGE};
use crate::Dialect;
use chrono::{DateTime, Duration, Utc};
use lookout_core::{Component, ComponentStatus, Snapshot};

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

/// Gives `page` `count` components (at least the ones it has): the ones it has, then made-up
/// operational ones in groups of four ("Region 1", "Region 2"…), ids unique to page `n`.
pub fn with_components(mut page: Snapshot, n: usize, count: usize) -> Snapshot {
    let first = page.components.len();
    page.components.extend((first..count).map(|k| {
        let position = i64::try_from(k).unwrap_or(i64::MAX);
        Component {
            id: scenario_id(Dialect::Statuspage, &format!("quiet/{n}/component-{k}")),
            name: format!("Service {k} of page {n}"),
            group: Some(format!("Region {}", (k - first) / 4 + 1)),
            status: ComponentStatus::Operational,
            position: (position + 10, 0),
        }
    }));
    page
}
