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

    /// Your services as `[[services]]` TOML, for an editor.
    pub async fn services_text(&self) -> Result<String, EngineError> {
        Ok(self
            .reader
            .run(|store| lookout_alerts::config::services_text(store))
            .await?)
    }

    /// Your services as stored (in their order), for a form.
    pub async fn service_specs(&self) -> Result<Vec<ServiceSpec>, EngineError> {
        Ok(self.reader.run(|store| store.services()).await?)
    }

    /// Makes `specs` your services, checked exactly as the editor's text is (they are that
    /// text, written by Lookout), and returns every service at the clock's now.
    pub async fn save_service_specs(
        &self,
        specs: Vec<ServiceSpec>,
    ) -> Result<Vec<ServiceState>, EngineError> {
        let text = lookout_alerts::config::specs_text(&specs)?;
        self.save_services_text(text).await
    }

    /// Makes `text` (`[[services]]` only) your services — each of a watched provider, its
    /// component names checked against the pages read; an error names the line — and returns
    /// every service at the clock's now.
    pub async fn save_services_text(&self, text: String) -> Result<Vec<ServiceState>, EngineError> {
        let now = self.clock.now();
        self.store
            .run(move |store| {
                lookout_alerts::config::save_services_text(store, "services", &text, now)
            })
            .await?;
        self.events.signal();
        self.services().await
    }
}
