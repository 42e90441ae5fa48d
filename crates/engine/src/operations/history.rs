//! History operations: each component's exact downtime over a window (uptime) and each
//! provider's incident figures (stats), days counted in the user's time zone.

use crate::{EngineError, Lookout};
pub use lookout_store::history::{
    ComponentUptime, HistoryWindow, ProviderStats, StatsReport, UptimeReport,
};
use lookout_store::Provider;

impl Lookout {
    /// The uptime of each of `providers`' components over `window`, days counted locally.
    pub async fn uptime(
        &self,
        providers: Vec<Provider>,
        window: HistoryWindow,
    ) -> Result<UptimeReport, EngineError> {
        Ok(self
            .reader
            .run(move |store| store.uptime(&providers, &window, &chrono::Local))
            .await?)
    }

    /// The incident figures of each of `providers` over `window`, days counted locally.
    pub async fn stats(
        &self,
        providers: Vec<Provider>,
        window: HistoryWindow,
    ) -> Result<StatsReport, EngineError> {
        Ok(self
            .reader
            .run(move |store| store.stats(&providers, &window, &chrono::Local))
            .await?)
    }
}
