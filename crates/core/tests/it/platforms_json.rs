//! The JSON parsers of Instatus, Better Stack, status.io, Cachet, Heroku, Salesforce Trust,
//! Zendesk and Stripe: the project's own Acme fixtures (under the repo's `tests/fixtures/<platform>/`) and
//! hostile input (shared by all of them through [`JSON_PARSERS`]).

use crate::{assert_timeline_rules, incident, utc, Parser};
use lookout_core::sources::{
    betterstack, cachet, heroku, instatus, salesforce_trust, statusio, stripe, zendesk,
};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};

/// (name, group, status word, position) of a component, for compact asserts.
type Row<'a> = (&'a str, Option<&'a str>, &'a str, (i64, i64));

const OWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn own(path: &str) -> Vec<u8> {
    std::fs::read(format!("{OWN}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The JSON parsers added with this module.
pub const JSON_PARSERS: &[(&str, Parser)] = &[
    ("instatus::parse_summary", instatus::parse_summary),
    ("instatus::parse_components", instatus::parse_components),
    ("instatus::parse_incidents", instatus::parse_incidents),
    ("cachet::parse_components", cachet::parse_components),
    ("cachet::parse_incidents", cachet::parse_incidents),
    ("statusio::parse_status", statusio::parse_status),
    ("betterstack::parse_index", betterstack::parse_index),
    ("heroku::parse_current_status", heroku::parse_current_status),
    ("heroku::parse_incidents", heroku::parse_incidents),
    (
        "salesforce_trust::parse_instances",
        salesforce_trust::parse_instances,
    ),
    (
        "salesforce_trust::parse_incidents",
        salesforce_trust::parse_incidents,
    ),
    ("zendesk::parse_active", zendesk::parse_active),
    ("zendesk::parse_maintenance", zendesk::parse_maintenance),
    ("stripe::parse_current", stripe::parse_current),
];

#[test]
fn instatus_acme_summary() {
    let snapshot = instatus::parse_summary(&own("instatus/acme-summary.json")).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Acme"));
    assert!(snapshot.components.is_empty());
    // The undated one is skipped; newest first.
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["cacme0incident0api", "cacme0incident0dash"]);
    let api = incident(&snapshot, "cacme0incident0api");
    assert_eq!(api.status, IncidentStatus::Monitoring);
    assert_eq!(api.impact, Impact::Major);
    assert_eq!(api.started_at, utc("2026-04-01T09:00:00Z"));
    assert_eq!(api.resolved_at, None);
    let dash = incident(&snapshot, "cacme0incident0dash");
    assert_eq!(dash.started_at, utc("2026-04-01T06:00:00Z"));
    assert_eq!(dash.impact, Impact::Minor);
    for i in &snapshot.incidents {
        assert_timeline_rules(i);
    }
    let [db] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected");
    };
    assert_eq!(db.status, MaintenanceStatus::Scheduled);
    assert_eq!(db.scheduled_for, Some(utc("2026-04-02T22:00:00Z")));
    assert_eq!(db.scheduled_until, Some(utc("2026-04-02T23:30:00Z")));
}

#[test]
fn instatus_acme_components() {
    let snapshot = instatus::parse_components(&own("instatus/acme-components.json")).unwrap();
    let rows: Vec<(&str, Option<&str>, &str)> = snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref(), c.status.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Website", None, "operational"),
            ("API", Some("Core"), "partial_outage"),
            ("Database", Some("Core"), "under_maintenance"),
            ("Mail", Some("Core"), "SOMETHINGNEW"),
        ]
    );
    assert_eq!(snapshot.worst_status(), ComponentStatus::PartialOutage);
    // The object-wrapped form reads the same.
    let wrapped = format!(
        "{{\"components\":{}}}",
        String::from_utf8(own("instatus/acme-components.json")).unwrap()
    );
    assert_eq!(
        instatus::parse_components(wrapped.as_bytes()).unwrap(),
        snapshot
    );
}

