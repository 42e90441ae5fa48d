//! Configuration as code: the whole configuration exported as TOML, and a file applied (or
//! planned: what applying it would change).

use crate::{EngineError, Lookout};
pub use lookout_alerts::config::{read, Change, Env, Setup, MAX_FILE_BYTES};

impl Lookout {
    /// The whole configuration as a TOML file.
    pub async fn export_config(&self) -> Result<String, EngineError> {
        let now = self.clock.now();
        Ok(self
            .reader
            .run(move |store| lookout_alerts::config::export(store, now))
            .await?)
    }

    /// What making the database match `wanted` would change (nothing is changed).
    pub async fn plan_config(&self, wanted: Setup) -> Result<Vec<Change>, EngineError> {
        let now = self.clock.now();
        Ok(self
            .store
            .run(move |store| lookout_alerts::config::plan(store, &wanted, now))
            .await?)
    }

    /// Makes the database match `wanted`; returns what changed.
    pub async fn apply_config(&self, wanted: Setup) -> Result<Vec<Change>, EngineError> {
        let now = self.clock.now();
        let changes = self
            .store
            .run(move |store| lookout_alerts::config::apply(store, &wanted, now))
            .await?;
        self.events.signal();
        Ok(changes)
    }
}
