//! The "fleet": 42 made-up vendors as a team might watch them (issue 30), for the window's
//! forty-vendor end-to-end test and its screenshots. One critical incident, two major, three
//! minor and one of no impact; a maintenance in progress and one upcoming; `down-503` (the test
//! makes it answer 503) and `gone` (served only so it can be added; the test then stops its
//! server: nothing listens); the rest calm, some with many components in groups and long names.
//! Every name is invented: no real vendor is said to be down.

use crate::codes::statuspage_code;
use chrono::{DateTime, Duration, Utc};
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Maintenance,
    MaintenanceStatus, PageInfo, Snapshot, UpdateComponent,
};

/// What a fleet page is made to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trouble {
    Calm,
    Incident(ImpactLevel, i64),
    MaintenanceNow,
    MaintenanceSoon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImpactLevel {
    Critical,
    Major,
    Minor,
    NoImpact,
}

/// The fleet's vendors: slug, name and trouble, in no particular order.
const FLEET: [(&str, &str, Trouble); 42] = [
    (
        "umbra-pay",
        "Umbra Payments",
        Trouble::Incident(ImpactLevel::Critical, 25),
    ),
    (
        "northwind",
        "Northwind Cloud",
        Trouble::Incident(ImpactLevel::Major, 50),
    ),
    (
        "vertex-auth",
        "Vertex Auth",
        Trouble::Incident(ImpactLevel::Major, 15),
    ),
    (
        "kite-mail",
        "Kite Mail",
        Trouble::Incident(ImpactLevel::Minor, 40),
    ),
    (
        "lumen-cdn",
        "Lumen CDN",
        Trouble::Incident(ImpactLevel::Minor, 90),
    ),
    (
        "orbit-ci",
        "Orbit CI",
        Trouble::Incident(ImpactLevel::Minor, 5),
    ),
    (
        "pine-search",
        "Pine Search",
        Trouble::Incident(ImpactLevel::NoImpact, 30),
    ),
    ("harbor-db", "Harbor Database", Trouble::MaintenanceNow),
    ("quill-docs", "Quill Docs", Trouble::MaintenanceSoon),
    ("down-503", "Basalt Queue", Trouble::Calm),
    ("gone", "Cinder Logs", Trouble::Calm),
    ("acorn-ai", "Acorn AI", Trouble::Calm),
    ("brook-sms", "Brook SMS", Trouble::Calm),
    ("cobalt-git", "Cobalt Git", Trouble::Calm),
    ("delta-dns", "Delta DNS", Trouble::Calm),
    ("ember-metrics", "Ember Metrics", Trouble::Calm),
    ("fjord-storage", "Fjord Storage", Trouble::Calm),
    ("garnet-chat", "Garnet Chat", Trouble::Calm),
    ("helix-flags", "Helix Feature Flags", Trouble::Calm),
    ("iris-video", "Iris Video", Trouble::Calm),
    ("jade-maps", "Jade Maps", Trouble::Calm),
    ("kelp-billing", "Kelp Billing", Trouble::Calm),
    ("lark-forms", "Lark Forms", Trouble::Calm),
    ("mesa-compute", "Mesa Compute Platform", Trouble::Calm),
    ("nimbus-registry", "Nimbus Package Registry", Trouble::Calm),
    ("opal-email", "Opal Email", Trouble::Calm),
    ("prism-analytics", "Prism Analytics", Trouble::Calm),
    ("quartz-pages", "Quartz Pages", Trouble::Calm),
    ("raven-errors", "Raven Error Tracking", Trouble::Calm),
    ("sable-secrets", "Sable Secrets", Trouble::Calm),
    ("tidal-streams", "Tidal Streams", Trouble::Calm),
    ("ultra-uploads", "Ultra Uploads", Trouble::Calm),
    ("vale-voice", "Vale Voice", Trouble::Calm),
    ("willow-wiki", "Willow Wiki", Trouble::Calm),
    ("xeno-translate", "Xeno Translate", Trouble::Calm),
    ("yarrow-identity", "Yarrow Identity", Trouble::Calm),
    ("zephyr-edge", "Zephyr Edge Functions", Trouble::Calm),
    ("amber-tickets", "Amber Tickets", Trouble::Calm),
    ("birch-backup", "Birch Backup", Trouble::Calm),
    ("clover-crm", "Clover CRM", Trouble::Calm),
    ("dune-deploy", "Dune Deploy", Trouble::Calm),
    ("elm-events", "Elm Events", Trouble::Calm),
];

/// The pages of the fleet: slug, and the page at `now`.
pub fn fleet_pages(now: DateTime<Utc>) -> Vec<(String, Snapshot)> {
    FLEET
        .iter()
        .enumerate()
        .map(|(n, (slug, name, trouble))| ((*slug).to_string(), page(n, slug, name, *trouble, now)))
        .collect()
}

