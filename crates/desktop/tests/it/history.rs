//! The provider page's history: the provider's bar with each day's incidents, each component's
//! bar and downtime, the reliability card, and "Export CSV".

use crate::window::{export_csv, provider_history};
use crate::{add, at, base, observe};
use chrono::Utc;
use lookout_core::ProviderId;
use lookout_desktop::IncidentQuery;
use lookout_store::Store;

/// Acme as the incident's life recorded it: calm, API degraded 10 min, partial 20 min, resolved.
fn recorded() -> (Store, ProviderId) {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    for (stage, minute) in [(0, -60), (1, 1), (2, 11), (3, 31)] {
        observe(&mut store, acme, "Acme", stage, at(minute));
    }
    (store, acme)
}

#[test]
fn the_history_has_a_bar_per_provider_and_component_and_the_reliability_card() {
    let (store, acme) = recorded();
    let view = provider_history(&store, acme, 3, &Utc, at(120)).unwrap();
    assert_eq!(view.days.len(), 3);
    let today = &view.days[2];
    assert_eq!(today.date, base().format("%Y-%m-%d").to_string());
    assert_eq!(today.worst.as_str(), "partial_outage");
    assert_eq!(today.incidents.len(), 1);
    assert_eq!(today.incidents[0].duration_seconds, Some(30 * 60));
    assert_eq!(
        view.days[0].worst.as_str(),
        "unknown",
        "before Lookout first read it"
    );
    assert!(view.days[0].incidents.is_empty());

    let api = &view.components[0];
    assert_eq!(api.name, "API");
    assert_eq!(api.seconds.degraded_performance, 10 * 60);
    assert_eq!(api.seconds.partial_outage, 20 * 60);
    let dashboard = &view.components[1];
    assert_eq!(dashboard.days[2].worst.as_str(), "operational");

    assert_eq!(view.reliability.incidents, 1);
    assert_eq!(
        view.reliability.longest.as_ref().unwrap().duration_seconds,
        30 * 60
    );
    assert_eq!(
        view.reliability.worst_component.as_ref().unwrap().name,
        "API"
    );

    let missing = provider_history(&store, ProviderId::new(999), 90, &Utc, at(120)).unwrap_err();
    assert_eq!(missing.code(), "not_found");
}

#[test]
fn export_writes_every_incident_the_list_selects_as_csv() {
    let (store, acme) = recorded();
    let mut out = Vec::new();
    let query = IncidentQuery {
        provider_id: Some(acme),
        ..IncidentQuery::default()
    };
    assert_eq!(export_csv(&store, &query, &mut out).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("provider,id,title,impact,status,started_at,resolved_at,duration_seconds,components,updates,url")
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("Acme,"), "{row}");
    assert!(row.contains(",1800,"), "{row}");
    let none = IncidentQuery {
        search: Some("nothing of the sort".into()),
        ..IncidentQuery::default()
    };
    assert_eq!(export_csv(&store, &none, &mut Vec::new()).unwrap(), 0);
}
