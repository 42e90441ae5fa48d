//! What the user asked to hear about beyond the rules: incidents they follow (every update told,
//! until resolved) and reminders before a maintenance starts (`maintenance_soon`, recorded once
//! per maintenance and planned start, like any other change).

use crate::columns::columns;
use crate::error::{Result, StoreError};
use crate::observation::record_events;
use crate::time;
use crate::Store;
use chrono::{DateTime, Duration, Utc};
use lookout_core::{Event, EventKind, MaintenanceStatus};
use lookout_core::{IncidentRef, ProviderId};
use rusqlite::{params, OptionalExtension};

/// A followed incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// Its provider's local id.
    pub provider_id: ProviderId,
    /// Its provider's name.
    pub provider: String,
    /// The vendor's incident id.
    pub incident_id: String,
    /// Its title.
    pub title: String,
    /// Whether it is resolved (a follow ends there).
    pub resolved: bool,
    /// Since when it is followed.
    pub followed_at: DateTime<Utc>,
}

/// A maintenance not started yet, as a reminder sees it.
struct Upcoming {
    provider_id: ProviderId,
    provider: String,
    id: String,
    title: String,
    scheduled_for: DateTime<Utc>,
}

impl Store {
    /// Follows `incident` from `now`; `false` when it was followed already. Refused when the
    /// incident is unknown.
    pub fn follow_incident(&mut self, incident: &IncidentRef, now: DateTime<Utc>) -> Result<bool> {
        let IncidentRef {
            provider: provider_id,
            incident: incident_id,
        } = incident;
        let tx = self.write()?;
        let known: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM incidents WHERE provider_id = ?1 AND id = ?2",
                params![provider_id, incident_id],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Err(StoreError::InvalidInput(format!(
                "no incident {incident_id:?} on provider #{provider_id}"
            )));
        }
        let added = tx.execute(
            "INSERT OR IGNORE INTO followed_incidents (provider_id, incident_id, followed_at)
             VALUES (?1, ?2, ?3)",
            params![provider_id, incident_id, time::to_text(now)],
        )?;
        tx.commit()?;
        Ok(added == 1)
    }

    /// Stops following `incident`; `false` when it was not followed.
    pub fn unfollow_incident(&mut self, incident: &IncidentRef) -> Result<bool> {
        let tx = self.write()?;
        let removed = tx.execute(
            "DELETE FROM followed_incidents WHERE provider_id = ?1 AND incident_id = ?2",
            params![incident.provider, incident.incident],
        )?;
        tx.commit()?;
        Ok(removed == 1)
    }

    /// Whether `incident` is followed.
    pub fn is_followed(&self, incident: &IncidentRef) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM followed_incidents WHERE provider_id = ?1 AND incident_id = ?2",
                params![incident.provider, incident.incident],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Every followed incident, most recently followed first.
    pub fn followed_incidents(&self) -> Result<Vec<Followed>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.provider_id, p.name, f.incident_id, i.title, i.resolved_at IS NOT NULL,
                    f.followed_at
             FROM followed_incidents f
             JOIN incidents i ON i.provider_id = f.provider_id AND i.id = f.incident_id
             JOIN providers p ON p.id = f.provider_id
             ORDER BY f.followed_at DESC, f.incident_id",
        )?;
        let rows = stmt.query_map(
            [],
            columns::<(ProviderId, String, String, String, bool, String)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (provider_id, provider, incident_id, title, resolved, at) = row?;
            out.push(Followed {
                provider_id,
                provider,
                incident_id,
                title,
                resolved,
                followed_at: time::from_text(&at)?,
            });
        }
        Ok(out)
    }

    /// Records a `maintenance_soon` for every maintenance of an enabled provider that has not
    /// started and starts within `before` of `now`; returns those never recorded before (one
    /// per maintenance and planned start: a rescheduled one is reminded again).
    pub fn record_maintenance_reminders(
        &mut self,
        now: DateTime<Utc>,
        before: Duration,
    ) -> Result<Vec<Event>> {
        let due: Vec<Upcoming> = self
            .upcoming_maintenances(now)?
            .into_iter()
            .filter(|m| m.scheduled_for <= now + before)
            .collect();
        if due.is_empty() {
            return Ok(Vec::new());
        }
        self.atomically(|store| {
            let mut fresh = Vec::new();
            for m in due {
                let event = Event {
                    provider: m.provider,
                    at: now,
                    kind: EventKind::MaintenanceSoon {
                        maintenance_id: m.id,
                        title: m.title,
                        scheduled_for: m.scheduled_for,
                    },
                };
                fresh.extend(record_events(&store.conn, m.provider_id, vec![event])?);
            }
            Ok(fresh)
        })
    }

    /// When the next reminder falls due after `now` (a planned start minus `before`), if any
    /// maintenance is planned.
    pub fn next_maintenance_reminder(
        &self,
        now: DateTime<Utc>,
        before: Duration,
    ) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .upcoming_maintenances(now)?
            .into_iter()
            .map(|m| m.scheduled_for - before)
            .filter(|at| *at > now)
            .min())
    }

    /// Maintenances of enabled providers that are still only scheduled and start after `now`.
    fn upcoming_maintenances(&self, now: DateTime<Utc>) -> Result<Vec<Upcoming>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.provider_id, p.name, m.id, m.title, m.status, m.scheduled_for
             FROM maintenances m JOIN providers p ON p.id = m.provider_id
             WHERE p.enabled AND m.scheduled_for > ?1
             ORDER BY m.scheduled_for, m.id",
        )?;
        let rows = stmt.query_map(
            [time::to_text(now)],
            columns::<(ProviderId, String, String, String, String, String)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (provider_id, provider, id, title, status, at) = row?;
            if MaintenanceStatus::parse(&status) != MaintenanceStatus::Scheduled {
                continue;
            }
            out.push(Upcoming {
                provider_id,
                provider,
                id,
                title,
                scheduled_for: time::from_text(&at)?,
            });
        }
        Ok(out)
    }
}