/// The component names of the `n`th vendor: a few for most, 16 in groups (one with a long name
/// and an `&`) for every fifth.
fn component_names(n: usize) -> Vec<(Option<&'static str>, &'static str)> {
    if n % 5 == 3 {
        let compute = [
            "Elastic Container Service & Fargate (eu-west-1)",
            "Virtual Machines",
            "Kubernetes Engine",
            "Serverless Functions",
            "Batch Jobs",
            "GPU Instances",
        ];
        let data = [
            "Object Storage",
            "Block Storage",
            "Managed PostgreSQL",
            "Managed Redis",
        ];
        let edge = ["DNS", "Load Balancers", "CDN", "Web Application Firewall"];
        let mut all: Vec<(Option<&str>, &str)> =
            compute.iter().map(|c| (Some("Compute"), *c)).collect();
        all.extend(data.iter().map(|c| (Some("Data"), *c)));
        all.extend(edge.iter().map(|c| (Some("Edge network"), *c)));
        all.extend([(None, "API"), (None, "Dashboard")]);
        all
    } else {
        vec![
            (None, "API"),
            (None, "Dashboard"),
            (None, "Webhooks"),
            (None, "Notifications"),
        ]
    }
}

fn page(n: usize, slug: &str, name: &str, trouble: Trouble, now: DateTime<Utc>) -> Snapshot {
    let id = |what: &str| statuspage_code(&format!("fleet/{slug}/{what}"));
    let affected = match trouble {
        Trouble::Incident(ImpactLevel::Critical, _) => ComponentStatus::MajorOutage,
        Trouble::Incident(ImpactLevel::Major, _) => ComponentStatus::PartialOutage,
        Trouble::Incident(ImpactLevel::Minor, _) => ComponentStatus::DegradedPerformance,
        Trouble::MaintenanceNow => ComponentStatus::UnderMaintenance,
        _ => ComponentStatus::Operational,
    };
    let components: Vec<Component> = component_names(n)
        .into_iter()
        .enumerate()
        .map(|(i, (group, component))| Component {
            id: id(component),
            name: component.to_string(),
            group: group.map(str::to_string),
            status: if i == 0 {
                affected.clone()
            } else {
                ComponentStatus::Operational
            },
            position: (i64::try_from(i).unwrap_or(0), 0),
        })
        .collect();
    let first = components[0].clone();
    Snapshot {
        page: PageInfo {
            id: None,
            name: Some(name.to_string()),
            url: None,
        },
        incidents: incident(trouble, &first, &id, now).into_iter().collect(),
        maintenances: maintenance(trouble, &first, &id, now).into_iter().collect(),
        components,
        warnings: Vec::new(),
    }
}

fn incident(
    trouble: Trouble,
    component: &Component,
    id: &dyn Fn(&str) -> String,
    now: DateTime<Utc>,
) -> Option<Incident> {
    let Trouble::Incident(level, minutes_ago) = trouble else {
        return None;
    };
    let (impact, title) = match level {
        ImpactLevel::Critical => (
            Impact::Critical,
            "Payments are failing for all card networks",
        ),
        ImpactLevel::Major => (Impact::Major, "Elevated error rates on the API"),
        ImpactLevel::Minor => (Impact::Minor, "Slower than usual responses in some regions"),
        ImpactLevel::NoImpact => (
            Impact::None,
            "Reindexing older documents; no impact expected",
        ),
    };
    let started_at = now - Duration::minutes(minutes_ago);
    let update = IncidentUpdate {
        id: id("update-1"),
        status: IncidentStatus::Investigating,
        body: format!("We are investigating: {title}."),
        at: started_at,
        components: vec![UpdateComponent {
            id: component.id.clone(),
            name: component.name.clone(),
            status: component.status.clone(),
        }],
    };
    Some(Incident {
        id: id("incident"),
        title: title.to_string(),
        impact,
        status: IncidentStatus::Investigating,
        started_at,
        resolved_at: None,
        url: None,
        updates: vec![update],
        component_ids: vec![component.id.clone()],
    })
}

fn maintenance(
    trouble: Trouble,
    component: &Component,
    id: &dyn Fn(&str) -> String,
    now: DateTime<Utc>,
) -> Option<Maintenance> {
    let (status, start) = match trouble {
        Trouble::MaintenanceNow => (MaintenanceStatus::InProgress, now - Duration::minutes(20)),
        Trouble::MaintenanceSoon => (MaintenanceStatus::Scheduled, now + Duration::hours(26)),
        _ => return None,
    };
    Some(Maintenance {
        id: id("maintenance"),
        title: "Database engine upgrade".to_string(),
        status,
        scheduled_for: Some(start),
        scheduled_until: Some(start + Duration::hours(2)),
        url: None,
        component_ids: vec![component.id.clone()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fleet_has_42_pages_with_each_trouble_once_or_as_many_as_asked() {
        let pages = fleet_pages(Utc::now());
        assert_eq!(pages.len(), 42);
        let impacts: Vec<Impact> = pages
            .iter()
            .flat_map(|(_, p)| p.incidents.iter().map(|i| i.impact.clone()))
            .collect();
        let count = |impact: Impact| impacts.iter().filter(|i| **i == impact).count();
        assert_eq!(
            (
                count(Impact::Critical),
                count(Impact::Major),
                count(Impact::Minor),
                count(Impact::None)
            ),
            (1, 2, 3, 1)
        );
        let maintenances: Vec<_> = pages.iter().flat_map(|(_, p)| &p.maintenances).collect();
        assert_eq!(maintenances.len(), 2);
        assert!(pages.iter().any(|(_, p)| p.components.len() == 16));
    }
}
