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
