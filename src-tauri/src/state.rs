//! What the app shares between its commands, the tray and the polling task: the store (the same
//! SQLite file as the `lookout` CLI), the HTTP fetcher, the clock and the refresh button.

use anyhow::Context;
use lookout_core::{Clock, SystemClock};
use lookout_desktop::{Settings, TrayState};
use lookout_poller::{FetchConfig, Fetcher, Refresh, SharedStore};
use lookout_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The app's shared state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    /// The database, shared with the polling task.
    pub store: SharedStore,
    /// The one HTTP client (previews of new providers; polls use a clone).
    pub fetcher: Fetcher,
    /// Time, passed in so the logic below can be tested with a fixed clock.
    pub clock: Arc<dyn Clock>,
    /// Makes the watch loop poll everything now.
    pub refresh: Refresh,
    /// The HTTP client for alert sinks.
    pub sender: lookout_alerts::Sender,
    /// What the tray shows now, to change it only when it changes.
    pub tray: Mutex<Option<TrayState>>,
}

impl AppState {
    /// Opens the database at `LOOKOUT_DB`, else the shared per-user path.
    pub fn open() -> anyhow::Result<AppState> {
        let path = match std::env::var_os("LOOKOUT_DB") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => lookout_store::default_path().context("no home folder; set LOOKOUT_DB")?,
        };
        let store = Store::open(&path)
            .with_context(|| format!("opening the database {}", path.display()))?;
        if let Some(aside) = store.moved_aside() {
            log::warn!(
                "the database was damaged; it was moved to {} and a new one started",
                aside.display()
            );
        }
        log::info!("database: {}", path.display());
        Ok(AppState {
            store: Arc::new(Mutex::new(store)),
            fetcher: Fetcher::new(FetchConfig::default())?,
            clock: Arc::new(SystemClock),
            refresh: Refresh::default(),
            sender: lookout_alerts::Sender::new()?,
            tray: Mutex::new(None),
        })
    }

    /// The stored settings (defaults when unreadable, logged).
    pub fn settings(&self) -> Settings {
        let store = lookout_poller::poll::lock(&self.store);
        Settings::load(&store).unwrap_or_else(|error| {
            log::error!("cannot read settings: {error}");
            Settings::default()
        })
    }
}
