//! Adding a provider from the window: whether what the user typed is watched already, a preview
//! of what detection finds at a URL (or catalogue name), then storing it with the components the
//! user chose to watch.

use crate::error::{DesktopError, Result};
use crate::views::{group_components, provider_card, ComponentView, ProviderCard};
use lookout_core::{catalog, ComponentStatus, Platform, ProviderId};
use lookout_engine::operations::providers::{Found, NewProvider, Provider};
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

/// A provider already watched, named by what the user typed in "Add a service".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct Watching {
    /// Its id (its page is `#/provider/<id>`).
    pub id: ProviderId,
    /// Its name.
    pub name: String,
}

/// The provider among `providers` that `input` names, if one does: its name (any case), a
/// catalogue name or alias of the page it watches, or a URL of its page or of any page under it
/// (scheme, `www.` and a trailing slash aside). Nothing is read from the network.
pub fn already_watching(input: &str, providers: &[Provider]) -> Option<Watching> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    let (catalogued, url) = catalog::resolve(input);
    let named = |p: &Provider| {
        p.name.eq_ignore_ascii_case(input)
            || catalogued
                .as_deref()
                .is_some_and(|name| p.name.eq_ignore_ascii_case(name))
    };
    let wanted = page_key(&url);
    let found = providers.iter().find(|p| named(p)).or_else(|| {
        let wanted = wanted.as_ref()?;
        providers.iter().find(|p| {
            page_key(&p.url).is_some_and(|(host, path)| {
                host == wanted.0 && (wanted.1 == path || wanted.1.starts_with(&format!("{path}/")))
            })
        })
    })?;
    Some(Watching {
        id: found.id,
        name: found.name.clone(),
    })
}

/// A page's address as compared: its host in lower case without `www.`, and its path without a
/// trailing slash (`""` for the root); `None` for what is not an http(s) address. An address
/// typed without a scheme is read as https.
fn page_key(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("https://{text}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if !host.contains('.') && host != "localhost" && url.port().is_none() {
        return None; // a word typed, not an address
    }
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    };
    Some((host, url.path().trim_end_matches('/').to_string()))
}
