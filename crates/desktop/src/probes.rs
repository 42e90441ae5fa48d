//! The provider page's probes: Lookout's own checks of a vendor's endpoints, listed with how
//! they fare, added and removed from the window (the same rules as `lookout probe`), and the
//! probes the catalogue suggests for it.

use crate::error::{DesktopError, Result};
use chrono::{DateTime, Utc};
use lookout_core::probe::suggested;
use lookout_core::probe::{Expect, DEFAULT_EVERY_SECS, DEFAULT_TIMEOUT_SECS};
use lookout_core::{ProbeId, ProviderId};
use lookout_engine::operations::probes::{NewProbe, Probe};
use lookout_engine::operations::providers::Provider;
use lookout_engine::Lookout;
use serde::{Deserialize, Serialize};

/// One probe as the provider page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ProbeView {
    /// Local id.
    pub id: ProbeId,
    /// What it requests.
    pub url: String,
    /// Seconds between runs.
    pub every_secs: u32,
    /// The status expected (`2xx`, `204`…).
    pub expect: String,
    /// Text the answer must hold, if any.
    pub contains: Option<String>,
    /// Seconds before a run counts as failed.
    pub timeout_secs: u32,
    /// Failures in a row (0 when passing).
    pub failures: u32,
    /// Why the last run failed.
    pub last_error: Option<String>,
    /// When it last ran (`null`: not yet).
    pub last_run_at: Option<DateTime<Utc>>,
    /// How long its last answer took.
    pub last_latency_ms: Option<u32>,
}

impl From<Probe> for ProbeView {
    /// The view of a stored probe: what the window shows, so its URL's credentials and query
    /// values are masked (`••••`), in its last error too.
    fn from(p: Probe) -> Self {
        ProbeView {
            id: p.id,
            url: lookout_core::masked_url(&p.url),
            every_secs: p.every_secs,
            expect: p.expect.to_string(),
            contains: p.contains,
            timeout_secs: p.timeout_secs,
            failures: p.failures,
            last_error: p.last_error.as_deref().map(lookout_core::masked_urls_in),
            last_run_at: p.last_run_at,
            last_latency_ms: p.last_latency_ms,
        }
    }
}

/// What the window sends to add a probe (defaults as for `lookout probe add`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(default)]
pub struct AddProbe {
    /// The URL to request (http or https).
    pub url: String,
    /// The status expected: `2xx` (default) or a code such as `204`.
    pub expect: Option<String>,
    /// Text the answer must hold.
    pub contains: Option<String>,
    /// Seconds between runs (default 30, at least 10).
    pub every_secs: Option<u32>,
    /// Seconds before a run counts as failed (default 10).
    pub timeout_secs: Option<u32>,
}

/// A probe the catalogue suggests for the provider: a public endpoint its vendor documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ProbeSuggestion {
    /// The endpoint.
    pub url: String,
    /// The status a healthy endpoint answers (`2xx`, `401`…).
    pub expect: String,
    /// Text a healthy answer holds, if any.
    pub contains: Option<String>,
    /// Where the vendor documents it (a URL, then a few words).
    pub source: String,
    /// The provider probes it already.
    pub probed: bool,
}

/// The probes the catalogue suggests for `provider` (matched by its page's address, else its
/// name), each marked when one of `probes` (its own) requests it already; empty when its vendor
/// documents none.
pub fn suggestions_for(provider: &Provider, probes: &[Probe]) -> Vec<ProbeSuggestion> {
    suggested::for_provider(&provider.name, &provider.url)
        .into_iter()
        .map(|s| ProbeSuggestion {
            url: s.url.clone(),
            expect: s.expect.clone(),
            contains: s.contains.clone(),
            source: s.source.clone(),
            probed: probes.iter().any(|p| p.url == s.url),
        })
        .collect()
}

/// The views of `probes`.
pub fn probe_views(probes: Vec<Probe>) -> Vec<ProbeView> {
    probes.into_iter().map(ProbeView::from).collect()
}

/// The probe `request` asks for on provider `provider_id`, with `lookout probe add`'s defaults.
pub fn new_probe(provider_id: ProviderId, request: &AddProbe) -> Result<NewProbe> {
    let expect = match request.expect.as_deref().map(str::trim) {
        None | Some("") => Expect::default(),
        Some(text) => Expect::parse(text).map_err(DesktopError::InvalidInput)?,
    };
    let every_secs = request.every_secs.unwrap_or(DEFAULT_EVERY_SECS);
    Ok(NewProbe {
        provider_id,
        url: request.url.trim().to_string(),
        every_secs,
        expect,
        contains: request.contains.clone().filter(|t| !t.is_empty()),
        timeout_secs: request
            .timeout_secs
            .unwrap_or(DEFAULT_TIMEOUT_SECS)
            .min(every_secs),
        allow_private: false,
    })
}

/// The probes the catalogue suggests for provider `provider_id`.
pub async fn probe_suggestions(
    lookout: &Lookout,
    provider_id: ProviderId,
) -> Result<Vec<ProbeSuggestion>> {
    let provider = lookout
        .provider(provider_id)
        .await?
        .ok_or_else(|| DesktopError::NotFound(format!("no provider #{provider_id}")))?;
    let probes = lookout.probes(Some(provider_id)).await?;
    Ok(suggestions_for(&provider, &probes))
}

/// The provider's probes.
pub async fn provider_probes(lookout: &Lookout, provider_id: ProviderId) -> Result<Vec<ProbeView>> {
    Ok(probe_views(lookout.probes(Some(provider_id)).await?))
}

/// Adds a probe to the provider; answers its probes.
pub async fn add_probe(
    lookout: &Lookout,
    provider_id: ProviderId,
    request: &AddProbe,
) -> Result<Vec<ProbeView>> {
    lookout.add_probe(new_probe(provider_id, request)?).await?;
    provider_probes(lookout, provider_id).await
}

/// Removes the provider's probe `probe_id` (a suspicion it alone kept up is cleared); answers
/// its probes.
pub async fn remove_probe(
    lookout: &Lookout,
    provider_id: ProviderId,
    probe_id: ProbeId,
) -> Result<Vec<ProbeView>> {
    lookout.remove_probe_of(provider_id, probe_id).await?;
    provider_probes(lookout, provider_id).await
}
