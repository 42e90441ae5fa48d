//! What can go wrong when the engine is put together or started.

use thiserror::Error;

/// The engine's errors.
#[derive(Debug, Error)]
pub enum EngineError {
    /// The HTTP client could not be built.
    #[error(transparent)]
    Http(#[from] lookout_poller::PollError),
    /// The engine's thread or its runtime could not start.
    #[error("the engine cannot start: {0}")]
    Start(#[from] std::io::Error),
}
