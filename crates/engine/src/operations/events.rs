//! Event operations: the event ledger read after a given event, and a subscription that hands
//! over every event as it is stored — by this process's polls or by another process — in ledger
//! order, none missed and none twice, however many subscribers follow it at once.

use crate::{EngineError, Lookout};
pub use lookout_store::{ChangeMark, RecordedEvent};
use tokio::sync::watch;

/// The most events one read of the ledger hands over (a subscriber far behind catches up in
/// several).
pub const EVENTS_PER_READ: u32 = 500;

impl Lookout {
    /// At most `limit` events stored after the event `after` (its ledger id), oldest first.
    pub async fn events_after(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, EngineError> {
        Ok(self
            .reader
            .run(move |store| store.events_after(after, limit))
            .await?)
    }

    /// A mark of the database that moves whenever anything is written to it, by this process or
    /// another: an answer made at one mark is still true at the same mark (save for times
    /// relative to now).
    pub async fn change_mark(&self) -> Result<ChangeMark, EngineError> {
        Ok(self.reader.run(|store| store.change_mark()).await?)
    }

    /// The newest event's ledger id (0 when there is none).
    pub async fn last_event_id(&self) -> Result<i64, EngineError> {
        Ok(self.reader.run(|store| store.last_event_id()).await?)
    }

    /// Follows the events stored from now on: after the event `after` when given (a client
    /// resuming), else after the newest one stored now.
    pub async fn subscribe_events(
        &self,
        after: Option<i64>,
    ) -> Result<EventSubscription, EngineError> {
        // Following the signal before the ledger is read: nothing stored in between is missed.
        let woken = self.events.subscribe();
        let after = match after {
            Some(after) => after,
            None => self.last_event_id().await?,
        };
        Ok(EventSubscription {
            lookout: self.clone(),
            after,
            woken,
        })
    }
}

/// A follower of the events stored: each [`EventSubscription::next`] hands over those stored
/// after the last one it handed over.
#[derive(Debug)]
pub struct EventSubscription {
    lookout: Lookout,
    after: i64,
    woken: watch::Receiver<u64>,
}

impl EventSubscription {
    /// The ledger id of the last event handed over (or the one it started after).
    pub fn after(&self) -> i64 {
        self.after
    }

    /// The next events (at least one, at most [`EVENTS_PER_READ`], oldest first), waiting until
    /// some are stored. Waits for ever once the engine is gone.
    pub async fn next(&mut self) -> Result<Vec<RecordedEvent>, EngineError> {
        loop {
            // Marked seen before the read: a signal given during the read wakes the next wait.
            self.woken.borrow_and_update();
            let batch = self
                .lookout
                .events_after(self.after, EVENTS_PER_READ)
                .await?;
            if let Some(last) = batch.last() {
                self.after = last.id;
                return Ok(batch);
            }
            if self.woken.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}
