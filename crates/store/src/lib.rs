//! Lookout's store: one SQLite file (bundled SQLite, WAL, foreign keys) shared by the CLI and the
//! desktop app. Only this crate touches SQL; a poll's snapshot and its diff are saved in one
//! transaction, and the event ledger guarantees a change is reported once, across restarts.

#![warn(missing_docs)]

mod columns;
mod database_path;
mod deliveries;
pub mod error;
pub mod export;
mod feeds;
mod follows;
pub mod history;
mod observation;
mod poll_state;
mod private;
mod probes;
mod provider_health;
mod providers;
mod queries;
mod quiet_reads;
mod salvage;
pub mod schema;
mod search;
mod service_pictures;
mod services;
mod settings;
mod shared;
mod sink_queue;
mod sinks;
mod time;
pub mod write;

pub use deliveries::RecordedEvent;
pub use error::StoreError;
pub use feeds::{MaintenanceRevision, UpdateEntry};
pub use follows::Followed;
pub use poll_state::{PollState, RecordedFailure, Validators};
pub use probes::{NewProbe, Probe, ProbeOutcome, SuspectedNow};
pub use provider_health::ProviderReads;
pub use providers::{NewProvider, Provider, POLL_INTERVAL_RANGE};
pub use queries::{IncidentFilter, IncidentKey, StoredIncident};
pub use quiet_reads::{ChangeMark, DatabaseFiles, FileStamp, QuietRead};
pub use salvage::Salvage;
pub use search::words_query;
pub use shared::{EventsStored, SharedStore};
pub use sink_queue::{Attempt, DeliveryRecord, QueuedDelivery};
pub use sinks::{ledger_name as sink_ledger_name, SinkPlaceholders, StoredSink};

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
    salvage: Option<Salvage>,
}

impl Store {
    /// Opens (creating if needed) the database file at `path`, migrating it to the current schema.
    /// Another process holding the file is waited for ([`write::BUSY_TIMEOUT`] per statement);
    /// a file SQLite reports as damaged is moved aside and replaced, keeping what can be read of
    /// it (see [`Store::moved_aside`] and [`Store::salvage`]). A file that is not an SQLite
    /// database, or is another program's, is refused untouched ([`StoreError::NotADatabase`]);
    /// a symbolic link is followed, and the real file's mode left alone unless Lookout creates it.
    pub fn open(path: &Path) -> Result<Store> {
        let opened = schema::open_file(path)?;
        let mut store = Store {
            conn: opened.conn,
            moved_aside: opened.moved_aside,
            salvage: opened.salvage,
        };
        store.index_unsearchable()?;
        Ok(store)
    }

    /// Opens the database for a report (`incidents`, `export`, `list`, `uptime`, `stats`):
    /// when the file is already up to date it is opened without the whole-file quick check,
    /// and read-only when the disk takes no write (see [`schema::open_current`]); otherwise
    /// exactly as [`Store::open`] does. Either way a file that is not a Lookout database is
    /// refused untouched and a database readable by others is made private first.
    pub fn open_for_reports(path: &Path) -> Result<Store> {
        let db = database_path::DatabasePath::resolve(path)?;
        db.refuse_foreign_file()?;
        private::narrow_database(&db, false);
        match schema::open_current(&db.real) {
            Some(conn) => Ok(Store {
                conn,
                moved_aside: None,
                salvage: None,
            }),
            None => Store::open(path),
        }
    }

    /// Opens an existing database for reading only, beside the connection that writes it: with
    /// WAL, reads never wait for a write and see the last committed state (the window reads this
    /// way, so a long poll never freezes it). Opening creates nothing and migrates nothing.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(write::BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            moved_aside: None,
            salvage: None,
        })
    }

    /// A fresh in-memory database.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: schema::open_memory()?,
            moved_aside: None,
            salvage: None,
        })
    }

    /// Where a damaged database was moved when this one was opened, if that happened.
    pub fn moved_aside(&self) -> Option<&Path> {
        self.moved_aside.as_deref()
    }

    /// What was carried over from the damaged file into this new one, when one was moved aside.
    pub fn salvage(&self) -> Option<&Salvage> {
        self.salvage.as_ref()
    }
}
