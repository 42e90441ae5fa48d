//! What `lookout config apply` costs as the file grows: a file of N providers (each with its
//! rules) and N/10 probes, read and applied to an empty database on disk, applied again (nothing
//! changes), then applied with every interval changed. Wall time of each step, for 5,000 and
//! 20,000 providers: linear means the larger takes about four times as long (goal: 20,000
//! providers applied in under 10 s).
//!
//! `cargo bench -p lookout-alerts --bench config_apply` (`LOOKOUT_APPLY_BENCH_PROVIDERS=20000`
//! runs one size).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use lookout_alerts::config;
use lookout_store::Store;
use std::fmt::Write;
use std::time::Instant;

/// A configuration file of `providers` providers (every 60 s, or `interval`) and a probe on
/// every tenth.
fn file(providers: usize, interval: u32) -> String {
    let mut text = String::from("[rules]\nevents = [\"incident_opened\"]\n\n");
    for n in 0..providers {
        writeln!(
            text,
            "[[providers]]\nname = \"Vendor {n}\"\nurl = \"https://status.vendor{n}.test\"\n\
             platform = \"statuspage\"\ninterval = {interval}\ncomponents = [\"api\", \"web\"]\n\n\
             [providers.rules]\nmin_severity = \"partial_outage\"\nsinks = [\"os\"]\n"
        )
        .unwrap();
    }
    for n in (0..providers).step_by(10) {
        writeln!(
            text,
            "[[probes]]\nprovider = \"Vendor {n}\"\nurl = \"https://api.vendor{n}.test/health\"\n"
        )
        .unwrap();
    }
    text
}

fn main() {
    let sizes: Vec<usize> = match std::env::var("LOOKOUT_APPLY_BENCH_PROVIDERS") {
        Ok(n) => vec![n.parse().expect("a number of providers")],
        Err(_) => vec![5_000, 20_000],
    };
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let env = |_: &str| None;
    for providers in sizes {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
        let mut step = |name: &str, text: &str| {
            let started = Instant::now();
            let wanted = config::read("bench.toml", text.as_bytes(), &env, now, false).unwrap();
            let changes = config::apply(&mut store, &wanted, now).unwrap();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "  {name:<26} {secs:>7.2} s   ({} changes, {:.1} MB of TOML)",
                changes.len(),
                text.len() as f64 / 1e6
            );
            println!("BENCH config_apply {providers} {name} wall_s={secs:.3}");
        };
        println!(
            "config apply: {providers} providers, {} probes",
            providers / 10
        );
        let first = file(providers, 60);
        step("to an empty database", &first);
        step("again (no changes)", &first);
        step("every interval changed", &file(providers, 120));
        if providers == 20_000 {
            println!("  (goal: under 10 s for each step)");
        }
    }
}
