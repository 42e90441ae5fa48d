//! Saving a poll: load what was known, diff it against the new observation, write the snapshot,
//! record the events in the ledger and mark the poll a success, all in one transaction.

use crate::columns::columns;
use crate::error::{Result, StoreError};
use crate::poll_state::{mark_success, set_warnings};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::diff::{KnownIncident, KnownMaintenance, Observation, PreviousState};
use lookout_core::ProviderId;
use lookout_core::{diff, ComponentStatus, Event, IncidentStatus, MaintenanceStatus, Snapshot};
use rusqlite::{params, Connection, OptionalExtension};

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Decode(e.to_string()))
}

/// Reads what is remembered of a provider, as the diff needs it.
pub(crate) fn previous_state(tx: &Connection, provider_id: ProviderId) -> Result<PreviousState> {
    let mut state = PreviousState::default();
    let last: Option<Option<String>> = tx
        .query_row(
            "SELECT last_success_at FROM poll_state WHERE provider_id = ?1",
            [provider_id],
            |row| row.get(0),
        )
        .optional()?;
    state.last_synced_at = time::opt_from_text(last.flatten())?;
    state.synced_before = state.last_synced_at.is_some();
    let mut stmt = tx.prepare("SELECT id, status FROM components WHERE provider_id = ?1")?;
    for row in stmt.query_map([provider_id], columns::<(String, String)>)? {
        let (id, status) = row?;
        state.components.insert(id, ComponentStatus::parse(&status));
    }
    read_incidents(tx, provider_id, &mut state)?;
    read_maintenances(tx, provider_id, &mut state)?;
    Ok(state)
}

/// The provider's known incidents, each with the ids of the updates already seen.
fn read_incidents(
    tx: &Connection,
    provider_id: ProviderId,
    state: &mut PreviousState,
) -> Result<()> {
    let mut stmt = tx.prepare("SELECT id, status FROM incidents WHERE provider_id = ?1")?;
    for row in stmt.query_map([provider_id], columns::<(String, String)>)? {
        let (id, status) = row?;
        state.incidents.insert(
            id,
            KnownIncident {
                status: Some(IncidentStatus::parse(&status)),
                update_ids: Default::default(),
            },
        );
    }
    let mut stmt =
        tx.prepare("SELECT incident_id, id FROM incident_updates WHERE provider_id = ?1")?;
    for row in stmt.query_map([provider_id], columns::<(String, String)>)? {
        let (incident, update) = row?;
        state
            .incidents
            .entry(incident)
            .or_default()
            .update_ids
            .insert(update);
    }
    Ok(())
}

/// The provider's known maintenances.
fn read_maintenances(
    tx: &Connection,
    provider_id: ProviderId,
    state: &mut PreviousState,
) -> Result<()> {
    let mut stmt =
        tx.prepare("SELECT id, title, status FROM maintenances WHERE provider_id = ?1")?;
    for row in stmt.query_map([provider_id], columns::<(String, String, String)>)? {
        let (id, title, status) = row?;
        state.maintenances.insert(
            id,
            KnownMaintenance {
                title,
                status: MaintenanceStatus::parse(&status),
            },
        );
    }
    Ok(())
}

fn write_snapshot(
    tx: &Connection,
    provider_id: ProviderId,
    previous: &PreviousState,
    observation: &Observation,
    at: &str,
) -> Result<()> {
    write_components(tx, provider_id, previous, &observation.snapshot, at)?;
    write_incidents(tx, provider_id, &observation.snapshot, at)?;
    note_lead_times(tx, provider_id, previous, &observation.snapshot)?;
    write_maintenances(tx, provider_id, previous, observation, at)
}

/// For each incident seen for the first time while a suspicion of its provider is open: how long
/// before the vendor's first update Lookout's probes began to fail.
fn note_lead_times(
    tx: &Connection,
    provider_id: ProviderId,
    previous: &PreviousState,
    snapshot: &Snapshot,
) -> Result<()> {
    let Some((_, since)) = crate::probes::open_suspicion(tx, provider_id)? else {
        return Ok(());
    };
    let since = time::from_text(&since)?;
    let new = snapshot
        .incidents
        .iter()
        .filter(|i| !previous.incidents.contains_key(&i.id));
    for incident in new {
        let posted = incident
            .updates
            .first()
            .map_or(incident.started_at, |u| u.at);
        let lead = (posted - since).num_seconds();
        if lead > 0 {
            tx.execute(
                "UPDATE incidents SET suspected_lead_seconds = ?3 WHERE provider_id = ?1 AND id = ?2",
                params![provider_id, incident.id, lead],
            )?;
        }
    }
    Ok(())
}

/// Components and, for each whose status changed, a line of status history.
fn write_components(
    tx: &Connection,
    provider_id: ProviderId,
    previous: &PreviousState,
    snapshot: &Snapshot,
    at: &str,
) -> Result<()> {
    for c in &snapshot.components {
        tx.execute(
            "INSERT INTO components (provider_id, id, name, group_name, status, group_position, position, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (provider_id, id) DO UPDATE SET name = excluded.name,
                group_name = excluded.group_name, status = excluded.status,
                group_position = excluded.group_position, position = excluded.position,
                updated_at = excluded.updated_at",
            params![provider_id, c.id, c.name, c.group, c.status.as_str(), c.position.0, c.position.1, at],
        )?;
        if previous.components.get(&c.id) != Some(&c.status) {
            tx.execute(
                "INSERT INTO component_status_history (provider_id, component_id, status, at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![provider_id, c.id, c.status.as_str(), at],
            )?;
        }
    }
    Ok(())
}

