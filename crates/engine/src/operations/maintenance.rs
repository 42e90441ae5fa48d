//! Maintenance operations: the planned maintenance stored for the watched providers.

use crate::{EngineError, Lookout};
use lookout_core::{Component, Maintenance, ProviderId};
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
    /// The names of the components it covers, in its order (ids no longer on the page left out).
    pub component_names: Vec<String>,
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
        let components = store.components(p.id)?;
        for maintenance in store.maintenances(p.id)? {
            all.push(ProviderMaintenance {
                provider_id: p.id,
                provider: p.name.clone(),
                component_names: component_names(&maintenance, &components),
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

/// The names of the components `maintenance` covers, in its order; an id no longer among the
/// provider's `components` is left out.
pub fn component_names(maintenance: &Maintenance, components: &[Component]) -> Vec<String> {
    maintenance
        .component_ids
        .iter()
        .filter_map(|id| components.iter().find(|c| &c.id == id))
        .map(|c| c.name.clone())
        .collect()
}
