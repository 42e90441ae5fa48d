//! What a server's feeds and live events read: the newest incident updates of every provider
//! (an Atom feed), each maintenance's revision (the SEQUENCE of a calendar entry), and the event
//! ledger after a given id (a stream of events that resumes where a client left off).

use crate::columns::columns;
use crate::deliveries::RecordedEvent;
use crate::error::Result;
use crate::queries::decode_list;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::{Impact, IncidentStatus, IncidentUpdate, ProviderId};
use rusqlite::{params, Row};

/// One update of an incident's timeline, with the incident and provider it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateEntry {
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// The vendor's id of the incident.
    pub incident_id: String,
    /// The incident's title.
    pub title: String,
    /// The incident's impact.
    pub impact: Impact,
    /// The vendor's page of the incident, if given (untrusted).
    pub incident_url: Option<String>,
    /// The update.
    pub update: IncidentUpdate,
}

/// How many times a stored maintenance changed, and when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaintenanceRevision {
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The vendor's id of the maintenance.
    pub id: String,
    /// How many times its window, title or status changed after it was first stored: only
    /// ever grows.
    pub revision: i64,
    /// When it was last written.
    pub updated_at: DateTime<Utc>,
}

impl Store {
    /// The newest `limit` incident updates of `provider` (or of every provider), newest first
    /// (ties in a stable order).
    pub fn latest_updates(
        &self,
        provider: Option<ProviderId>,
        limit: u32,
    ) -> Result<Vec<UpdateEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.provider_id, p.name, u.incident_id, i.title, i.impact, i.url,
                    u.id, u.status, u.body, u.at, u.components
             FROM incident_updates u
             JOIN incidents i ON i.provider_id = u.provider_id AND i.id = u.incident_id
             JOIN providers p ON p.id = u.provider_id
             WHERE (?1 IS NULL OR u.provider_id = ?1)
             ORDER BY u.at DESC, u.provider_id, u.incident_id, u.id
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![provider, limit], read_update_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (entry, at, components) = row?;
            let mut entry = entry;
            entry.update.at = time::from_text(&at)?;
            entry.update.components = decode_list(&components)?;
            out.push(entry);
        }
        Ok(out)
    }

    /// Every stored maintenance's revision.
    pub fn maintenance_revisions(&self) -> Result<Vec<MaintenanceRevision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT provider_id, id, revision, updated_at FROM maintenances
             ORDER BY provider_id, id",
        )?;
        let rows = stmt.query_map([], columns::<(ProviderId, String, i64, String)>)?;
        let mut out = Vec::new();
        for row in rows {
            let (provider_id, id, revision, updated_at) = row?;
            out.push(MaintenanceRevision {
                provider_id,
                id,
                revision,
                updated_at: time::from_text(&updated_at)?,
            });
        }
        Ok(out)
    }

    /// At most `limit` events recorded after the event `after` (its ledger id), oldest first.
    /// An event whose stored form cannot be read is left out (and logged).
    pub fn events_after(&self, after: i64, limit: u32) -> Result<Vec<RecordedEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, provider_id, payload FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit], columns::<(i64, ProviderId, String)>)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, provider_id, payload) = row?;
            match RecordedEvent::decode(id, provider_id, &payload) {
                Ok(recorded) => out.push(recorded),
                Err(error) => log::warn!("event {id} is unreadable, left out: {error}"),
            }
        }
        Ok(out)
    }
}

/// An update's row: the entry (its time and components still to decode), the time's text and
/// the components' JSON.
fn read_update_row(row: &Row<'_>) -> rusqlite::Result<(UpdateEntry, String, String)> {
    let impact: String = row.get(4)?;
    let status: String = row.get(7)?;
    let entry = UpdateEntry {
        provider_id: row.get(0)?,
        provider: row.get(1)?,
        incident_id: row.get(2)?,
        title: row.get(3)?,
        impact: Impact::parse(&impact),
        incident_url: row.get(5)?,
        update: IncidentUpdate {
            id: row.get(6)?,
            status: IncidentStatus::parse(&status),
            body: row.get(8)?,
            at: DateTime::<Utc>::UNIX_EPOCH,
            components: Vec::new(),
        },
    };
    Ok((entry, row.get(9)?, row.get(10)?))
}
