//! Reading one page: fetch every document its platform serves, parse each, and merge them into
//! one observation. A page whose every document is as last read (answered 304, or a body hashing
//! the same) is not parsed; a required document failing fails the read, an optional one only
//! loses history.

use crate::error::PollError;
use crate::fetch::{Fetched, Fetcher};
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use lookout_core::diff::Observation;
use lookout_core::sources::endpoints::{endpoints, Endpoint};
use lookout_core::sources::Document;
use lookout_core::{Platform, Snapshot};
use lookout_store::Validators;
use std::collections::HashMap;
use url::Url;

/// The result of reading a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRead {
    /// Every document is as last read: answered "not modified", or sent a body that hashes as the
    /// one last read. Nothing was parsed.
    Unchanged {
        /// URL → validators to remember, for the documents that came back with the same body
        /// but new `ETag`/`Last-Modified`.
        refreshed: Vec<(String, Validators)>,
    },
    /// The page as read now, with the validators to remember per URL.
    Read {
        /// What was observed.
        observation: Observation,
        /// URL → validators for the next conditional request.
        validators: Vec<(String, Validators)>,
    },
}

impl PageRead {
    /// Unchanged, with nothing new to remember: the read has nothing to store but its success.
    pub fn is_quiet(&self) -> bool {
        matches!(self, PageRead::Unchanged { refreshed } if refreshed.is_empty())
    }
}

/// Does a document list every current maintenance (so a vanished one has ended)?
fn lists_all_current_maintenances(document: Document) -> bool {
    matches!(
        document,
        Document::StatuspageSummary | Document::IncidentIoIncidents
    )
}

/// Reads the page at `base` as `platform`. `known` gives the stored validators per URL
/// (empty: fetch everything unconditionally).
pub async fn read_page(
    fetcher: &Fetcher,
    platform: Platform,
    base: &Url,
    known: &HashMap<String, Validators>,
    now: DateTime<Utc>,
) -> Result<PageRead, PollError> {
    let targets = endpoints(platform, base);
    // A page's documents are fetched together: a slow one delays the poll by its own time only.
    let results = join_all(targets.iter().map(|endpoint| {
        let url = endpoint.url.as_str();
        fetcher.fetch(url, known.get(url), now)
    }))
    .await;
    if let Some(refreshed) = unchanged(&targets, &results, known) {
        return Ok(PageRead::Unchanged { refreshed });
    }
    let mut observation = Observation::default();
    let mut merged: Option<Snapshot> = None;
    let mut validators = Vec::new();
    for (endpoint, result) in targets.iter().zip(results) {
        let url = endpoint.url.as_str();
        let result = match result {
            // Part of the page changed: an unchanged document must be read again to be merged.
            Ok(Fetched::NotModified) => fetcher.fetch(url, None, now).await,
            other => other,
        };
        match parse(endpoint, result) {
            Ok((snapshot, fresh)) => {
                validators.push((url.to_string(), fresh));
                observation.maintenances_complete |=
                    lists_all_current_maintenances(endpoint.document);
                match merged.as_mut() {
                    None => merged = Some(snapshot),
                    Some(so_far) => so_far.merge(snapshot),
                }
            }
            Err(error) if endpoint.required => return Err(error),
            Err(error) => {
                log::warn!("{} skipped: {error}", endpoint.document.describe());
                // Not part of what is saved now: never take it as unchanged next time.
                validators.push((url.to_string(), Validators::default()));
            }
        }
    }
    observation.snapshot = merged.unwrap_or_default();
    fit_to_page(platform, base, &mut observation.snapshot);
    Ok(PageRead::Read {
        observation,
        validators,
    })
}

/// What the documents of some platforms need to tell of the page at `base` alone.
fn fit_to_page(platform: Platform, base: &Url, snapshot: &mut Snapshot) {
    if platform == Platform::SalesforceTrust {
        // Trust lists every Salesforce product's incidents: keep this page's own.
        lookout_core::sources::salesforce_trust::keep_page_events(snapshot);
    }
    if platform == Platform::Gcp {
        // Firebase, Workspace and Google's other dashboards serve Google Cloud's document.
        lookout_core::sources::gcp::fit_to_dashboard(snapshot, base);
    }
    if platform == Platform::Apple {
        // Apple's consumer and developer documents name neither page.
        lookout_core::sources::apple::fit_to_document(snapshot, base);
    }
    if platform == Platform::IncidentIo {
        // incident.io's JSON carries no links; its pages serve each incident at /incidents/<id>.
        for incident in &mut snapshot.incidents {
            if incident.url.is_none() {
                incident.url = base
                    .join(&format!("incidents/{}", incident.id))
                    .ok()
                    .map(String::from);
            }
        }
    }
}

/// When every document is as last read (`known`), the validators to refresh; `None` when one
/// changed or failed.
fn unchanged(
    targets: &[Endpoint],
    results: &[Result<Fetched, PollError>],
    known: &HashMap<String, Validators>,
) -> Option<Vec<(String, Validators)>> {
    let mut refreshed = Vec::new();
    for (endpoint, result) in targets.iter().zip(results) {
        let url = endpoint.url.as_str();
        match result {
            Ok(Fetched::NotModified) => {}
            Ok(Fetched::Body { validators, .. }) => {
                let last = known.get(url)?;
                if last.body_hash.is_none() || last.body_hash != validators.body_hash {
                    return None;
                }
                if last != validators {
                    refreshed.push((url.to_string(), validators.clone()));
                }
            }
            Err(_) => return None,
        }
    }
    Some(refreshed)
}

fn parse(
    endpoint: &Endpoint,
    fetched: Result<Fetched, PollError>,
) -> Result<(Snapshot, Validators), PollError> {
    let url = endpoint.url.as_str();
    match fetched? {
        Fetched::NotModified => Err(PollError::Status {
            url: url.to_string(),
            status: 304,
        }),
        Fetched::Body { bytes, validators } => endpoint
            .document
            .parse(&bytes)
            .map(|snapshot| (snapshot, validators))
            .map_err(|source| PollError::Unreadable {
                url: url.to_string(),
                source,
            }),
    }
}
