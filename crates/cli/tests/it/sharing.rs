//! Never stop watching, through the real binary: ten `lookout poll` processes on one database,
//! a hanging vendor beside a 10-second one under `lookout watch`, and one vendor's dates out of
//! range beside a healthy vendor.

use crate::alerts::receiver;
use crate::{lookout, stdout};
use chrono::Utc;
use lookout_fake_status_server::fault::Fault;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lookout"));
    command
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The events the webhook receiver got, each (delivery id, event kind, incident or component).
fn delivered(got: &crate::alerts::Received) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (_, body) in got.lock().unwrap().iter() {
        let message: Value = serde_json::from_slice(body).unwrap();
        for event in message["events"].as_array().unwrap() {
            out.push((
                message["delivery_id"].as_str().unwrap().to_string(),
                event["kind"].as_str().unwrap().to_string(),
                event["incident_id"]
                    .as_str()
                    .or(event["component_id"].as_str())
                    .unwrap_or_default()
                    .to_string(),
            ));
        }
    }
    out
}

#[test]
fn ten_polls_at_once_on_one_database_all_succeed_and_report_and_deliver_each_event_once() {
    let (server, base) = crate::calm_acme();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let (url, got) = receiver(0);
    let add = lookout(
        Some(&db),
        &["add", &server.page_url("acme"), "--name", "Acme"],
    );
    assert!(add.status.success(), "{add:?}");
    assert!(lookout(Some(&db), &["sinks", "add", "webhook", &url])
        .status
        .success());
    assert!(lookout(Some(&db), &["poll"]).status.success(), "baseline");

    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let children: Vec<_> = (0..10)
        .map(|_| command(&db, &["poll", "--json"]).spawn().unwrap())
        .collect();
    let mut reported: Vec<String> = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "every process succeeds: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for line in stdout(&output).lines() {
            let event: Value = serde_json::from_str(line).unwrap();
            reported.push(event["kind"].as_str().unwrap().to_string());
        }
    }
    reported.sort();
    assert_eq!(
        reported,
        ["component_changed", "incident_opened"],
        "each change reported by exactly one process"
    );
    let list: Value =
        serde_json::from_str(&stdout(&lookout(Some(&db), &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["status"], "degraded_performance");
    assert_eq!(list[0]["last_error"], Value::Null, "busy is not a failure");

    let events = delivered(&got);
    let mut kinds: Vec<&str> = events.iter().map(|(_, kind, _)| kind.as_str()).collect();
    kinds.sort();
    // Component changes do not alert by default; the incident alerts once, from one process.
    assert_eq!(
        kinds,
        ["incident_opened"],
        "each change delivered once: {events:?}"
    );
    let deliveries: HashMap<&str, usize> = events.iter().fold(HashMap::new(), |mut m, e| {
        *m.entry(e.0.as_str()).or_default() += 1;
        m
    });
    assert_eq!(deliveries.len(), 1, "one message for one provider's pass");
}

#[test]
fn a_hanging_vendor_does_not_hold_back_a_ten_second_one_under_watch() {
    let (server, _) = crate::calm_pages(&["fast", "stuck"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name) in [("fast", "Fast"), ("stuck", "Stuck")] {
        let added = lookout(
            Some(&db),
            &[
                "add",
                &server.page_url(slug),
                "--name",
                name,
                "--interval",
                "10",
            ],
        );
        assert!(added.status.success(), "{added:?}");
    }
    // From now on "stuck" takes longer to answer than Lookout waits (30 s).
    server.set_fault("stuck", Some(Fault::Slow(Duration::from_secs(40))));
    server.reset_hits();
    let mut watch = command(&db, &["watch", "--json"]).spawn().unwrap();
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(25));
    let fast_polls = server.hits_for("/fast/api/v2/summary.json");
    watch.kill().unwrap();
    let _ = watch.wait();
    assert!(started.elapsed() < Duration::from_secs(30));
    // Polled at once, then every 10 s (± 10 %): at 0, ~10 and ~20 s, while "stuck" hangs.
    assert!(
        fast_polls >= 3,
        "the 10 s provider kept its schedule: {fast_polls} polls in 25 s"
    );
    assert!(server.hits_for("/stuck/api/v2/summary.json") >= 1);
}

#[test]
fn one_vendors_dates_out_of_range_stay_with_that_vendor() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    server.set_page(
        "healthy",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    for (path, file) in [
        ("api/v2/summary.json", "statuspage/acme-summary.json"),
        (
            "api/v2/incidents.json",
            "statuspage/acme-incidents-out-of-range.json",
        ),
    ] {
        server.set_document("bad", path, "application/json", fixture(file));
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let (url, got) = receiver(0);
    for (slug, name) in [("healthy", "Healthy"), ("bad", "Bad")] {
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["sinks", "add", "webhook", &url])
        .status
        .success());
    let baseline = lookout(Some(&db), &["poll"]);
    assert!(baseline.status.success(), "{baseline:?}");

    server.set_page(
        "healthy",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let polled = lookout(Some(&db), &["poll", "--json"]);
    assert!(polled.status.success(), "{polled:?}");
    assert!(stdout(&polled).contains("incident_opened"));

    let list: Value =
        serde_json::from_str(&stdout(&lookout(Some(&db), &["list", "--json"]))).unwrap();
    let row = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("Bad")["warnings"],
        serde_json::json!([
            "1 update ignored: date out of range",
            "1 incident ignored: date out of range"
        ])
    );
    assert_ne!(
        row("Bad")["status"],
        "unknown",
        "the rest of its page is read"
    );
    assert_eq!(row("Healthy")["warnings"], serde_json::json!([]));
    let text = stdout(&lookout(Some(&db), &["list"]));
    assert!(
        text.contains("1 update ignored: date out of range"),
        "{text}"
    );

    let incidents = lookout(Some(&db), &["incidents", "--json"]);
    assert!(incidents.status.success(), "{incidents:?}");
    let incidents: Value = serde_json::from_str(&stdout(&incidents)).unwrap();
    let titles: Vec<&str> = incidents
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Elevated API errors"), "{titles:?}");
    assert!(titles.contains(&"Search results stale"), "{titles:?}");
    assert!(!titles.contains(&"Exports failing"), "{titles:?}");

    let kinds: Vec<String> = delivered(&got)
        .into_iter()
        .map(|(_, kind, _)| kind)
        .collect();
    assert!(
        kinds.contains(&"incident_opened".to_string()),
        "the healthy vendor's alert was delivered: {kinds:?}"
    );
}

#[test]
fn watch_runs_an_alert_pass_when_events_are_stored_and_never_on_a_timer() {
    let (server, base) = crate::calm_acme();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let added = lookout(
        Some(&db),
        &["add", &server.page_url("acme"), "--interval", "10"],
    );
    assert!(added.status.success(), "{added:?}");
    let mut watch = command(&db, &["watch", "--json"])
        .env("RUST_LOG", "lookout_alerts::alert_loop=debug")
        .spawn()
        .unwrap();
    // Nothing changes for 12 s (two polls of an unchanged page) …
    std::thread::sleep(Duration::from_secs(12));
    // … then another process stores events (an incident opens), seen by the watch loop.
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    assert!(lookout(Some(&db), &["poll"]).status.success());
    std::thread::sleep(Duration::from_secs(7));
    watch.kill().unwrap();
    let output = watch.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    let passes: Vec<&str> = log.lines().filter(|l| l.contains("alert pass (")).collect();
    assert_eq!(
        passes.len(),
        2,
        "one pass at start, one when events were stored, none on a timer:\n{log}"
    );
    assert!(
        passes[0].contains("(start)") && passes[1].contains("(events stored)"),
        "{log}"
    );
}
