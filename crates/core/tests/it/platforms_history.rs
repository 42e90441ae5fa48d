//! The history documents read beside a page's current state: Instatus `/v2/incidents.json` and
//! Slack `api/v2.0.0/history` (the project's own constructed "Acme" fixtures), and how each merges
//! into the current document's snapshot.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{instatus, slack, Document};
use lookout_core::{Impact, IncidentStatus, MaintenanceStatus, SourceError};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn instatus_acme_incidents() {
    let snapshot = instatus::parse_incidents(&fixture("instatus/acme-incidents.json")).unwrap();
    assert!(snapshot.components.is_empty(), "components.json owns them");
    assert!(snapshot.maintenances.is_empty());
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    // Newest first; the undated record is skipped; a missing id is taken from the URL.
    assert_eq!(
        ids,
        [
            "cacme0incident0api",
            "cacme0incident0mail",
            "cacme0incident0login"
        ]
    );
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }

    let api = incident(&snapshot, "cacme0incident0api");
    assert_eq!(api.status, IncidentStatus::Monitoring);
    assert_eq!(api.impact, Impact::Major, "PARTIALOUTAGE");
    assert_eq!(
        api.started_at,
        utc("2026-04-01T08:55:00Z"),
        "the first update is earlier than `started`"
    );
    assert_eq!(api.resolved_at, None);
    let timeline: Vec<(&str, &IncidentStatus)> = api
        .updates
        .iter()
        .map(|u| (u.id.as_str(), &u.status))
        .collect();
    assert_eq!(
        timeline,
        [
            ("cacme0upd0api1", &IncidentStatus::Investigating),
            ("cacme0upd0api2", &IncidentStatus::Identified),
            ("cacme0upd0api3", &IncidentStatus::Monitoring),
        ]
    );
    assert_eq!(api.updates[1].at, utc("2026-04-01T09:20:00Z"), "createdAt");
    assert_eq!(
        api.updates[2].at,
        utc("2026-04-01T09:40:00Z"),
        "started wins"
    );
    assert_eq!(
        api.updates[1].body,
        "A bad deploy & its cache are the cause."
    );
    assert_eq!(api.component_ids, ["cacme0api"]);

    let mail = incident(&snapshot, "cacme0incident0mail");
    assert_eq!(mail.status, IncidentStatus::Resolved);
    assert_eq!(mail.impact, Impact::None, "no impact given");
    assert_eq!(mail.started_at, utc("2026-03-21T09:00:00Z"), "GMT+0100");
    assert_eq!(
        mail.resolved_at,
        Some(utc("2026-03-21T10:30:00Z")),
        "the resolving update, not the later `resolved` field"
    );
    assert_eq!(mail.updates[0].body, "Outgoing mail is queued.", "`text`");
    assert_eq!(
        mail.updates[1].status,
        IncidentStatus::Other("SOMETHINGNEW".into())
    );
    assert_eq!(mail.component_ids, ["cacme0mail", "cacme0web"]);

    let login = incident(&snapshot, "cacme0incident0login");
    assert_eq!(login.status, IncidentStatus::Resolved, "from `resolved`");
    assert_eq!(login.title, "Login page slow");
    assert_eq!(login.updates.len(), 1, "the undated update is skipped");
    assert_eq!(
        login.updates[0].id,
        "cacme0incident0login/2026-03-10T08:30:00.000Z"
    );
    assert_eq!(login.duration(), Some(chrono::Duration::zero()));
}

#[test]
fn instatus_history_adds_a_timeline_to_the_summarys_open_incident() {
    let mut merged = Document::InstatusSummary
        .parse(&fixture("instatus/acme-summary.json"))
        .unwrap();
    merged.merge(
        Document::InstatusComponents
            .parse(&fixture("instatus/acme-components.json"))
            .unwrap(),
    );
    merged.merge(
        Document::InstatusIncidents
            .parse(&fixture("instatus/acme-incidents.json"))
            .unwrap(),
    );
    assert_eq!(merged.page.name.as_deref(), Some("Acme"));
    assert_eq!(merged.components.len(), 4);
    let ids: Vec<&str> = merged.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cacme0incident0api",
            "cacme0incident0dash",
            "cacme0incident0mail",
            "cacme0incident0login"
        ]
    );
    let api = incident(&merged, "cacme0incident0api");
    assert_eq!(api.status, IncidentStatus::Monitoring);
    assert_eq!(api.updates.len(), 3, "the history's timeline");
    assert_eq!(api.started_at, utc("2026-04-01T08:55:00Z"));
    assert_eq!(api.component_ids, ["cacme0api"]);
    assert_eq!(merged.active_incidents().count(), 2);
    for one in &merged.incidents {
        assert_timeline_rules(one);
    }
}

