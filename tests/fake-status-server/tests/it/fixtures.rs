//! A page with everything the renderers handle: a group, a top-level component, an open and a
//! resolved incident (one update without components), and maintenances in three states.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Maintenance,
    MaintenanceStatus, PageInfo, Snapshot, UpdateComponent,
};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 30, 10, 0, 0).unwrap()
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
        group: group.map(Into::into),
        status,
        position,
    }
}

fn update(
    id: &str,
    status: IncidentStatus,
    minutes: i64,
    comps: &[(&str, &str, ComponentStatus)],
) -> IncidentUpdate {
    IncidentUpdate {
        id: id.into(),
        status,
        body: format!("update {id}"),
        at: t0() + Duration::minutes(minutes),
        components: comps
            .iter()
            .map(|(id, name, status)| UpdateComponent {
                id: (*id).into(),
                name: (*name).into(),
                status: status.clone(),
            })
            .collect(),
    }
}

pub fn page() -> Snapshot {
    use ComponentStatus::*;
    let open = Incident {
        id: "openinc00001".into(),
        title: "Slow dashboard".into(),
        impact: Impact::Major,
        status: IncidentStatus::Identified,
        started_at: t0() + Duration::hours(2),
        resolved_at: None,
        url: None,
        updates: vec![
            update(
                "upopen000001",
                IncidentStatus::Investigating,
                120,
                &[("dash00000001", "Dashboard", DegradedPerformance)],
            ),
            update(
                "upopen000002",
                IncidentStatus::Identified,
                130,
                &[("dash00000001", "Dashboard", MajorOutage)],
            ),
        ],
        component_ids: vec!["dash00000001".into()],
    };
    let done = Incident {
        id: "oldinc000001".into(),
        title: "Webhook delays".into(),
        impact: Impact::Minor,
        status: IncidentStatus::Resolved,
        started_at: t0(),
        resolved_at: Some(t0() + Duration::minutes(40)),
        url: None,
        updates: vec![
            update(
                "upold0000001",
                IncidentStatus::Investigating,
                0,
                &[("hook00000001", "Webhooks", PartialOutage)],
            ),
            update("upold0000002", IncidentStatus::Monitoring, 20, &[]),
            update(
                "upold0000003",
                IncidentStatus::Resolved,
                40,
                &[("hook00000001", "Webhooks", Operational)],
            ),
            update("upold0000004", IncidentStatus::Resolved, 45, &[]),
        ],
        component_ids: vec!["hook00000001".into()],
    };
    let maintenance = |id: &str, status: MaintenanceStatus, hours: i64| Maintenance {
        id: id.into(),
        title: format!("Maintenance {id}"),
        status,
        scheduled_for: Some(t0() + Duration::hours(hours)),
        scheduled_until: Some(t0() + Duration::hours(hours + 2)),
        url: None,
        component_ids: vec!["api000000001".into()],
    };
    Snapshot {
        page: PageInfo {
            id: None,
            name: Some("Acme".into()),
            url: None,
        },
        components: vec![
            component("api000000001", "API", Some("Core"), Operational, (1, 1)),
            component(
                "dash00000001",
                "Dashboard",
                Some("Core"),
                MajorOutage,
                (1, 2),
            ),
            component("hook00000001", "Webhooks", None, Operational, (2, 0)),
        ],
        incidents: vec![done, open],
        maintenances: vec![
            maintenance("mntdone00001", MaintenanceStatus::Completed, -48),
            maintenance("mntnext00001", MaintenanceStatus::Scheduled, 48),
            maintenance("mntnow000001", MaintenanceStatus::InProgress, 1),
        ],
        warnings: Vec::new(),
    }
}
