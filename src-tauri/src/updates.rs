//! Lookout's own updates through `tauri-plugin-updater`: the check (daily, from Settings and the
//! tray), the update found kept until the user says "Install and restart", and the install. The
//! decisions and the words are `lookout_desktop::updates`'; this file only asks the plugin.
//!
//! `LOOKOUT_UPDATE_URL` and `LOOKOUT_UPDATE_PUBLIC_KEY` replace the manifest's address and the
//! trusted key of `tauri.conf.json` (for the tests' local server and test key; a mirror).

use crate::error::Reply;
use crate::state::AppState;
use lookout_desktop::updates::{
    self, check_due, update_path, Installed, UpdateFailure, UpdatePath, NO_UPDATE_CHECK,
};
use lookout_desktop::{CommandError, Notification, UpdateCheck, UpdateOutcome};
use std::time::Duration;
use tauri::utils::config::BundleType;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Error, Update, UpdaterExt};

/// The first daily check's wait after start, then how often the loop looks whether one is due.
const FIRST_LOOK_AFTER: Duration = Duration::from_secs(300);
const LOOK_EVERY: Duration = Duration::from_secs(3600);

/// The update a check found (the plugin's, which has no `Debug`).
#[derive(Clone)]
pub struct Found(pub(crate) Update);

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Found({})", self.0.version)
    }
}

/// Whether this installation updates itself (see [`update_path`]).
pub fn path() -> UpdatePath {
    let installed = match tauri::utils::platform::bundle_type() {
        Some(BundleType::Deb) => Installed::Deb,
        Some(BundleType::Rpm) => Installed::Rpm,
        Some(BundleType::AppImage) => Installed::AppImage,
        Some(_) => Installed::Installer,
        None => Installed::Unbundled,
    };
    let writable = std::env::var_os("APPIMAGE")
        .map(std::path::PathBuf::from)
        .and_then(|image| image.parent().map(|dir| dir.to_path_buf()))
        .and_then(|dir| std::fs::metadata(dir).ok())
        .is_some_and(|meta| !meta.permissions().readonly());
    update_path(
        installed,
        std::env::var(NO_UPDATE_CHECK).ok().as_deref(),
        writable,
    )
}

/// Checks for a newer Lookout now; the update found is kept for [`install_update`].
#[tauri::command]
pub async fn check_for_updates(app: AppHandle) -> Reply<UpdateCheck> {
    Ok(check(&app).await)
}

/// The last check's answer (none yet: `null`), for the Settings view.
#[tauri::command]
pub async fn last_update_check(state: tauri::State<'_, AppState>) -> Reply<Option<UpdateCheck>> {
    Ok(lock(&state.update_check).clone())
}

/// Downloads the update the last check found, verifies its signature, installs it and restarts;
/// on failure the running version stays and the error says why.
#[tauri::command]
pub async fn install_update(app: AppHandle) -> Reply<()> {
    let state = app.state::<AppState>();
    let current = app.package_info().version.to_string();
    let Some(Found(update)) = lock(&state.update).clone() else {
        return Err(CommandError {
            code: "no_update".into(),
            message: "No update to install: check for updates first.".into(),
        });
    };
    log::info!("update: installing {}", update.version);
    match update.download_and_install(|_, _| {}, || {}).await {
        Ok(()) => {
            log::info!("update: {} installed; restarting", update.version);
            app.restart()
        }
        Err(error) => {
            log::error!("update: {error}");
            Err(CommandError {
                code: "update_failed".into(),
                message: failure(&error).install_message(&current),
            })
        }
    }
}

/// One check: the plugin's answer made into the user's, remembered in the app's state.
pub async fn check(app: &AppHandle) -> UpdateCheck {
    let state = app.state::<AppState>();
    let current = app.package_info().version.to_string();
    let (found, update) = match path() {
        UpdatePath::PackageManager(why) => (UpdateCheck::package_manager(&current, &why), None),
        UpdatePath::SelfUpdate => {
            let endpoint = std::env::var("LOOKOUT_UPDATE_URL").ok();
            let key = std::env::var("LOOKOUT_UPDATE_PUBLIC_KEY").ok();
            answer(ask_plugin(app, endpoint, key).await, &current)
        }
    };
    log::info!("update check: {}", found.message);
    *lock(&state.update) = update;
    *lock(&state.update_check) = Some(found.clone());
    found
}

