//! Tests of the metrics text over a real store: same-named components told apart, and the
//! response capped with what was left out counted.

use super::*;
use chrono::Utc;
use lookout_core::diff::Observation;
use lookout_core::{Component, Platform, Snapshot};
use lookout_store::{NewProvider, Store};

/// What a scrape reads of `store`, through the engine.
fn scraped(store: Store) -> Scraped {
    let lookout = Lookout::new(store, Arc::new(lookout_core::SystemClock)).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(scrape(&lookout)).unwrap()
}

/// A store in `dir` with one provider per `(name, components)`, each component `(id, name)`.
fn store_with(dir: &Path, pages: &[(&str, Vec<(String, String)>)]) -> Store {
    let mut store = Store::open(&dir.join("lookout.db")).unwrap();
    let at = Utc::now();
    for (name, components) in pages {
        let new = NewProvider {
            name: (*name).to_string(),
            url: format!("https://{name}.example.test"),
            platform: Platform::Statuspage,
            poll_interval_secs: 60,
        };
        let provider = store.add_provider(&new, at).unwrap();
        let components = components
            .iter()
            .enumerate()
            .map(|(n, (id, name))| Component {
                id: id.clone(),
                name: name.clone(),
                group: None,
                status: ComponentStatus::Operational,
                position: (0, n as i64),
            })
            .collect();
        observe(&mut store, provider.id, name, components);
    }
    store
}

/// `components` read now as the page of provider `id` (`name`).
fn observe(
    store: &mut Store,
    id: lookout_core::ProviderId,
    name: &str,
    components: Vec<Component>,
) {
    let observation = Observation {
        snapshot: Snapshot {
            components,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    };
    store
        .apply_observation(id, name, &observation, Utc::now())
        .unwrap();
}

#[test]
fn two_components_of_one_name_are_two_series() {
    let dir = tempfile::tempdir().unwrap();
    let twins = vec![
        ("c1".to_string(), "API".to_string()),
        ("c2".to_string(), "API".to_string()),
    ];
    let store = store_with(dir.path(), &[("Acme", twins)]);
    let text = render(&scraped(store), &Counters::default());
    let series: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("lookout_component_status{"))
        .map(|l| l.rsplit_once(' ').unwrap().0)
        .collect();
    assert_eq!(
        series,
        [
            r#"lookout_component_status{provider="Acme",group="",component="API",component_id="c1"}"#,
            r#"lookout_component_status{provider="Acme",group="",component="API",component_id="c2"}"#,
        ],
        "{text}"
    );
    assert!(
        text.ends_with("lookout_metrics_series_omitted 0\n"),
        "{text}"
    );
}

#[test]
fn three_pages_of_ten_thousand_components_stay_under_the_cap_and_say_how_many_were_left_out() {
    let dir = tempfile::tempdir().unwrap();
    // Long names, as a hostile or verbose page gives them: about 17 MB of series uncapped.
    let page = |p: usize| -> Vec<(String, String)> {
        (0..10_000)
            .map(|n| (format!("{p}-{n}"), format!("{n:0>500}")))
            .collect()
    };
    let pages = [("Acme", page(0)), ("Globex", page(1)), ("Initech", page(2))];
    let store = store_with(dir.path(), &pages);
    let text = render(&scraped(store), &Counters::default());
    let headers: usize = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.len() + 1)
        .sum();
    assert!(
        text.len() <= RESPONSE_CAP_BYTES + headers + 64,
        "{} bytes",
        text.len()
    );
    let kept = text
        .lines()
        .filter(|l| l.starts_with("lookout_component_status{"))
        .count();
    let omitted: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("lookout_metrics_series_omitted "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(kept > 0 && omitted > 0, "kept {kept}, omitted {omitted}");
    assert_eq!(
        kept + omitted,
        30_000,
        "every component is either kept or counted"
    );
    // The providers' own series come first, so the cap never costs them.
    for name in ["Acme", "Globex", "Initech"] {
        let line = format!("lookout_provider_status{{provider=\"{name}\"}} 0");
        assert!(text.lines().any(|l| l == line), "{line} missing");
    }
}

#[test]
fn a_small_cap_keeps_what_fits_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let components = (0..10)
        .map(|n| (format!("c{n}"), format!("Component {n}")))
        .collect();
    let scraped = scraped(store_with(dir.path(), &[("Acme", components)]));
    let full = render(&scraped, &Counters::default());
    let series_bytes = |text: &str| -> usize {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("lookout_metrics_series_omitted"))
            .map(|l| l.len() + 1)
            .sum()
    };
    let cap = series_bytes(&full) - 1;
    let capped = render_capped(&scraped, &Counters::default(), cap);
    assert!(series_bytes(&capped) <= cap);
    assert!(
        capped.ends_with("lookout_metrics_series_omitted 1\n"),
        "{capped}"
    );
    assert!(
        !capped.contains("component_id=\"c9\""),
        "the last one is left out"
    );
}

#[test]
fn services_are_series_of_their_own_affected_by_their_parts() {
    use lookout_core::services::{Criticality, Dependency, ServiceSpec};
    let dir = tempfile::tempdir().unwrap();
    let parts = vec![
        ("a".to_string(), "API".to_string()),
        ("d".to_string(), "Dashboard".to_string()),
    ];
    let mut store = store_with(dir.path(), &[("Acme", parts)]);
    let acme = store.providers().unwrap()[0].id;
    let mut components = store.components(acme).unwrap();
    components[0].status = ComponentStatus::PartialOutage;
    observe(&mut store, acme, "Acme", components);
    let uses = |component: &str| Dependency {
        provider: "Acme".into(),
        components: vec![component.into()],
        regions: vec![],
    };
    let service = |name: &str, criticality, component| ServiceSpec {
        name: name.into(),
        criticality,
        depends_on: vec![uses(component)],
        alert: false,
    };
    store
        .replace_services(&[
            service("Checkout", Criticality::High, "API"),
            service("Signup \"beta\"", Criticality::Normal, "Dashboard"),
        ])
        .unwrap();
    let text = render(&scraped(store), &Counters::default());
    for line in [
        r#"lookout_service_affected{service="Checkout",criticality="high"} 1"#,
        r#"lookout_service_affected{service="Signup \"beta\"",criticality="normal"} 0"#,
        r#"lookout_service_dependency_status{service="Checkout",provider="Acme",component="API"} 4"#,
        r#"lookout_service_dependency_status{service="Signup \"beta\"",provider="Acme",component="Dashboard"} 0"#,
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing from\n{text}"
        );
    }
}
