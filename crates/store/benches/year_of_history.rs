//! A year of history for 50 providers: how big the database grows and how long the history
//! reads take on it (goal: under 100 MB; `uptime` of every provider under 200 ms).
//! `cargo bench -p lookout-store --bench year_of_history`.
//! With `LOOKOUT_BENCH_KEEP_DB=FILE` the database is copied to FILE at the end (for
//! `scripts/bench`, which times `lookout incidents --json` on it), and a machine-readable line
//! `BENCH year_of_history size_mib=…` is printed.
//!
//! Each provider has 20 components and an incident every three days (about 120 a year), each
//! with four updates of about 400 bytes listing one to three components, stored as polls store
//! them: the page read as the incident opens (its components in partial outage) and as it is
//! resolved (operational again), every read carrying the page's 50 most recent incidents.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::sources::Platform;
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot,
    UpdateComponent,
};
use lookout_store::history::HistoryWindow;
use lookout_store::{IncidentFilter, NewProvider, Store};
use std::time::Instant;

const PROVIDERS: usize = 50;
const COMPONENTS: usize = 20;
const DAYS: i64 = 365;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).unwrap()
}

fn components(down: &[usize]) -> Vec<Component> {
    (0..COMPONENTS)
        .map(|c| Component {
            id: format!("c{c}"),
            name: format!("Component {c}"),
            group: Some(format!("Group {}", c / 5)),
            status: if down.contains(&c) {
                ComponentStatus::PartialOutage
            } else {
                ComponentStatus::Operational
            },
            position: (i64::try_from(c / 5).unwrap(), i64::try_from(c).unwrap()),
        })
        .collect()
}