#[test]
fn slack_acme_history() {
    let snapshot = slack::parse_history(&fixture("slack/acme-history.json")).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Slack"));
    assert!(
        snapshot.components.is_empty(),
        "only `current` knows what is open"
    );
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    // The record of the wrong shape and the undated one are skipped.
    assert_eq!(ids, ["501", "490", "470", "460"]);
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }
    let huddles = incident(&snapshot, "490");
    assert_eq!(huddles.impact, Impact::Major);
    assert_eq!(huddles.status, IncidentStatus::Resolved);
    assert_eq!(huddles.started_at, utc("2026-03-20T17:00:00Z"));
    assert_eq!(huddles.resolved_at, Some(utc("2026-03-20T19:15:00Z")));
    let bodies: Vec<&str> = huddles.updates.iter().map(|u| u.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Some huddles drop after a minute.",
            "A fix is rolling out.",
            "Huddles are stable again & we are closing this."
        ]
    );
    assert_eq!(huddles.updates[0].status, IncidentStatus::Investigating);
    assert_eq!(huddles.component_ids, ["Calls"]);
    let emoji = incident(&snapshot, "470");
    assert_eq!(emoji.status, IncidentStatus::Resolved, "closed");
    assert_eq!(emoji.resolved_at, Some(utc("2026-03-01T09:40:00Z")));
    assert_eq!(emoji.url, None);
    assert_eq!(
        incident(&snapshot, "460").impact,
        Impact::Other("notice".into())
    );
    let [search] = snapshot.maintenances.as_slice() else {
        panic!("one maintenance expected");
    };
    assert_eq!(search.id, "480");
    assert_eq!(search.status, MaintenanceStatus::Completed);
    assert_eq!(search.scheduled_for, Some(utc("2026-03-15T09:00:00Z")));
    // The object-wrapped form reads the same.
    let wrapped = format!(
        "{{\"incidents\":{}}}",
        String::from_utf8(fixture("slack/acme-history.json")).unwrap()
    );
    assert_eq!(slack::parse_history(wrapped.as_bytes()).unwrap(), snapshot);
}

#[test]
fn slack_history_adds_past_incidents_and_keeps_current_ones() {
    let mut merged = Document::SlackCurrent
        .parse(&fixture("slack/acme-current.json"))
        .unwrap();
    let components = merged.components.clone();
    merged.merge(
        Document::SlackHistory
            .parse(&fixture("slack/acme-history.json"))
            .unwrap(),
    );
    assert_eq!(merged.components, components);
    let ids: Vec<&str> = merged.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["501", "502", "503", "490", "470", "460"]);
    let current = incident(&merged, "501");
    assert_eq!(current.title, "Acme messages delayed", "current's version");
    assert_eq!(current.updates.len(), 2);
    let maintenances: Vec<&str> = merged.maintenances.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(maintenances, ["504", "480"]);
    for one in &merged.incidents {
        assert_timeline_rules(one);
    }
}

#[test]
fn history_documents_refuse_what_is_not_a_list() {
    for parse in [slack::parse_history, instatus::parse_incidents] {
        assert!(matches!(parse(b""), Err(SourceError::Empty)));
        assert!(matches!(parse(b"<html></html>"), Err(SourceError::Html)));
        for body in [&b"{}"[..], b"7", b"null", b"{\"status\":\"ok\"}", b"[1,"] {
            assert!(
                matches!(parse(body), Err(SourceError::Malformed { .. })),
                "{body:?}"
            );
        }
        let empty = parse(b"[]").unwrap();
        assert!(empty.incidents.is_empty() && empty.maintenances.is_empty());
        // Records of the wrong shape are skipped, never a panic.
        let odd = parse(br#"[1, "x", null, {"id": [1]}, {"notes": 3}, {"updates": {}}]"#).unwrap();
        assert!(odd.incidents.is_empty());
    }
}

proptest::proptest! {
    #[test]
    fn history_parsers_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        let _ = slack::parse_history(&body);
        let _ = instatus::parse_incidents(&body);
    }
}
