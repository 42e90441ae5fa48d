//! Working out which of 100 services are affected, over 500 providers of 16 components each,
//! after a change (one provider's component in a partial outage): the whole answer as the engine
//! and the alert pass get it (`Store::affected_services`: every provider's picture read from the
//! database, then matched), and the matching alone (`lookout_core::services::affected`). Median
//! of 21 runs each; goal: the whole answer ≤ 5 ms.
//! `cargo bench -p lookout-store --bench affected_services` prints a machine-readable line
//! `BENCH affected_services whole_ms=… matching_ms=…`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::services::{affected, Criticality, Dependency, ServiceSpec};
use lookout_core::sources::Platform;
use lookout_core::{Component, ComponentStatus, Snapshot};
use lookout_store::{NewProvider, Store};
use std::time::Instant;

const PROVIDERS: usize = 500;
const COMPONENTS: usize = 16;
const SERVICES: usize = 100;
const RUNS: usize = 21;

fn page(down: Option<usize>) -> Observation {
    let components = (0..COMPONENTS)
        .map(|c| Component {
            id: format!("c{c}"),
            name: format!("Component {c}"),
            group: Some(format!("Group {}", c / 4)),
            status: match down == Some(c) {
                true => ComponentStatus::PartialOutage,
                false => ComponentStatus::Operational,
            },
            position: (c as i64 / 4, c as i64),
        })
        .collect();
    Observation {
        snapshot: Snapshot {
            components,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

/// Service `n` uses two components of three providers (one narrowed to a group).
fn service(n: usize) -> ServiceSpec {
    let uses = |p: usize, components: Vec<String>| Dependency {
        provider: format!("Vendor {}", p % PROVIDERS),
        components,
        regions: vec![],
    };
    ServiceSpec {
        name: format!("Service {n}"),
        criticality: Criticality::Normal,
        depends_on: vec![
            uses(n * 5, vec!["Component 1".into(), "Component 2".into()]),
            uses(n * 5 + 1, vec!["Group 2".into()]),
            uses(n * 5 + 2, vec![]),
        ],
        alert: false,
    }
}

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
    for p in 0..PROVIDERS {
        let new = NewProvider {
            name: format!("Vendor {p}"),
            url: format!("https://status.vendor{p}.test"),
            platform: Platform::Statuspage,
            poll_interval_secs: 60,
        };
        let provider = store.add_provider(&new, now).unwrap();
        store
            .apply_observation(provider.id, &new.name, &page(None), now)
            .unwrap();
    }
    let services: Vec<ServiceSpec> = (0..SERVICES).map(service).collect();
    store.replace_services(&services).unwrap();
    // The change: Vendor 0's Component 1 in a partial outage.
    let vendor0 = store.providers_named("Vendor 0").unwrap()[0].id;
    store
        .apply_observation(vendor0, "Vendor 0", &page(Some(1)), now)
        .unwrap();
    let answer = store.affected_services(now).unwrap();
    let hit: Vec<&str> = answer
        .iter()
        .filter(|s| s.affected)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(hit, ["Service 0"], "exactly the service that uses it");
    let whole = median_ms(|| {
        store.affected_services(now).unwrap();
    });
    let pictures = store
        .service_pictures(store.providers().unwrap(), now)
        .unwrap();
    let matching = median_ms(|| {
        affected(&services, &pictures);
    });
    println!(
        "{SERVICES} services over {PROVIDERS} providers of {COMPONENTS} components: \
         whole answer {whole:.2} ms, matching alone {matching:.3} ms (median of {RUNS})"
    );
    println!("BENCH affected_services whole_ms={whole:.3} matching_ms={matching:.3}");
}
