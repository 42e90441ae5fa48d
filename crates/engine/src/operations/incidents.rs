//! Incident operations: list and search what is stored, follow one incident (each update told
//! until it is resolved), and the CSV an export writes.

use crate::{EngineError, Lookout};
use lookout_core::IncidentRef;
pub use lookout_store::export::write_csv;
pub use lookout_store::{Followed, IncidentFilter, IncidentKey, StoredIncident};

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