#[test]
fn cachet_acme_components() {
    let snapshot = cachet::parse_components(&own("cachet/acme-components.json")).unwrap();
    let rows: Vec<(&str, &str, &str, (i64, i64))> = snapshot
        .components
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.name.as_str(),
                c.status.as_str(),
                c.position,
            )
        })
        .collect();
    // The disabled "Legacy" is skipped; string ids and statuses read like numbers.
    assert_eq!(
        rows,
        [
            ("3", "Search", "degraded_performance", (0, 0)),
            ("1", "Website", "operational", (1, 0)),
            ("2", "API", "partial_outage", (1, 1)),
            ("5", "Reports", "Unknown", (1, 2)),
        ]
    );
    assert!(snapshot.components.iter().all(|c| c.group.is_none()));
    assert_eq!(snapshot.worst_status(), ComponentStatus::PartialOutage);
}

#[test]
fn cachet_acme_incidents() {
    let snapshot = cachet::parse_incidents(&own("cachet/acme-incidents.json")).unwrap();
    // The hidden one is skipped, the scheduled one is a maintenance.
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["11", "10"]);
    let api = incident(&snapshot, "10");
    assert_eq!(api.status, IncidentStatus::Resolved);
    assert_eq!(api.started_at, utc("2026-04-01T08:55:00Z"));
    assert_eq!(api.resolved_at, Some(utc("2026-04-01T10:15:00Z")));
    let order: Vec<&str> = api.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, ["100", "101", "102"]);
    assert_eq!(api.updates[1].status, IncidentStatus::Monitoring);
    assert_eq!(api.component_ids, ["2"]);
    let search = incident(&snapshot, "11");
    assert_eq!(search.status, IncidentStatus::Investigating);
    assert_eq!(search.updates.len(), 1);
    assert_eq!(search.updates[0].body, "Looking into it.");
    assert!(search.component_ids.is_empty());
    for i in &snapshot.incidents {
        assert_timeline_rules(i);
    }
    let [planned] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected");
    };
    assert_eq!(planned.id, "12");
    assert_eq!(planned.status, MaintenanceStatus::Scheduled);
    assert_eq!(planned.scheduled_for, Some(utc("2026-04-05T22:00:00Z")));
}

#[test]
fn statusio_acme_status() {
    let snapshot = statusio::parse_status(&own("statusio/acme-status.json")).unwrap();
    let rows: Vec<(&str, &str, &str)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.status.as_str()))
        .collect();
    // Containers are not components; "Billing" has no code and takes its worst container's.
    assert_eq!(
        rows,
        [
            ("acme0api", "API", "partial_outage"),
            ("acme0web", "Website", "operational"),
            ("acme0auth", "Login", "security_event"),
            ("Billing", "Billing", "degraded_performance"),
            ("Docs", "Docs", "unknown"),
        ]
    );
    assert_eq!(snapshot.worst_status(), ComponentStatus::PartialOutage);
    let inc = incident(&snapshot, "acme0inc1");
    assert_eq!(inc.status, IncidentStatus::Identified);
    assert_eq!(inc.impact, Impact::Major);
    assert_eq!(inc.started_at, utc("2026-04-01T08:50:00Z"));
    assert_eq!(inc.resolved_at, None);
    let order: Vec<&str> = inc.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, ["acme0msg1", "acme0msg2"]);
    assert_eq!(inc.component_ids, ["acme0api"]);
    assert_timeline_rules(inc);
    let windows: Vec<(&str, &MaintenanceStatus, Vec<String>)> = snapshot
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), &m.status, m.component_ids.clone()))
        .collect();
    assert_eq!(
        windows,
        [
            (
                "acme0mnt2",
                &MaintenanceStatus::Scheduled,
                vec!["acme0web".to_string()]
            ),
            (
                "acme0mnt1",
                &MaintenanceStatus::InProgress,
                vec!["Billing".to_string()]
            ),
        ]
    );
    assert_eq!(
        snapshot.maintenances[0].scheduled_until,
        Some(utc("2026-04-10T22:00:00Z"))
    );
}

