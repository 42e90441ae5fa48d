//! The cost of polling pages whose server sends no validators (no `ETag`, no `Last-Modified`,
//! so never a 304): 50 incident.io pages of a busy vendor's size (Clerk's page lists about as
//! much), polled every 60 s, nothing changing between polls. The figure is Lookout's own CPU
//! time per poll: the fake server runs on its own named threads and its CPU time is left out.

use chrono::{DateTime, Duration, Utc};
use lookout_core::{
    Component, ComponentStatus, FixedClock, Impact, Incident, IncidentStatus, IncidentUpdate,
    PageInfo, Platform, Snapshot, UpdateComponent,
};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{poll_all, FetchConfig, Fetched, Fetcher, PollConfig, SharedStore};
use lookout_store::{NewProvider, Store};
use std::time::Instant;

const PAGES: usize = 50;
const INTERVAL_SECS: i64 = 60;
const WARM_CYCLES: u32 = 10;
const COMPONENTS: usize = 40;
const INCIDENTS: usize = 80;
const UPDATES: usize = 5;

/// Prints the cold cycle and the average warm cycle of [`PAGES`] pages sent without validators.
pub async fn table(t0: DateTime<Utc>) {
    println!(
        "3. Pages without validators: {PAGES} incident.io pages ({COMPONENTS} components, \
         {INCIDENTS} incidents x {UPDATES} updates), no ETag/Last-Modified, every {INTERVAL_SECS} s"
    );
    let server = FakeStatusServer::start_blocking().expect("start fake server");
    let clock = FixedClock::new(t0);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("lookout.db")).expect("open store");
    let page = busy_page(t0 - Duration::days(1));
    for i in 0..PAGES {
        let slug = format!("quiet-{i:03}");
        server.set_page(&slug, Dialect::IncidentIo, page.clone());
        server.send_validators(&slug, false);
        let provider = NewProvider {
            name: slug.clone(),
            url: server.page_url(&slug),
            platform: Platform::IncidentIo,
            poll_interval_secs: INTERVAL_SECS as u32,
        };
        store.add_provider(&provider, t0).expect("add provider");
    }
    let store = SharedStore::new(store);
    let fetcher = Fetcher::new(FetchConfig::default()).expect("fetcher");
    print_sizes(&fetcher, &server.page_url("quiet-000"), t0).await;
    println!(
        "{:<28} {:>10} {:>14} {:>16} {:>8}",
        "cycle", "wall (ms)", "CPU/poll (ms)", "core share (%)", "errors"
    );
    let rig = Rig {
        store,
        fetcher,
        clock,
    };
    rig.cycles("cold (first read)", 1).await;
    rig.cycles(&format!("warm, unchanged (x{WARM_CYCLES})"), WARM_CYCLES)
        .await;
    drop(server);
}

/// What one measured cycle needs.
struct Rig {
    store: SharedStore,
    fetcher: Fetcher,
    clock: FixedClock,
}

impl Rig {
    /// Polls every page `cycles` times, one interval apart, and prints the average cycle.
    async fn cycles(&self, label: &str, cycles: u32) {
        let (cpu, wall) = (lookout_cpu_ms(), Instant::now());
        let mut errors = 0;
        for _ in 0..cycles {
            self.clock.advance(Duration::seconds(INTERVAL_SECS));
            let polls = poll_all(
                &self.store,
                &self.fetcher,
                &self.clock,
                PollConfig::default(),
            )
            .await
            .expect("poll");
            errors += polls.iter().filter(|p| p.error.is_some()).count();
        }
        let per_cycle = (lookout_cpu_ms() - cpu) / f64::from(cycles);
        println!(
            "{:<28} {:>10.1} {:>14.2} {:>16.3} {:>8}",
            label,
            wall.elapsed().as_secs_f64() * 1e3 / f64::from(cycles),
            per_cycle / PAGES as f64,
            per_cycle / (INTERVAL_SECS as f64 * 1e3) * 100.0,
            errors
        );
    }
}

