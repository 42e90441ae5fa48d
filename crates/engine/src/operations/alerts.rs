//! Alert operations: the global settings (quiet hours), each provider's rules and snooze, the
//! sinks (add, list, remove, send a test) and the delivery log.

use crate::{EngineError, Lookout};
pub use lookout_alerts::email::stored_url as email_sink_url;
pub use lookout_alerts::message::MessageKind;
pub use lookout_alerts::reminders::parse_lead;
pub use lookout_alerts::text::plain_text;
use lookout_alerts::{
    add_sink, delivery_rows, pause_alerts, send_test, sink_views, snooze_provider, AlertError,
};
pub use lookout_alerts::{
    pause_end, AlertSettings, DeliveryReport, DeliveryRow, EventChoices, Message, NewSink, Pause,
    ProviderRules, QuietHours, SinkKind, SinkView, Snooze, OS_SINK,
};
use lookout_core::{ProviderId, SinkId};
pub use lookout_store::sink_ledger_name;
use lookout_store::{Store, StoredSink};

/// The events a new install alerts on (the window's defaults come from here).
pub fn default_event_choices() -> EventChoices {
    EventChoices::default()
}

fn known_provider(store: &Store, provider_id: ProviderId) -> Result<(), EngineError> {
    match store.provider(provider_id)? {
        Some(_) => Ok(()),
        None => Err(EngineError::NotFound(format!("no provider #{provider_id}"))),
    }
}

impl Lookout {
    /// The global alert settings.
    pub async fn alert_settings(&self) -> Result<AlertSettings, EngineError> {
        Ok(self.reader.run(|store| AlertSettings::load(store)).await?)
    }

    /// Sets (or, with `None`, clears) the quiet hours; returns the settings.
    pub async fn set_quiet_hours(
        &self,
        quiet: Option<QuietHours>,
    ) -> Result<AlertSettings, EngineError> {
        self.update_alert_settings(move |settings| {
            settings.quiet_hours = quiet;
            Ok(())
        })
        .await
    }

    /// Changes the global alert settings with `change`, in one transaction; returns them.
    pub async fn update_alert_settings<F>(&self, change: F) -> Result<AlertSettings, EngineError>
    where
        F: FnOnce(&mut AlertSettings) -> Result<(), AlertError> + Send + 'static,
    {
        let settings = self
            .store
            .run(move |store| {
                store.atomically(|store| {
                    let mut settings = AlertSettings::load(store)?;
                    change(&mut settings)?;
                    settings.save(store)?;
                    Ok::<_, AlertError>(settings)
                })
            })
            .await?;
        self.events.signal();
        Ok(settings)
    }

    /// Pauses every alert until `until` (`None`: resumes); returns the settings.
    pub async fn pause_alerts(
        &self,
        until: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<AlertSettings, EngineError> {
        let settings = self
            .store
            .run(move |store| pause_alerts(store, until))
            .await?;
        self.events.signal();
        Ok(settings)
    }

    /// A provider's alert rules (not found: an unknown provider).
    pub async fn provider_rules(&self, provider: ProviderId) -> Result<ProviderRules, EngineError> {
        self.reader
            .run(move |store| {
                known_provider(store, provider)?;
                Ok(ProviderRules::load(store, provider)?)
            })
            .await
    }

    /// Replaces a provider's alert rules.
    pub async fn save_provider_rules(
        &self,
        provider: ProviderId,
        rules: ProviderRules,
    ) -> Result<(), EngineError> {
        self.store
            .run(move |store| {
                known_provider(store, provider)?;
                Ok::<_, EngineError>(rules.save(store, provider)?)
            })
            .await?;
        self.events.signal();
        Ok(())
    }

    /// Snoozes (or, with `Snooze::Off`, wakes) a provider's alerts; returns its rules.
    pub async fn snooze(
        &self,
        provider: ProviderId,
        length: Snooze,
    ) -> Result<ProviderRules, EngineError> {
        let now = self.clock.now();
        let rules = self
            .store
            .run(move |store| snooze_provider(store, provider, length, now))
            .await?;
        // The alert loop sleeps until the next moment that matters: this may be a new one.
        self.events.signal();
        Ok(rules)
    }

    /// The sinks, their secrets hidden.
    pub async fn sinks(&self) -> Result<Vec<SinkView>, EngineError> {
        Ok(self.reader.run(|store| sink_views(store)).await?)
    }

    /// Adds a sink (checked first: its kind, URL, key, addresses).
    pub async fn add_sink(&self, sink: NewSink) -> Result<SinkView, EngineError> {
        let now = self.clock.now();
        Ok(self
            .store
            .run(move |store| add_sink(store, &sink, now))
            .await?)
    }

    /// Removes a sink; returns what it was.
    pub async fn remove_sink(&self, sink: SinkId) -> Result<StoredSink, EngineError> {
        Ok(self.store.run(move |store| store.remove_sink(sink)).await?)
    }

    /// Sends a test alert to a sink now.
    pub async fn test_sink(&self, sink: SinkId) -> Result<(), EngineError> {
        let now = self.clock.now();
        Ok(send_test(&self.store, &self.sender, sink, now).await?)
    }

    /// The newest deliveries, at most `limit`.
    pub async fn delivery_log(&self, limit: u32) -> Result<Vec<DeliveryRow>, EngineError> {
        Ok(self
            .reader
            .run(move |store| delivery_rows(store, limit))
            .await?)
    }
}
