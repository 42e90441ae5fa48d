//! Uptime and stats from what the store keeps: the vendor's timelines, the statuses Lookout
//! recorded, and the time the page could not be read.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot,
    UpdateComponent,
};
use lookout_store::history::HistoryWindow;
use lookout_store::Store;

/// 2026-05-01 at `h:m` UTC.
fn at(h: i64, m: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap() + Duration::hours(h) + Duration::minutes(m)
}

fn component(id: &str) -> Component {
    Component {
        id: id.into(),
        name: id.to_uppercase(),
        group: None,
        status: ComponentStatus::Operational,
        position: (0, 0),
    }
}

fn update(
    id: &str,
    when: DateTime<Utc>,
    status: &str,
    listed: &[(&str, ComponentStatus)],
) -> IncidentUpdate {
    IncidentUpdate {
        id: id.into(),
        status: IncidentStatus::parse(status),
        body: "text".into(),
        at: when,
        components: listed
            .iter()
            .map(|(id, status)| UpdateComponent {
                id: (*id).into(),
                name: id.to_uppercase(),
                status: status.clone(),
            })
            .collect(),
    }
}

/// The page at a poll: `api` and `db`, and the incidents given.
fn page(incidents: Vec<Incident>) -> Observation {
    Observation {
        snapshot: Snapshot {
            components: vec![component("api"), component("db")],
            incidents,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

fn incident(
    id: &str,
    impact: Impact,
    updates: Vec<IncidentUpdate>,
    resolved: Option<DateTime<Utc>>,
) -> Incident {
    Incident {
        id: id.into(),
        title: format!("Incident {id}"),
        impact,
        status: if resolved.is_some() {
            IncidentStatus::Resolved
        } else {
            IncidentStatus::Investigating
        },
        started_at: updates[0].at,
        resolved_at: resolved,
        url: None,
        updates,
        component_ids: vec![],
    }
}

/// An outage of `db` 10:00–11:30 in which `api` is degraded 10:30–11:00; a minor one on `api`
/// 14:00–14:20; the page unreadable 18:00–19:00 (three failures, then a read).
fn a_day_of_history() -> (Store, lookout_store::Provider) {
    use ComponentStatus::{DegradedPerformance, MajorOutage, Operational};
    let mut store = Store::open_in_memory().unwrap();
    let provider = store
        .add_provider(&crate::providers::acme(), at(0, 0))
        .unwrap();
    let first = incident(
        "i1",
        Impact::Major,
        vec![
            update("a", at(10, 0), "investigating", &[("db", MajorOutage)]),
            update(
                "b",
                at(10, 30),
                "identified",
                &[("api", DegradedPerformance)],
            ),
            update("c", at(11, 0), "monitoring", &[("api", Operational)]),
            update("d", at(11, 30), "resolved", &[]),
        ],
        Some(at(11, 30)),
    );
    let second = incident(
        "i2",
        Impact::Minor,
        vec![
            update("e", at(14, 0), "investigating", &[("api", MajorOutage)]),
            update("f", at(14, 20), "resolved", &[("api", Operational)]),
        ],
        Some(at(14, 20)),
    );
    store
        .apply_observation(provider.id, "Acme", &page(vec![]), at(0, 0))
        .unwrap();
    store
        .apply_observation(provider.id, "Acme", &page(vec![first, second]), at(15, 0))
        .unwrap();
    for minute in [0, 1, 2] {
        store
            .record_failure(provider.id, "Acme", "HTTP 503", 3, at(17, 58 + minute))
            .unwrap();
    }
    store
        .apply_observation(provider.id, "Acme", &page(vec![]), at(19, 0))
        .unwrap();
    (store, provider)
}

#[test]
fn uptime_counts_exact_seconds_from_the_timelines_and_unread_time_as_unknown() {
    let (store, provider) = a_day_of_history();
    let window = HistoryWindow::last_days(&Utc, at(23, 0), 2);
    assert_eq!(window.from, at(-24, 0));
    let report = store.uptime(&[provider], &window, &Utc).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let components = &json["providers"][0]["components"];
    let (api, db) = (&components[0], &components[1]);
    assert_eq!(api["id"], "api");
    // The day before Lookout's first read is unknown; the page was unread 18:00–19:00.
    let unknown = 24 * 3600 + 3600;
    assert_eq!(db["seconds"]["major_outage"], 90 * 60);
    assert_eq!(db["seconds"]["unknown"], unknown);
    assert_eq!(api["seconds"]["degraded_performance"], 30 * 60);
    assert_eq!(api["seconds"]["major_outage"], 20 * 60);
    assert_eq!(api["seconds"]["partial_outage"], 0);
    let known = f64::from(23 * 3600 - 3600);
    let expected = ((known - 20.0 * 60.0) * 100.0 / known * 1000.0).round() / 1000.0;
    assert_eq!(api["uptime_percent"], expected);
    let days: Vec<(&str, &str)> = db["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["worst"].as_str().unwrap()))
        .collect();
    assert_eq!(
        days,
        [("2026-04-30", "unknown"), ("2026-05-01", "major_outage")]
    );
}

#[test]
fn stats_count_incidents_by_impact_their_durations_and_the_component_down_longest() {
    let (store, provider) = a_day_of_history();
    let window = HistoryWindow::last_days(&Utc, at(23, 0), 1);
    let report = store.stats(&[provider], &window, &Utc).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let acme = &json["providers"][0];
    assert_eq!(acme["incidents"], 2);
    assert_eq!(acme["by_impact"]["major"], 1);
    assert_eq!(acme["by_impact"]["minor"], 1);
    assert_eq!(acme["total_seconds"], 90 * 60 + 20 * 60);
    assert_eq!(acme["mean_seconds"], 55 * 60);
    assert_eq!(acme["median_seconds"], 55 * 60);
    assert_eq!(acme["longest"]["id"], "i1");
    assert_eq!(acme["longest"]["duration_seconds"], 90 * 60);
    assert_eq!(acme["worst_component"]["name"], "DB");
    assert_eq!(acme["worst_component"]["seconds"], 90 * 60);
}