/// Incidents with their timelines (a known incident keeps its earliest start).
fn write_incidents(
    tx: &Connection,
    provider_id: ProviderId,
    snapshot: &Snapshot,
    at: &str,
) -> Result<()> {
    for i in &snapshot.incidents {
        tx.execute(
            "INSERT INTO incidents (provider_id, id, title, impact, status, started_at, resolved_at, url,
                                    component_ids, detected_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT (provider_id, id) DO UPDATE SET title = excluded.title,
                impact = excluded.impact, status = excluded.status,
                started_at = min(incidents.started_at, excluded.started_at),
                resolved_at = excluded.resolved_at, url = excluded.url,
                component_ids = excluded.component_ids, updated_at = excluded.updated_at",
            params![
                provider_id,
                i.id,
                i.title,
                i.impact.as_str(),
                i.status.as_str(),
                time::to_text(i.started_at),
                time::opt_to_text(i.resolved_at),
                i.url,
                json(&i.component_ids)?,
                at
            ],
        )?;
        for u in &i.updates {
            tx.execute(
                "INSERT INTO incident_updates (provider_id, incident_id, id, status, body, at, components)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (provider_id, incident_id, id) DO UPDATE SET status = excluded.status,
                    body = excluded.body, at = excluded.at, components = excluded.components",
                params![
                    provider_id,
                    i.id,
                    u.id,
                    u.status.as_str(),
                    u.body,
                    time::to_text(u.at),
                    json(&u.components)?
                ],
            )?;
        }
        crate::search::index_incident(tx, provider_id, i)?;
    }
    Ok(())
}

/// Maintenances; one that vanished from a document listing every current one has ended. Each
/// change of a stored one's window, title or status adds one to its `revision`.
fn write_maintenances(
    tx: &Connection,
    provider_id: ProviderId,
    previous: &PreviousState,
    observation: &Observation,
    at: &str,
) -> Result<()> {
    let snapshot = &observation.snapshot;
    if observation.maintenances_complete {
        let listed: Vec<&str> = snapshot
            .maintenances
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        for (id, known) in &previous.maintenances {
            if known.status.is_active() && !listed.contains(&id.as_str()) {
                tx.execute(
                    "UPDATE maintenances SET status = 'completed', updated_at = ?3,
                        revision = revision + 1
                     WHERE provider_id = ?1 AND id = ?2",
                    params![provider_id, id, at],
                )?;
            }
        }
    }
    for m in &snapshot.maintenances {
        tx.execute(
            "INSERT INTO maintenances (provider_id, id, title, status, scheduled_for, scheduled_until, url,
                                       component_ids, detected_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
             ON CONFLICT (provider_id, id) DO UPDATE SET title = excluded.title,
                status = excluded.status, scheduled_for = excluded.scheduled_for,
                scheduled_until = excluded.scheduled_until, url = excluded.url,
                component_ids = excluded.component_ids, updated_at = excluded.updated_at,
                revision = maintenances.revision + (
                    maintenances.scheduled_for IS NOT excluded.scheduled_for
                    OR maintenances.scheduled_until IS NOT excluded.scheduled_until
                    OR maintenances.title IS NOT excluded.title
                    OR maintenances.status IS NOT excluded.status)",
            params![
                provider_id,
                m.id,
                m.title,
                m.status.as_str(),
                time::opt_to_text(m.scheduled_for),
                time::opt_to_text(m.scheduled_until),
                m.url,
                json(&m.component_ids)?,
                at
            ],
        )?;
    }
    Ok(())
}

/// Records `events` in the ledger; returns only those not recorded before (by dedup key).
pub(crate) fn record_events(
    tx: &Connection,
    provider_id: ProviderId,
    events: Vec<Event>,
) -> Result<Vec<Event>> {
    let mut fresh = Vec::with_capacity(events.len());
    for event in events {
        // The id is one above every id ever given, the removed providers' too
        // (`events.last_id`): a client resuming after an id (`Last-Event-ID`) misses nothing.
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO events (id, provider_id, at, kind, dedup_key, payload)
             VALUES ((SELECT max(coalesce(max(id), 0), coalesce((SELECT CAST(value AS INTEGER)
                      FROM settings WHERE key = 'events.last_id'), 0)) + 1 FROM events),
                     ?1, ?2, ?3, ?4, ?5)",
            params![
                provider_id,
                time::to_text(event.at),
                event.kind.name(),
                event.kind.dedup_key(),
                json(&event)?
            ],
        )?;
        if inserted == 1 {
            fresh.push(event);
        }
    }
    Ok(fresh)
}

impl Store {
    /// Saves one successful poll of `provider_id` (named `provider` in events) and returns the
    /// events it caused that were never reported before. Everything happens in one transaction:
    /// either the snapshot, the events and the poll's success are all stored, or none is.
    pub fn apply_observation(
        &mut self,
        provider_id: ProviderId,
        provider: &str,
        observation: &Observation,
        at: DateTime<Utc>,
    ) -> Result<Vec<Event>> {
        let tx = self.write()?;
        let previous = previous_state(&tx, provider_id)?;
        let mut events = diff(provider, &previous, observation, at);
        let at_text = time::to_text(at);
        write_snapshot(&tx, provider_id, &previous, observation, &at_text)?;
        if let Some(recovered) = mark_success(&tx, provider_id, provider, at)? {
            events.insert(0, recovered);
        }
        set_warnings(&tx, provider_id, &observation.snapshot.warnings)?;
        let fresh = record_events(&tx, provider_id, events)?;
        tx.commit()?;
        Ok(fresh)
    }
}
