//! Opening the database: pragmas (WAL, foreign keys, a generous busy timeout), the embedded
//! numbered migrations (safe when several processes create one file at once), and the integrity
//! check that moves a damaged file aside, never a merely busy one.

use crate::database_path::DatabasePath;
use crate::error::{Result, StoreError};
use crate::private;
use crate::salvage::{self, Salvage};
use crate::write::BUSY_TIMEOUT;
use rusqlite::config::DbConfig;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The schema's migrations, numbered and append-only; never edit a released one.
const MIGRATIONS: [&str; 12] = [
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_settings_and_deliveries.sql"),
    include_str!("migrations/003_alert_sinks.sql"),
    include_str!("migrations/004_warnings_and_unreadable_times.sql"),
    include_str!("migrations/005_incident_search.sql"),
    include_str!("migrations/006_probes.sql"),
    include_str!("migrations/007_sink_placeholders.sql"),
    include_str!("migrations/008_follows.sql"),
    include_str!("migrations/009_body_hashes.sql"),
    include_str!("migrations/010_maintenance_revisions.sql"),
    include_str!("migrations/011_services.sql"),
    include_str!("migrations/012_service_alerts.sql"),
];

/// The schema's migrations, as `rusqlite_migration` runs them.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.into_iter().map(M::up).collect())
}

/// Statements kept prepared per connection (rusqlite keeps 16): every query a long-running
/// process repeats stays prepared, so a quiet minute re-parses no SQL.
const PREPARED_STATEMENTS: usize = 64;

fn configure(conn: &mut Connection) -> Result<()> {
    Ok(configure_sqlite(conn)?)
}

fn configure_sqlite(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(PREPARED_STATEMENTS);
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")
}

/// How long opening keeps trying while other processes hold, create or migrate the file.
const OPEN_PATIENCE: Duration = Duration::from_secs(60);

/// An opened database file, and what had to be done to open it.
#[derive(Debug)]
pub struct Opened {
    /// The connection, schema up to date.
    pub conn: Connection,
    /// Where a damaged file was moved (with its `-wal` and `-shm`), if it was.
    pub moved_aside: Option<PathBuf>,
    /// What was carried over from the damaged file into the new one.
    pub salvage: Option<Salvage>,
}

/// Why one attempt to open failed.
enum Attempt {
    /// A sound SQLite database, but another program's: left as it is.
    Foreign,
    /// SQLite itself says the file is damaged or not a database.
    Damaged(String),
    /// Anything else (busy included: the caller waits and tries again).
    Failed(StoreError),
}

impl From<StoreError> for Attempt {
    fn from(error: StoreError) -> Attempt {
        Attempt::Failed(error)
    }
}

impl From<rusqlite::Error> for Attempt {
    fn from(error: rusqlite::Error) -> Attempt {
        Attempt::Failed(error.into())
    }
}

/// Whether SQLite's error means the file itself is damaged (not merely locked or unreadable).
fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
/// A busy file (another process writing, creating or migrating it) is waited for. Only a file
/// that SQLite reports as damaged or not a database (its quick check) is moved aside, as
/// `<name>.corrupt-<n>` together with its `-wal` and `-shm` (so it still opens as it was); a new
/// database is made and what can still be read of the old one is carried over.
pub fn open_file(given: &Path) -> Result<Opened> {
    let db = DatabasePath::resolve(given)?;
    let path = db.real.as_path();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private::create_dir(dir)?;
    }
    db.refuse_foreign_file()?;
    let deadline = Instant::now() + OPEN_PATIENCE;
    let mut moved_aside: Option<PathBuf> = None;
    let mut created = false;
    loop {
        // Created private before SQLite opens it (again after a damaged one was moved aside).
        created |= private::create_database(&db)?;
        private::narrow_database(&db, created);
        match open_checked(path) {
            Ok(mut conn) => {
                // The WAL and shared-memory files exist now: private like the database.
                private::narrow_database(&db, created);
                let salvage = moved_aside
                    .as_deref()
                    .map(|aside| salvage::carry_over(aside, &mut conn));
                if let (Some(aside), Some(salvage)) = (&moved_aside, &salvage) {
                    log::warn!(
                        "database {} was damaged; moved to {} and a new one started: {salvage}",
                        path.display(),
                        aside.display()
                    );
                }
                return Ok(Opened {
                    conn,
                    moved_aside,
                    salvage,
                });
            }
            Err(Attempt::Foreign) => return Err(db.not_ours()),
            Err(Attempt::Damaged(detail)) if moved_aside.is_none() => {
                log::warn!("database {} is damaged: {detail}", path.display());
                moved_aside = Some(move_aside(path)?);
            }
            Err(Attempt::Damaged(detail)) => {
                return Err(StoreError::Corrupt {
                    path: path.display().to_string(),
                    detail,
                })
            }
            Err(Attempt::Failed(error)) if error.is_busy() && Instant::now() < deadline => {
                // A little spread, so processes waiting together do not retry in lockstep.
                std::thread::sleep(Duration::from_millis(20 + fastrand::u64(0..30)));
            }
            Err(Attempt::Failed(error)) => return Err(error),
        }
    }
}

