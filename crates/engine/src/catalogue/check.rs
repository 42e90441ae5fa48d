//! The app's weekly catalogue check: a look every hour (the first a few minutes after start)
//! makes a newer installed file the one in use (another process's `lookout catalog update`),
//! and, when the setting is on and a week has passed since the last check, fetches an update.
//! Time comes from the engine's clock; the loop ends with its stop signal.

use super::{load_installed, update, CatalogueFiles, UpdateRequest, Updated};
use crate::error::{CatalogueRefusal, EngineError};
use crate::Lookout;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The store's key for [`CatalogueSettings`].
const KEY: &str = "catalogue";

/// The time between two checks for an update.
pub const WEEK: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// The weekly check's setting and its last outcome, kept in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueSettings {
    /// Whether the app checks for a newer catalogue once a week (on unless turned off).
    pub weekly_check: bool,
    /// When it last checked (an unreachable server does not count: it is asked again at the
    /// next look).
    pub last_checked: Option<DateTime<Utc>>,
    /// What that check said ("version 2026120800: 12 services added, 3 moved").
    pub last_outcome: Option<String>,
}

impl Default for CatalogueSettings {
    fn default() -> Self {
        CatalogueSettings {
            weekly_check: true,
            last_checked: None,
            last_outcome: None,
        }
    }
}

impl CatalogueSettings {
    /// Whether a check is due at `now`: the setting on and a week passed since the last one.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        let week = chrono::Duration::from_std(WEEK).unwrap_or(chrono::Duration::MAX);
        self.weekly_check && self.last_checked.is_none_or(|last| now - last >= week)
    }
}

impl Lookout {
    /// The weekly check's setting and last outcome (defaults when never stored).
    pub async fn catalogue_settings(&self) -> Result<CatalogueSettings, EngineError> {
        Ok(self.setting(KEY).await?.unwrap_or_default())
    }

    /// Turns the weekly check on or off; the settings as they now are.
    pub async fn set_catalogue_weekly_check(
        &self,
        on: bool,
    ) -> Result<CatalogueSettings, EngineError> {
        let mut settings = self.catalogue_settings().await?;
        settings.weekly_check = on;
        self.set_setting(KEY, settings.clone()).await?;
        Ok(settings)
    }
}

/// What a weekly check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueChecked {
    /// The update installed, if one was.
    pub updated: Option<Updated>,
    /// What it said, in words.
    pub outcome: String,
}

/// The weekly check as the engine runs it ([`crate::EngineOptions::catalogue`]).
#[derive(Clone)]
pub struct CatalogueCheck {
    /// The installed catalogue's files.
    pub files: CatalogueFiles,
    /// Where to fetch updates and the key they must be signed with.
    pub request: UpdateRequest,
    /// The first look, after start (so a download never slows the app's start).
    pub first_look_after: Duration,
    /// The time between looks.
    pub look_every: Duration,
    /// Told what each check did (on the engine's thread: keep it short).
    pub on_checked: Arc<dyn Fn(&CatalogueChecked) + Send + Sync>,
}

impl std::fmt::Debug for CatalogueCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogueCheck")
            .field("files", &self.files)
            .field("request", &self.request)
            .field("first_look_after", &self.first_look_after)
            .field("look_every", &self.look_every)
            .finish_non_exhaustive()
    }
}

impl CatalogueCheck {
    /// One look: a newer installed file made the one in use, then an update fetched when one is
    /// due; what the check did, `None` when none was due.
    pub async fn look(&self, lookout: &Lookout) -> Option<CatalogueChecked> {
        if let Err(error) = load_installed(&self.files, &self.request.key) {
            log::warn!("the installed catalogue is not used: {error}");
        }
        let settings = match lookout.catalogue_settings().await {
            Ok(settings) => settings,
            Err(error) => {
                log::warn!("the catalogue check's setting cannot be read: {error}");
                return None;
            }
        };
        let now = lookout.clock.now();
        if !settings.due(now) {
            return None;
        }
        let result = update(&lookout.fetcher, &self.files, &self.request, now).await;
        let offline = matches!(
            &result,
            Err(EngineError::CatalogueRefused {
                refusal: CatalogueRefusal::Unreachable | CatalogueRefusal::TooSlow,
                ..
            })
        );
        let checked = match result {
            Ok(updated) => CatalogueChecked {
                outcome: format!("version {}: {}", updated.version, updated.changes),
                updated: Some(updated),
            },
            Err(error) => CatalogueChecked {
                updated: None,
                outcome: error.to_string(),
            },
        };
        if !offline {
            let stored = CatalogueSettings {
                last_checked: Some(now),
                last_outcome: Some(checked.outcome.clone()),
                ..settings
            };
            if let Err(error) = lookout.set_setting(KEY, stored).await {
                log::warn!("the catalogue check's outcome cannot be stored: {error}");
            }
        }
        (self.on_checked)(&checked);
        Some(checked)
    }
}

/// Looks after `check.first_look_after`, then every `check.look_every`, until `stop`.
pub(crate) async fn keep_catalogue_current(
    lookout: Lookout,
    check: CatalogueCheck,
    stop: CancellationToken,
) {
    let mut wait = check.first_look_after;
    loop {
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = stop.cancelled() => return,
        }
        tokio::select! {
            _ = check.look(&lookout) => {}
            () = stop.cancelled() => return,
        }
        wait = check.look_every;
    }
}
