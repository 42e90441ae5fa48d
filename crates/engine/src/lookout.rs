//! What every part of the engine and every front end share: one store connection for writes,
//! one HTTP client, the clock, and the two signals ("refresh now", "events stored").

use lookout_alerts::Sender;
use lookout_core::Clock;
use lookout_poller::{EventsStored, FetchConfig, Fetcher, Refresh, SharedStore};
use lookout_store::Store;
use std::sync::Arc;

/// The engine's shared parts: cheap to clone (each is a handle).
#[derive(Debug, Clone)]
pub struct Lookout {
    /// The database: every write goes through this connection.
    pub store: SharedStore,
    /// The one HTTP client (status pages, probes, previews).
    pub fetcher: Fetcher,
    /// The alert sinks' client (the same connections, its own time limit).
    pub sender: Sender,
    /// Time, passed in so everything below can be tested with a clock moved by hand.
    pub clock: Arc<dyn Clock>,
    /// Makes the watch loop read every page now.
    pub refresh: Refresh,
    /// Signalled when events were stored (here or by another process): wakes the alert loop.
    pub events: EventsStored,
}

impl Lookout {
    /// Puts the engine together around an opened `store`, with the default HTTP limits.
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Result<Lookout, crate::EngineError> {
        let fetcher = Fetcher::new(FetchConfig::default())?;
        Ok(Lookout::with_fetcher(
            SharedStore::new(store),
            fetcher,
            clock,
        ))
    }

    /// Puts the engine together from parts already made (the app keeps its own handles).
    pub fn with_fetcher(store: SharedStore, fetcher: Fetcher, clock: Arc<dyn Clock>) -> Lookout {
        Lookout {
            store,
            sender: Sender::new(fetcher.http()),
            fetcher,
            clock,
            refresh: Refresh::default(),
            events: EventsStored::default(),
        }
    }
}
