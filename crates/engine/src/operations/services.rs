//! Your services: which of them a vendor's trouble affects now, why and since when
//! ([`lookout_core::services`], over each provider as the store pictures it).

use crate::{EngineError, Lookout};
pub use lookout_core::services::{
    Criticality, Dependency, DependencyState, ServiceSpec, ServiceState,
};

impl Lookout {
    /// Every service at the clock's now: the affected first, then by criticality.
    pub async fn services(&self) -> Result<Vec<ServiceState>, EngineError> {
        let now = self.clock.now();
        Ok(self
            .reader
            .run(move |store| store.affected_services(now))
            .await?)
    }
}
