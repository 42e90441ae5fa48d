//! What every part of the engine and every front end share: the database (one connection for
//! writes, one read-only for what is shown), one HTTP client, the clock, and the two signals
//! ("refresh now", "events stored").

use crate::EngineError;
use lookout_alerts::Sender;
use lookout_core::Clock;
use lookout_poller::{EventsStored, FetchConfig, Fetcher, Refresh, SharedStore};
use lookout_store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The engine's shared parts: cheap to clone (each is a handle).
#[derive(Debug, Clone)]
pub struct Lookout {
    /// The database: every write goes through this connection.
    pub store: SharedStore,
    /// A read-only connection to the same file (the writer itself when the engine was made
    /// from an opened store): what views show is read here, so a long write never makes them
    /// wait.
    pub reader: SharedStore,
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

/// The engine opened on a database file.
#[derive(Debug)]
pub struct Opened {
    /// The engine's parts.
    pub lookout: Lookout,
    /// When the file was damaged: where it was moved, and what was carried over into the new
    /// one (for the front end to say so).
    pub damaged: Option<Damaged>,
}

/// How a command that runs once opens the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// To change it: created and migrated when needed, a damaged file moved aside.
    Write,
    /// To report on it: when it is up to date, without the whole-file check, and read-only when
    /// the disk takes no write (`Store::open_for_reports`).
    Reports,
}

/// A damaged database file, moved aside and replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// Where the damaged file now is.
    pub moved_to: PathBuf,
    /// What was salvaged from it, in words.
    pub salvage: String,
}

impl Lookout {
    /// Opens the database at `path` (created if missing; a damaged one moved aside) with a
    /// read-only second connection, and the default HTTP limits.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Opened, EngineError> {
        let store = Store::open(path)?;
        let damaged = damaged(&store);
        let reader = SharedStore::new(Store::open_read_only(path)?);
        let fetcher = Fetcher::new(FetchConfig::default())?;
        let mut lookout = Lookout::with_fetcher(SharedStore::new(store), fetcher, clock);
        lookout.reader = reader;
        Ok(Opened { lookout, damaged })
    }

    /// Opens the database at `path` with one connection (views read through it too), for a
    /// command that runs once, with `fetcher` as its HTTP client.
    pub fn open_once(
        path: &Path,
        access: Access,
        fetcher: Fetcher,
        clock: Arc<dyn Clock>,
    ) -> Result<Opened, EngineError> {
        let store = match access {
            Access::Write => Store::open(path)?,
            Access::Reports => Store::open_for_reports(path)?,
        };
        let damaged = damaged(&store);
        let lookout = Lookout::with_fetcher(SharedStore::new(store), fetcher, clock);
        Ok(Opened { lookout, damaged })
    }

    /// Puts the engine together around an opened `store`, with the default HTTP limits.
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Result<Lookout, EngineError> {
        let fetcher = Fetcher::new(FetchConfig::default())?;
        Ok(Lookout::with_fetcher(
            SharedStore::new(store),
            fetcher,
            clock,
        ))
    }

    /// Puts the engine together from parts already made; views read through the writer.
    pub fn with_fetcher(store: SharedStore, fetcher: Fetcher, clock: Arc<dyn Clock>) -> Lookout {
        Lookout {
            reader: store.clone(),
            store,
            sender: Sender::new(fetcher.http()),
            fetcher,
            clock,
            refresh: Refresh::default(),
            events: EventsStored::default(),
        }
    }
}

/// Where `store`'s file was moved when it was found damaged, and what was carried over.
fn damaged(store: &Store) -> Option<Damaged> {
    store.moved_aside().map(|aside| Damaged {
        moved_to: aside.to_path_buf(),
        salvage: store.salvage().map(ToString::to_string).unwrap_or_default(),
    })
}
