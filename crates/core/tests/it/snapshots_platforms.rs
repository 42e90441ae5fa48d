//! The project's own fixtures of the other platforms (Instatus, Better Stack, status.io, Cachet,
//! Google Cloud, Slack, AWS Health, Heroku, Salesforce Trust, Zendesk, Stripe, Apple and the
//! RSS/Atom feeds,
//! all constructed "Acme" pages or invented events), parsed and snapshot-tested with insta. The
//! key facts of each are asserted beside their parsers' tests (`platforms_*.rs`); here every
//! parsed value is pinned.

use crate::assert_timeline_rules;
use lookout_core::sources::Document;
use lookout_core::Snapshot;

/// `path` under the repository's `tests/fixtures/`, parsed as `document`; its timelines checked.
fn read(document: Document, path: &str) -> Snapshot {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let snapshot = document
        .parse(&body)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    for incident in &snapshot.incidents {
        assert_timeline_rules(incident);
    }
    snapshot
}

#[test]
fn instatus_summary() {
    let snapshot = read(Document::InstatusSummary, "instatus/acme-summary.json");
    insta::assert_json_snapshot!("instatus_summary", snapshot);
}

#[test]
fn instatus_components() {
    let snapshot = read(
        Document::InstatusComponents,
        "instatus/acme-components.json",
    );
    insta::assert_json_snapshot!("instatus_components", snapshot);
}

#[test]
fn instatus_incidents() {
    let snapshot = read(Document::InstatusIncidents, "instatus/acme-incidents.json");
    insta::assert_json_snapshot!("instatus_incidents", snapshot);
}

#[test]
fn betterstack_index() {
    let snapshot = read(Document::BetterStackIndex, "betterstack/acme-index.json");
    insta::assert_json_snapshot!("betterstack_index", snapshot);
}

#[test]
fn statusio_status() {
    let snapshot = read(Document::StatusIoStatus, "statusio/acme-status.json");
    insta::assert_json_snapshot!("statusio_status", snapshot);
}

#[test]
fn cachet_components() {
    let snapshot = read(Document::CachetComponents, "cachet/acme-components.json");
    insta::assert_json_snapshot!("cachet_components", snapshot);
}

#[test]
fn cachet_incidents() {
    let snapshot = read(Document::CachetIncidents, "cachet/acme-incidents.json");
    insta::assert_json_snapshot!("cachet_incidents", snapshot);
}

#[test]
fn gcp_incidents() {
    let snapshot = read(Document::GcpIncidents, "gcp/acme-incidents.json");
    insta::assert_json_snapshot!("gcp_incidents", snapshot);
}

#[test]
fn slack_current() {
    let snapshot = read(Document::SlackCurrent, "slack/acme-current.json");
    insta::assert_json_snapshot!("slack_current", snapshot);
}

#[test]
fn slack_history() {
    let snapshot = read(Document::SlackHistory, "slack/acme-history.json");
    insta::assert_json_snapshot!("slack_history", snapshot);
}

#[test]
fn aws_current_events() {
    let snapshot = read(
        Document::AwsHealthEvents,
        "aws/aws-currentevents-constructed-utf16le.json",
    );
    insta::assert_json_snapshot!("aws_current_events", snapshot);
}

#[test]
fn apple_system_status() {
    let snapshot = read(Document::AppleStatus, "apple/acme-system-status.js");
    insta::assert_json_snapshot!("apple_system_status", snapshot);
}

#[test]
fn feed_statuspage_history_atom() {
    let snapshot = read(Document::Feed, "feeds/acme-history.atom");
    insta::assert_json_snapshot!("feed_statuspage_history_atom", snapshot);
}

#[test]
fn feed_incidentio_atom() {
    let snapshot = read(Document::Feed, "feeds/acme-incidentio-feed.atom");
    insta::assert_json_snapshot!("feed_incidentio_atom", snapshot);
}

#[test]
fn feed_status_rss() {
    let snapshot = read(Document::Feed, "feeds/acme-status.rss");
    insta::assert_json_snapshot!("feed_status_rss", snapshot);
}

#[test]
fn feed_entity_bomb_rss() {
    // Entities are never expanded: what is read is pinned here.
    let snapshot = read(Document::Feed, "feeds/acme-entity-bomb.rss");
    insta::assert_json_snapshot!("feed_entity_bomb_rss", snapshot);
}

#[test]
fn heroku_current_status() {
    let snapshot = read(
        Document::HerokuCurrentStatus,
        "heroku/acme-current-status.json",
    );
    insta::assert_json_snapshot!("heroku_current_status", snapshot);
}

#[test]
fn heroku_incidents() {
    let snapshot = read(Document::HerokuIncidents, "heroku/acme-incidents.json");
    insta::assert_json_snapshot!("heroku_incidents", snapshot);
}

#[test]
fn salesforce_trust_instances() {
    let snapshot = read(
        Document::TrustInstances,
        "salesforce_trust/acme-instances.json",
    );
    insta::assert_json_snapshot!("salesforce_trust_instances", snapshot);
}

#[test]
fn salesforce_trust_incidents() {
    let snapshot = read(
        Document::TrustIncidents,
        "salesforce_trust/acme-incidents-active.json",
    );
    insta::assert_json_snapshot!("salesforce_trust_incidents", snapshot);
}

#[test]
fn zendesk_active() {
    let snapshot = read(Document::ZendeskActive, "zendesk/acme-active.json");
    insta::assert_json_snapshot!("zendesk_active", snapshot);
}

#[test]
fn zendesk_maintenance() {
    let snapshot = read(
        Document::ZendeskMaintenance,
        "zendesk/acme-maintenance.json",
    );
    insta::assert_json_snapshot!("zendesk_maintenance", snapshot);
}

#[test]
fn feed_ibm_cloud_rss() {
    let snapshot = read(Document::Feed, "feeds/acme-ibm-cloud.rss");
    insta::assert_json_snapshot!("feed_ibm_cloud_rss", snapshot);
}

#[test]
fn stripe_current_up() {
    let snapshot = read(Document::StripeCurrent, "stripe/acme-current-up.json");
    insta::assert_json_snapshot!("stripe_current_up", snapshot);
}

#[test]
fn stripe_current_degraded() {
    let snapshot = read(Document::StripeCurrent, "stripe/acme-current-degraded.json");
    insta::assert_json_snapshot!("stripe_current_degraded", snapshot);
}
