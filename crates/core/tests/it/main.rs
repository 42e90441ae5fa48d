//! Integration tests of the status-page parsers: conformance over the real payloads in the
//! shared fixtures folder, snapshots of the project's own fixtures, and hostile input; plus the
//! built-in vendor catalogue's validation and search.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_input;
mod catalog;
mod catalog_packages;
mod catalog_sources;
mod conformance;
mod conformance_vendors;
mod dates_out_of_range;
mod downtime;
mod fuzz;
pub mod fuzz_inputs;
mod honesty;
mod hostile_pages;
mod platforms_apple;
mod platforms_aws;
mod platforms_azure_devops;
mod platforms_feeds;
mod platforms_feeds_reading;
mod platforms_gcp_slack;
mod platforms_google_dashboards;
mod platforms_heroku;
mod platforms_history;
mod platforms_ibm_cloud;
mod platforms_json;
mod platforms_json_fuzz;
mod platforms_json_shared;
mod platforms_salesforce_trust;
mod platforms_stripe;
mod platforms_zendesk;
mod probe_suggestions;
mod services;
mod snapshots;
mod snapshots_platforms;
mod template_examples;

use chrono::{DateTime, Utc};
use lookout_core::{Incident, Snapshot, SourceError};

/// One of the five parsers.
pub type Parser = fn(&[u8]) -> Result<Snapshot, SourceError>;

/// Every parser, with its name for messages.
pub const PARSERS: [(&str, Parser); 5] = [
    (
        "statuspage::parse_summary",
        lookout_core::sources::statuspage::parse_summary,
    ),
    (
        "statuspage::parse_incidents",
        lookout_core::sources::statuspage::parse_incidents,
    ),
    (
        "statuspage::parse_maintenances",
        lookout_core::sources::statuspage::parse_maintenances,
    ),
    (
        "incidentio::parse_summary",
        lookout_core::sources::incidentio::parse_summary,
    ),
    (
        "incidentio::parse_incidents",
        lookout_core::sources::incidentio::parse_incidents,
    ),
];

/// An RFC 3339 instant.
pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("bad test time {text}: {e}"))
        .with_timezone(&Utc)
}

/// The incident with `id`.
pub fn incident<'a>(snapshot: &'a Snapshot, id: &str) -> &'a Incident {
    snapshot
        .incidents
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no incident {id}"))
}

/// The timeline invariants every parsed incident must hold.
pub fn assert_timeline_rules(incident: &Incident) {
    let id = &incident.id;
    for pair in incident.updates.windows(2) {
        assert!(pair[0].at <= pair[1].at, "{id}: updates not oldest first");
    }
    for update in &incident.updates {
        assert!(
            incident.started_at <= update.at,
            "{id}: started_at after update {}",
            update.id
        );
    }
    if incident.status.is_resolved() {
        let end = incident
            .resolved_at
            .unwrap_or_else(|| panic!("{id}: resolved without resolved_at"));
        if let Some(first) = incident.updates.iter().find(|u| u.status.is_resolved()) {
            assert_eq!(
                end, first.at,
                "{id}: resolved_at is not the first resolving update"
            );
        }
        assert!(end >= incident.started_at, "{id}: ends before it starts");
    } else {
        assert_eq!(incident.resolved_at, None, "{id}: open but resolved_at set");
    }
}

/// The real vendor payloads beside the project (third-party data, read in place, never copied).
pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");

/// The bytes of `path` under the shared fixtures, or `None` (with a note) when they are absent.
pub fn shared(path: &str) -> Option<Vec<u8>> {
    let dir = std::path::Path::new(SHARED);
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/fixtures not found");
        return None;
    }
    Some(std::fs::read(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}")))
}

pub use fuzz_inputs::json_document;
