//! `lookout watch` as a service: SIGTERM (what systemd sends) stops it cleanly, exit code 0.

use crate::lookout;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn watch_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(Some(&db), &["list"]).status.success());
    let mut watch = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .arg("watch")
        .env("LOOKOUT_DB", &db)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
