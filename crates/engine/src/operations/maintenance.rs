//! Maintenance operations: the planned maintenance stored for the watched providers.

use crate::{EngineError, Lookout};
use lookout_core::{Maintenance, ProviderId};
use lookout_store::{Store, StoreError};

/// One stored maintenance with its provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderMaintenance {
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// The maintenance.
    pub maintenance: Maintenance,
}

impl Lookout {
    /// The maintenance stored for `provider` (or for every provider), soonest first (those
    /// without a planned start last), then by provider.
    pub async fn maintenances(
        &self,
        provider: Option<ProviderId>,
    ) -> Result<Vec<ProviderMaintenance>, EngineError> {
        Ok(self
            .reader
            .run(move |store| maintenances(store, provider))
            .await?)
    }
}

/// The maintenance stored for `provider` (or for every provider), soonest first (those without
/// a planned start last), then by provider.
pub fn maintenances(
    store: &Store,
    provider: Option<ProviderId>,
) -> Result<Vec<ProviderMaintenance>, StoreError> {
    let mut all = Vec::new();
    for p in store.providers()? {
        if provider.is_some_and(|wanted| wanted != p.id) {
            continue;
        }
        for maintenance in store.maintenances(p.id)? {
            all.push(ProviderMaintenance {
                provider_id: p.id,
                provider: p.name.clone(),
                maintenance,
            });
        }
    }
    all.sort_by(|a, b| {
        let start = |m: &ProviderMaintenance| m.maintenance.scheduled_for;
        (
            start(a).is_none(),
            start(a),
            a.provider_id,
            &a.maintenance.id,
        )
            .cmp(&(
                start(b).is_none(),
                start(b),
                b.provider_id,
                &b.maintenance.id,
            ))
    });
    Ok(all)
}
