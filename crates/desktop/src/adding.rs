//! Adding a provider from the window: a preview of what detection finds at a URL (or catalogue
//! name), then storing it with the components the user chose to watch.

use crate::error::{DesktopError, Result};
use crate::settings::POLL_INTERVAL_RANGE;
use crate::views::{group_components, provider_card, ComponentView, ProviderCard};
use chrono::{DateTime, Utc};
use lookout_core::{catalog, ComponentStatus, Platform};
use lookout_poller::{detect, Fetcher};
use lookout_store::{NewProvider, Store};
use serde::{Deserialize, Serialize};

/// What detection found, for the user to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The catalogue's name, else the page's own name, else its host.
    pub name: String,
    /// The base URL that will be polled.
    pub url: String,
    /// Platform word.
    pub platform: String,
    /// Platform name for people.
    pub platform_label: String,
    /// What detection found on the way.
    pub notes: Vec<String>,
    /// The page's components (all watched until the user unticks some).
    pub components: Vec<ComponentView>,
    /// The page's worst component status right now.
    pub status: ComponentStatus,
    /// Incidents open right now.
    pub active_incidents: usize,
}

/// What the window sends to add a provider.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AddProvider {
    /// The preview's base URL.
    pub url: String,
    /// Display name.
    pub name: String,
    /// The preview's platform word.
    pub platform: String,
    /// Components to watch; empty for all.
    #[serde(default)]
    pub component_ids: Vec<String>,
    /// Seconds between polls (the default setting when absent).
    #[serde(default)]
    pub poll_interval_secs: Option<u32>,
}

/// Reads `input` (a status-page URL, any page of it, or a catalogue name) and says what it is.
pub async fn preview(fetcher: &Fetcher, input: &str, now: DateTime<Utc>) -> Result<Preview> {
    if input.trim().is_empty() {
        return Err(DesktopError::InvalidInput(
            "type a service's name or paste its status page's URL".into(),
        ));
    }
    let (known, url) = catalog::resolve(input);
    let detected = detect(fetcher, &url, now).await?;
    let snapshot = &detected.snapshot;
    let components = group_components(&snapshot.components, &[])
        .into_iter()
        .flat_map(|g| g.components)
        .collect();
    Ok(Preview {
        name: known.unwrap_or_else(|| detected.name()),
        url: detected.base.to_string(),
        platform: detected.platform.as_str().to_string(),
        platform_label: detected.platform.label().to_string(),
        notes: detected.notes.clone(),
        components,
        status: ComponentStatus::worst(snapshot.components.iter().map(|c| &c.status)),
        active_incidents: snapshot
            .incidents
            .iter()
            .filter(|i| !i.status.is_resolved())
            .count(),
    })
}

/// Stores a provider the user confirmed; it is polled on the watch loop's next tick.
pub fn add_provider(
    store: &mut Store,
    request: &AddProvider,
    default_interval: u32,
    now: DateTime<Utc>,
) -> Result<ProviderCard> {
    let platform = Platform::from_name(&request.platform).ok_or_else(|| {
        DesktopError::InvalidInput(format!("unknown platform {:?}", request.platform))
    })?;
    let name = request.name.trim();
    if name.is_empty() {
        return Err(DesktopError::InvalidInput(
            "the name cannot be empty".into(),
        ));
    }
    if !(request.url.starts_with("https://") || request.url.starts_with("http://")) {
        return Err(DesktopError::InvalidInput(
            "the status page's URL must start with https:// or http://".into(),
        ));
    }
    let interval = request.poll_interval_secs.unwrap_or(default_interval);
    if !POLL_INTERVAL_RANGE.contains(&interval) {
        return Err(DesktopError::InvalidInput(
            "the poll interval must be between 10 seconds and a day".into(),
        ));
    }
    let provider = store.add_provider(
        &NewProvider {
            name: name.to_string(),
            url: request.url.clone(),
            platform,
            poll_interval_secs: interval,
        },
        now,
    )?;
    store.set_watched_components(provider.id, &request.component_ids)?;
    provider_card(store, &provider, now)
}