/// Incident `n` of a provider: starts on day 3n at a pseudo-random minute, lasts 20–200 minutes.
fn incident(provider: usize, n: usize, resolved: bool) -> (Incident, Vec<usize>) {
    let seed = provider * 7919 + n * 104_729;
    let began = start()
        + Duration::days(i64::try_from(n * 3).unwrap())
        + Duration::minutes(i64::try_from(seed % 1_400).unwrap());
    let length = Duration::minutes(20 + i64::try_from(seed % 180).unwrap());
    let hit: Vec<usize> = (0..=(seed % 3))
        .map(|k| (seed / 3 + k * 7) % COMPONENTS)
        .collect();
    let body = "We are investigating reports of elevated error rates and latency on requests to \
                this service. Some customers may see timeouts; our engineers are working on it. "
        .repeat(2);
    let words = ["investigating", "identified", "monitoring", "resolved"];
    let steps = if resolved { 4 } else { 2 };
    let updates = (0..steps)
        .map(|k| IncidentUpdate {
            id: format!("p{provider}-i{n}-u{k}"),
            status: IncidentStatus::parse(words[k]),
            body: body.clone(),
            at: began + length * i32::try_from(k).unwrap() / 3,
            components: hit
                .iter()
                .map(|c| UpdateComponent {
                    id: format!("c{c}"),
                    name: format!("Component {c}"),
                    status: if k == 3 {
                        ComponentStatus::Operational
                    } else {
                        ComponentStatus::PartialOutage
                    },
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let incident = Incident {
        id: format!("p{provider}-i{n}"),
        title: format!("Elevated errors on component {}", hit[0]),
        impact: if seed.is_multiple_of(5) {
            Impact::Major
        } else {
            Impact::Minor
        },
        status: IncidentStatus::parse(words[steps - 1]),
        started_at: began,
        resolved_at: resolved.then_some(began + length),
        url: None,
        updates,
        component_ids: hit.iter().map(|c| format!("c{c}")).collect(),
    };
    (incident, hit)
}

fn page(components: Vec<Component>, incidents: Vec<Incident>) -> Observation {
    Observation {
        snapshot: Snapshot {
            components,
            incidents,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

fn fill(store: &mut Store) -> DateTime<Utc> {
    let per_provider = usize::try_from(DAYS / 3).unwrap();
    for p in 0..PROVIDERS {
        let provider = store
            .add_provider(
                &NewProvider {
                    name: format!("Vendor {p}"),
                    url: format!("https://status.vendor{p}.test/"),
                    platform: Platform::Statuspage,
                    poll_interval_secs: 60,
                },
                start(),
            )
            .unwrap();
        let mut recent: Vec<Incident> = Vec::new();
        for n in 0..per_provider {
            let (open, hit) = incident(p, n, false);
            let (done, _) = incident(p, n, true);
            let mut listed = recent.clone();
            let opened_at = open.updates[1].at;
            listed.push(open);
            let read = page(components(&hit), listed);
            store
                .apply_observation(provider.id, &provider.name, &read, opened_at)
                .unwrap();
            let closed_at = done.resolved_at.unwrap();
            recent.push(done);
            if recent.len() > 50 {
                recent.remove(0);
            }
            let read = page(components(&[]), recent.clone());
            store
                .apply_observation(provider.id, &provider.name, &read, closed_at)
                .unwrap();
        }
    }
    start() + Duration::days(DAYS)
}

fn millis(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut store = Store::open(&path).unwrap();
    let filling = Instant::now();
    let now = fill(&mut store);
    let filled = filling.elapsed().as_secs_f64();
    drop(store);
    let store = Store::open(&path).unwrap();
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
    let providers = store.providers().unwrap();
    println!(
        "year_of_history: {PROVIDERS} providers, {COMPONENTS} components each, an incident every \
         3 days for {DAYS} days (stored in {filled:.1} s)"
    );
    #[allow(clippy::cast_precision_loss)]
    let mib = (size("lookout.db") + size("lookout.db-wal")) as f64 / (1024.0 * 1024.0);
    println!("  database size                          {mib:>8.1} MiB  (goal < 100 MB)");
    println!("BENCH year_of_history size_mib={mib:.1}");
    for days in [90, 365] {
        let window = HistoryWindow::last_days(&Utc, now, days);
        let started = Instant::now();
        let report = store.uptime(&providers, &window, &Utc).unwrap();
        let took = millis(started);
        let components: usize = report.providers.iter().map(|p| p.components.len()).sum();
        println!(
            "  uptime, every provider, {days:>3} days       {took:>8.1} ms   ({components} \
             components; goal < 200 ms)"
        );
    }
    let window = HistoryWindow::last_days(&Utc, now, 90);
    let started = Instant::now();
    store.stats(&providers, &window, &Utc).unwrap();
    println!(
        "  stats, every provider, 90 days         {:>8.1} ms",
        millis(started)
    );
    let started = Instant::now();
    let all = store.incidents(&IncidentFilter::default()).unwrap();
    println!(
        "  every incident with its timeline       {:>8.1} ms   ({} incidents)",
        millis(started),
        all.len()
    );
    let started = Instant::now();
    let found = store
        .incidents(&IncidentFilter {
            search: Some("component 7 timeouts".into()),
            ..IncidentFilter::default()
        })
        .unwrap();
    println!(
        "  search \"component 7 timeouts\"          {:>8.1} ms   ({} found)",
        millis(started),
        found.len()
    );
    drop(store);
    keep(dir.path(), &path);
}

/// Copies the database (and its WAL, if any is left) to `LOOKOUT_BENCH_KEEP_DB`, when set.
fn keep(dir: &std::path::Path, path: &std::path::Path) {
    let Some(target) = std::env::var_os("LOOKOUT_BENCH_KEEP_DB") else {
        return;
    };
    let target = std::path::PathBuf::from(target);
    std::fs::copy(path, &target).unwrap();
    let wal = dir.join("lookout.db-wal");
    if wal.exists() {
        let mut target_wal = target.into_os_string();
        target_wal.push("-wal");
        std::fs::copy(wal, target_wal).unwrap();
    }
}
