//! The alert layer's errors.

use lookout_store::StoreError;

/// What can go wrong while deciding or delivering alerts.
#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    /// A rule, sink or time given by the user is not valid.
    #[error("{0}")]
    InvalidInput(String),
    /// The database refused.
    #[error("{0}")]
    Storage(#[from] StoreError),
    /// A configuration file (`lookout config apply`) is not valid; nothing was changed.
    #[error("{file}:{line}:{column}: {key}: {message}")]
    Config {
        /// The file, as it was named.
        file: String,
        /// The line (from 1).
        line: usize,
        /// The column (from 1).
        column: usize,
        /// The key at fault (`providers.interval`, …).
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A file given as the configuration is not one at all: over
    /// [`crate::config::MAX_FILE_BYTES`], not UTF-8, or not TOML. Nothing of it is quoted (it
    /// may be any file: `/etc/shadow`).
    #[error("{file}: not a Lookout configuration file ({why})")]
    NotConfiguration {
        /// The file, as it was named.
        file: String,
        /// Why, in a few words of Lookout's own.
        why: String,
    },
    /// A sink could not be reached or refused the message.
    #[error("{0}")]
    Delivery(String),
}

/// Results of this crate.
pub type Result<T, E = AlertError> = std::result::Result<T, E>;