/// `tests/fixtures/betterstack/acme-index.json` is CONSTRUCTED from the documented format
/// (see the README there): no real payload was available.
#[test]
fn betterstack_acme_index() {
    let snapshot = betterstack::parse_index(&own("betterstack/acme-index.json")).unwrap();
    assert_eq!(snapshot.page.id.as_deref(), Some("4242"));
    assert_eq!(snapshot.page.name.as_deref(), Some("Acme"));
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://acme.betteruptime.com")
    );
    let rows: Vec<Row> = snapshot
        .components
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.group.as_deref(),
                c.status.as_str(),
                c.position,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("API", Some("Core"), "degraded_performance", (0, 0)),
            ("Database", Some("Core"), "under_maintenance", (0, 1)),
            ("Website", None, "operational", (1, 0)),
            ("Legacy FTP", None, "not_monitored", (1, 1)),
        ]
    );
    assert_eq!(
        snapshot.worst_status(),
        ComponentStatus::DegradedPerformance
    );
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["500", "501"]);
    let slow = incident(&snapshot, "500");
    assert_eq!(slow.status, IncidentStatus::Investigating);
    assert_eq!(slow.impact, Impact::Minor);
    assert_eq!(slow.started_at, utc("2026-04-01T08:45:00Z"));
    // One update found by `status_report_id`, one through the report's relationships.
    let order: Vec<&str> = slow.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, ["900", "901"]);
    assert_eq!(slow.updates[0].components[0].name, "API");
    assert_eq!(slow.component_ids, ["100"]);
    let down = incident(&snapshot, "501");
    assert_eq!(down.status, IncidentStatus::Resolved);
    assert_eq!(down.impact, Impact::Major);
    assert_eq!(down.resolved_at, Some(utc("2026-03-20T10:25:00Z")));
    assert_eq!(down.duration(), Some(chrono::Duration::minutes(25)));
    assert_eq!(down.updates[1].status, IncidentStatus::Resolved);
    for i in &snapshot.incidents {
        assert_timeline_rules(i);
    }
    let [db] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected");
    };
    assert_eq!(db.id, "502");
    assert_eq!(db.status, MaintenanceStatus::InProgress);
    assert_eq!(db.scheduled_until, Some(utc("2026-04-01T12:00:00Z")));
    assert_eq!(db.component_ids, ["101"]);
}

#[test]
fn hostile_input_never_panics() {
    let page = b"<!doctype html><html><body>Just a moment</body></html>";
    for (name, parse) in JSON_PARSERS {
        assert!(matches!(parse(b""), Err(SourceError::Empty)), "{name}");
        assert!(matches!(parse(b" \n"), Err(SourceError::Empty)), "{name}");
        assert!(matches!(parse(page), Err(SourceError::Html)), "{name}");
        for body in [&b"garbage"[..], b"{\"page\":", b"\xff\xfe", b"null", b"7"] {
            assert!(
                matches!(parse(body), Err(SourceError::Malformed { .. })),
                "{name}: {body:?}"
            );
        }
        // `[]` and `{}` may be an empty page or a refusal, never a panic.
        for body in [
            &b"[]"[..],
            b"{}",
            b"[{}]",
            b"{\"data\":[]}",
            b"{\"result\":{}}",
        ] {
            let _ = parse(body);
        }
    }
}

#[test]
fn instatus_resolved_record_never_ends_before_it_starts() {
    let body = br#"{"page":{},"activeIncidents":[{"id":"x","status":"RESOLVED",
        "started":"2026-01-02T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}]}"#;
    let snapshot = instatus::parse_summary(body).unwrap();
    let one = incident(&snapshot, "x");
    assert_eq!(one.resolved_at, Some(one.started_at));
}
