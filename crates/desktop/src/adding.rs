//! Adding a provider from the window: a preview of what detection finds at a URL (or catalogue
//! name), then storing it with the components the user chose to watch.

use crate::error::{DesktopError, Result};
use crate::views::{group_components, provider_card, ComponentView, ProviderCard};
use lookout_core::{ComponentStatus, Platform};
use lookout_engine::operations::providers::{Found, NewProvider};
use lookout_engine::Lookout;
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
pub async fn preview(lookout: &Lookout, input: &str) -> Result<Preview> {
    if input.trim().is_empty() {
        return Err(DesktopError::InvalidInput(
            "type a service's name or paste its status page's URL".into(),
        ));
    }
    Ok(preview_of(lookout.find(input).await?))
}

/// What the window shows of what detection `found`.
pub fn preview_of(found: Found) -> Preview {
    let detected = &found.detected;
    let snapshot = &detected.snapshot;
    let components = group_components(&snapshot.components, &[])
        .into_iter()
        .flat_map(|g| g.components)
        .collect();
    Preview {
        url: detected.base.to_string(),
        platform: detected.platform.as_str().to_string(),
        platform_label: detected.platform.label().to_string(),
        notes: detected.notes.clone(),
        components,
        status: snapshot.status(&[]),
        active_incidents: snapshot.active_incidents().count(),
        name: found.name,
    }
}

/// The provider the user confirmed, polled every `default_interval` seconds unless the request
/// says otherwise.
pub fn new_provider(request: &AddProvider, default_interval: u32) -> Result<NewProvider> {
    let platform = Platform::from_name(&request.platform).ok_or_else(|| {
        DesktopError::InvalidInput(format!("unknown platform {:?}", request.platform))
    })?;
    Ok(NewProvider {
        name: request.name.clone(),
        url: request.url.clone(),
        platform,
        poll_interval_secs: request.poll_interval_secs.unwrap_or(default_interval),
    })
}

/// Watches the provider the user confirmed, with the history its page publishes (none of it
/// alerts); it is polled at once. Answers its card.
pub async fn add_provider(
    lookout: &Lookout,
    request: &AddProvider,
    default_interval: u32,
) -> Result<ProviderCard> {
    let new = new_provider(request, default_interval)?;
    let detail = lookout
        .add_detected(new, request.component_ids.clone())
        .await?;
    Ok(provider_card(detail, lookout.clock.now()))
}
