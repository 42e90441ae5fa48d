//! What a user typed to add a provider — a catalogue name or any URL of a status page — found
//! the same way by the CLI and the window: the catalogue's name and page, then detection; and
//! the whole page read once more, to store the history it publishes with the new provider.

use crate::detect::{detect, Detected};
use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::read::{read_page, PageRead};
use chrono::{DateTime, Utc};
use lookout_core::catalog;
use lookout_core::diff::Observation;
use lookout_core::sources::Platform;
use lookout_store::NewProvider;
use std::collections::HashMap;
use url::Url;

/// A status page found for a name or URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The catalogue's name, else the page's own name, else its host.
    pub name: String,
    /// What detection found.
    pub detected: Detected,
}

impl Found {
    /// The provider to store: named `name` (else [`Found::name`]), polled every
    /// `poll_interval_secs`.
    pub fn new_provider(&self, name: Option<&str>, poll_interval_secs: u32) -> NewProvider {
        NewProvider {
            name: name.unwrap_or(&self.name).trim().to_string(),
            url: self.detected.base.to_string(),
            platform: self.detected.platform,
            poll_interval_secs,
        }
    }
}

/// Finds the status page behind `input`; a catalogued service whose vendor publishes nothing
/// Lookout reads is [`PollError::NotWatchable`], with the catalogue's reason, before any probe.
pub async fn find(fetcher: &Fetcher, input: &str, now: DateTime<Utc>) -> Result<Found, PollError> {
    not_watchable(input)?;
    let (known, url) = catalog::resolve(input);
    let detected = detect(fetcher, &url, now).await?;
    Ok(Found {
        name: known.unwrap_or_else(|| detected.name()),
        detected,
    })
}

/// Reads every document of the page at `base` (its incident history too), to store with the
/// provider as it is added: a new provider shows the months of history its page publishes at
/// once. `Err` when the page cannot be read now (the first poll reads it then).
pub async fn read_history(
    fetcher: &Fetcher,
    platform: Platform,
    base: &Url,
    now: DateTime<Utc>,
) -> Result<Observation, PollError> {
    match read_page(fetcher, platform, base, &HashMap::new(), now).await? {
        PageRead::Read { observation, .. } => Ok(observation),
        // Nothing was known to compare with, so nothing can be unchanged.
        PageRead::Unchanged { .. } => Ok(Observation::default()),
    }
}

/// [`PollError::NotWatchable`] when `input` names a catalogued service that cannot be watched.
pub fn not_watchable(input: &str) -> Result<(), PollError> {
    match catalog::unwatchable(input) {
        Some(entry) => Err(PollError::NotWatchable {
            name: entry.name.clone(),
            reason: entry
                .reason
                .clone()
                .unwrap_or_else(|| "its vendor publishes nothing Lookout reads".to_string()),
        }),
        None => Ok(()),
    }
}
