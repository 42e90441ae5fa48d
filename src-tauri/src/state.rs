//! What the app shares between its commands, the tray and the background tasks: the store (the
//! same SQLite file as the `lookout` CLI) with a second, read-only connection for the window and
//! the tray, the HTTP fetcher, the clock, the refresh button and the "events stored" signal.
//! SQLite is only ever used through [`SharedStore::run`]: never on the GUI thread.

use anyhow::Context;
use lookout_core::{Clock, SystemClock};
use lookout_desktop::{Settings, TrayRefreshes, TrayState};
use lookout_engine::{EngineThread, Lookout};
use lookout_poller::{EventsStored, FetchConfig, Fetcher, Refresh, SharedStore};
use lookout_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The app's shared state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    /// The database: every write goes through this connection.
    pub store: SharedStore,
    /// A read-only connection to the same file: what the window and the tray show is read here,
    /// so a long write (a big poll, another process) never makes them wait.
    pub reader: SharedStore,
    /// The one HTTP client (previews of new providers; polls use a clone).
    pub fetcher: Fetcher,
    /// Time, passed in so the logic below can be tested with a fixed clock.
    pub clock: Arc<dyn Clock>,
    /// Makes the watch loop poll everything now.
    pub refresh: Refresh,
    /// Wakes the alert loop when events were stored.
    pub events: EventsStored,
    /// The HTTP client for alert sinks.
    pub sender: lookout_alerts::Sender,
    /// What the tray shows now, to change it only when it changes (never locked across a call
    /// into the GUI thread).
    pub tray: Mutex<Option<TrayState>>,
    /// Which polls bring the tray up to date (quiet ones at most once every five minutes).
    pub tray_refreshes: Mutex<TrayRefreshes>,
    /// The engine's loops, running (taken to stop them when the app quits).
    pub engine: Mutex<Option<EngineThread>>,
}

impl AppState {
    /// Opens the database at `LOOKOUT_DB`, else the shared per-user path (before the GUI starts:
    /// a busy file is waited for here, not in the event loop).
    pub fn open() -> anyhow::Result<AppState> {
        let path = match std::env::var_os("LOOKOUT_DB") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => lookout_store::default_path().context("no home folder; set LOOKOUT_DB")?,
        };
        let store = Store::open(&path)
            .with_context(|| format!("opening the database {}", path.display()))?;
        if let Some(aside) = store.moved_aside() {
            let salvage = store.salvage().map(ToString::to_string).unwrap_or_default();
            log::warn!(
                "the database was damaged; it was moved to {} and a new one started ({salvage})",
                aside.display()
            );
        }
        let reader = Store::open_read_only(&path)
            .with_context(|| format!("opening the database {} to read", path.display()))?;
        log::info!("database: {}", path.display());
        let fetcher = Fetcher::new(FetchConfig::default())?;
        Ok(AppState {
            store: SharedStore::new(store),
            reader: SharedStore::new(reader),
            sender: lookout_alerts::Sender::new(fetcher.http()),
            fetcher,
            clock: Arc::new(SystemClock),
            refresh: Refresh::default(),
            events: EventsStored::default(),
            tray: Mutex::new(None),
            tray_refreshes: Mutex::new(TrayRefreshes::default()),
            engine: Mutex::new(None),
        })
    }

    /// The engine's shared parts, as this state holds them (the window's "refresh now" and the
    /// loops share one signal, and so on).
    pub fn lookout(&self) -> Lookout {
        Lookout {
            store: self.store.clone(),
            fetcher: self.fetcher.clone(),
            sender: self.sender.clone(),
            clock: self.clock.clone(),
            refresh: self.refresh.clone(),
            events: self.events.clone(),
        }
    }

    /// The stored settings (defaults when unreadable, logged).
    pub async fn settings(&self) -> Settings {
        self.reader
            .run(|store| Settings::load(store))
            .await
            .unwrap_or_else(|error| {
                log::error!("cannot read settings: {error}");
                Settings::default()
            })
    }
}
