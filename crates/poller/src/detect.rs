//! Platform detection: from any status-page URL a user pastes to the platform and base URL to
//! poll, by probing each platform's own document in [`Platform::ALL`] order (incident.io first: its
//! pages also answer the Statuspage-compatible paths, with less detail).

use crate::error::PollError;
use crate::fetch::{Fetched, Fetcher};
use crate::sniff::{sniff, Clues};
use chrono::{DateTime, Utc};
use lookout_core::sources::endpoints::{
    aws_health_url, base_url, endpoints, feed_candidates, salesforce_trust_url, statusio_url,
    Endpoint,
};
use lookout_core::sources::{apple, gcp, stripe};
use lookout_core::{Platform, Snapshot};
use url::Url;

/// What detection found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The platform.
    pub platform: Platform,
    /// The page's base URL.
    pub base: Url,
    /// The first document read, parsed (for a preview of name and components).
    pub snapshot: Snapshot,
    /// What was found on the way, in words (for the preview).
    pub notes: Vec<String>,
}

impl Detected {
    /// The page's own name, else its host.
    pub fn name(&self) -> String {
        self.snapshot
            .page
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.base.host_str().unwrap_or("status page").to_string())
    }
}

/// Finds which platform serves `input` (a page, API or feed URL, with or without scheme).
pub async fn detect(
    fetcher: &Fetcher,
    input: &str,
    now: DateTime<Utc>,
) -> Result<Detected, PollError> {
    let base = base_url(input).map_err(PollError::Url)?;
    let clues = page_clues(fetcher, input, &base, now).await?;
    let mut notes = clues.notes.clone();
    let mut tried = Vec::new();
    for (platform, base, documents) in probes(input, &base, &clues) {
        let Some(probe) = documents.into_iter().find(|e| e.required) else {
            continue;
        };
        match read_probe(fetcher, &probe, now).await {
            Ok(mut snapshot) => {
                if platform == Platform::Gcp {
                    gcp::fit_to_dashboard(&mut snapshot, &base);
                }
                if platform == Platform::Apple {
                    apple::fit_to_document(&mut snapshot, &base);
                }
                notes.push(format!(
                    "read {} as {}",
                    lookout_core::masked_url(probe.url.as_str()),
                    probe.document.describe()
                ));
                return Ok(Detected {
                    platform,
                    base,
                    snapshot,
                    notes,
                });
            }
            // Rate limiting, a timeout or no connection says nothing about the platform: report it as it is.
            Err(
                error @ (PollError::RateLimited { .. }
                | PollError::Timeout { .. }
                | PollError::Connect { .. }
                | PollError::TooLarge { .. }),
            ) => return Err(error),
            Err(error) => tried.push(format!(
                "{platform} at {}: {}",
                probe.url.path(),
                brief(&error)
            )),
        }
    }
    Err(PollError::NotDetected {
        url: base.to_string(),
        found: what_was_found(&clues),
        tried: tried.join("; "),
    })
}

/// What an unreadable page showed, said so a user knows what to do next.
fn what_was_found(clues: &Clues) -> String {
    if let Some(feed) = clues.feeds.first() {
        return format!(
            "it links a feed at {feed}, which did not read as RSS or Atom; if the vendor \
             publishes another feed, add that URL"
        );
    }
    if !clues.platforms.is_empty() {
        let named: Vec<&str> = clues.platforms.iter().map(|p| p.label()).collect();
        return format!(
            "its HTML names {}, but that platform's documents did not read at this address \
             (a custom domain may hide them: try the page's address on the platform's own domain)",
            named.join(" and ")
        );
    }
    // The common platforms first, then the vendors' own pages (any platform added later last).
    const COMMON: [Platform; 6] = [
        Platform::Statuspage,
        Platform::IncidentIo,
        Platform::Instatus,
        Platform::BetterStack,
        Platform::StatusIo,
        Platform::Cachet,
    ];
    let mut platforms: Vec<Platform> = Platform::ALL
        .into_iter()
        .filter(|p| *p != Platform::Feed)
        .collect();
    platforms.sort_by_key(|p| COMMON.iter().position(|c| c == p).unwrap_or(COMMON.len()));
    let readable: Vec<&str> = platforms.into_iter().map(Platform::label).collect();
    format!(
        "its format is not supported (Lookout reads {}, and RSS or Atom feeds); if the vendor \
         publishes an RSS or Atom feed of its status, add that feed's URL",
        readable.join(", ")
    )
}

