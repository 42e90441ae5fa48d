//! Probe operations: Lookout's own checks of a provider's endpoints, added, listed, removed.

use crate::{EngineError, Lookout};
use chrono::{DateTime, Utc};
use lookout_core::{ProbeId, ProviderId};
use lookout_store::Store;
pub use lookout_store::{NewProbe, Probe};

impl Lookout {
    /// Adds a probe to a provider that exists (checked first: its URL, expectation and times).
    pub async fn add_probe(&self, probe: NewProbe) -> Result<Probe, EngineError> {
        let now = self.clock.now();
        self.store
            .run(move |store| add_probe(store, &probe, now))
            .await
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

    /// Removes `provider`'s probe `probe`, refusing one of another provider's.
    pub async fn remove_probe_of(
        &self,
        provider: ProviderId,
        probe: ProbeId,
    ) -> Result<Probe, EngineError> {
        let now = self.clock.now();
        let removed = self
            .store
            .run(move |store| remove_probe_of(store, provider, probe, now))
            .await?;
        self.events.signal();
        Ok(removed)
    }
}

/// Adds `probe` at `now` to a provider that exists (checked: its URL, expectation and times).
pub fn add_probe(
    store: &mut Store,
    probe: &NewProbe,
    now: DateTime<Utc>,
) -> Result<Probe, EngineError> {
    let provider = probe.provider_id;
    if store.provider(provider)?.is_none() {
        return Err(EngineError::NotFound(format!("no provider #{provider}")));
    }
    Ok(store.add_probe(probe, now)?)
}

/// Removes `provider`'s probe `probe` at `now`, refusing one of another provider's.
pub fn remove_probe_of(
    store: &mut Store,
    provider: ProviderId,
    probe: ProbeId,
    now: DateTime<Utc>,
) -> Result<Probe, EngineError> {
    let owned = store.probes(Some(provider))?.iter().any(|p| p.id == probe);
    if !owned {
        return Err(EngineError::NotFound(format!(
            "no probe #{probe} on provider #{provider}"
        )));
    }
    Ok(store.remove_probe(probe, now)?)
}
