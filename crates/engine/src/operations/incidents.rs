//! Incident operations: list and search what is stored, one incident with what its page shows,
//! follow one incident (each update told until it is resolved), and the CSV an export writes.

use crate::{EngineError, Lookout};
use chrono::{DateTime, Utc};
use lookout_core::{Component, IncidentRef};
pub use lookout_store::export::write_csv;
pub use lookout_store::{Followed, IncidentFilter, IncidentKey, StoredIncident};
use lookout_store::{Store, StoreError};

/// One incident with what its page shows beside its timeline.
#[derive(Debug, Clone)]
pub struct IncidentRecord {
    /// The incident, with its whole timeline.
    pub stored: StoredIncident,
    /// Its provider's components as they are now, in page order.
    pub components: Vec<Component>,
    /// The ids of the components watched (empty: all).
    pub watched: Vec<String>,
    /// Whether it is followed.
    pub followed: bool,
}

impl Lookout {
    /// The stored incidents `filter` lets through, newest first (best match first when
    /// searching), each with its whole timeline.
    pub async fn incidents(
        &self,
        filter: IncidentFilter,
    ) -> Result<Vec<StoredIncident>, EngineError> {
        Ok(self
            .reader
            .run(move |store| store.incidents(&filter))
            .await?)
    }

    /// One incident with its provider's components and whether it is followed.
    pub async fn incident(&self, which: IncidentRef) -> Result<IncidentRecord, EngineError> {
        let asked = which.clone();
        let found = self.reader.run(move |store| record(store, &asked)).await?;
        found.ok_or_else(|| not_found(&which))
    }

    /// Follows an incident (`follow`) or stops following it; answers it as it then is. A resolved
    /// incident cannot be followed (there is nothing more to hear), only unfollowed.
    pub async fn set_followed(
        &self,
        which: IncidentRef,
        follow: bool,
    ) -> Result<IncidentRecord, EngineError> {
        let now = self.clock.now();
        let record = self
            .store
            .run(move |store| set_followed(store, &which, follow, now))
            .await?;
        self.events.signal();
        Ok(record)
    }

    /// Follows an incident (false: it was followed already).
    pub async fn follow_incident(&self, incident: IncidentRef) -> Result<bool, EngineError> {
        let now = self.clock.now();
        let followed = self
            .store
            .run(move |store| store.follow_incident(&incident, now))
            .await?;
        self.events.signal();
        Ok(followed)
    }

    /// Stops following an incident (false: it was not followed).
    pub async fn unfollow_incident(&self, incident: IncidentRef) -> Result<bool, EngineError> {
        Ok(self
            .store
            .run(move |store| store.unfollow_incident(&incident))
            .await?)
    }

    /// The incidents followed.
    pub async fn followed_incidents(&self) -> Result<Vec<Followed>, EngineError> {
        Ok(self.reader.run(|store| store.followed_incidents()).await?)
    }
}

/// The incident `which` with its provider's components and whether it is followed (`None`:
/// there is no such incident).
pub fn record(store: &Store, which: &IncidentRef) -> Result<Option<IncidentRecord>, StoreError> {
    let found = store.incidents(&IncidentFilter {
        provider_id: Some(which.provider),
        incident_id: Some(which.incident.clone()),
        ..IncidentFilter::default()
    })?;
    let Some(stored) = found.into_iter().next() else {
        return Ok(None);
    };
    Ok(Some(IncidentRecord {
        components: store.components(which.provider)?,
        watched: store.watched_components(which.provider)?,
        followed: store.is_followed(which)?,
        stored,
    }))
}

/// Follows the incident `which` (`follow`) or stops following it at `now`; answers it as it then
/// is. A resolved incident is refused (there is nothing more to hear), an unknown one not found.
pub fn set_followed(
    store: &mut Store,
    which: &IncidentRef,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<IncidentRecord, EngineError> {
    let found = record(store, which)?.ok_or_else(|| not_found(which))?;
    if follow && found.stored.incident.resolved_at.is_some() {
        return Err(EngineError::InvalidInput(
            "This incident is resolved: there is nothing more to follow.".into(),
        ));
    }
    if follow {
        store.follow_incident(which, now)?;
    } else {
        store.unfollow_incident(which)?;
    }
    record(store, which)?.ok_or_else(|| not_found(which))
}

fn not_found(which: &IncidentRef) -> EngineError {
    EngineError::NotFound(format!(
        "no incident {} on provider #{}",
        which.incident, which.provider
    ))
}
