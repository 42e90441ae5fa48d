//! Reading back what is stored: components, incidents with their timelines and maintenances. One
//! unreadable row never hides the others.

use crate::columns::columns;
use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Maintenance,
    MaintenanceStatus, UpdateComponent,
};
use rusqlite::params;
use serde::Serialize;

/// An incident as stored, with the provider it belongs to and when Lookout first saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredIncident {
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// The incident and its timeline (oldest first).
    #[serde(flatten)]
    pub incident: Incident,
    /// When Lookout first saw it.
    pub detected_at: DateTime<Utc>,
    /// How long before the vendor's first update Lookout's probes began to fail (the
    /// suspicion open when the incident appeared); `None` without one.
    pub suspected_lead_seconds: Option<i64>,
}

/// Which incidents to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    /// Only this provider (id).
    pub provider_id: Option<ProviderId>,
    /// Only incidents not yet resolved.
    pub active_only: bool,
    /// Only incidents that are over.
    pub resolved_only: bool,
    /// Only incidents whose title or provider name contains this text (case-insensitive).
    pub text: Option<String>,
    /// Only this incident (vendor id).
    pub incident_id: Option<String>,
    /// At most this many (newest first; best match first when searching).
    pub limit: Option<u32>,
    /// Only incidents whose title or updates hold these words (each a prefix, all required;
    /// punctuation only separates), best match first.
    pub search: Option<String>,
    /// Only incidents that started at or after this moment.
    pub since: Option<DateTime<Utc>>,
    /// Only incidents that started before this moment.
    pub until: Option<DateTime<Utc>>,
    /// Only incidents after this one in the time order (newest first): the next page of a list
    /// read in pages, unmoved by incidents that appear meanwhile. Ignored when searching.
    pub after: Option<IncidentKey>,
    /// Leave out the first this many (the next page of a search, ranked by relevance).
    pub offset: u32,
}

/// Where an incident stands in the time order of [`Store::incidents`]: its start, then its
/// vendor id, then its provider's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentKey {
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The vendor's id.
    pub id: String,
    /// Its provider.
    pub provider_id: ProviderId,
}

impl StoredIncident {
    /// Its place in the time order, for [`IncidentFilter::after`].
    pub fn key(&self) -> IncidentKey {
        IncidentKey {
            started_at: self.incident.started_at,
            id: self.incident.id.clone(),
            provider_id: self.provider_id,
        }
    }
}

/// One row of the incidents query, as stored (times and lists still text).
struct IncidentColumns {
    provider_id: ProviderId,
    provider: String,
    id: String,
    title: String,
    impact: String,
    status: String,
    started_at: String,
    resolved_at: Option<String>,
    url: Option<String>,
    component_ids: String,
    detected_at: String,
    suspected_lead_seconds: Option<i64>,
}

impl IncidentColumns {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IncidentColumns> {
        Ok(IncidentColumns {
            provider_id: r.get(0)?,
            provider: r.get(1)?,
            id: r.get(2)?,
            title: r.get(3)?,
            impact: r.get(4)?,
            status: r.get(5)?,
            started_at: r.get(6)?,
            resolved_at: r.get(7)?,
            url: r.get(8)?,
            component_ids: r.get(9)?,
            detected_at: r.get(10)?,
            suspected_lead_seconds: r.get(11)?,
        })
    }
}

pub(crate) fn decode_list<T: serde::de::DeserializeOwned>(text: &str) -> Result<Vec<T>> {
    serde_json::from_str(text).map_err(|e| StoreError::Decode(e.to_string()))
}

