//! What `lookout serve` republishes as Statuspage v2 documents reads back, through Lookout's own
//! Statuspage reader, to the same components (groups and order), incidents (timelines and
//! component changes) and maintenance not yet completed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_api::statuspage::{incidents, summary, Republished};
use lookout_core::sources::statuspage::{parse_incidents, parse_summary};
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Maintenance,
    MaintenanceStatus, UpdateComponent,
};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn component(
    id: &str,
    name: &str,
    group: Option<&str>,
    status: ComponentStatus,
    position: (i64, i64),
) -> Component {
    Component {
        id: id.into(),
        name: name.into(),
        group: group.map(str::to_string),
        status,
        position,
    }
}

fn update(
    id: &str,
    status: IncidentStatus,
    body: &str,
    minute: i64,
    api: ComponentStatus,
) -> IncidentUpdate {
    IncidentUpdate {
        id: id.into(),
        status,
        body: body.into(),
        at: at(minute),
        components: vec![UpdateComponent {
            id: "api".into(),
            name: "API".into(),
            status: api,
        }],
    }
}

fn page(components: &[Component]) -> (ComponentStatus, Vec<Component>) {
    (
        ComponentStatus::worst(components.iter().map(|c| &c.status)),
        components.to_vec(),
    )
}

#[test]
fn the_documents_read_back_to_what_the_store_holds() {
    let components = vec![
        component(
            "api",
            "API",
            Some("Core"),
            ComponentStatus::PartialOutage,
            (1, 1),
        ),
        component(
            "dash",
            "Dashboard",
            Some("Core"),
            ComponentStatus::Operational,
            (1, 2),
        ),
        component(
            "hooks",
            "Webhooks <b>",
            None,
            ComponentStatus::UnderMaintenance,
            (2, 0),
        ),
    ];
    let open = Incident {
        id: "inc-2".into(),
        title: "Elevated errors \"API\"".into(),
        impact: Impact::Major,
        status: IncidentStatus::Identified,
        started_at: at(0),
        resolved_at: None,
        url: Some("https://status.acme.test/incidents/inc-2".into()),
        updates: vec![
            update(
                "u1",
                IncidentStatus::Investigating,
                "Looking <script>",
                0,
                ComponentStatus::DegradedPerformance,
            ),
            update(
                "u2",
                IncidentStatus::Identified,
                "Found it",
                10,
                ComponentStatus::PartialOutage,
            ),
        ],
        component_ids: vec!["api".into()],
    };
    let mut over = open.clone();
    over.id = "inc-1".into();
    over.status = IncidentStatus::Resolved;
    over.started_at = at(-300);
    over.resolved_at = Some(at(-200));
    over.updates = vec![
        update(
            "v1",
            IncidentStatus::Investigating,
            "Slow",
            -300,
            ComponentStatus::DegradedPerformance,
        ),
        update(
            "v2",
            IncidentStatus::Resolved,
            "Fine",
            -200,
            ComponentStatus::Operational,
        ),
    ];
    let maintenance = |id: &str, status, minute| Maintenance {
        id: id.into(),
        title: format!("Upgrade {id}"),
        status,
        scheduled_for: Some(at(minute)),
        scheduled_until: Some(at(minute + 60)),
        url: Some(format!("https://status.acme.test/incidents/{id}")),
        component_ids: vec!["hooks".into()],
    };
    let now_on = maintenance("m1", MaintenanceStatus::InProgress, -10);
    let done = maintenance("m0", MaintenanceStatus::Completed, -1000);
    let (status, components) = page(&components);
    let republished = Republished {
        page_id: "lookout-7",
        name: "Acme",
        url: "http://127.0.0.1:8787/providers/7",
        status: &status,
        components: &components,
        updated_at: Some(at(11)),
    };

    let body = serde_json::to_vec(&summary(
        republished,
        std::slice::from_ref(&open),
        &[now_on.clone(), done],
    ))
    .unwrap();
    let read = parse_summary(&body).unwrap();
    assert_eq!(
        read.components, components,
        "groups, names, statuses and order"
    );
    assert_eq!(read.incidents, vec![open.clone()]);
    assert_eq!(
        read.maintenances,
        vec![now_on],
        "the completed one left out"
    );
    assert_eq!(read.page.id.as_deref(), Some("lookout-7"));
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["status"]["indicator"], "major");

    let body = serde_json::to_vec(&incidents(republished, &[open.clone(), over.clone()])).unwrap();
    let read = parse_incidents(&body).unwrap();
    assert_eq!(read.incidents, vec![open, over], "newest first, each whole");
}
