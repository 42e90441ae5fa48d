//! History operations: each component's exact downtime over a window (uptime), each provider's
//! incident figures (stats), and one provider's history as its page draws it; days counted in
//! the user's time zone.

use crate::{EngineError, Lookout};
use chrono::TimeZone;
use lookout_core::ProviderId;
pub use lookout_store::history::{
    ComponentUptime, HistoryWindow, IncidentSpan, ProviderStats, StatsReport, UptimeReport,
};
use lookout_store::{Provider, Store, StoreError};

/// One provider's history over a window, as stored.
#[derive(Debug, Clone)]
pub struct HistoryRecord {
    /// The window, in the time zone asked.
    pub window: HistoryWindow,
    /// Each component's uptime and daily bar.
    pub components: Vec<ComponentUptime>,
    /// The ids of the components watched (empty: all).
    pub watched: Vec<String>,
    /// The provider's incidents open at some time in the window.
    pub spans: Vec<IncidentSpan>,
    /// Its reliability figures over the window.
    pub reliability: ProviderStats,
}

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

    /// Provider `id`'s history over the last `days` local days of `tz` (1 to 366).
    pub async fn provider_history<Tz>(
        &self,
        id: ProviderId,
        days: u32,
        tz: Tz,
    ) -> Result<HistoryRecord, EngineError>
    where
        Tz: TimeZone + Send + 'static,
    {
        let now = self.clock.now();
        let window = HistoryWindow::last_days(&tz, now, days.clamp(1, 366));
        self.reader
            .run(move |store| history_record(store, id, window, &tz))
            .await?
            .ok_or_else(|| EngineError::NotFound(format!("provider {id}")))
    }
}

/// Provider `id`'s history over `window`, days counted in `tz` (`None`: there is no such
/// provider).
pub fn history_record<Tz: TimeZone>(
    store: &Store,
    id: ProviderId,
    window: HistoryWindow,
    tz: &Tz,
) -> Result<Option<HistoryRecord>, StoreError> {
    let Some(provider) = store.provider(id)? else {
        return Ok(None);
    };
    let components = store.component_uptime(&provider, &window, tz)?;
    let reliability = store.reliability(&provider, &window, &components)?;
    Ok(Some(HistoryRecord {
        watched: store.watched_components(id)?,
        spans: store.incident_spans(id, window.from, window.to)?,
        window,
        components,
        reliability,
    }))
}
