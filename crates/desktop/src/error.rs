//! The desktop crate's errors, and the `{code, message}` shape every Tauri command rejects with.

use lookout_engine::operations::providers::PollError;
use lookout_engine::{AlertError, EngineError, StoreError};
use serde::Serialize;

/// What can go wrong behind a window action.
#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    /// The request itself is wrong (an empty URL, a bad interval…).
    #[error("{0}")]
    InvalidInput(String),
    /// The provider or incident asked for does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// No supported status page was found at the URL.
    #[error("{0}")]
    Detection(#[from] PollError),
    /// The database refused.
    #[error("{0}")]
    Storage(#[from] StoreError),
    /// An alert rule or sink was refused, or a test alert did not arrive.
    #[error("{0}")]
    Alert(AlertError),
    /// The engine's thread or its runtime could not start.
    #[error("{0}")]
    Internal(String),
}

impl From<AlertError> for DesktopError {
    fn from(error: AlertError) -> Self {
        match error {
            AlertError::Storage(e) => DesktopError::Storage(e),
            AlertError::InvalidInput(e) => DesktopError::InvalidInput(e),
            other => DesktopError::Alert(other),
        }
    }
}

impl From<EngineError> for DesktopError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Store(e) => DesktopError::Storage(e),
            EngineError::Alert(e) => DesktopError::from(e),
            EngineError::NotFound(what) => DesktopError::NotFound(what),
            EngineError::InvalidInput(what) => DesktopError::InvalidInput(what),
            EngineError::Http(e) => DesktopError::Detection(e),
            EngineError::Start(e) => DesktopError::Internal(e.to_string()),
            // The window never asks for an update itself; a refusal is the server's or the
            // file's, said in words.
            refused @ EngineError::CatalogueRefused { .. } => {
                DesktopError::InvalidInput(refused.to_string())
            }
        }
    }
}

impl DesktopError {
    /// The stable code the window switches on.
    pub fn code(&self) -> &'static str {
        match self {
            DesktopError::InvalidInput(_) => "invalid_input",
            DesktopError::NotFound(_) => "not_found",
            DesktopError::Detection(_) => "detection_failed",
            DesktopError::Storage(StoreError::Duplicate(_) | StoreError::InvalidInput(_)) => {
                "invalid_input"
            }
            DesktopError::Storage(StoreError::NoSuchProvider(_) | StoreError::NoSuchSink(_)) => {
                "not_found"
            }
            DesktopError::Storage(_) => "storage",
            DesktopError::Alert(_) => "delivery_failed",
            DesktopError::Internal(_) => "internal",
        }
    }
}

/// A command's failure as the window receives it: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct CommandError {
    /// One of `invalid_input`, `not_found`, `detection_failed`, `delivery_failed`, `storage`,
    /// `internal`.
    pub code: String,
    /// A sentence for the user.
    pub message: String,
}

impl CommandError {
    /// An error of the shell itself (a window that cannot be built, a plugin that refused).
    pub fn internal(message: impl Into<String>) -> CommandError {
        CommandError {
            code: "internal".into(),
            message: message.into(),
        }
    }
}

impl From<DesktopError> for CommandError {
    fn from(error: DesktopError) -> Self {
        CommandError {
            code: error.code().into(),
            message: error.to_string(),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        DesktopError::from(error).into()
    }
}

/// Results of this crate.
pub type Result<T, E = DesktopError> = std::result::Result<T, E>;

impl From<EngineError> for CommandError {
    fn from(error: EngineError) -> Self {
        DesktopError::from(error).into()
    }
}

impl From<AlertError> for CommandError {
    fn from(error: AlertError) -> Self {
        DesktopError::from(error).into()
    }
}
