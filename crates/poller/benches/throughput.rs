//! Throughput figures for Lookout: parse speed of large Statuspage documents, and one poll cycle
//! of 200 providers served by the fake status server on loopback (cold, then warm with 304s),
//! and the CPU cost of polling 50 pages whose server sends no validators.
//!
//! Run with `cargo bench -p lookout-poller`. A plain `main` (no harness): it prints a table.
//! Real payloads are read at runtime from `../shared/fixtures` when that directory exists; a
//! synthetic incidents.json (50 incidents × 10 updates) is always measured.
//!
//! `LOOKOUT_BENCH_PROVIDERS=500` changes the number of providers polled; each poll cycle also
//! prints a machine-readable line for `scripts/bench`:
//! `BENCH poll_cycle <cold|warm> providers=N wall_s=… cpu_s=… errors=…` (CPU: user + system time
//! of this whole process, the in-process fake server included).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cycles/unvalidated.rs"]
mod unvalidated;

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::sources::Document;
use lookout_core::{FixedClock, Platform};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use lookout_poller::{poll_all, FetchConfig, Fetcher, PollConfig, SharedStore};
use lookout_store::{NewProvider, Store};
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");
const PROVIDERS: usize = 200;
/// Clock ticks per second of `/proc/self/stat`'s utime and stime (USER_HZ, 100 on Linux).
const USER_HZ: f64 = 100.0;
/// Minimum measuring time per parse row.
const PARSE_BUDGET: std::time::Duration = std::time::Duration::from_millis(700);

