//! Lookout's engine behind one door: [`Lookout`] holds what every part shares (the store, the
//! HTTP client, the clock, the "refresh now" and "events stored" signals) and [`Engine`] runs the
//! watch loop (polls and Lookout's own probes) and the alert loop under one stop signal, and
//! stops them in order. Every front end — the desktop app, `lookout watch`, those to come —
//! starts and stops the loops here, never by wiring them itself.

#![warn(missing_docs)]

pub mod catalogue;
mod engine;
mod engine_thread;
pub mod error;
mod lookout;
pub mod operations;
pub mod project_files;

pub use engine::{Engine, EngineOptions, Observer, Shutdown, SHUTDOWN_WITHIN};
pub use engine_thread::EngineThread;
pub use error::{AlertError, CatalogueRefusal, EngineError, StoreError};
pub use lookout::{Access, Damaged, Lookout, Opened};
/// What an [`Observer`] is told: a provider's poll, an alert pass; and the polls' settings.
pub use lookout_alerts::Pass;
pub use lookout_poller::{FetchConfig, Fetcher, PollConfig, PollError, ProviderPoll};

/// The per-user database the app and `lookout` share: `<data dir>/dev.lookout.app/lookout.db`
/// (`None` without a home folder).
pub fn default_db_path() -> Option<std::path::PathBuf> {
    lookout_store::default_path()
}
