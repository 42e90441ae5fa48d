//! `lookout uptime` and `lookout stats` over a real poll of the fake server: exact seconds from
//! the vendor's timeline, days in the local time zone (`TZ`), and the reliability figures.

use crate::stdout;
use chrono::{Duration, FixedOffset, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `lookout` on `db` with `TZ` set to `tz`.
fn lookout_in(tz: &str, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "off")
        .env("TZ", tz)
        .output()
        .expect("lookout runs")
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_str(&stdout(output)).unwrap()
}

#[test]
fn uptime_and_stats_count_the_timeline_of_a_polled_incident_in_local_days() {
    let server = FakeStatusServer::start_blocking().unwrap();
    // Opened two hours ago: API degraded for 10 minutes, then partial for 20, then resolved.
    let base = Utc::now() - Duration::hours(2);
    let life = incident_life_for(Dialect::Statuspage, 3, base);
    server.set_page("acme", Dialect::Statuspage, life);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let url = server.page_url("acme");
    assert!(lookout_in("UTC", &db, &["add", &url, "--name", "Acme"])
        .status
        .success());
    assert!(lookout_in("UTC", &db, &["poll"]).status.success());

    let report = json(&lookout_in(
        "UTC",
        &db,
        &["uptime", "--json", "--days", "3"],
    ));
    let acme = &report["providers"][0];
    assert_eq!(acme["name"], "Acme");
    let api = &acme["components"][0];
    assert_eq!(api["name"], "API");
    assert_eq!(api["group"], "Core");
    assert_eq!(api["seconds"]["degraded_performance"], 10 * 60);
    assert_eq!(api["seconds"]["partial_outage"], 20 * 60);
    assert_eq!(api["seconds"]["major_outage"], 0);
    let days = api["days"].as_array().unwrap();
    assert_eq!(days.len(), 3);
    let today = Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(days[2]["date"], today, "oldest first, ending today");
    assert!(api["uptime_percent"].as_f64().unwrap() < 100.0);
    let dashboard = &acme["components"][1];
    assert_eq!(
        dashboard["seconds"]["partial_outage"], 0,
        "not listed: not affected"
    );

    // Fourteen hours east, today is the date there.
    let east = lookout_in("LKT-14", &db, &["uptime", "--json", "--days", "1"]);
    let east_today = (Utc::now().with_timezone(&FixedOffset::east_opt(14 * 3600).unwrap()))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        json(&east)["providers"][0]["components"][0]["days"][0]["date"],
        east_today
    );

    let stats = json(&lookout_in("UTC", &db, &["stats", "--json", "--days", "3"]));
    let acme = &stats["providers"][0];
    assert_eq!(acme["incidents"], 1);
    assert_eq!(acme["total_seconds"], 30 * 60);
    assert_eq!(acme["median_seconds"], 30 * 60);
    assert_eq!(acme["longest"]["duration_seconds"], 30 * 60);
    assert_eq!(acme["worst_component"]["name"], "API");
    assert_eq!(acme["worst_component"]["seconds"], 20 * 60);

    let text = stdout(&lookout_in(
        "UTC",
        &db,
        &["uptime", "--days", "3", "--provider", "Acme"],
    ));
    assert!(text.contains("Core / API"), "{text}");
    assert!(text.contains("partial 20 min"), "{text}");
    let refused = lookout_in("UTC", &db, &["uptime", "--days", "0"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a window of no days is refused"
    );
}

#[test]
fn adding_stores_the_history_the_page_publishes_and_alerts_none_of_it() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - Duration::days(20);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 3, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let added = lookout_in(
        "UTC",
        &db,
        &["add", &server.page_url("acme"), "--name", "Acme"],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(
        stdout(&added).contains("1 incidents and 0 maintenances of history stored"),
        "{}",
        stdout(&added)
    );
    let listed = json(&lookout_in("UTC", &db, &["incidents", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "shown before any poll");
    assert_eq!(listed[0]["status"], "resolved");
    let polled = lookout_in("UTC", &db, &["poll", "--json"]);
    assert!(polled.status.success());
    assert_eq!(stdout(&polled).trim(), "", "none of the history alerts");
    let uptime = json(&lookout_in(
        "UTC",
        &db,
        &["uptime", "--json", "--days", "30"],
    ));
    let api = &uptime["providers"][0]["components"][0];
    assert_eq!(
        api["seconds"]["partial_outage"],
        20 * 60,
        "history from the first minute"
    );
}
