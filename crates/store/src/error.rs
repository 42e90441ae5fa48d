//! The one error type of the store.

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// Another process held the database longer than Lookout waits (see
    /// [`crate::write::BUSY_TIMEOUT`]); nothing was changed. Never a sign of damage.
    #[error("database busy: another Lookout process is using it; nothing was changed, try again")]
    Busy,
    /// The schema could not be brought up to date.
    #[error("database migration failed: {}", migration_reason(.0))]
    Migration(#[from] rusqlite_migration::Error),
    /// The file is not a Lookout database, or is damaged.
    #[error("the database at {path} is damaged or not a Lookout database: {detail}")]
    Corrupt {
        /// The file.
        path: String,
        /// SQLite's words.
        detail: String,
    },
    /// The file given as the database is not one: it does not start as an SQLite database, or
    /// it is another program's SQLite database. It was left exactly as it was.
    #[error("{path} is not a Lookout database")]
    NotADatabase {
        /// The file, as given.
        path: String,
    },
    /// The data directory could not be prepared.
    #[error("cannot use {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// No provider matches the id or name given.
    #[error("no provider named or numbered {0:?}")]
    NoSuchProvider(String),
    /// No alert sink has this id.
    #[error("no alert sink numbered {0}")]
    NoSuchSink(lookout_core::SinkId),
    /// What was asked to be stored is not acceptable (an empty name, a URL that is not http(s),
    /// a poll interval out of range).
    #[error("{0}")]
    InvalidInput(String),
    /// Incidents could not be written out (`export::write_csv`).
    #[error("cannot write the export: {0}")]
    Export(String),
    /// A provider with this name or URL is already watched.
    #[error("already watching {0}")]
    Duplicate(String),
    /// A stored value could not be read back (JSON column or time).
    #[error("stored value unreadable: {0}")]
    Decode(String),
}

/// SQLite's words for a failed migration, without the migration's SQL.
fn migration_reason(error: &rusqlite_migration::Error) -> String {
    match error {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other.to_string(),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

impl StoreError {
    /// The database was busy (held by another process): worth waiting and trying again, never
    /// damage and never a vendor's failure.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Busy => true,
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                matches!(
                    err.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                )
            }
            _ => false,
        }
    }
}

/// Shorthand for store results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