fn open_checked(path: &Path) -> std::result::Result<Connection, Attempt> {
    let mut conn = Connection::open(path)?;
    // Until the file is known to be sound, closing must not write its WAL back into it (a damaged
    // file is moved aside exactly as it was, WAL included).
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // First, so that even the integrity check waits for another process instead of failing.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    match conn.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0)) {
        Ok(ok) if ok == "ok" => {}
        Ok(problem) => return Err(Attempt::Damaged(problem)),
        Err(e) if is_damage(&e) => return Err(Attempt::Damaged(e.to_string())),
        Err(e) => return Err(e.into()),
    }
    if is_foreign(&conn)? {
        return Err(Attempt::Foreign);
    }
    configure(&mut conn)?;
    match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
        Ok(_) => {}
        Err(e) if is_damage(&e) => return Err(Attempt::Damaged(e.to_string())),
        Err(e) => return Err(e.into()),
    }
    migrate(&mut conn)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(conn)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether the database is another program's: it holds tables, but no Lookout migration ever
/// ran on it (every Lookout database has a version). Migrating it would write into it.
fn is_foreign(conn: &Connection) -> Result<bool> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(objects > 0 && user_version(conn)? == 0)
}

/// Brings the schema up to date. When several processes create or migrate one file at once,
/// the losers find the work done (or the file busy) and are told to try again.
fn migrate(conn: &mut Connection) -> Result<()> {
    let before = user_version(conn)?;
    match migrations().to_latest(conn) {
        Ok(()) => Ok(()),
        Err(error) => {
            let error = StoreError::from(error);
            if error.is_busy() || user_version(conn)? != before {
                Err(StoreError::Busy)
            } else {
                Err(error)
            }
        }
    }
}

fn move_aside(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lookout.db".into());
    let free = |n: u32| {
        ["", "-wal", "-shm"].iter().all(|suffix| {
            !path
                .with_file_name(format!("{name}.corrupt-{n}{suffix}"))
                .exists()
        })
    };
    let n = (1..).find(|n| free(*n)).unwrap_or(u32::MAX);
    let aside = path.with_file_name(format!("{name}.corrupt-{n}"));
    let io = |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    };
    // The side files first: a crash in between leaves the database where it was.
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            std::fs::rename(
                &side,
                aside.with_file_name(format!("{name}.corrupt-{n}{suffix}")),
            )
            .map_err(io)?;
        }
    }
    std::fs::rename(path, &aside).map_err(io)?;
    Ok(aside)
}

/// Opens, for reading reports, a database that is already up to date — without the whole-file
/// quick check, which reads every page (about 100 ms for a year of 50 providers' history).
/// `None` when that cannot be done safely: the file is missing, busy, older or newer than this
/// schema, or SQLite says it is damaged even while reading its schema; the caller then opens it
/// with [`open_file`], which checks, waits, migrates, and moves a damaged file aside. Damage in
/// pages the report reads is reported by SQLite as an error of that read.
///
/// A report needs no write: when the file system refuses one (a full disk, where even the
/// shared-memory index cannot grow), the file is opened read-only instead, its WAL read into
/// memory ([`open_current_read_only`]).
pub fn open_current(path: &Path) -> Option<Connection> {
    if !path.is_file() {
        return None;
    }
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match current_connection(path, flags) {
        Ok(found) => found,
        Err(error) if cannot_write(&error) => {
            log::debug!("{} opened read-only: {error}", path.display());
            open_current_read_only(path)
        }
        Err(_) => None,
    }
}

/// The connection when the database at `path` (a file name or a `file:` URI) is up to date.
fn current_connection(
    path: &Path,
    flags: rusqlite::OpenFlags,
) -> rusqlite::Result<Option<Connection>> {
    let mut conn = Connection::open_with_flags(path, flags)?;
    configure_sqlite(&mut conn)?;
    let Ok(latest) = i64::try_from(MIGRATIONS.len()) else {
        return Ok(None);
    };
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((tables > 0 && journal == "wal" && version == latest).then_some(conn))
}

/// Whether SQLite failed for want of a write (no space, a read-only file or folder), not
/// because of what the file holds.
fn cannot_write(error: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
    matches!(
        error.sqlite_error_code(),
        Some(SystemIoFailure | DiskFull | CannotOpen | ReadOnly)
    )
}

/// Opens an up-to-date database read-only, writing nothing: SQLite is told not to write the
/// shared-memory index (`readonly_shm`), so it reads the WAL into memory when no other process
/// keeps the index (SQLite's own way for read-only media). The index file must exist for that:
/// when it does not, it is created empty (which takes no space), as SQLite would.
fn open_current_read_only(path: &Path) -> Option<Connection> {
    let name = path.file_name()?.to_str()?;
    let index = path.with_file_name(format!("{name}-shm"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(&index).ok()?;
    let uri = format!("file:{}?mode=ro&readonly_shm=1", uri_path(path.to_str()?));
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
        | rusqlite::OpenFlags::SQLITE_OPEN_URI
        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    current_connection(Path::new(&uri), flags).ok().flatten()
}

/// A file path as the path of a `file:` URI: `%`, `?` and `#` percent-encoded.
fn uri_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
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
