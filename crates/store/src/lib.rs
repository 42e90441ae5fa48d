//! Lookout's store: one SQLite file (bundled SQLite, WAL, foreign keys) shared by the CLI and the
//! desktop app. Only this crate touches SQL; a poll's snapshot and its diff are saved in one
//! transaction, and the event ledger guarantees a change is reported once, across restarts.

mod deliveries;
pub mod error;
mod observation;
mod poll_state;
mod providers;
mod queries;
pub mod schema;
mod settings;
mod sinks;
mod time;

pub use deliveries::{Delivery, RecordedEvent};
pub use error::StoreError;
pub use poll_state::{PollState, Validators};
pub use providers::{NewProvider, Provider};
pub use queries::{IncidentFilter, StoredIncident};
pub use sinks::{Attempt, DeliveryRecord, QueuedDelivery, StoredSink};

use error::Result;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The per-user database the CLI and the desktop app share:
/// `<data dir>/dev.lookout.app/lookout.db` (`~/.local/share/…` on Linux, `~/Library/Application
/// Support/…` on macOS, `%APPDATA%\\…` on Windows); `None` without a home folder.
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new()?;
    Some(dirs.data_dir().join("dev.lookout.app").join("lookout.db"))
}

/// An open Lookout database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    moved_aside: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database file at `path`, migrating it to the current schema.
    /// A damaged file is moved aside and replaced (see [`Store::moved_aside`]).
    pub fn open(path: &Path) -> Result<Store> {
        let (conn, moved_aside) = schema::open_file(path)?;
        Ok(Store { conn, moved_aside })
    }

    /// A fresh in-memory database.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: schema::open_memory()?,
            moved_aside: None,
        })
    }

    /// Where a damaged database was moved when this one was opened, if that happened.
    pub fn moved_aside(&self) -> Option<&Path> {
        self.moved_aside.as_deref()
    }
}
