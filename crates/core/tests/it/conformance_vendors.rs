//! Conformance over the real vendor payloads, vendor by vendor (GitHub, Cloudflare, HashiCorp,
//! CircleCI, OpenAI, Anthropic, Pleo), read in place from the shared fixtures folder and skipped
//! when that folder is absent.

use crate::conformance::names_and_groups;
use crate::{assert_timeline_rules, incident, shared, utc};
use lookout_core::sources::{incidentio, statuspage};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};

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
