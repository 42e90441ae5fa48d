//! What can go wrong when the engine is put together or started.

use thiserror::Error;

/// The errors of the layers below, as the engine's operations return them inside [`EngineError`]
/// (a front end may tell them apart without depending on those layers).
pub use lookout_alerts::AlertError;
pub use lookout_poller::PollError;
pub use lookout_store::StoreError;

/// The engine's errors.
#[derive(Debug, Error)]
pub enum EngineError {
    /// The HTTP client could not be built.
    #[error(transparent)]
    Http(#[from] lookout_poller::PollError),
    /// The database could not be opened (not a Lookout database, busy, unwritable…).
    #[error(transparent)]
    Store(#[from] lookout_store::StoreError),
    /// An alert operation was refused or failed (a bad sink, rule or time).
    #[error(transparent)]
    Alert(#[from] lookout_alerts::AlertError),
    /// What was asked for does not exist (an unknown provider).
    #[error("{0}")]
    NotFound(String),
    /// The request itself is wrong (following an incident already resolved…).
    #[error("{0}")]
    InvalidInput(String),
    /// The engine's thread or its runtime could not start.
    #[error("the engine cannot start: {0}")]
    Start(#[from] std::io::Error),
    /// A catalogue update was refused (or could not be had): the catalogue in use is unchanged.
    #[error("catalogue not updated: {reason}")]
    CatalogueRefused {
        /// Why, as a kind a front end or a test may tell apart.
        refusal: CatalogueRefusal,
        /// Why, in words (URLs masked).
        reason: String,
    },
}

/// Why a catalogue update was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueRefusal {
    /// The file or its signature could not be fetched (unreachable, an HTTP error status).
    Unreachable,
    /// The server took longer than the time allowed.
    TooSlow,
    /// The file is larger than the cap (`catalogue::MAX_BYTES`).
    TooLarge,
    /// The signature is missing, malformed, or not made by the trusted key over this file.
    BadSignature,
    /// The file is signed but is not a catalogue.
    Malformed,
    /// Its version is not above the version in use (no rollback).
    NotNewer,
    /// The trusted key given (`LOOKOUT_CATALOGUE_PUBLIC_KEY`) is not a minisign public key.
    BadKey,
    /// The verified file could not be written beside the database.
    NotInstalled,
}

impl CatalogueRefusal {
    /// The refusal with its reason, as the engine's error.
    pub fn because(self, reason: impl Into<String>) -> EngineError {
        EngineError::CatalogueRefused {
            refusal: self,
            reason: reason.into(),
        }
    }
}

impl EngineError {
    /// Whether the file given as the database is not one (another program's file, or not SQLite
    /// at all): its message then says all there is to say.
    pub fn is_not_a_database(&self) -> bool {
        matches!(
            self,
            EngineError::Store(lookout_store::StoreError::NotADatabase { .. })
        )
    }
}