/// The plugin's answer in the user's terms, and the update to keep.
pub(crate) fn answer(
    asked: Result<Option<Update>, Error>,
    current: &str,
) -> (UpdateCheck, Option<Found>) {
    match asked {
        Ok(Some(update)) => (
            UpdateCheck::available(current, &update.version, update.body.as_deref()),
            Some(Found(update)),
        ),
        Ok(None) => (UpdateCheck::up_to_date(current), None),
        Err(error) => {
            log::warn!("update check: {error}");
            (UpdateCheck::failed(current, &failure(&error)), None)
        }
    }
}

/// Asks the plugin for the manifest at `endpoint` (default: tauri.conf.json's), trusting `key`
/// (default: tauri.conf.json's).
pub(crate) async fn ask_plugin<R: Runtime>(
    app: &AppHandle<R>,
    endpoint: Option<String>,
    key: Option<String>,
) -> Result<Option<Update>, Error> {
    let mut builder = app.updater_builder().timeout(Duration::from_secs(60));
    if let Some(url) = endpoint {
        builder = builder.endpoints(vec![url.parse()?])?;
    }
    if let Some(key) = key {
        builder = builder.pubkey(key);
    }
    builder.build()?.check().await
}

/// The plugin's error in the user's terms.
pub(crate) fn failure(error: &Error) -> UpdateFailure {
    match error {
        Error::ReleaseNotFound => UpdateFailure::NoManifest,
        Error::Serialization(e) => UpdateFailure::BadManifest(e.to_string()),
        Error::Semver(e) => UpdateFailure::BadManifest(e.to_string()),
        Error::TargetNotFound(target) => UpdateFailure::NoDownloadHere(target.clone()),
        Error::TargetsNotFound(targets) => UpdateFailure::NoDownloadHere(targets.join(", ")),
        Error::Minisign(_)
        | Error::Base64(_)
        | Error::SignatureUtf8(_)
        | Error::SignedVersionMismatch { .. }
        | Error::MissingSignedVersion => UpdateFailure::BadSignature,
        Error::Reqwest(e) => UpdateFailure::Network(e.to_string()),
        Error::Network(e) => UpdateFailure::Network(e.clone()),
        other => UpdateFailure::InstallFailed(other.to_string()),
    }
}

/// The daily check, while the setting is on and this installation updates itself: a first look
/// [`FIRST_LOOK_AFTER`] start, then every [`LOOK_EVERY`] whether a day has passed (time from the
/// engine's clock); an update found is said in a notification. Stops when the app quits.
pub fn start_daily(app: &AppHandle) {
    let version = &app.package_info().version;
    if let UpdatePath::PackageManager(why) = path() {
        log::info!("Lookout {version}: no daily update check: {why}");
        return;
    }
    log::info!("Lookout {version}: updates itself (daily check unless turned off)");
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let mut wait = FIRST_LOOK_AFTER;
        loop {
            tokio::select! {
                _ = state.stopping.cancelled() => break,
                _ = tokio::time::sleep(wait) => {}
            }
            wait = LOOK_EVERY;
            let now = state.lookout.clock.now();
            let last = updates::last_checked(&state.lookout).await.ok().flatten();
            if !state.settings().await.check_updates_daily || !check_due(last, now) {
                continue;
            }
            if let Err(error) = updates::record_check(&state.lookout, now).await {
                log::warn!("update check: {error}");
            }
            let found = check(&app).await;
            if found.outcome == UpdateOutcome::Available {
                tell(&app, &found);
            }
        }
    });
}

/// The check from the tray: its answer in the Settings view, and a notification when newer.
pub async fn check_from_tray(app: &AppHandle) {
    let found = check(app).await;
    if found.outcome == UpdateOutcome::Available {
        tell(app, &found);
    }
    crate::window::open(app, Some("#/settings"));
}

fn tell(app: &AppHandle, found: &UpdateCheck) {
    let notification = Notification {
        provider_id: None,
        title: found.message.clone(),
        body: "Settings → Install and restart.".into(),
        route: "#/settings".into(),
    };
    if let Err(error) = crate::os_notification::show(app, &notification) {
        log::warn!("the notification could not be shown: {error}");
    }
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
