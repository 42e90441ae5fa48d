//! What lets a watcher leave the database alone while nothing changes: a stamp of its files and
//! a mark of the database that say whether anything was written since it last looked, and the
//! successes of unchanged reads written late, many in one transaction.

use crate::error::Result;
use crate::observation::record_events;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use lookout_core::{Event, EventKind};
use rusqlite::{params, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A database's file and its write-ahead log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseFiles {
    db: PathBuf,
    wal: PathBuf,
}

impl DatabaseFiles {
    /// The files of the database at `db`.
    pub fn new(db: &Path) -> DatabaseFiles {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        DatabaseFiles {
            db: db.to_path_buf(),
            wal: PathBuf::from(wal),
        }
    }

    /// The database file.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Its write-ahead log.
    pub fn wal(&self) -> &Path {
        &self.wal
    }

    /// Their stamp now.
    pub fn stamp(&self) -> FileStamp {
        let stamp = |p: &Path| {
            let meta = std::fs::metadata(p).ok()?;
            Some((meta.len(), meta.modified().ok()?))
        };
        FileStamp([stamp(&self.db), stamp(&self.wal)])
    }
}

/// The sizes and modification times of a database's files: every commit, by any process, moves
/// them. Taking one reads no page and waits for no lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp([Option<(u64, SystemTime)>; 2]);

/// Whether the database changed: two marks differ when anything was written in between, by this
/// connection or any other (another process, another connection of this one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeMark {
    /// `PRAGMA data_version`: moves when another connection commits.
    others: i64,
    /// Rows this connection changed since it was opened.
    own: u64,
}

impl ChangeMark {
    /// Whether the change came from another connection (another process, typically), whose
    /// writes this one's callers cannot have seen.
    pub fn others_wrote_since(&self, earlier: &ChangeMark) -> bool {
        self.others != earlier.others
    }
}

/// A successful read of an unchanged page, to be written later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuietRead {
    /// The provider.
    pub provider_id: ProviderId,
    /// Its name (for a `provider_recovered` event).
    pub provider: String,
    /// When the page was read.
    pub at: DateTime<Utc>,
}

impl Store {
    /// The database's files; `None` for one in memory.
    pub fn files(&self) -> Option<DatabaseFiles> {
        let path = self.conn.path().filter(|p| !p.is_empty())?;
        Some(DatabaseFiles::new(Path::new(path)))
    }

    /// The database's change mark now: no page is read, nothing is locked for long.
    pub fn change_mark(&self) -> Result<ChangeMark> {
        let others = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        Ok(ChangeMark {
            others,
            own: self.conn.total_changes(),
        })
    }

    /// Writes the successes of `reads` in one transaction, each as [`Store::record_unchanged`]
    /// would have. A read older than the provider's last recorded attempt is skipped (a failure
    /// recorded since stays). Returns the `provider_recovered` events of providers that were
    /// unreachable.
    pub fn record_quiet_reads(&mut self, reads: &[QuietRead]) -> Result<Vec<Event>> {
        let tx = self.write()?;
        let mut recovered = Vec::new();
        for read in reads {
            let at = time::to_text(read.at);
            let stored: Option<(Option<String>, bool)> = tx
                .prepare_cached(
                    "SELECT last_attempt_at, unreachable FROM poll_state WHERE provider_id = ?1",
                )?
                .query_row([read.provider_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let last_attempt = stored.as_ref().and_then(|(a, _)| a.as_deref());
            if last_attempt.is_some_and(|last| time::from_text(last).is_ok_and(|l| l > read.at)) {
                continue;
            }
            let written = tx
                .prepare_cached(
                    "INSERT INTO poll_state (provider_id, last_attempt_at, last_success_at,
                                             last_error, consecutive_failures, unreachable)
                     SELECT ?1, ?2, ?2, NULL, 0, 0 WHERE EXISTS
                         (SELECT 1 FROM providers WHERE id = ?1)
                     ON CONFLICT (provider_id) DO UPDATE SET last_attempt_at = ?2,
                        last_success_at = ?2, last_error = NULL, consecutive_failures = 0,
                        unreachable = 0",
                )?
                .execute(params![read.provider_id, at])?;
            if written > 0 && stored.is_some_and(|(_, unreachable)| unreachable) {
                let event = Event {
                    provider: read.provider.clone(),
                    at: read.at,
                    kind: EventKind::ProviderRecovered,
                };
                recovered.extend(record_events(&tx, read.provider_id, vec![event])?);
            }
        }
        tx.commit()?;
        Ok(recovered)
    }
}
