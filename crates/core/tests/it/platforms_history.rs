//! The history documents read beside a page's current state: Instatus `/v2/incidents.json` and
//! Slack `api/v2.0.0/history` (the project's own constructed "Acme" fixtures), and how each merges
//! into the current document's snapshot.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::{instatus, Document};
use lookout_core::{Impact, IncidentStatus};

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