impl Store {
    /// A provider's components, in page order.
    pub fn components(&self, provider_id: ProviderId) -> Result<Vec<Component>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, group_name, status, group_position, position FROM components
             WHERE provider_id = ?1 ORDER BY group_position, position, name",
        )?;
        let rows = stmt.query_map([provider_id], |r| {
            Ok(Component {
                id: r.get(0)?,
                name: r.get(1)?,
                group: r.get(2)?,
                status: ComponentStatus::parse(&r.get::<_, String>(3)?),
                position: (r.get(4)?, r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Incidents, newest first, each with its whole timeline.
    pub fn incidents(&self, filter: &IncidentFilter) -> Result<Vec<StoredIncident>> {
        let search = match filter.search.as_deref() {
            Some(text) => match crate::search::words_query(text) {
                Some(query) => Some(query),
                // Only punctuation: no word to find.
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let mut stmt = self.conn.prepare(&incidents_sql(search.is_some()))?;
        let limit = filter.limit.map_or(-1, i64::from);
        let text = filter
            .text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        let after = filter.after.as_ref().filter(|_| search.is_none());
        let rows = stmt.query_map(
            params![
                filter.provider_id,
                filter.active_only,
                limit,
                filter.resolved_only,
                text,
                filter.incident_id,
                time::opt_to_text(filter.since),
                time::opt_to_text(filter.until),
                search,
                after.map(|key| time::to_text(key.started_at)),
                after.map(|key| key.id.as_str()),
                after.map(|key| key.provider_id),
                filter.offset,
            ],
            IncidentColumns::from_row,
        )?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(self.readable_incident(row?)?);
        }
        Ok(out)
    }

    /// The row made whole, or `None` (and a warning) when a stored value is unreadable: one
    /// unreadable incident stays with its provider, every other one is listed.
    fn readable_incident(&self, row: IncidentColumns) -> Result<Option<StoredIncident>> {
        let (provider, id) = (row.provider.clone(), row.id.clone());
        match self.stored_incident(row) {
            Ok(incident) => Ok(Some(incident)),
            Err(StoreError::Decode(why)) => {
                log::warn!("{provider}: incident {id} left out, stored value unreadable: {why}");
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    /// An incident row made whole: its timeline read, its times and lists decoded.
    fn stored_incident(&self, row: IncidentColumns) -> Result<StoredIncident> {
        Ok(StoredIncident {
            incident: Incident {
                updates: self.updates(row.provider_id, &row.id)?,
                id: row.id,
                title: row.title,
                impact: Impact::parse(&row.impact),
                status: IncidentStatus::parse(&row.status),
                started_at: time::from_text(&row.started_at)?,
                resolved_at: time::opt_from_text(row.resolved_at)?,
                url: row.url,
                component_ids: decode_list(&row.component_ids)?,
            },
            provider_id: row.provider_id,
            provider: row.provider,
            detected_at: time::from_text(&row.detected_at)?,
            suspected_lead_seconds: row.suspected_lead_seconds,
        })
    }

    fn updates(&self, provider_id: ProviderId, incident_id: &str) -> Result<Vec<IncidentUpdate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, body, at, components FROM incident_updates
             WHERE provider_id = ?1 AND incident_id = ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(
            params![provider_id, incident_id],
            columns::<(String, String, String, String, String)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, body, at, components) = row?;
            out.push(IncidentUpdate {
                id,
                status: IncidentStatus::parse(&status),
                body,
                at: time::from_text(&at)?,
                components: decode_list::<UpdateComponent>(&components)?,
            });
        }
        Ok(out)
    }

    /// A provider's maintenances, soonest first.
    pub fn maintenances(&self, provider_id: ProviderId) -> Result<Vec<Maintenance>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, status, scheduled_for, scheduled_until, url, component_ids
             FROM maintenances WHERE provider_id = ?1 ORDER BY scheduled_for, id",
        )?;
        let rows = stmt.query_map(
            [provider_id],
            columns::<(
                String,
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                String,
            )>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, status, from, until, url, comps) = row?;
            out.push(Maintenance {
                id,
                title,
                status: MaintenanceStatus::parse(&status),
                scheduled_for: time::opt_from_text(from)?,
                scheduled_until: time::opt_from_text(until)?,
                url,
                component_ids: decode_list(&comps)?,
            });
        }
        Ok(out)
    }

    /// Every status a component has had, oldest first, with the time Lookout saw it.
    pub fn component_history(
        &self,
        provider_id: ProviderId,
        component_id: &str,
    ) -> Result<Vec<(ComponentStatus, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT status, at FROM component_status_history
             WHERE provider_id = ?1 AND component_id = ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(
            params![provider_id, component_id],
            columns::<(String, String)>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (status, at) = row?;
            out.push((ComponentStatus::parse(&status), time::from_text(&at)?));
        }
        Ok(out)
    }

    /// The newest event's ledger id (0 when there is none): a cheap "did anyone store events
    /// since?" for processes sharing the database.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM events")?
            .query_row([], |r| r.get(0))?)
    }
}

/// The query of `Store::incidents`: with the search index joined and its rank first when
/// `searching`.
fn incidents_sql(searching: bool) -> String {
    let (hits, order) = if searching {
        (
            "JOIN (SELECT k.provider_id, k.incident_id, bm25(incident_search, 4.0, 1.0) AS score
                   FROM incident_search JOIN incident_search_keys k
                     ON k.id = incident_search.rowid
                   WHERE incident_search MATCH ?9) h
               ON h.provider_id = i.provider_id AND h.incident_id = i.id",
            "h.score, i.started_at DESC, i.id, i.provider_id",
        )
    } else {
        ("", "i.started_at DESC, i.id, i.provider_id")
    };
    format!(
        "SELECT i.provider_id, p.name, i.id, i.title, i.impact, i.status, i.started_at,
                i.resolved_at, i.url, i.component_ids, i.detected_at, i.suspected_lead_seconds
         FROM incidents i JOIN providers p ON p.id = i.provider_id {hits}
         WHERE (?1 IS NULL OR i.provider_id = ?1)
           AND (?2 = 0 OR i.status NOT IN ('resolved', 'postmortem'))
           AND (?4 = 0 OR i.status IN ('resolved', 'postmortem'))
           AND (?5 IS NULL OR instr(lower(i.title), ?5) > 0 OR instr(lower(p.name), ?5) > 0)
           AND (?6 IS NULL OR i.id = ?6)
           AND (?7 IS NULL OR i.started_at >= ?7)
           AND (?8 IS NULL OR i.started_at < ?8)
           -- ?9, the search words, is matched by the join when searching.
           AND (?9 IS NULL OR TRUE)
           -- ?10..?12: after this incident in the time order (not given when searching).
           AND (?10 IS NULL OR i.started_at < ?10
                OR (i.started_at = ?10 AND (i.id > ?11 OR (i.id = ?11 AND i.provider_id > ?12))))
         ORDER BY {order}
         LIMIT ?3 OFFSET ?13"
    )
}