/// What to probe, in order: Stripe first for a URL on its status host, then the platforms the
/// page's HTML mentions, then the rest; AWS, Apple, Salesforce Trust and status.io only for their own
/// URLs (or a page id the HTML names); feeds the page links, then the usual feed paths.
fn probes(input: &str, base: &Url, clues: &Clues) -> Vec<(Platform, Url, Vec<Endpoint>)> {
    let stripe_site = stripe::is_stripe_site(input).then_some(Platform::Stripe);
    let mut order: Vec<Platform> = Vec::new();
    for platform in stripe_site
        .into_iter()
        .chain(clues.platforms.iter().copied())
        .chain(Platform::ALL)
    {
        if !order.contains(&platform) {
            order.push(platform);
        }
    }
    let mut probes = Vec::new();
    let mut probe = |platform: Platform, url: Url| {
        let documents = endpoints(platform, &url);
        probes.push((platform, url, documents));
    };
    for platform in order {
        match platform {
            // Only for a URL on AWS Health's own host: no other page is probed for it.
            Platform::Aws => aws_health_url(input)
                .into_iter()
                .for_each(|u| probe(platform, u)),
            // Only for Apple's own pages, or a URL of its document.
            Platform::Apple => apple::status_url(input)
                .into_iter()
                .for_each(|u| probe(platform, u)),
            Platform::SalesforceTrust => salesforce_trust_url(input)
                .into_iter()
                .for_each(|u| probe(platform, u)),
            Platform::StatusIo => statusio_url(input)
                .into_iter()
                .chain(clues.statusio.clone())
                .for_each(|u| probe(platform, u)),
            // Any page, by the shape of its `current` document (a pasted one cut back).
            Platform::Stripe => probe(platform, stripe::page_base(input, base)),
            Platform::Feed => clues
                .feeds
                .iter()
                .cloned()
                .chain(
                    feed_candidates(input, base)
                        .into_iter()
                        .filter(|u| !clues.feeds.contains(u)),
                )
                .for_each(|u| probe(platform, u)),
            _ => probe(platform, base.clone()),
        }
    }
    probes
}

/// Fetches one probe's document and parses it.
async fn read_probe(
    fetcher: &Fetcher,
    probe: &Endpoint,
    now: DateTime<Utc>,
) -> Result<Snapshot, PollError> {
    match fetcher.fetch(probe.url.as_str(), None, now).await? {
        Fetched::Body { bytes, .. } => {
            probe
                .document
                .parse(&bytes)
                .map_err(|source| PollError::Unreadable {
                    url: probe.url.to_string(),
                    source,
                })
        }
        Fetched::NotModified => Err(PollError::Status {
            url: probe.url.to_string(),
            status: 304,
        }),
    }
}

/// Fetches the page itself and reads its HTML for clues. A page that cannot be reached at all
/// (no connection, time-out, rate limiting) ends detection here with that error; any other
/// failure only means no clues.
async fn page_clues(
    fetcher: &Fetcher,
    input: &str,
    base: &Url,
    now: DateTime<Utc>,
) -> Result<Clues, PollError> {
    let page = Url::parse(input.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| base.clone());
    match fetcher.fetch(page.as_str(), None, now).await {
        Ok(Fetched::Body { bytes, .. }) => Ok(sniff(&String::from_utf8_lossy(&bytes), &page)),
        Ok(Fetched::NotModified) => Ok(Clues::default()),
        Err(
            error @ (PollError::RateLimited { .. }
            | PollError::Timeout { .. }
            | PollError::Connect { .. }),
        ) => Err(error),
        Err(_) => Ok(Clues::default()),
    }
}

/// The part of a probe's failure that tells platforms apart, without repeating the URL.
fn brief(error: &PollError) -> String {
    match error {
        PollError::Status { status, .. } => format!("HTTP {status}"),
        PollError::Unreadable { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}
