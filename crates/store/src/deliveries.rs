//! The notification ledger: which recorded events were decided for which sink (the OS
//! notification centre and every webhook sink), so that each is delivered once, across restarts and
//! processes, also when it was recorded by another process while the app was closed.

use crate::columns::columns;
use crate::error::Result;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::Event;
use lookout_core::ProviderId;
use rusqlite::params;

/// An event as recorded, with its ledger id and provider id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedEvent {
    /// The event's id in the ledger.
    pub id: i64,
    /// Its provider's id.
    pub provider_id: ProviderId,
    /// The event.
    pub event: Event,
}

impl RecordedEvent {
    /// The event recorded as `id` of `provider_id`, from its stored form (`payload`).
    pub(crate) fn decode(
        id: i64,
        provider_id: ProviderId,
        payload: &str,
    ) -> serde_json::Result<RecordedEvent> {
        let event = serde_json::from_str::<Event>(payload)?;
        Ok(RecordedEvent {
            id,
            provider_id,
            event,
        })
    }
}

impl Store {
    /// Events with no ledger entry for `sink`, oldest first. Events recorded before `since` are
    /// marked [`Delivery::Expired`] for that sink first, so a long-closed app does not replay
    /// days of history.
    pub fn undelivered(
        &mut self,
        sink: &str,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<RecordedEvent>> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO notification_ledger (event_id, sink, state, attempts, updated_at)
             SELECT e.id, ?1, 'expired', 0, ?3 FROM events e
             WHERE e.at < ?2 AND NOT EXISTS (
                 SELECT 1 FROM notification_ledger l WHERE l.event_id = e.id AND l.sink = ?1)",
            params![sink, time::to_text(since), time::to_text(now)],
        )?;
        let mut out = Vec::new();
        let mut unreadable = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT e.id, e.provider_id, e.payload FROM events e
                 WHERE e.at >= ?2 AND NOT EXISTS (
                     SELECT 1 FROM notification_ledger l WHERE l.event_id = e.id AND l.sink = ?1)
                 ORDER BY e.id",
            )?;
            // Older events were just marked expired: only the recent ones (an index range) are read.
            let rows = stmt.query_map(
                params![sink, time::to_text(since)],
                columns::<(i64, ProviderId, String)>,
            )?;
            for row in rows {
                let (id, provider_id, payload) = row?;
                match RecordedEvent::decode(id, provider_id, &payload) {
                    Ok(recorded) => out.push(recorded),
                    // One unreadable event is left out (and never retried); the others go on.
                    Err(error) => {
                        log::warn!("event {id} is unreadable, not delivered: {error}");
                        unreadable.push(id);
                    }
                }
            }
        }
        for id in unreadable {
            tx.execute(
                "INSERT OR IGNORE INTO notification_ledger
                     (event_id, sink, state, attempts, updated_at, reason)
                 VALUES (?1, ?2, 'skipped', 0, ?3, 'unreadable event')",
                params![id, sink, time::to_text(now)],
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}
