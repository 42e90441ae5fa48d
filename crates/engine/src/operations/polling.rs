//! One poll of every provider now (`lookout poll`), then the alerts it owes delivered.

use crate::{EngineError, Lookout};
use lookout_alerts::reminders::record_due_shared;
use lookout_alerts::{deliver_webhooks, DeliveryReport};
use lookout_poller::{poll_all, PollConfig, ProviderPoll};

impl Lookout {
    /// Polls every enabled provider once, storing what changed.
    pub async fn poll_all_once(&self) -> Result<Vec<ProviderPoll>, EngineError> {
        let (store, fetcher, clock) = (&self.store, &self.fetcher, self.clock.as_ref());
        Ok(poll_all(store, fetcher, clock, PollConfig::default()).await?)
    }

    /// Delivers what the webhook sinks are owed now (new changes, maintenance reminders due,
    /// retries due).
    pub async fn deliver_owed(&self) -> Result<DeliveryReport, EngineError> {
        let now = self.clock.now();
        record_due_shared(&self.store, now).await;
        Ok(deliver_webhooks(&self.store, &self.sender, now, &chrono::Local).await?)
    }
}
