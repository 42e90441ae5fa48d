//! Write transactions: every write begins `IMMEDIATE` (it takes the write lock before it reads,
//! so two processes never deadlock upgrading a read into a write, and SQLite's busy handler waits
//! for the lock instead of failing), and a write inside another becomes a savepoint, so one
//! caller can make several store calls atomic ([`Store::atomically`]).

use crate::error::Result;
use crate::Store;
use rusqlite::Connection;
use std::ops::Deref;

/// How long one statement waits for another process's lock before "database busy".
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// An open write transaction (or savepoint, when one is already open); rolled back when dropped
/// without [`WriteTx::commit`].
pub(crate) struct WriteTx<'a> {
    conn: &'a Connection,
    nested: bool,
    finished: bool,
}

impl<'a> WriteTx<'a> {
    /// Begins a write on `conn`: `BEGIN IMMEDIATE`, or a savepoint inside an open transaction.
    pub(crate) fn begin(conn: &'a Connection) -> Result<WriteTx<'a>> {
        let nested = !conn.is_autocommit();
        conn.execute_batch(if nested {
            "SAVEPOINT lookout_write"
        } else {
            "BEGIN IMMEDIATE"
        })?;
        Ok(WriteTx {
            conn,
            nested,
            finished: false,
        })
    }

    /// Makes the writes stick (or releases the savepoint into the outer transaction).
    pub(crate) fn commit(mut self) -> Result<()> {
        self.conn.execute_batch(if self.nested {
            "RELEASE lookout_write"
        } else {
            "COMMIT"
        })?;
        self.finished = true;
        Ok(())
    }
}

impl Deref for WriteTx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let undo = if self.nested {
            "ROLLBACK TO lookout_write; RELEASE lookout_write"
        } else {
            "ROLLBACK"
        };
        if let Err(error) = self.conn.execute_batch(undo) {
            log::error!("cannot roll back a failed write: {error}");
        }
    }
}

impl Store {
    /// Begins a write transaction on this store's connection.
    pub(crate) fn write(&self) -> Result<WriteTx<'_>> {
        WriteTx::begin(&self.conn)
    }

    /// Runs `work` as one write transaction: everything it stores is committed together, or
    /// nothing is when it fails. Other processes wait (they see the state before or after, never
    /// half of it), so a read-decide-write sequence such as an alert pass cannot be run twice
    /// over the same changes by two processes.
    pub fn atomically<T, E>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<crate::StoreError>,
    {
        let nested = !self.conn.is_autocommit();
        let (begin, commit, undo) = if nested {
            (
                "SAVEPOINT lookout_atomic",
                "RELEASE lookout_atomic",
                "ROLLBACK TO lookout_atomic; RELEASE lookout_atomic",
            )
        } else {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        };
        self.conn
            .execute_batch(begin)
            .map_err(|e| E::from(e.into()))?;
        match work(self) {
            Ok(value) => {
                if let Err(error) = self.conn.execute_batch(commit) {
                    let _ = self.conn.execute_batch(undo);
                    return Err(E::from(error.into()));
                }
                Ok(value)
            }
            Err(error) => {
                if let Err(undo_error) = self.conn.execute_batch(undo) {
                    log::error!("cannot roll back a failed write: {undo_error}");
                }
                Err(error)
            }
        }
    }
}
