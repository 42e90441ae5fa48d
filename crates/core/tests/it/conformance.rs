//! Conformance over the real vendor payloads in the shared fixtures folder (read in place,
//! never copied into the project). Each test is skipped when that folder is absent.

use crate::{assert_timeline_rules, incident, utc, PARSERS};
use lookout_core::sources::{incidentio, statuspage};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};
use std::path::Path;

use crate::{shared, SHARED};

pub fn names_and_groups(
    snapshot: &lookout_core::Snapshot,
) -> Vec<(&str, Option<&str>, (i64, i64))> {
    snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref(), c.position))
        .collect()
}

#[test]
fn every_statuspage_and_incident_io_payload_is_read_by_its_parser() {
    let Some(_) = shared("FORMATS.md") else {
        return;
    };
    let mut seen = 0;
    for folder in ["statuspage", "incidentio"] {
        let mut entries: Vec<_> = std::fs::read_dir(Path::new(SHARED).join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let body = std::fs::read(&path).unwrap();
            let parser = if name.contains("widget-api-v1") {
                // A different API (the opt-in widget summary). The summary and incidents
                // parsers refuse it; only `scheduled_maintenances` matches a Statuspage key,
                // giving maintenances without a window (that parser is never fed this API).
                for (parser, parse) in PARSERS {
                    let result = parse(&body);
                    if parser == "statuspage::parse_maintenances" {
                        let snapshot = result.unwrap();
                        assert!(snapshot
                            .maintenances
                            .iter()
                            .all(|m| m.scheduled_for.is_none()));
                        assert!(snapshot.components.is_empty() && snapshot.incidents.is_empty());
                    } else {
                        assert!(
                            matches!(result, Err(SourceError::Malformed { .. })),
                            "{parser} on {name}: {result:?}"
                        );
                    }
                }
                seen += 1;
                continue;
            } else if name.contains("proxy-incidents") {
                incidentio::parse_incidents
            } else if name.contains("scheduled-maintenances") {
                statuspage::parse_maintenances
            } else if name.contains("incidents") {
                statuspage::parse_incidents
            } else if name.contains("summary")
                || name.contains("components")
                || name.contains("status")
            {
                statuspage::parse_summary
            } else {
                panic!("no parser assigned to shared fixture {folder}/{name}: add it to this test");
            };
            let snapshot = parser(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
            for incident in &snapshot.incidents {
                assert_timeline_rules(incident);
            }
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} payloads found");
}

#[test]
fn codametrix_summary_flattens_groups() {
    let Some(body) = shared("statuspage/codametrix-summary.json") else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    assert_eq!(snapshot.page.id.as_deref(), Some("93g3jjmkfprd"));
    assert_eq!(snapshot.page.name.as_deref(), Some("CodaMetrix"));
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://status.codametrix.com")
    );
    assert_eq!(
        names_and_groups(&snapshot),
        [
            ("CMX Automate", Some("CMX-Automate"), (3, 1)),
            ("Analytics Dashboards", Some("CMX-Automate"), (3, 2)),
            ("CMX-Amplify", Some("CMX-Amplify"), (4, 1)),
        ]
    );
    assert!(snapshot
        .components
        .iter()
        .all(|c| c.status == ComponentStatus::Operational));
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());

    // components.json is the same list.
    let Some(body) = shared("statuspage/codametrix-components.json") else {
        return;
    };
    assert_eq!(
        statuspage::parse_summary(&body).unwrap().components,
        snapshot.components
    );
}

