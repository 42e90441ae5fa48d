//! Feed operations: the newest incident updates (an Atom feed of them) and the maintenance a
//! calendar shows (upcoming and in progress, each with the revision that is its SEQUENCE).

use super::maintenance::{maintenances, ProviderMaintenance};
use crate::{EngineError, Lookout};
use chrono::{DateTime, Utc};
use lookout_core::{MaintenanceStatus, ProviderId};
pub use lookout_store::UpdateEntry;
use lookout_store::{Store, StoreError};

/// One maintenance as a calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The maintenance and its provider.
    pub stored: ProviderMaintenance,
    /// Its planned start (a calendar entry has one).
    pub starts: DateTime<Utc>,
    /// How many times its window, title or status changed since Lookout first stored it: only
    /// ever grows, so a calendar app takes each change as newer than what it holds.
    pub revision: i64,
    /// When it was last written.
    pub updated_at: DateTime<Utc>,
}

impl Lookout {
    /// The newest `limit` incident updates of `provider` (or of every provider), newest first.
    pub async fn latest_updates(
        &self,
        provider: Option<ProviderId>,
        limit: u32,
    ) -> Result<Vec<UpdateEntry>, EngineError> {
        Ok(self
            .reader
            .run(move |store| store.latest_updates(provider, limit))
            .await?)
    }

    /// The maintenance still to come or under way now, soonest first.
    pub async fn maintenance_calendar(&self) -> Result<Vec<CalendarEntry>, EngineError> {
        let now = self.clock.now();
        Ok(self
            .reader
            .run(move |store| maintenance_calendar(store, now))
            .await?)
    }
}

/// The maintenance still to come or under way at `now`, soonest first: those announced or under
/// way, with a planned start, whose planned end (when given) is not past. A completed one, or
/// one whose window passed, is left out.
pub fn maintenance_calendar(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Vec<CalendarEntry>, StoreError> {
    let revisions = store.maintenance_revisions()?;
    let mut entries = Vec::new();
    for stored in maintenances(store, None)? {
        let m = &stored.maintenance;
        let current = matches!(m.status, MaintenanceStatus::Scheduled) || m.status.is_active();
        let (Some(starts), true) = (m.scheduled_for, current) else {
            continue;
        };
        if m.scheduled_until.is_some_and(|until| until < now) {
            continue;
        }
        let Some(revision) = revisions
            .iter()
            .find(|r| r.provider_id == stored.provider_id && r.id == m.id)
        else {
            continue;
        };
        entries.push(CalendarEntry {
            starts,
            revision: revision.revision,
            updated_at: revision.updated_at,
            stored,
        });
    }
    Ok(entries)
}
