//! Opening the database: pragmas (WAL, foreign keys), the embedded numbered migrations, and the
//! integrity check that moves a damaged file aside and starts afresh.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};

/// The schema's migrations, numbered and append-only; never edit a released one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_initial.sql")),
        M::up(include_str!("migrations/002_settings_and_deliveries.sql")),
        M::up(include_str!("migrations/003_alert_sinks.sql")),
    ])
}

fn configure(conn: &mut Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
/// A file that fails SQLite's quick check is renamed `<name>.corrupt-<n>` and a new one is made,
/// so the app always starts; what was moved aside is logged.
pub fn open_file(path: &Path) -> Result<(Connection, Option<PathBuf>)> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.display().to_string(),
            source,
        })?;
    }
    match open_checked(path) {
        Ok(conn) => Ok((conn, None)),
        Err(StoreError::Corrupt { detail, .. }) => {
            let aside = move_aside(path)?;
            log::warn!(
                "database {} was damaged ({detail}); moved to {} and starting afresh",
                path.display(),
                aside.display()
            );
            Ok((open_checked(path)?, Some(aside)))
        }
        Err(other) => Err(other),
    }
}

fn open_checked(path: &Path) -> Result<Connection> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.display().to_string(),
        detail,
    };
    let mut conn = Connection::open(path)?;
    let check: std::result::Result<String, rusqlite::Error> =
        conn.query_row("PRAGMA quick_check", [], |row| row.get(0));
    match check {
        Ok(ok) if ok == "ok" => {}
        Ok(problem) => return Err(corrupt(problem)),
        Err(e) => return Err(corrupt(e.to_string())),
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| corrupt(e.to_string()))?;
    configure(&mut conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

fn move_aside(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lookout.db".into());
    let mut n = 1;
    let aside = loop {
        let candidate = path.with_file_name(format!("{name}.corrupt-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &aside).map_err(|source| StoreError::Io {
        path: path.display().to_string(),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            let _ = std::fs::remove_file(side);
        }
    }
    Ok(aside)
}

/// An in-memory database with the full schema, for tests and `lookout check`.
pub fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&mut conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
