//! The database commands: add, list, poll, incidents, remove — sharing one file through LOOKOUT_DB.

use crate::{lookout, stdout};
use chrono::{TimeZone, Utc};
use lookout_fake_status_server::scenario::{incident_life_for, INCIDENT_TITLE};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

#[test]
fn add_poll_and_list_incidents_through_one_database() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("lookout.db");
    let db = Some(db.as_path());

    let added = lookout(
        db,
        &[
            "add",
            &server.page_url("acme"),
            "--name",
            "Acme",
            "--interval",
            "30",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(stdout(&added).contains("added Acme"));
    let again = lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"]);
    assert_eq!(again.status.code(), Some(3), "a duplicate is refused");

    let list: Value = serde_json::from_str(&stdout(&lookout(db, &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["name"], "Acme");
    assert_eq!(list[0]["status"], "operational", "read as it was added");
    assert_eq!(list[0]["poll_interval_secs"], 30);

    let baseline = lookout(db, &["poll", "--json"]);
    assert!(baseline.status.success());
    assert_eq!(stdout(&baseline).trim(), "", "the first poll is a baseline");

    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let opened = lookout(db, &["poll", "--json"]);
    let events: Vec<Value> = stdout(&opened)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["component_changed", "incident_opened"]);
    assert_eq!(events[0]["provider"], "Acme");
    assert_eq!(events[0]["component"], "API");
    assert_eq!(events[0]["from"], "operational");
    assert_eq!(events[0]["to"], "degraded_performance");
    assert_eq!(events[1]["title"], INCIDENT_TITLE);
    assert_eq!(events[1]["status"], "investigating");
    assert!(events[1]["at"].is_string() && events[1]["incident_id"].is_string());

    assert_eq!(
        stdout(&lookout(db, &["poll", "--json"])).trim(),
        "",
        "nothing twice"
    );

    let active: Value = serde_json::from_str(&stdout(&lookout(
        db,
        &["incidents", "--active", "--provider", "acme", "--json"],
    )))
    .unwrap();
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["provider"], "Acme");
    assert_eq!(active[0]["title"], INCIDENT_TITLE);

    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 3, base),
    );
    let resolved = stdout(&lookout(db, &["poll"]));
    assert!(
        resolved.contains("incident resolved: Elevated API errors (after 30 min)"),
        "{resolved}"
    );
    let text = stdout(&lookout(db, &["incidents"]));
    assert!(
        text.contains("[resolved]") && text.contains("30 min"),
        "{text}"
    );

    let removed = lookout(db, &["remove", "acme"]);
    assert!(removed.status.success());
    assert_eq!(stdout(&lookout(db, &["list", "--json"])).trim(), "[]");
}

/// `lookout --db FILE …` with the database flag, as a user types it.
fn lookout_with_db(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lookout"))
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LOOKOUT_DB")
        .env("RUST_LOG", "off")
        .output()
        .unwrap()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_text_file_given_as_the_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    let text = b"Things to do:\n- renew the certificate\n".to_vec();
    std::fs::write(&notes, &text).unwrap();
    set_mode(&notes, 0o644);
    std::os::unix::fs::symlink("notes.txt", dir.path().join("link.db")).unwrap();

    for (db, args) in [
        ("notes.txt", vec!["list"]),
        ("notes.txt", vec!["incidents"]),
        ("notes.txt", vec!["rules", "show"]),
        ("link.db", vec!["list"]),
    ] {
        let output = lookout_with_db(dir.path(), db, &args);
        assert_ne!(output.status.code(), Some(0), "{db} {args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.trim(),
            format!("lookout: {db} is not a Lookout database"),
            "{args:?}"
        );
        assert_eq!(std::fs::read(&notes).unwrap(), text, "byte for byte");
        assert_eq!(mode(&notes), 0o644, "{db} {args:?}: mode kept");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["link.db", "notes.txt"], "no .corrupt-* file");
    }
}

#[cfg(unix)]
#[test]
fn list_makes_a_database_others_can_read_private_but_not_a_link_s_target() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lookout_with_db(dir.path(), "lookout.db", &["list"])
        .status
        .success());
    let db = dir.path().join("lookout.db");
    for wide in [0o644, 0o666] {
        set_mode(&db, wide);
        for command in ["list", "incidents"] {
            let output = lookout_with_db(dir.path(), "lookout.db", &[command]);
            assert!(output.status.success(), "{output:?}");
            assert_eq!(mode(&db), 0o600, "{command} narrowed {wide:o}");
            set_mode(&db, wide);
        }
    }

    std::os::unix::fs::symlink("lookout.db", dir.path().join("link.db")).unwrap();
    set_mode(&db, 0o644);
    for command in ["list", "incidents", "poll"] {
        let output = lookout_with_db(dir.path(), "link.db", &[command]);
        assert!(output.status.success(), "{output:?}");
        assert_eq!(
            mode(&db),
            0o644,
            "{command}: the link's target keeps its mode"
        );
    }
}
