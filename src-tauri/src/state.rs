//! What the app shares between its commands, the tray and the background tasks: the engine's
//! parts ([`Lookout`]: the store — the same SQLite file as the `lookout` CLI — with a read-only
//! second connection for the window and the tray, the HTTP client, the clock, the refresh button
//! and the "events stored" signal), the tray's state, the running engine, and the server
//! followed instead of the vendors, when one is.
//! SQLite is only ever used through `SharedStore::run` (a blocking thread): never on the GUI
//! thread.

use anyhow::Context;
use lookout_core::SystemClock;
use lookout_desktop::{Settings, TrayRefreshes, TrayState};
use lookout_engine::catalogue::{self, CatalogueFiles, TrustedKey};
use lookout_engine::operations::following::{following_database, read_following, Server};
use lookout_engine::{EngineThread, Lookout};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

/// The app's shared state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    /// The engine's parts: `store` takes every write, `reader` serves what the window and the
    /// tray show.
    pub lookout: Lookout,
    /// What the tray shows now, to change it only when it changes (never locked across a call
    /// into the GUI thread).
    pub tray: Mutex<Option<TrayState>>,
    /// Which polls bring the tray up to date (quiet ones at most once every five minutes).
    pub tray_refreshes: Mutex<TrayRefreshes>,
    /// The engine's loops, running (taken to stop them when the app quits).
    pub engine: Mutex<Option<EngineThread>>,
    /// The database the user watches from this computer (untouched while following a server).
    pub local_db: PathBuf,
    /// The team's `lookout serve` followed instead of the vendors, when one is.
    pub following: Option<Server>,
    /// Cancelled when the app quits: stops the loop keeping up with the followed server.
    pub stopping: CancellationToken,
    /// The catalogue installed beside the database (`lookout catalog update`, the weekly check).
    pub catalogue_files: CatalogueFiles,
    /// The update the last check found, until "Install and restart" (`updates.rs`).
    pub update: Mutex<Option<crate::updates::Found>>,
    /// What the last update check said.
    pub update_check: Mutex<Option<lookout_desktop::UpdateCheck>>,
}

impl AppState {
    /// Opens the database at `LOOKOUT_DB`, else the shared per-user path (before the GUI starts:
    /// a busy file is waited for here, not in the event loop).
    pub fn open() -> anyhow::Result<AppState> {
        let path = match std::env::var_os("LOOKOUT_DB") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => lookout_engine::default_db_path().context("no home folder; set LOOKOUT_DB")?,
        };
        let following = followed_server(&path);
        let open_path = match &following {
            Some(server) => {
                log::info!("following {}", server.masked());
                following_database(&path)
            }
            None => path.clone(),
        };
        let opened = Lookout::open(&open_path, Arc::new(SystemClock))
            .with_context(|| format!("opening the database {}", open_path.display()))?;
        if let Some(damaged) = opened.damaged {
            log::warn!(
                "the database was damaged; it was moved to {} and a new one started ({})",
                damaged.moved_to.display(),
                damaged.salvage
            );
        }
        log::info!("database: {}", open_path.display());
        let catalogue_files = CatalogueFiles::beside(&path);
        use_installed_catalogue(&catalogue_files);
        Ok(AppState {
            lookout: opened.lookout,
            tray: Mutex::new(None),
            tray_refreshes: Mutex::new(TrayRefreshes::default()),
            engine: Mutex::new(None),
            local_db: path,
            following,
            stopping: CancellationToken::new(),
            catalogue_files,
            update: Mutex::new(None),
            update_check: Mutex::new(None),
        })
    }

    /// The stored settings (defaults when unreadable, logged).
    pub async fn settings(&self) -> Settings {
        Settings::load(&self.lookout).await.unwrap_or_else(|error| {
            log::error!("cannot read settings: {error}");
            Settings::default()
        })
    }
}

/// The server `following.json` beside `db` names, if it names one that can be followed (a file
/// that cannot be read or a server that cannot be followed is logged, and the app watches
/// locally).
fn followed_server(db: &std::path::Path) -> Option<Server> {
    let following = read_following(db)
        .map_err(|error| log::error!("{error}; watching locally"))
        .ok()??;
    Server::new(&following)
        .map_err(|error| log::error!("{error}; watching locally"))
        .ok()
}

/// Makes the catalogue installed beside the database the one in use when it is newer than the
/// built-in one (logged when it cannot be used).
fn use_installed_catalogue(files: &CatalogueFiles) {
    let loaded =
        TrustedKey::from_environment().and_then(|key| catalogue::load_installed(files, &key));
    match loaded {
        Ok(Some(version)) => log::info!("catalogue: version {version}, installed"),
        Ok(None) => {}
        Err(error) => log::warn!(
            "the installed catalogue {} is not used: {error}",
            files.catalogue().display()
        ),
    }
}
