//! Your services: which of them a vendor's trouble affects now, why and since when, from each
//! provider's board, open incidents and component history ([`lookout_core::services`]).

use super::providers::{board, ProviderBoard};
use crate::{EngineError, Lookout};
use chrono::{DateTime, Utc};
use lookout_core::services::{affected, ProviderPicture};
pub use lookout_core::services::{
    Criticality, Dependency, DependencyState, ServiceSpec, ServiceState,
};
use lookout_core::ComponentStatus;
use lookout_store::{IncidentFilter, Store, StoreError};

impl Lookout {
    /// Every service at the clock's now: the affected first, then by criticality.
    pub async fn services(&self) -> Result<Vec<ServiceState>, EngineError> {
        let now = self.clock.now();
        Ok(self
            .reader
            .run(move |store| service_states(store, now))
            .await?)
    }
}

/// Every service stored, at `now`: the affected first, then by criticality.
pub fn service_states(store: &Store, now: DateTime<Utc>) -> Result<Vec<ServiceState>, StoreError> {
    let specs = store.services()?;
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    let pictures = pictures(store, now)?;
    Ok(affected(&specs, &pictures))
}

/// Every provider as the services see it at `now`.
pub fn pictures(store: &Store, now: DateTime<Utc>) -> Result<Vec<ProviderPicture>, StoreError> {
    let mut pictures = Vec::new();
    for provider in store.providers()? {
        let board = board(store, provider, now)?;
        pictures.push(picture(store, board, now)?);
    }
    Ok(pictures)
}

/// `board` as the services see it: when its trouble began (its components' runs of trouble;
/// without components, its oldest open incident; unknown since its last good read).
pub fn picture(
    store: &Store,
    board: ProviderBoard,
    now: DateTime<Utc>,
) -> Result<ProviderPicture, StoreError> {
    let id = board.provider.id;
    // Suspected while the page says operational or degraded (else the vendor says more), as
    // a provider's row says it.
    let calm = matches!(
        board.status,
        ComponentStatus::Operational | ComponentStatus::DegradedPerformance
    );
    // Any component in trouble, watched or not: a service may use one the person does not watch.
    let component_since = if board.components.iter().all(|c| c.status.is_operational()) {
        Default::default()
    } else {
        store.component_trouble_since(id)?
    };
    let status_since = if board.components.is_empty() && !board.status.is_operational() {
        let open = IncidentFilter {
            provider_id: Some(id),
            active_only: true,
            ..IncidentFilter::default()
        };
        store
            .incidents(&open)?
            .iter()
            .map(|i| i.incident.started_at)
            .min()
    } else {
        None
    };
    let unknown_since = board.unknown.as_ref().map(|_| {
        board
            .state
            .last_success_at
            .unwrap_or(board.provider.created_at)
    });
    Ok(ProviderPicture {
        name: board.provider.name,
        status: board.status,
        unknown: board.unknown.map(|u| u.describe(now)),
        unknown_since,
        status_since,
        components: board.components,
        component_since,
        suspected_since: board.suspected.filter(|_| calm).map(|s| s.since),
    })
}
