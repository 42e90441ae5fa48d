//! What Lookout's own probes cost: 50 providers, each with one probe every 30 s against the fake
//! server on loopback, run by the real watch loop for a while; the process's CPU time over that
//! while, as a share of one core (goal: under 0.2 %). The providers' pages are read once at the
//! start (their interval is an hour), so what is measured is the probes.
//!
//! `cargo bench -p lookout-poller --bench probes` (90 s; `LOOKOUT_PROBE_BENCH_SECS` changes it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use lookout_core::probe::Expect;
use lookout_core::{Platform, SystemClock};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{
    watch, EventsStored, FetchConfig, Fetcher, PollConfig, Refresh, SharedStore, Watch,
};
use lookout_store::{NewProbe, NewProvider, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PROVIDERS: usize = 50;
const EVERY_SECS: u32 = 30;

/// User + system CPU time of this process so far (Linux `/proc/self/stat`, in clock ticks of
/// 1/100 s).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn main() {
    let seconds: u64 = std::env::var("LOOKOUT_PROBE_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(90);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(measure(seconds));
}

async fn measure(seconds: u64) {
    let server = FakeStatusServer::start().await.unwrap();
    let base = Utc::now() - chrono::Duration::hours(1);
    let mut store = Store::open_in_memory().unwrap();
    for n in 0..PROVIDERS {
        let slug = format!("vendor{n}");
        server.set_page(
            &slug,
            Dialect::Statuspage,
            incident_life_for(Dialect::Statuspage, 0, base),
        );
        server.set_document(&format!("api{n}"), "health", "text/plain", b"ok".to_vec());
        let provider = store
            .add_provider(
                &NewProvider {
                    name: format!("Vendor {n}"),
                    url: server.page_url(&slug),
                    platform: Platform::Statuspage,
                    poll_interval_secs: 3600,
                },
                Utc::now(),
            )
            .unwrap();
        store
            .add_probe(
                &NewProbe {
                    provider_id: provider.id,
                    url: format!("{}health", server.page_url(&format!("api{n}"))),
                    every_secs: EVERY_SECS,
                    expect: Expect::Class(2),
                    contains: Some("ok".into()),
                    timeout_secs: 10,
                },
                Utc::now(),
            )
            .unwrap();
    }
    let setup = Watch {
        store: SharedStore::new(store),
        fetcher: Fetcher::new(FetchConfig::default()).unwrap(),
        clock: Arc::new(SystemClock),
        config: PollConfig::default(),
        refresh: Refresh::default(),
        events: EventsStored::default(),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(watch(setup, |_| {}, async {
        let _ = stopped.await;
    }));
    // The first polls and runs settle, then the steady state is measured.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (cpu, wall) = (cpu_time(), Instant::now());
    let hits_before: usize = (0..PROVIDERS)
        .map(|n| server.hits(&format!("api{n}")))
        .sum();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let used = cpu_time().saturating_sub(cpu);
    let elapsed = wall.elapsed();
    let runs: usize = (0..PROVIDERS)
        .map(|n| server.hits(&format!("api{n}")))
        .sum::<usize>()
        - hits_before;
    let _ = stop.send(());
    task.await.unwrap();
    let share = used.as_secs_f64() / elapsed.as_secs_f64() * 100.0;
    println!(
        "probes: {PROVIDERS} probes every {EVERY_SECS} s, watched for {:.0} s",
        elapsed.as_secs_f64()
    );
    println!("  probe runs          {runs}");
    println!(
        "  CPU time            {:.2} s (the fake server's share included)",
        used.as_secs_f64()
    );
    println!("  share of one core   {share:.3} %   (goal < 0.2 %)");
}
