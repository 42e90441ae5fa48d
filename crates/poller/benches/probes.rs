//! What Lookout's own probes cost, run by the real watch loop against the fake server on loopback
//! for a while: the process's CPU time over that while, as a share of one core. Three shapes:
//! 50 providers with one probe each, every 30 s (goal: under 0.2 %), and 300 and 1,000 probes of
//! one provider, every 30 s (goals: under 1.5 % and 5 %; the cost grows linearly). The
//! providers' pages are read once at the start (their interval is an hour), so what is measured
//! is the probes. The database is a file, as `lookout watch` has it (its changes are watched).
//!
//! `cargo bench -p lookout-poller --bench probes` (90 s a shape; `LOOKOUT_PROBE_BENCH_SECS`
//! changes it; `LOOKOUT_PROBE_BENCH_SHAPE=50x1`, `1x300` or `1x1000` runs one shape).
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

const EVERY_SECS: u32 = 30;

/// Providers, and probes of each.
#[derive(Debug, Clone, Copy)]
struct Shape {
    providers: usize,
    probes_each: usize,
    goal_percent: f64,
}

const SHAPES: [Shape; 3] = [
    Shape {
        providers: 50,
        probes_each: 1,
        goal_percent: 0.2,
    },
    Shape {
        providers: 1,
        probes_each: 300,
        goal_percent: 1.5,
    },
    Shape {
        providers: 1,
        probes_each: 1000,
        goal_percent: 5.0,
    },
];

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
    let only = std::env::var("LOOKOUT_PROBE_BENCH_SHAPE").ok();
    for shape in SHAPES {
        let name = format!("{}x{}", shape.providers, shape.probes_each);
        if only.as_ref().is_none_or(|only| *only == name) {
            runtime.block_on(measure(shape, seconds));
        }
    }
}

async fn measure(shape: Shape, seconds: u64) {
    let server = FakeStatusServer::start().await.unwrap();
    let base = Utc::now() - chrono::Duration::hours(1);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
    for n in 0..shape.providers {
        let slug = format!("vendor{n}");
        server.set_page(
            &slug,
            Dialect::Statuspage,
            incident_life_for(Dialect::Statuspage, 0, base),
        );
        for k in 0..shape.probes_each {
            let document = format!("health{k}");
            server.set_document(&format!("api{n}"), &document, "text/plain", b"ok".to_vec());
        }
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
        for k in 0..shape.probes_each {
            let new = NewProbe {
                provider_id: provider.id,
                url: format!("{}health{k}", server.page_url(&format!("api{n}"))),
                every_secs: EVERY_SECS,
                expect: Expect::Class(2),
                contains: Some("ok".into()),
                timeout_secs: 10,
                allow_private: false,
            };
            store.add_probe(&new, Utc::now()).unwrap();
        }
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
    let hits = || -> usize {
        (0..shape.providers)
            .map(|n| server.hits(&format!("api{n}")))
            .sum()
    };
    let hits_before = hits();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let used = cpu_time().saturating_sub(cpu);
    let elapsed = wall.elapsed();
    let runs = hits() - hits_before;
    let _ = stop.send(());
    task.await.unwrap();
    let share = used.as_secs_f64() / elapsed.as_secs_f64() * 100.0;
    let probes = shape.providers * shape.probes_each;
    println!(
        "probes: {} provider(s) x {} probe(s) = {probes} probes every {EVERY_SECS} s, watched \
         for {:.0} s",
        shape.providers,
        shape.probes_each,
        elapsed.as_secs_f64()
    );
    println!("  probe runs          {runs}");
    println!(
        "  CPU time            {:.2} s (the fake server's share included)",
        used.as_secs_f64()
    );
    println!(
        "  share of one core   {share:.3} %   (goal < {} %)",
        shape.goal_percent
    );
    println!("BENCH probes {probes} share_percent={share:.3} runs={runs}");
}
