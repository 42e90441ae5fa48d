//! `lookout watch` as a service: SIGTERM (what systemd sends) stops it cleanly, exit code 0;
//! with stderr not a terminal (the journal), every line it writes there is JSON.

use crate::lookout;
use std::process::Command;
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn watch_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(Some(&db), &["list"]).status.success());
    let mut watch = crate::start_lookout(&db, &["watch"], "off", crate::Reads::Nothing);
    std::thread::sleep(Duration::from_millis(800));
    let sent = Command::new("kill")
        .args(["-TERM", &watch.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let asked = Instant::now();
    loop {
        if let Some(status) = watch.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0), "a clean stop");
            break;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(20),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn log_lines_are_json_naming_the_provider_when_stderr_is_not_a_terminal() {
    use lookout_fake_status_server::fault::Fault;
    use lookout_fake_status_server::scenario::incident_life_for;
    use lookout_fake_status_server::{Dialect, FakeStatusServer};
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = chrono::Utc::now() - chrono::Duration::hours(1);
    server.set_page(
        "broken",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(
        Some(&db),
        &["add", &server.page_url("broken"), "--name", "Broken"]
    )
    .status
    .success());
    server.set_fault("broken", Some(Fault::Status(503)));
    let polled = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["poll", "--json"])
        .env("LOOKOUT_DB", &db)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert_eq!(polled.status.code(), Some(3), "a page could not be read");
    let stderr = String::from_utf8_lossy(&polled.stderr);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    let about = lines
        .iter()
        .find(|l| l["provider"] == "Broken")
        .unwrap_or_else(|| panic!("no line about Broken in {stderr}"));
    assert_eq!(about["level"], "WARN");
    assert!(
        about["message"].as_str().unwrap().contains("503"),
        "{about}"
    );
    assert!(about["time"].as_str().unwrap().ends_with('Z'));
}

/// A database where Acme has just changed (an incident, with a webhook sink to tell) and Clerk
/// answers HTTP 500, both polled once before; the server, the directory and the database.
fn acme_changed_and_clerk_failing() -> (
    lookout_fake_status_server::FakeStatusServer,
    tempfile::TempDir,
    std::path::PathBuf,
) {
    use lookout_fake_status_server::fault::Fault;
    use lookout_fake_status_server::scenario::incident_life_for;
    use lookout_fake_status_server::Dialect;
    let (server, base) = crate::calm_acme();
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base);
    server.set_page("clerk", Dialect::Statuspage, page(0));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name) in [("acme", "Acme"), ("clerk", "Clerk")] {
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["poll"]).status.success(), "baseline");
    let (hook, _) = crate::alerts::receiver(0);
    let sink = lookout(Some(&db), &["sinks", "add", "webhook", &hook]);
    assert!(sink.status.success(), "{sink:?}");
    server.set_page("acme", Dialect::Statuspage, page(2));
    server.set_fault("clerk", Some(Fault::Status(500)));
    (server, dir, db)
}

/// Whether a JSON log line's message holds `text`.
fn says(line: &serde_json::Value, text: &str) -> bool {
    line["message"].as_str().is_some_and(|m| m.contains(text))
}

/// The finding: beside the JSON log, `watch` wrote failures ("lookout: Clerk: … answered HTTP
/// 500") and what alerts were sent as plain lines. A page that answers 500 and an alert sent
/// during one watch: every stderr line parses as JSON.
#[cfg(unix)]
#[test]
fn every_stderr_line_of_watch_is_json_when_stderr_is_not_a_terminal() {
    use std::io::BufRead;
    let (_server, _dir, db) = acme_changed_and_clerk_failing();
    let mut watch = crate::start_lookout(&db, &["watch"], "info", crate::Reads::Stderr);
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = std::io::BufReader::new(watch.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in stderr.lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let mut lines: Vec<String> = Vec::new();
    let seen = |lines: &[String], text: &str| lines.iter().any(|l| l.contains(text));
    let started = Instant::now();
    while !(seen(&lines, "HTTP 500") && seen(&lines, "alerts: "))
        && started.elapsed() < Duration::from_secs(30)
    {
        lines.extend(rx.recv_timeout(Duration::from_millis(200)));
    }
    let sent = Command::new("kill")
        .args(["-TERM", &watch.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    assert_eq!(watch.wait().unwrap().code(), Some(0));
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    let parsed: Vec<serde_json::Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}")))
        .collect();
    let failure = parsed.iter().find(|l| says(l, "HTTP 500"));
    let failure = failure.unwrap_or_else(|| panic!("no line about the HTTP 500 in {lines:#?}"));
    assert_eq!(failure["provider"], "Clerk", "{failure}");
    assert!(parsed.iter().any(|l| says(l, "alerts: ")), "{lines:#?}");
}

/// The last successful read of each provider, as `lookout list --json` shows it.
fn last_successes(db: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let listed = lookout(Some(db), &["list", "--json"]);
    assert!(listed.status.success(), "{listed:?}");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    rows.iter()
        .map(|row| {
            let name = row["name"].as_str().unwrap().to_string();
            (
                name,
                row["last_success_at"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Issue 24: SIGTERM in the middle of a poll cycle stops `lookout watch` through the engine, in
/// order. Slow's second read (its page unchanged: a quiet read, whose success waits to be
/// written with others) is in flight when the signal comes: it is finished and written. Hung's
/// first read would take 60 s: it is abandoned, and the process exits 0 without waiting for it.
#[cfg(unix)]
#[test]
fn sigterm_mid_poll_keeps_every_read_made_before_it() {
    use lookout_fake_status_server::fault::Fault;
    let (server, _) = crate::calm_pages(&["slow", "hung"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name, interval) in [("slow", "Slow", "10"), ("hung", "Hung", "600")] {
        let url = server.page_url(slug);
        let added = lookout(
            Some(&db),
            &["add", &url, "--name", name, "--interval", interval],
        );
        assert!(added.status.success(), "{added:?}");
    }
    let added = last_successes(&db);
    server.set_fault("hung", Some(Fault::Slow(Duration::from_secs(60))));
    let started = Instant::now();
    let waiting = |what: &str| {
        assert!(started.elapsed() < Duration::from_secs(40), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    };
    // Later than `add`'s reads by a second at least (times are kept to the millisecond).
    std::thread::sleep(Duration::from_millis(1_100));
    let mut watch = crate::start_lookout(&db, &["watch"], "off", crate::Reads::Nothing);
    // Its first read of Slow is written at once.
    let first = loop {
        let now = last_successes(&db);
        if now["Slow"] > added["Slow"] {
            break now;
        }
        waiting("Slow's first read never written");
    };
    server.set_fault("slow", Some(Fault::Slow(Duration::from_millis(1_000))));
    let hits = server.hits("slow");
    while server.hits("slow") == hits {
        waiting("Slow never read again");
    }
    let sent = Command::new("kill")
        .args(["-TERM", &watch.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = loop {
        if let Some(status) = watch.try_wait().unwrap() {
            break status;
        }
        waiting("still running after SIGTERM (Hung's page answers after 60 s)");
    };
    assert_eq!(status.code(), Some(0), "a clean stop");
    let after = last_successes(&db);
    assert!(
        after["Slow"] > first["Slow"],
        "the read in flight is lost: {first:?} {after:?}"
    );
    assert_eq!(after["Hung"], added["Hung"], "abandoned, not invented");
}