#[test]
fn codametrix_incidents_timelines() {
    let Some(body) = shared("statuspage/codametrix-incidents.json") else {
        return;
    };
    let snapshot = statuspage::parse_incidents(&body).unwrap();
    assert_eq!(snapshot.incidents.len(), 15);
    assert!(snapshot.components.is_empty());
    for pair in snapshot.incidents.windows(2) {
        assert!(
            pair[0].started_at >= pair[1].started_at,
            "incidents not newest first"
        );
    }
    for incident in &snapshot.incidents {
        assert_timeline_rules(incident);
        assert!(incident.resolved_at.is_some(), "{} is over", incident.id);
        assert!(incident
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://stspg.io/")));
    }
    assert_eq!(snapshot.incidents[0].id, "ypr5f65wbzrw");

    // -04:00 converted to UTC; display_at (whole seconds) wins over created_at.
    let q7 = incident(&snapshot, "q7gd3y91r8sd");
    assert_eq!(q7.impact, Impact::Minor);
    assert_eq!(q7.started_at, utc("2026-05-08T14:49:55Z"));
    assert_eq!(q7.updates[0].at, utc("2026-05-08T14:49:55Z"));
    assert_eq!(q7.resolved_at, Some(utc("2026-05-08T20:54:24.137Z")));
    assert_eq!(q7.component_ids, ["c7ddhzc8g0yn"]);

    // Post-mortem after resolution (display_at null): it is the last update, the end does not move.
    let pm = incident(&snapshot, "r76hs9g9h435");
    assert_eq!(pm.status, IncidentStatus::Postmortem);
    assert_eq!(pm.updates.len(), 5);
    let last = pm.latest_update().unwrap();
    assert_eq!(last.status, IncidentStatus::Postmortem);
    assert_eq!(last.at, utc("2023-11-17T20:20:54.770Z"));
    assert_eq!(pm.resolved_at, Some(utc("2023-11-17T17:41:17.573Z")));
    assert_eq!(pm.started_at, utc("2023-11-15T15:49:08.794Z"));
    assert_eq!(
        pm.duration().map(|d| d.num_minutes()),
        Some(2 * 24 * 60 + 112)
    );
    assert!(incident(&snapshot, "258x30zmwgtm").resolved_at.is_some());

    // `\u0026` is decoded; names keep "Group - " (this document names no groups).
    let first = &snapshot.incidents[0].updates[0];
    assert!(first.body.contains("Date & Time"), "{}", first.body);
    let names: Vec<&str> = first.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CMX-Automate - CMX Automate",
            "CMX-Automate - Analytics Dashboards",
            "CMX-Amplify - CMX-Amplify"
        ]
    );

    let Some(body) = shared("statuspage/codametrix-incidents-unresolved.json") else {
        return;
    };
    let unresolved = statuspage::parse_incidents(&body).unwrap();
    assert!(unresolved.incidents.is_empty());
    assert_eq!(unresolved.page.name.as_deref(), Some("CodaMetrix"));
}

#[test]
fn codametrix_scheduled_maintenances() {
    let Some(body) = shared("statuspage/codametrix-scheduled-maintenances.json") else {
        return;
    };
    let snapshot = statuspage::parse_maintenances(&body).unwrap();
    assert_eq!(snapshot.maintenances.len(), 50);
    assert!(snapshot
        .maintenances
        .iter()
        .all(|m| m.status == MaintenanceStatus::Completed));
    assert!(snapshot.incidents.is_empty());
    let latest = &snapshot.maintenances[0];
    assert_eq!(latest.id, "17cb5x66pljj");
    assert_eq!(latest.scheduled_for, Some(utc("2026-07-17T20:00:00Z")));
    assert_eq!(latest.scheduled_until, Some(utc("2026-07-18T20:00:00Z")));
    assert_eq!(latest.url.as_deref(), Some("https://stspg.io/tvpxv0j80408"));
    assert_eq!(latest.component_ids, ["pg7c1ssg6zpr"]);
    for pair in snapshot.maintenances.windows(2) {
        assert!(pair[0].scheduled_for >= pair[1].scheduled_for);
    }
    for name in ["active", "upcoming"] {
        let Some(body) = shared(&format!(
            "statuspage/codametrix-scheduled-maintenances-{name}.json"
        )) else {
            return;
        };
        assert!(statuspage::parse_maintenances(&body)
            .unwrap()
            .maintenances
            .is_empty());
    }
}

#[test]
fn status_json_gives_an_empty_snapshot_with_the_page() {
    for (path, name) in [
        ("statuspage/codametrix-status.json", "CodaMetrix"),
        ("statuspage/github-status-2023-09-26.json", "GitHub"),
        (
            "incidentio/openai-compat-api-v2-status-2026-09-15.json",
            "OpenAI",
        ),
    ] {
        let Some(body) = shared(path) else { return };
        let snapshot = statuspage::parse_summary(&body).unwrap();
        assert_eq!(snapshot.page.name.as_deref(), Some(name));
        assert!(snapshot.components.is_empty() && snapshot.incidents.is_empty());
    }
}
