//! Conformance over the real vendor payloads in the shared fixtures folder (read in place,
//! never copied into the project). Each test is skipped when that folder is absent.

use crate::{assert_timeline_rules, incident, utc, PARSERS};
use lookout_core::sources::{incidentio, statuspage};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, SourceError};
use std::path::Path;

use crate::{shared, SHARED};

fn names_and_groups(snapshot: &lookout_core::Snapshot) -> Vec<(&str, Option<&str>, (i64, i64))> {
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

#[test]
fn github_incidents_2024() {
    let Some(body) = shared("statuspage/github-incidents-2024-09-17-trimmed.json") else {
        return;
    };
    let snapshot = statuspage::parse_incidents(&body).unwrap();
    assert_eq!(snapshot.incidents.len(), 2);
    let pages = incident(&snapshot, "69sb0f8lydp4");
    assert_eq!(snapshot.incidents[0].id, "69sb0f8lydp4");
    assert_eq!(pages.impact, Impact::Major);
    assert_eq!(pages.updates.len(), 6);
    assert!(pages.updates.iter().all(|u| u.components.len() == 2));
    assert_eq!(pages.started_at, utc("2024-09-16T21:31:02.713Z"));
    assert_eq!(pages.resolved_at, Some(utc("2024-09-16T22:08:39.333Z")));
    assert_eq!(pages.updates[0].id, "9lpqk4965mzb");
    assert_eq!(pages.updates[5].id, "gv96mtfg46fj");
    assert_eq!(pages.url.as_deref(), Some("https://stspg.io/mc6sr407p78b"));
    assert_eq!(pages.component_ids, ["br0l2tvcx85d", "vg70hn9s2tyj"]);
    // Each update carries every component's status at that moment.
    let degraded = &pages.updates[1]; // 21:37: Actions to major outage
    let actions = degraded
        .components
        .iter()
        .find(|c| c.name == "Actions")
        .unwrap();
    assert_eq!(actions.status, ComponentStatus::MajorOutage);
    assert_timeline_rules(pages);

    let other = incident(&snapshot, "r3x7x31k7nn1");
    assert!(other.updates.iter().all(|u| u.components.is_empty()));
    assert!(other.component_ids.is_empty());
}

#[test]
fn github_summary_2022_has_an_open_incident() {
    let Some(body) = shared("statuspage/github-summary-2022-11-25.json") else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    assert_eq!(snapshot.components.len(), 11);
    assert!(snapshot.components.iter().all(|c| c.group.is_none()));
    assert_eq!(snapshot.components[0].name, "Git Operations");
    assert_eq!(snapshot.worst_status(), ComponentStatus::PartialOutage);
    let open = incident(&snapshot, "ljwdk6qml8z8");
    assert_eq!(open.status, IncidentStatus::Investigating);
    assert_eq!(open.resolved_at, None);
    assert_eq!(open.updates.len(), 7);
    assert_eq!(open.updates[0].id, "n1dr3fb22655");
    assert_eq!(open.started_at, utc("2022-11-25T14:39:09.542Z"));
    assert_eq!(open.component_ids, ["st3j38cctv9l", "vg70hn9s2tyj"]);
    assert_eq!(snapshot.active_incidents().count(), 1);
    assert!(snapshot.maintenances.is_empty());

    let Some(body) = shared("statuspage/github-components-2024-09-17-trimmed.json") else {
        return;
    };
    let components = statuspage::parse_summary(&body).unwrap().components;
    let names: Vec<&str> = components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Git Operations", "Webhooks"]);
}

#[test]
fn cloudflare_2019_tab_indented_older_key_order() {
    let Some(body) = shared("statuspage/cloudflare-incidents-2019-01-10-trimmed.json") else {
        return;
    };
    let snapshot = statuspage::parse_incidents(&body).unwrap();
    assert_eq!(snapshot.incidents.len(), 2);
    let api = incident(&snapshot, "q746ybtyb6q0");
    assert_eq!(api.updates.len(), 4);
    // No started_at key in 2019: the start is created_at, earlier than the first update.
    assert_eq!(api.started_at, utc("2018-09-17T19:29:21.132Z"));
    assert_eq!(api.resolved_at, Some(utc("2018-09-18T07:45:41.290Z")));
    assert_eq!(api.url.as_deref(), Some("http://stspg.io/7f079791e"));
    let component = &api.updates[0].components[0];
    assert_eq!(component.id, "g4tb35rs9yw7");
    assert_eq!(
        component.name,
        "Cloudflare customer dashboard and APIs - Cloudflare APIs"
    );
    assert_eq!(
        api.updates[1].components[0].status,
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(snapshot.incidents[0].id, "q746ybtyb6q0");
}

#[test]
fn hashicorp_and_circleci_groups() {
    let Some(body) = shared("statuspage/hashicorp-components-2021-08-06-statuses-edited.json")
    else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    let find = |id: &str| snapshot.components.iter().find(|c| c.id == id).unwrap();
    assert_eq!(snapshot.components.len(), 48);
    assert!(
        snapshot.components.iter().all(|c| c.id != "cnzk9zc90jqy"),
        "group rows are not components"
    );
    let portal = find("mgv1p2j9x444");
    assert_eq!(
        (portal.group.as_deref(), portal.position),
        (Some("HashiCorp Cloud Platform (HCP)"), (1, 1))
    );
    let registry = find("l8mnm91h3s7v");
    assert_eq!(
        (registry.name.as_str(), registry.group.as_deref()),
        ("Terraform Registry", Some("Terraform Registry"))
    );
    assert_eq!(registry.position, (3, 1));
    assert_eq!(find("1mdm36t0fkx1").group, None);
    assert_eq!(find("1mdm36t0fkx1").position, (4, 0));
    assert_eq!(
        find("96dyvdwnj91k").status,
        ComponentStatus::UnderMaintenance
    );
    assert_eq!(
        snapshot.worst_status(),
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(snapshot.components[0].id, "mgv1p2j9x444");

    let Some(body) = shared("statuspage/circleci-components-2025-trimmed.json") else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    assert_eq!(snapshot.page, lookout_core::PageInfo::default());
    assert_eq!(
        names_and_groups(&snapshot),
        [
            ("CircleCI Releases", None, (12, 0)),
            ("Billing & Account", None, (14, 0)),
            ("AWS", Some("CircleCI Dependencies"), (15, 1)),
            (
                "Google Cloud Platform Google Cloud DNS",
                Some("CircleCI Dependencies"),
                (15, 2)
            ),
            (
                "Atlassian Bitbucket API",
                Some("Upstream Services"),
                (16, 1)
            ),
            (
                "Atlassian Bitbucket Source downloads",
                Some("Upstream Services"),
                (16, 2)
            ),
        ]
    );
}

#[test]
fn openai_compat_summary_and_anthropic_summary() {
    let Some(body) = shared("incidentio/openai-compat-api-v2-summary-2026-09-04-trimmed.json")
    else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    assert_eq!(
        snapshot.page.id.as_deref(),
        Some("01JMDK9XYNY6RXSED6SDWW50WY")
    );
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://status.openai.com/")
    );
    assert_eq!(snapshot.components.len(), 4);
    assert!(snapshot
        .components
        .iter()
        .all(|c| c.group.is_none() && c.id.len() == 26));
    let positions: Vec<(i64, i64)> = snapshot.components.iter().map(|c| c.position).collect();
    assert_eq!(positions, [(0, 0), (14, 0), (16, 0), (17, 0)]);
    assert_eq!(snapshot.components[1].name, "Codex Web");
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());

    let Some(body) = shared("statuspage/anthropic-summary-2026-09-04-trimmed.json") else {
        return;
    };
    let snapshot = statuspage::parse_summary(&body).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Claude"));
    assert_eq!(snapshot.components.len(), 6);
    assert_eq!(
        snapshot.components[2].name,
        "Claude API (api.anthropic.com)"
    );
    assert!(snapshot
        .components
        .iter()
        .all(|c| c.group.is_none() && c.status.is_operational()));
}

#[test]
fn pleo_proxy_incidents() {
    let Some(body) = shared("incidentio/pleo-proxy-incidents-2026-01-trimmed.json") else {
        return;
    };
    let snapshot = incidentio::parse_incidents(&body).unwrap();
    assert_eq!(snapshot.incidents.len(), 1);
    assert_eq!(snapshot.maintenances.len(), 1);

    let invoices = &snapshot.incidents[0];
    assert_eq!(invoices.id, "01KG77ZCW3ZCZBXCRP47BT0KFG");
    assert_eq!(invoices.status, IncidentStatus::Resolved);
    assert_eq!(invoices.impact, Impact::Minor);
    assert_eq!(invoices.url, None);
    assert_eq!(invoices.started_at, utc("2026-01-30T10:42:56.002Z"));
    // The trimmed timeline has no resolving update: the end is the latest impact end.
    assert_eq!(invoices.resolved_at, Some(utc("2026-01-30T12:38:56.689Z")));
    assert_eq!(invoices.updates.len(), 1);
    let update = &invoices.updates[0];
    assert_eq!(update.status, IncidentStatus::Identified);
    assert!(update.body.starts_with("Some customers are unable"));
    assert_eq!(update.components.len(), 1);
    assert_eq!(
        update.components[0].status,
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(
        update.components[0].name, "01JEV56RY027PA4NYX5H2RNAMC",
        "no names in this document"
    );
    assert_eq!(invoices.component_ids, ["01JEV56RY027PA4NYX5H2RNAMC"]);
    assert_timeline_rules(invoices);

    let maintenance = &snapshot.maintenances[0];
    assert_eq!(maintenance.id, "01KFGG5S6TRSJJNNBB3TQATY24");
    assert_eq!(maintenance.status, MaintenanceStatus::Completed);
    assert_eq!(maintenance.scheduled_for, Some(utc("2026-01-25T00:00:00Z")));
    assert_eq!(
        maintenance.scheduled_until,
        Some(utc("2026-01-25T02:00:00Z"))
    );
    assert!(maintenance
        .component_ids
        .contains(&"01JEV56RY0GV18JSH8N9GECJ1G".to_string()));
    assert!(maintenance
        .component_ids
        .contains(&"01JEV56RY04T2614381RR4X5AJ".to_string()));
}
