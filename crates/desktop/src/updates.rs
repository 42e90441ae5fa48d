//! Lookout's own updates, the decisions without the updater plugin: whether this installation
//! can update itself or gets its updates from a package manager, when the daily check is due,
//! what a check or an install tells the user, and when the last check ran (kept in the store).
//! `src-tauri/src/updates.rs` asks `tauri-plugin-updater` and hands its answers to these.

use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use lookout_engine::Lookout;
use serde::{Deserialize, Serialize};

/// The environment variable that turns every update check off (for packagers, whose package
/// manager brings updates): `LOOKOUT_NO_UPDATE_CHECK=1`.
pub const NO_UPDATE_CHECK: &str = "LOOKOUT_NO_UPDATE_CHECK";

/// How long between two daily checks.
pub const CHECK_EVERY: Duration = Duration::hours(24);

/// The longest release notes shown (the manifest's, cut at a character boundary).
pub const NOTES_MAX_CHARS: usize = 4000;

const KEY: &str = "updates";

/// How the running app was installed, as Tauri's bundler marked its binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installed {
    /// Lookout's own `.deb` (the updater installs the next one with `pkexec dpkg -i`).
    Deb,
    /// Lookout's own `.rpm` (`pkexec rpm -U`).
    Rpm,
    /// An AppImage (replaced in place).
    AppImage,
    /// A Windows installer (MSI or NSIS) or a macOS app bundle.
    Installer,
    /// Not by Lookout's bundles: built from source, `cargo install`, or a distribution's own
    /// package (the bundler's mark is missing).
    Unbundled,
}

/// Whether this installation updates itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdatePath {
    /// The updater downloads, verifies and installs Lookout's next release.
    SelfUpdate,
    /// Updates come from a package manager (or whoever installed it): no check, a sentence why.
    PackageManager(String),
}

/// Decides the [`UpdatePath`]: `no_update_check` is [`NO_UPDATE_CHECK`]'s value;
/// `location_writable` says whether the updater could replace the app where it is (an AppImage's
/// folder; the package formats install through the system's installer instead).
pub fn update_path(
    installed: Installed,
    no_update_check: Option<&str>,
    location_writable: bool,
) -> UpdatePath {
    let package_manager = |why: &str| {
        UpdatePath::PackageManager(format!("Updates come from your package manager ({why})."))
    };
    if no_update_check.is_some_and(|v| !v.trim().is_empty() && v.trim() != "0") {
        return package_manager(&format!("{NO_UPDATE_CHECK} is set"));
    }
    match installed {
        Installed::Deb | Installed::Rpm | Installed::Installer => UpdatePath::SelfUpdate,
        Installed::AppImage if location_writable => UpdatePath::SelfUpdate,
        Installed::AppImage => package_manager("this AppImage is in a read-only location"),
        Installed::Unbundled => {
            package_manager("this copy was not installed from Lookout's own packages")
        }
    }
}

/// Whether the daily check is due at `now`, last run at `last` (never: due).
pub fn check_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last.is_none_or(|last| now - last >= CHECK_EVERY || last > now)
}

/// What a check found, or why it could not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UpdateOutcome {
    /// A newer version, signed, ready to install on the user's word.
    Available,
    /// The running version is the newest.
    UpToDate,
    /// This installation's updates come from a package manager.
    PackageManager,
    /// The check failed (the message says why); nothing changed.
    Failed,
}

/// A check's answer, for the Settings view, the tray and the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct UpdateCheck {
    /// What the check found.
    pub outcome: UpdateOutcome,
    /// The running version.
    pub current_version: String,
    /// The newer version (when available).
    pub version: Option<String>,
    /// The manifest's notes, plain text (when available).
    pub notes: Option<String>,
    /// One sentence for the user.
    pub message: String,
}

impl UpdateCheck {
    /// A newer `version` with the manifest's `notes` (plain text, cut to [`NOTES_MAX_CHARS`]).
    pub fn available(current: &str, version: &str, notes: Option<&str>) -> UpdateCheck {
        UpdateCheck {
            outcome: UpdateOutcome::Available,
            current_version: current.to_string(),
            version: Some(version.to_string()),
            notes: notes.map(plain_notes).filter(|n| !n.is_empty()),
            message: format!("Lookout {version} is available (this is {current})."),
        }
    }

    /// Nothing newer than `current`.
    pub fn up_to_date(current: &str) -> UpdateCheck {
        Self::said(
            UpdateOutcome::UpToDate,
            current,
            format!("Lookout {current} is up to date."),
        )
    }

    /// The package manager's job; `why` from [`update_path`].
    pub fn package_manager(current: &str, why: &str) -> UpdateCheck {
        Self::said(UpdateOutcome::PackageManager, current, why.to_string())
    }

    /// The check failed: `failure` says how.
    pub fn failed(current: &str, failure: &UpdateFailure) -> UpdateCheck {
        let message = format!("Could not check for updates: {}", failure.sentence());
        Self::said(UpdateOutcome::Failed, current, message)
    }

    fn said(outcome: UpdateOutcome, current: &str, message: String) -> UpdateCheck {
        UpdateCheck {
            outcome,
            current_version: current.to_string(),
            version: None,
            notes: None,
            message,
        }
    }
}

/// Why a check or an install failed, in the updater's terms made plain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateFailure {
    /// No release manifest at the address (a 404 or another refusal).
    NoManifest,
    /// The manifest is not one the updater reads.
    BadManifest(String),
    /// The manifest has no download for this platform.
    NoDownloadHere(String),
    /// The download's signature is not Lookout's (or not for the announced version).
    BadSignature,
    /// The network failed.
    Network(String),
    /// The system's installer refused or failed (or the password was not given).
    InstallFailed(String),
}

