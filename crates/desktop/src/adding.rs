//! Adding a provider from the window: a preview of what detection finds at a URL (or catalogue
//! name), then storing it with the components the user chose to watch.

use crate::error::{DesktopError, Result};
use crate::views::{group_components, provider_card, ComponentView, ProviderCard};
use chrono::{DateTime, Utc};
use lookout_core::diff::Observation;
use lookout_core::{ComponentStatus, Platform};
use lookout_poller::{find, Fetcher};
use lookout_store::{NewProvider, Store};
use serde::{Deserialize, Serialize};

/// What detection found, for the user to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
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
    let found = find(fetcher, input, now).await?;
    let detected = &found.detected;
    let snapshot = &detected.snapshot;
    let components = group_components(&snapshot.components, &[])
        .into_iter()
        .flat_map(|g| g.components)
        .collect();
    Ok(Preview {
        url: detected.base.to_string(),
        platform: detected.platform.as_str().to_string(),
        platform_label: detected.platform.label().to_string(),
        notes: detected.notes.clone(),
        components,
        status: snapshot.status(&[]),
        active_incidents: snapshot.active_incidents().count(),
        name: found.name,
    })
}

fn platform_of(request: &AddProvider) -> Result<Platform> {
    Platform::from_name(&request.platform).ok_or_else(|| {
        DesktopError::InvalidInput(format!("unknown platform {:?}", request.platform))
    })
}

/// Reads the whole page the user confirmed (its incident history too), to store with it; `None`
/// when it cannot be read now (logged: its first poll reads it).
pub async fn read_history(
    fetcher: &Fetcher,
    request: &AddProvider,
    now: DateTime<Utc>,
) -> Option<Observation> {
    let platform = platform_of(request).ok()?;
    let base = url::Url::parse(&request.url).ok()?;
    match lookout_poller::read_history(fetcher, platform, &base, now).await {
        Ok(history) => Some(history),
        Err(error) => {
            log::warn!(
                "{}: history not read as it was added: {error}",
                request.name
            );
            None
        }
    }
}

/// Stores a provider the user confirmed, with the `history` its page publishes (see
/// [`read_history`]; none of it alerts); it is polled on the watch loop's next tick.
pub fn add_provider(
    store: &mut Store,
    request: &AddProvider,
    default_interval: u32,
    history: Option<&Observation>,
    now: DateTime<Utc>,
) -> Result<ProviderCard> {
    let provider = store.add_provider_watching(
        &NewProvider {
            name: request.name.clone(),
            url: request.url.clone(),
            platform: platform_of(request)?,
            poll_interval_secs: request.poll_interval_secs.unwrap_or(default_interval),
        },
        &request.component_ids,
        history,
        now,
    )?;
    provider_card(store, &provider, now)
}
