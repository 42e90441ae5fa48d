//! The rules that give every incident a true start, end and duration, whatever the platform:
//! `started_at` is the earliest of the first update and the vendor's start fields, `resolved_at`
//! the first update that resolved it (a later "resolved" note does not move it).

use crate::model::IncidentUpdate;
use crate::status::IncidentStatus;
use chrono::{DateTime, Utc};

/// Sorts updates oldest first (ties broken by id, so the order is stable across polls).
pub fn sort_oldest_first(updates: &mut [IncidentUpdate]) {
    updates.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
}

/// Sorts updates oldest first and drops a repeat of the update just before it (the same id
/// listed twice by the vendor): the one tidy-up every reader's timeline gets.
pub fn sort_and_dedup(updates: &mut Vec<IncidentUpdate>) {
    sort_oldest_first(updates);
    updates.dedup_by(|a, b| a.id == b.id);
}

/// The incident's start: the earliest of its first update and every vendor start field given.
/// Falls back to `fallback` (for example the time it was first seen) when nothing is known.
pub fn started_at(
    updates: &[IncidentUpdate],
    vendor_starts: &[Option<DateTime<Utc>>],
    fallback: DateTime<Utc>,
) -> DateTime<Utc> {
    updates
        .iter()
        .map(|u| u.at)
        .chain(vendor_starts.iter().flatten().copied())
        .min()
        .unwrap_or(fallback)
}

/// The incident's end: `None` unless `status` says it is over; then the first update (oldest
/// first) that resolved it, else the vendor's own `resolved_at`, else the last update.
pub fn resolved_at(
    status: &IncidentStatus,
    updates: &[IncidentUpdate],
    vendor_resolved_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    if !status.is_resolved() {
        return None;
    }
    // The first resolving update that is not followed by a re-opening one.
    let mut end = None;
    for update in updates {
        if update.status.is_resolved() {
            end = end.or(Some(update.at));
        } else {
            end = None;
        }
    }
    end.or(vendor_resolved_at)
        .or_else(|| updates.last().map(|u| u.at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn update(id: &str, status: &str, minute: u32) -> IncidentUpdate {
        IncidentUpdate {
            id: id.into(),
            status: IncidentStatus::parse(status),
            body: String::new(),
            at: Utc.with_ymd_and_hms(2026, 1, 1, 10, minute, 0).unwrap(),
            components: vec![],
        }
    }

    #[test]
    fn a_postmortem_after_resolution_does_not_move_the_end() {
        let updates = [
            update("a", "investigating", 0),
            update("b", "resolved", 30),
            update("c", "postmortem", 50),
        ];
        let end = resolved_at(&IncidentStatus::Postmortem, &updates, None).unwrap();
        assert_eq!(end, updates[1].at);
    }

    #[test]
    fn a_reopened_incident_ends_at_its_last_resolution() {
        let updates = [
            update("a", "investigating", 0),
            update("b", "resolved", 10),
            update("c", "investigating", 20),
            update("d", "resolved", 40),
        ];
        let end = resolved_at(&IncidentStatus::Resolved, &updates, None).unwrap();
        assert_eq!(end, updates[3].at);
    }

    #[test]
    fn an_open_incident_has_no_end() {
        let updates = [update("a", "investigating", 0)];
        assert_eq!(
            resolved_at(&IncidentStatus::Monitoring, &updates, Some(updates[0].at)),
            None
        );
    }

    #[test]
    fn start_is_the_earliest_of_updates_and_vendor_fields() {
        let updates = [update("a", "investigating", 20)];
        let backdated = Utc.with_ymd_and_hms(2026, 1, 1, 9, 55, 0).unwrap();
        let fallback = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            started_at(&updates, &[Some(backdated), None], fallback),
            backdated
        );
        assert_eq!(started_at(&[], &[None], fallback), fallback);
    }
}