/// The size of each document of the page at `url`.
async fn print_sizes(fetcher: &Fetcher, url: &str, now: DateTime<Utc>) {
    let base = url::Url::parse(url).expect("page URL");
    let mut sizes = Vec::new();
    for endpoint in lookout_core::sources::endpoints::endpoints(Platform::IncidentIo, &base) {
        let fetched = fetcher.fetch(endpoint.url.as_str(), None, now).await;
        if let Ok(Fetched::Body { bytes, .. }) = fetched {
            sizes.push(format!("{:.0} KB", bytes.len() as f64 / 1024.0));
        }
    }
    println!("   (each page's documents: {})", sizes.join(" + "));
}

/// A page of a busy vendor: [`COMPONENTS`] components in four groups, [`INCIDENTS`] resolved
/// incidents of [`UPDATES`] updates each, the newest ending before `until`.
fn busy_page(until: DateTime<Utc>) -> Snapshot {
    let components: Vec<Component> = (0..COMPONENTS)
        .map(|c| Component {
            id: format!("01HZCOMPONENT{c:013}"),
            name: format!("Service {c}"),
            group: Some(format!("Region {}", c % 4)),
            status: ComponentStatus::Operational,
            position: ((c % 4) as i64, c as i64),
        })
        .collect();
    let incidents = (0..INCIDENTS)
        .map(|i| {
            let start = until - Duration::hours(40 * i as i64 + 2);
            let affected = &components[i % COMPONENTS];
            let updates: Vec<IncidentUpdate> = (0..UPDATES)
                .map(|u| IncidentUpdate {
                    id: format!("01HZUPDATE{i:08}{u:08}"),
                    status: if u + 1 == UPDATES {
                        IncidentStatus::Resolved
                    } else {
                        IncidentStatus::Monitoring
                    },
                    body: format!(
                        "Update {u}: some requests to {} saw elevated latency and errors. {}",
                        affected.name,
                        "We are working on it and will share more as we learn it. ".repeat(2)
                    ),
                    at: start + Duration::minutes(15 * u as i64),
                    components: vec![UpdateComponent {
                        id: affected.id.clone(),
                        name: affected.name.clone(),
                        status: ComponentStatus::DegradedPerformance,
                    }],
                })
                .collect();
            Incident {
                id: format!("01HZINCIDENT{i:014}"),
                title: format!("Elevated errors on {}", affected.name),
                impact: Impact::Minor,
                status: IncidentStatus::Resolved,
                started_at: start,
                resolved_at: updates.last().map(|u| u.at),
                url: None,
                component_ids: vec![affected.id.clone()],
                updates,
            }
        })
        .collect();
    Snapshot {
        page: PageInfo {
            id: None,
            name: Some("Busy".to_string()),
            url: None,
        },
        components,
        incidents,
        maintenances: Vec::new(),
        warnings: Vec::new(),
    }
}

/// This process's CPU time (user + system, ms) less the fake server's threads' (Linux `/proc`;
/// ticks of 10 ms). Threads that have exited still count in the process's total.
fn lookout_cpu_ms() -> f64 {
    let total = stat_ticks(&std::fs::read_to_string("/proc/self/stat").unwrap_or_default()).1;
    let mut server = 0;
    for task in std::fs::read_dir("/proc/self/task").into_iter().flatten() {
        let Ok(task) = task else { continue };
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        let (name, ticks) = stat_ticks(&stat);
        if name.starts_with("fake-status-se") {
            server += ticks;
        }
    }
    (total - server) as f64 * 10.0
}

/// The command name and utime + stime of a `stat` line.
fn stat_ticks(stat: &str) -> (String, u64) {
    let name = stat
        .split_once('(')
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map_or("", |(name, _)| name)
        .to_string();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    (name, ticks(11).unwrap_or(0) + ticks(12).unwrap_or(0))
}