fn main() {
    println!("Lookout throughput (release build, {} CPUs)", cpus());
    println!();
    parse_table();
    println!();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(poll_table());
    println!();
    runtime.block_on(unvalidated::table(t0()));
    println!();
    println!("peak RSS (VmHWM): {}", peak_rss());
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

// ---------------------------------------------------------------------------------------------
// Parsing

fn parse_table() {
    println!("1. Parse throughput (Document::parse, single thread)");
    println!(
        "{:<44} {:>10} {:>8} {:>10} {:>12}",
        "document", "size (KB)", "iters", "MB/s", "docs/s"
    );
    let real = [
        (
            "codametrix-scheduled-maintenances.json",
            Document::StatuspageMaintenances,
        ),
        ("codametrix-incidents.json", Document::StatuspageIncidents),
        (
            "github-summary-2022-11-25.json",
            Document::StatuspageSummary,
        ),
    ];
    let dir = Path::new(FIXTURES).join("statuspage");
    if dir.is_dir() {
        for (name, document) in real {
            let body = std::fs::read(dir.join(name)).expect("read fixture");
            parse_row(name, document, &body);
        }
    } else {
        println!("  (real payloads) skipped: ../shared/fixtures not found");
    }
    let synthetic = serde_json::to_vec(&synthetic_incidents(50, 10)).expect("serialize");
    parse_row(
        "synthetic incidents.json (50 x 10 updates)",
        Document::StatuspageIncidents,
        &synthetic,
    );
}

fn parse_row(label: &str, document: Document, body: &[u8]) {
    let parsed = document.parse(body).expect("the payload parses");
    black_box(parsed);
    let start = Instant::now();
    let mut iters: u64 = 0;
    while iters < 10 || start.elapsed() < PARSE_BUDGET {
        black_box(document.parse(black_box(body)).expect("parses"));
        iters += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let docs_per_sec = iters as f64 / secs;
    let mb_per_sec = body.len() as f64 * docs_per_sec / 1e6;
    println!(
        "{:<44} {:>10.1} {:>8} {:>10.1} {:>12.0}",
        label,
        body.len() as f64 / 1024.0,
        iters,
        mb_per_sec,
        docs_per_sec
    );
}

/// A Statuspage `incidents.json` with `incidents` incidents of `updates` updates each.
fn synthetic_incidents(incidents: usize, updates: usize) -> Value {
    let t0 = t0();
    let time = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    let components = ["API", "Dashboard", "Webhooks", "Git Operations", "Actions"];
    let statuses = ["investigating", "identified", "monitoring", "update"];
    const IMPACTS: [&str; 3] = ["minor", "major", "critical"];
    let list: Vec<Value> =
        (0..incidents)
            .map(|i| {
                let start = t0 - Duration::hours(6 * i as i64);
                let end = start + Duration::minutes(10 * updates as i64);
                let updates: Vec<Value> = (0..updates)
                .rev()
                .map(|u| {
                    let at = start + Duration::minutes(10 * u as i64);
                    let status = if u + 1 == updates { "resolved" } else { statuses[u % 4] };
                    let affected: Vec<Value> = components[..3]
                        .iter()
                        .map(|c| json!({"code": format!("c{c}"), "name": format!("Core - {c}"),
                            "old_status": "operational", "new_status": "degraded_performance"}))
                        .collect();
                    json!({
                        "id": format!("upd{i:04}{u:04}"), "status": status,
                        "body": format!("Update {u} on incident {i}: we are looking into elevated \
                            error rates and latency affecting a subset of requests. {}",
                            "More details will follow as the investigation progresses. ".repeat(3)),
                        "incident_id": format!("inc{i:08}"),
                        "created_at": time(at), "updated_at": time(at), "display_at": time(at),
                        "affected_components": affected, "deliver_notifications": true,
                    })
                })
                .collect();
                json!({
                    "id": format!("inc{i:08}"), "name": format!("Elevated errors #{i}"),
                    "status": "resolved", "impact": IMPACTS[i % 3],
                    "created_at": time(start), "updated_at": time(end), "started_at": time(start),
                    "monitoring_at": null, "resolved_at": time(end),
                    "shortlink": format!("https://stspg.io/{i}"), "page_id": "synthpage",
                    "incident_updates": updates,
                    "components": components.iter().map(|c| json!({"id": format!("c{c}"),
                        "name": c, "status": "operational"})).collect::<Vec<_>>(),
                })
            })
            .collect();
    json!({
        "page": {"id": "synthpage", "name": "Synthetic", "url": "https://status.example.com",
                 "time_zone": "Etc/UTC", "updated_at": time(t0)},
        "incidents": list,
    })
}

// ---------------------------------------------------------------------------------------------
// Polling

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// The number of providers polled: `LOOKOUT_BENCH_PROVIDERS`, else [`PROVIDERS`].
fn providers() -> usize {
    std::env::var("LOOKOUT_BENCH_PROVIDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PROVIDERS)
}

/// User + system CPU seconds this process has used (`/proc/self/stat`), 0 where unavailable.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / USER_HZ
}

async fn poll_table() {
    let count = providers();
    println!(
        "2. Poll cycle: {count} providers on loopback (fake server, on-disk store, concurrency 16)"
    );
    let server = FakeStatusServer::start().await.expect("start fake server");
    let clock = FixedClock::new(t0());
    let base_time = t0() - Duration::hours(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("lookout.db")).expect("open store");
    let slugs: Vec<String> = (0..count).map(|i| format!("page-{i:03}")).collect();
    for (i, slug) in slugs.iter().enumerate() {
        let (dialect, platform) = if i % 2 == 0 {
            (Dialect::Statuspage, Platform::Statuspage)
        } else {
            (Dialect::IncidentIo, Platform::IncidentIo)
        };
        server.set_page(slug, dialect, incident_life_for(dialect, 1, base_time));
        let provider = NewProvider {
            name: slug.clone(),
            url: server.page_url(slug),
            platform,
            poll_interval_secs: 60,
        };
        store.add_provider(&provider, t0()).expect("add provider");
    }
    let store = SharedStore::new(store);
    let fetcher = Fetcher::new(FetchConfig::default()).expect("fetcher");
    let config = PollConfig {
        concurrency: 16,
        ..PollConfig::default()
    };
    println!(
        "{:<24} {:>10} {:>9} {:>8} {:>8} {:>10}",
        "cycle", "wall (ms)", "requests", "req/s", "errors", "events"
    );
    for (label, kind) in [
        ("cold (full bodies)", "cold"),
        ("warm (conditional/304)", "warm"),
    ] {
        server.reset_hits();
        clock.advance(Duration::minutes(1));
        let (start, cpu_start) = (Instant::now(), cpu_secs());
        let polls = poll_all(&store, &fetcher, &clock, config)
            .await
            .expect("poll_all");
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_secs() - cpu_start;
        let requests: usize = slugs.iter().map(|s| server.hits(s)).sum();
        let errors = polls.iter().filter(|p| p.error.is_some()).count();
        let events: usize = polls.iter().map(|p| p.events.len()).sum();
        if let Some(p) = polls.iter().find(|p| p.error.is_some()) {
            eprintln!("  first error ({}): {:?}", p.provider.name, p.error);
        }
        println!(
            "{:<24} {:>10.1} {:>9} {:>8.0} {:>8} {:>10}",
            label,
            secs * 1e3,
            requests,
            requests as f64 / secs,
            errors,
            events
        );
        println!(
            "BENCH poll_cycle {kind} providers={count} wall_s={secs:.3} cpu_s={cpu:.2} errors={errors}"
        );
    }
}

/// `VmHWM` from `/proc/self/status` (Linux), or a note that it is unavailable.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unavailable (no /proc/self/status)".to_string())
}
