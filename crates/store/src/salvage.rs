//! Carrying over what can still be read of a damaged database into the new one: the user's own
//! choices (providers, watched components, settings with the alert rules and quiet hours, and
//! sinks), which no vendor can give back. History is not carried: the next polls read it again.

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::fmt;
use std::path::{Path, PathBuf};

/// The tables carried over, parents first (foreign keys), with their words for people.
const TABLES: [(&str, &str, &str); 4] = [
    ("providers", "provider", "providers"),
    (
        "watched_components",
        "watched component",
        "watched components",
    ),
    ("settings", "setting", "settings"),
    ("sinks", "sink", "sinks"),
];

/// What was carried over from a damaged database, and what could not be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvage {
    /// Rows carried over per table (table name, rows).
    pub carried: Vec<(&'static str, usize)>,
    /// What could not be read, one line each ("sinks: database disk image is malformed").
    pub unreadable: Vec<String>,
}

impl Salvage {
    /// Rows carried over from `table`.
    pub fn rows(&self, table: &str) -> usize {
        self.carried
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

impl fmt::Display for Salvage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = TABLES
            .iter()
            .map(|(table, one, many)| {
                let n = self.rows(table);
                format!("{n} {}", if n == 1 { one } else { many })
            })
            .collect();
        write!(f, "carried over {}", parts.join(", "))?;
        if !self.unreadable.is_empty() {
            write!(f, "; could not read {}", self.unreadable.join("; "))?;
        }
        Ok(())
    }
}

/// Copies what can be read of the database moved to `aside` (with its `-wal`) into `into`.
/// The file moved aside is never changed: the work is done on a temporary copy.
pub(crate) fn carry_over(aside: &Path, into: &mut Connection) -> Salvage {
    let mut salvage = Salvage::default();
    let copy = match copy_aside(aside) {
        Ok(copy) => copy,
        Err(error) => {
            salvage
                .unreadable
                .push(format!("the damaged file: {error}"));
            return salvage;
        }
    };
    let old = Connection::open_with_flags(
        copy.join("old.db"),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    );
    match old {
        Ok(old) => {
            for (table, _, many) in TABLES {
                match copy_table(&old, into, table) {
                    Ok(n) => salvage.carried.push((table, n)),
                    Err((n, error)) => {
                        salvage.carried.push((table, n));
                        salvage.unreadable.push(format!("{many}: {error}"));
                    }
                }
            }
        }
        Err(error) => salvage
            .unreadable
            .push(format!("the damaged file: {error}")),
    }
    if let Err(error) = std::fs::remove_dir_all(&copy) {
        log::warn!("cannot remove {}: {error}", copy.display());
    }
    salvage
}

/// Copies the file moved aside and its WAL into a new folder beside it (SQLite would otherwise
/// write the WAL back into the damaged file when reading it).
fn copy_aside(aside: &Path) -> std::io::Result<PathBuf> {
    let name = aside
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = aside.with_file_name(format!("{name}.salvage"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir(&dir)?;
    std::fs::copy(aside, dir.join("old.db"))?;
    let wal = aside.with_file_name(format!("{name}-wal"));
    if wal.exists() {
        std::fs::copy(&wal, dir.join("old.db-wal"))?;
    }
    Ok(dir)
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |row| row.get::<_, String>(1))?;
    names.collect()
}

/// Copies the rows of `table` that can be read; on an error, how many were copied before it.
fn copy_table(
    old: &Connection,
    into: &mut Connection,
    table: &str,
) -> Result<usize, (usize, String)> {
    let ours = columns(into, table).map_err(|e| (0, e.to_string()))?;
    let theirs = columns(old, table).map_err(|e| (0, e.to_string()))?;
    // Only our own column names are ever put into SQL.
    let common: Vec<&String> = ours.iter().filter(|c| theirs.contains(c)).collect();
    if common.is_empty() {
        return Ok(0);
    }
    let list = common
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let marks = vec!["?"; common.len()].join(", ");
    let tx = into.transaction().map_err(|e| (0, e.to_string()))?;
    let mut copied = 0;
    let mut failure = None;
    {
        let mut insert = tx
            .prepare(&format!(
                "INSERT OR IGNORE INTO {table} ({list}) VALUES ({marks})"
            ))
            .map_err(|e| (0, e.to_string()))?;
        let mut select = old
            .prepare(&format!("SELECT {list} FROM {table}"))
            .map_err(|e| (0, e.to_string()))?;
        let mut rows = select.query([]).map_err(|e| (0, e.to_string()))?;
        loop {
            match rows.next() {
                Ok(Some(row)) => {
                    let values: rusqlite::Result<Vec<Value>> =
                        (0..common.len()).map(|i| row.get(i)).collect();
                    let inserted = values
                        .and_then(|values| insert.execute(rusqlite::params_from_iter(values)));
                    match inserted {
                        Ok(n) => copied += n,
                        // One row that does not fit (its provider was lost): the others still go.
                        Err(error) => log::warn!("{table}: a row was not carried over: {error}"),
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    failure = Some(error.to_string());
                    break;
                }
            }
        }
    }
    tx.commit().map_err(|e| (0, e.to_string()))?;
    match failure {
        None => Ok(copied),
        Some(error) => Err((copied, error)),
    }
}
