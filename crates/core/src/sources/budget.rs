//! Each page's parse has a budget: limits on how much of each thing one page may hold, far above
//! what any real page publishes (the largest real pages seen list a few hundred components and
//! the last 50 incidents). A page over budget is refused as "page too complex", so its provider
//! is `unknown` with that reason and nothing of it is stored.
//!
//! Two passes: [`json::check`] reads a JSON document's labels and list lengths before a reader
//! builds anything from it (what a reader copies into many records must be small and few), and
//! [`check`] counts the page the reader built.

pub mod json;
pub mod xml;

use crate::error::SourceError;
use crate::model::Snapshot;

/// Components on one page.
pub const MAX_COMPONENTS: usize = 10_000;
/// Incidents on one page.
pub const MAX_INCIDENTS: usize = 5_000;
/// Updates on one incident's timeline.
pub const MAX_UPDATES_PER_INCIDENT: usize = 2_000;
/// Updates over the whole page.
pub const MAX_UPDATES: usize = 50_000;
/// Components one update or incident names.
pub const MAX_COMPONENTS_PER_UPDATE: usize = 10_000;
/// Maintenances on one page.
pub const MAX_MAINTENANCES: usize = 5_000;
/// Bytes of one label: an id, name, status word or link, which readers copy into every record
/// that refers to it (the longest seen on real pages is 117).
pub const MAX_LABEL_BYTES: usize = 512;
/// Bytes of any one text (a title, an update's body), refused while reading, before a reader
/// copies it: a long postmortem is tens of kilobytes.
pub const MAX_TEXT_BYTES: usize = 256 << 10;

pub(crate) fn over(what: &str, count: usize, limit: usize) -> Result<(), SourceError> {
    if count > limit {
        return Err(SourceError::TooComplex {
            detail: format!("{count} {what} (limit {limit})"),
        });
    }
    Ok(())
}

/// Refuses a label (`what`, e.g. "bytes in one entry id") longer than [`MAX_LABEL_BYTES`].
pub(crate) fn label(text: &str, what: &str) -> Result<(), SourceError> {
    over(what, text.len(), MAX_LABEL_BYTES)
}

/// Refuses `snapshot` when it holds more than the budget allows (one pass over it).
pub fn check(snapshot: &Snapshot) -> Result<(), SourceError> {
    over("components", snapshot.components.len(), MAX_COMPONENTS)?;
    over("incidents", snapshot.incidents.len(), MAX_INCIDENTS)?;
    over(
        "maintenances",
        snapshot.maintenances.len(),
        MAX_MAINTENANCES,
    )?;
    let mut updates = 0;
    for incident in &snapshot.incidents {
        over(
            "updates on one incident",
            incident.updates.len(),
            MAX_UPDATES_PER_INCIDENT,
        )?;
        over(
            "components in one incident",
            incident.component_ids.len(),
            MAX_COMPONENTS_PER_UPDATE,
        )?;
        for update in &incident.updates {
            over(
                "components in one update",
                update.components.len(),
                MAX_COMPONENTS_PER_UPDATE,
            )?;
        }
        updates += incident.updates.len();
    }
    over("updates", updates, MAX_UPDATES)?;
    for maintenance in &snapshot.maintenances {
        over(
            "components in one maintenance",
            maintenance.component_ids.len(),
            MAX_COMPONENTS_PER_UPDATE,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Component;
    use crate::status::ComponentStatus;

    #[test]
    fn a_page_over_budget_is_too_complex_and_says_what_was_over() {
        let component = |i: usize| Component {
            id: format!("c{i}"),
            name: format!("C{i}"),
            group: None,
            status: ComponentStatus::Operational,
            position: (0, 0),
        };
        let mut page = Snapshot {
            components: (0..MAX_COMPONENTS).map(component).collect(),
            ..Snapshot::default()
        };
        assert!(check(&page).is_ok());
        page.components.push(component(MAX_COMPONENTS));
        let error = check(&page).unwrap_err();
        assert_eq!(
            error.to_string(),
            "page too complex: 10001 components (limit 10000)"
        );
    }
}
