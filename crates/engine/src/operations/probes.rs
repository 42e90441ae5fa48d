//! Probe operations: Lookout's own checks of a provider's endpoints, added, listed, removed.

use crate::{EngineError, Lookout};
use lookout_core::{ProbeId, ProviderId};
pub use lookout_store::{NewProbe, Probe};

impl Lookout {
    /// Adds a probe (checked first: its URL, expectation and times).
    pub async fn add_probe(&self, probe: NewProbe) -> Result<Probe, EngineError> {
        let now = self.clock.now();
        Ok(self
            .store
            .run(move |store| store.add_probe(&probe, now))
            .await?)
    }

    /// The probes, of one provider or of all.
    pub async fn probes(&self, provider: Option<ProviderId>) -> Result<Vec<Probe>, EngineError> {
        Ok(self.reader.run(move |store| store.probes(provider)).await?)
    }

    /// Removes a probe (a suspicion it alone raised is withdrawn); returns what it was.
    pub async fn remove_probe(&self, probe: ProbeId) -> Result<Probe, EngineError> {
        let now = self.clock.now();
        let removed = self
            .store
            .run(move |store| store.remove_probe(probe, now))
            .await?;
        self.events.signal();
        Ok(removed)
    }
}