impl UpdateFailure {
    /// One sentence for the user.
    pub fn sentence(&self) -> String {
        match self {
            UpdateFailure::NoManifest => {
                "no release manifest (latest.json) at the update address.".into()
            }
            UpdateFailure::BadManifest(why) => {
                format!("the release manifest is unreadable ({why}).")
            }
            UpdateFailure::NoDownloadHere(target) => {
                format!("the release has no download for this platform ({target}).")
            }
            UpdateFailure::BadSignature => {
                "the update's signature is not Lookout's: it was refused.".into()
            }
            UpdateFailure::Network(why) => format!("the network failed ({why})."),
            UpdateFailure::InstallFailed(why) => format!("the installer failed ({why})."),
        }
    }

    /// What the user reads when an install failed: the running version stays.
    pub fn install_message(&self, current: &str) -> String {
        format!(
            "The update was not installed: {} Lookout {current} keeps running.",
            self.sentence()
        )
    }
}

/// The manifest's notes as plain text: control characters (but line breaks) dropped, at most
/// [`NOTES_MAX_CHARS`] characters. The window shows them as text, never as HTML.
pub fn plain_notes(notes: &str) -> String {
    let kept: String = notes
        .trim()
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .take(NOTES_MAX_CHARS)
        .collect();
    kept.trim_end().to_string()
}

/// When the last automatic check ran (stored under `updates`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct UpdateRecord {
    checked_at: Option<DateTime<Utc>>,
}

/// When the daily check last ran (never: `None`).
pub async fn last_checked(lookout: &Lookout) -> Result<Option<DateTime<Utc>>> {
    let record: Option<UpdateRecord> = lookout.setting(KEY).await?;
    Ok(record.unwrap_or_default().checked_at)
}

/// Remembers that the daily check ran at `at`.
pub async fn record_check(lookout: &Lookout, at: DateTime<Utc>) -> Result<()> {
    let record = UpdateRecord {
        checked_at: Some(at),
    };
    lookout.set_setting(KEY, record).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use lookout_core::FixedClock;
    use lookout_store::Store;
    use std::sync::Arc;

    #[test]
    fn lookouts_own_packages_update_themselves_the_rest_say_package_manager() {
        for installed in [Installed::Deb, Installed::Rpm, Installed::Installer] {
            assert_eq!(update_path(installed, None, false), UpdatePath::SelfUpdate);
        }
        assert_eq!(
            update_path(Installed::AppImage, None, true),
            UpdatePath::SelfUpdate
        );
        let UpdatePath::PackageManager(why) = update_path(Installed::AppImage, None, false) else {
            panic!("a read-only AppImage cannot update itself");
        };
        assert!(
            why.starts_with("Updates come from your package manager"),
            "{why}"
        );
        assert!(why.contains("read-only"), "{why}");
        let UpdatePath::PackageManager(why) = update_path(Installed::Unbundled, None, true) else {
            panic!("a distribution's package cannot update itself");
        };
        assert!(
            why.contains("not installed from Lookout's own packages"),
            "{why}"
        );
    }

    #[test]
    fn lookout_no_update_check_turns_every_check_off_but_0_or_empty_do_not() {
        let UpdatePath::PackageManager(why) = update_path(Installed::Deb, Some("1"), true) else {
            panic!("LOOKOUT_NO_UPDATE_CHECK=1 means no check");
        };
        assert!(why.contains("LOOKOUT_NO_UPDATE_CHECK is set"), "{why}");
        for value in ["0", "", " "] {
            assert_eq!(
                update_path(Installed::Deb, Some(value), true),
                UpdatePath::SelfUpdate
            );
        }
    }

    #[test]
    fn the_daily_check_is_due_once_a_day_and_after_the_clock_went_back() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        assert!(check_due(None, now));
        assert!(!check_due(Some(now - Duration::hours(23)), now));
        assert!(check_due(Some(now - Duration::hours(24)), now));
        assert!(check_due(Some(now + Duration::hours(2)), now));
    }

    #[test]
    fn what_the_user_reads_for_each_outcome() {
        let found = UpdateCheck::available("0.1.0", "0.2.0", Some("  Faster.\u{7}\nFixes.\n "));
        assert_eq!(found.outcome, UpdateOutcome::Available);
        assert_eq!(found.message, "Lookout 0.2.0 is available (this is 0.1.0).");
        assert_eq!(found.notes.as_deref(), Some("Faster.\nFixes."));
        let long = "é".repeat(NOTES_MAX_CHARS + 10);
        let cut = UpdateCheck::available("0.1.0", "0.2.0", Some(&long));
        assert_eq!(cut.notes.unwrap().chars().count(), NOTES_MAX_CHARS);
        assert_eq!(
            UpdateCheck::up_to_date("0.1.0").message,
            "Lookout 0.1.0 is up to date."
        );
        let failed = UpdateCheck::failed("0.1.0", &UpdateFailure::NoManifest);
        assert_eq!(failed.outcome, UpdateOutcome::Failed);
        assert_eq!(
            failed.message,
            "Could not check for updates: no release manifest (latest.json) at the update address."
        );
        assert_eq!(
            UpdateFailure::BadSignature.install_message("0.1.0"),
            "The update was not installed: the update's signature is not Lookout's: it was \
             refused. Lookout 0.1.0 keeps running."
        );
    }

    #[tokio::test]
    async fn the_last_check_is_remembered() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        let store = Store::open_in_memory().unwrap();
        let lookout = Lookout::new(store, Arc::new(FixedClock::new(now))).unwrap();
        assert_eq!(last_checked(&lookout).await.unwrap(), None);
        record_check(&lookout, now).await.unwrap();
        assert_eq!(last_checked(&lookout).await.unwrap(), Some(now));
    }
}
