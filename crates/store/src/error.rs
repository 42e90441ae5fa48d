//! The one error type of the store.

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The schema could not be brought up to date.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The file is not a Lookout database, or is damaged.
    #[error("the database at {path} is damaged or not a Lookout database: {detail}")]
    Corrupt {
        /// The file.
        path: String,
        /// SQLite's words.
        detail: String,
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
    NoSuchSink(i64),
    /// A provider with this name or URL is already watched.
    #[error("already watching {0}")]
    Duplicate(String),
    /// A stored value could not be read back (JSON column or time).
    #[error("stored value unreadable: {0}")]
    Decode(String),
}

/// Shorthand for store results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
