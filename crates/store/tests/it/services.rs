//! Services stored whole and read back in their order, a second of one name refused with nothing
//! changed, and when each component's current trouble began.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::services::{Criticality, Dependency, ServiceSpec};
use lookout_core::{Component, ComponentStatus, Snapshot};
use lookout_store::Store;

fn at(h: i64, m: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap() + Duration::hours(h) + Duration::minutes(m)
}

fn service(name: &str, criticality: Criticality) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        criticality,
        depends_on: vec![Dependency {
            provider: "Acme".into(),
            components: vec!["API".into()],
            regions: vec![],
        }],
        alert: criticality == Criticality::High,
    }
}

#[test]
fn services_are_replaced_whole_and_a_second_of_one_name_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let first = vec![
        service("Checkout", Criticality::High),
        service("Signup", Criticality::Low),
    ];
    store.replace_services(&first).unwrap();
    assert_eq!(store.services().unwrap(), first);
    let twice = vec![
        service("Billing", Criticality::Normal),
        service("billing", Criticality::Low),
    ];
    let error = store.replace_services(&twice).unwrap_err();
    assert!(
        error.to_string().contains("a second service named"),
        "{error}"
    );
    assert_eq!(store.services().unwrap(), first, "nothing changed");
    store.replace_services(&[]).unwrap();
    assert!(store.services().unwrap().is_empty());
}

fn page(api: ComponentStatus) -> Observation {
    let component = |id: &str, status: ComponentStatus| Component {
        id: id.into(),
        name: id.to_uppercase(),
        group: None,
        status,
        position: (0, 0),
    };
    Observation {
        snapshot: Snapshot {
            components: vec![
                component("api", api),
                component("db", ComponentStatus::Operational),
            ],
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

#[test]
fn a_components_trouble_began_at_its_first_status_after_operational() {
    use ComponentStatus::{DegradedPerformance, MajorOutage, Operational};
    let mut store = Store::open_in_memory().unwrap();
    let acme = store
        .add_provider(&crate::providers::acme(), at(0, 0))
        .unwrap();
    for (when, status) in [
        (at(9, 0), DegradedPerformance),
        (at(9, 30), Operational),
        (at(10, 0), DegradedPerformance),
        (at(10, 20), MajorOutage),
    ] {
        store
            .apply_observation(acme.id, "Acme", &page(status), when)
            .unwrap();
    }
    let since = store.component_trouble_since(acme.id).unwrap();
    assert_eq!(since.get("api"), Some(&at(10, 0)));
    assert_eq!(since.len(), 1, "db is operational: {since:?}");
    store
        .apply_observation(acme.id, "Acme", &page(Operational), at(11, 0))
        .unwrap();
    assert!(store.component_trouble_since(acme.id).unwrap().is_empty());
}

#[test]
fn pictures_read_in_bulk_say_what_each_providers_own_status_says() {
    use ComponentStatus::{Operational, PartialOutage};
    let mut store = Store::open_in_memory().unwrap();
    let read = store
        .add_provider(&crate::providers::acme(), at(0, 0))
        .unwrap();
    store
        .apply_observation(read.id, "Acme", &page(Operational), at(9, 0))
        .unwrap();
    store
        .apply_observation(read.id, "Acme", &page(PartialOutage), at(9, 30))
        .unwrap();
    let mut never = crate::providers::acme();
    never.name = "Never read".into();
    never.url = "https://status.never.test".into();
    store.add_provider(&never, at(0, 0)).unwrap();
    let now = at(9, 31);
    let pictures = store
        .service_pictures(store.providers().unwrap(), now)
        .unwrap();
    assert_eq!(pictures.len(), 2);
    for (picture, provider) in pictures.iter().zip(store.providers().unwrap()) {
        let (status, unknown) = store.provider_health(provider.id, now).unwrap();
        assert_eq!(picture.name, provider.name);
        assert_eq!(picture.status, status, "{}", provider.name);
        assert_eq!(picture.unknown, unknown.map(|u| u.describe(now)));
    }
    let acme = pictures.iter().find(|p| p.name == "Acme").unwrap();
    let names: Vec<&str> = acme.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["API", "DB"], "in page order");
    assert_eq!(acme.component_since.get("api"), Some(&at(9, 30)));
    let never = pictures.iter().find(|p| p.name == "Never read").unwrap();
    assert_eq!(
        never.unknown_since,
        Some(at(0, 0)),
        "unknown since it was added"
    );
}
