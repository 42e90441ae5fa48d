//! Many processes, one database: a file held by another process is waited for (never taken for
//! a damaged one), several processes creating one new file all succeed, and a really damaged file
//! is moved aside with its WAL, keeping the user's providers, choices, rules and sinks.
//!
//! The "other processes" are this test binary run again with `LOOKOUT_TEST_CHILD` set, which
//! makes [`child_process`] play the part asked for.

use crate::providers::acme;
use chrono::{TimeZone, Utc};
use lookout_core::Platform;
use lookout_store::{NewProvider, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn spawn_child(role: &str, args: &[&Path]) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--exact",
            "sharing::child_process",
            "--test-threads=1",
            "-q",
        ])
        .env("LOOKOUT_TEST_CHILD", role)
        .stdout(std::process::Stdio::null());
    for (i, arg) in args.iter().enumerate() {
        command.env(format!("LOOKOUT_TEST_ARG{i}"), arg);
    }
    command.spawn().unwrap()
}

fn arg(i: usize) -> PathBuf {
    PathBuf::from(std::env::var_os(format!("LOOKOUT_TEST_ARG{i}")).unwrap())
}

fn wait_for(file: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !file.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Plays another process when run with `LOOKOUT_TEST_CHILD`; does nothing otherwise.
#[test]
fn child_process() {
    let Ok(role) = std::env::var("LOOKOUT_TEST_CHILD") else {
        return;
    };
    match role.as_str() {
        // Takes the database exclusively (no other process may even read it), commits a write
        // inside the lock, says it is ready, and keeps the lock for 8 seconds.
        "hold" => {
            let conn = Connection::open(arg(0)).unwrap();
            conn.execute_batch(
                "PRAGMA locking_mode = EXCLUSIVE;
                 BEGIN EXCLUSIVE;
                 INSERT INTO settings (key, value) VALUES ('held', '\"yes\"');
                 COMMIT;",
            )
            .unwrap();
            std::fs::write(arg(1), b"ready").unwrap();
            std::thread::sleep(Duration::from_secs(8));
        }
        // Waits for the start signal, then opens (creating) the database and adds a provider.
        "create" => {
            wait_for(&arg(1));
            let mut store = Store::open(&arg(0)).unwrap();
            assert!(store.moved_aside().is_none(), "a new file is never damaged");
            let name = format!("Vendor {}", std::process::id());
            store
                .add_provider(
                    &NewProvider {
                        url: format!("https://status.vendor-{}.test/", std::process::id()),
                        name,
                        platform: Platform::Statuspage,
                        poll_interval_secs: 60,
                    },
                    Utc::now(),
                )
                .unwrap();
        }
        other => panic!("unknown child role {other}"),
    }
}

#[test]
fn a_database_held_by_another_process_is_waited_for_not_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Store::open(&path)
        .unwrap()
        .add_provider(&acme(), at)
        .unwrap();
    let ready = dir.path().join("ready");
    let mut holder = spawn_child("hold", &[&path, &ready]);
    wait_for(&ready);

    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    let waited = started.elapsed();
    assert!(holder.wait().unwrap().success());

    assert!(store.moved_aside().is_none(), "busy is not damaged");
    assert!(
        waited >= Duration::from_secs(5),
        "it waited for the lock ({waited:?})"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("corrupt")),
        "nothing moved aside: {names:?}"
    );
    assert_eq!(store.providers().unwrap()[0].name, "Acme");
    assert_eq!(
        store.setting::<String>("held").unwrap().as_deref(),
        Some("yes"),
        "the other process's committed write is there"
    );
}

#[test]
fn six_processes_creating_one_new_database_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("lookout.db");
    let start = dir.path().join("go");
    let children: Vec<Child> = (0..6)
        .map(|_| spawn_child("create", &[&path, &start]))
        .collect();
    std::fs::write(&start, b"go").unwrap();
    for mut child in children {
        assert!(child.wait().unwrap().success(), "every process succeeds");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.providers().unwrap().len(), 6);
    assert!(store.moved_aside().is_none());
}

/// Makes a database whose user data lives only in its WAL, beside history pages in the main
/// file, then damages one of those history pages: returns the path of the damaged copy.
pub(crate) fn damaged_copy_with_wal(dir: &Path) -> PathBuf {
    let original = dir.join("original.db");
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut store = Store::open(&original).unwrap();
    let acme = store.add_provider(&acme(), at).unwrap();
    let conn = Connection::open(&original).unwrap();
    // Many pages of history, checkpointed into the main file.
    for i in 0..3000 {
        conn.execute(
            "INSERT INTO component_status_history (provider_id, component_id, status, at)
             VALUES (?1, ?2, 'operational', 'HISTORY-ROW')",
            rusqlite::params![acme.id, format!("component-{i:05}")],
        )
        .unwrap();
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    // The user's choices, committed but only in the WAL.
    let beta = store
        .add_provider(
            &NewProvider {
                name: "Beta".into(),
                url: "https://status.beta.test/".into(),
                platform: Platform::Instatus,
                poll_interval_secs: 120,
            },
            at,
        )
        .unwrap();
    store
        .set_watched_components(beta.id, &["api".into(), "web".into()])
        .unwrap();
    store
        .set_setting(
            "rules:2",
            &serde_json::json!({"min_severity": "partial_outage"}),
        )
        .unwrap();
    store
        .set_setting("alerts", &serde_json::json!({"quiet_hours": "22:00-07:00"}))
        .unwrap();
    store
        .add_sink("webhook", "ops", "https://hooks.test/x", Some("s3cret"), at)
        .unwrap();
    // Copy the file and its WAL while they are open (as after a crash), then damage a history page.
    let damaged = dir.join("lookout.db");
    std::fs::copy(&original, &damaged).unwrap();
    let wal = dir.join("original.db-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "data in the WAL"
    );
    std::fs::copy(&wal, dir.join("lookout.db-wal")).unwrap();
    drop((store, conn));
    let mut bytes = std::fs::read(&damaged).unwrap();
    let page_size = 4096;
    let found = bytes
        .windows(11)
        .rposition(|w| w == b"HISTORY-ROW")
        .unwrap();
    let page = found / page_size;
    bytes[page * page_size..page * page_size + 12].copy_from_slice(&[0xEE; 12]);
    std::fs::write(&damaged, bytes).unwrap();
    damaged
}

#[test]
fn a_damaged_database_is_moved_aside_with_its_wal_and_the_users_choices_carried_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_copy_with_wal(dir.path());
    let wal_before = std::fs::read(dir.path().join("lookout.db-wal")).unwrap();

    let store = Store::open(&path).unwrap();

    let aside = store.moved_aside().unwrap().to_path_buf();
    assert_eq!(aside, dir.path().join("lookout.db.corrupt-1"));
    assert_eq!(
        std::fs::read(dir.path().join("lookout.db.corrupt-1-wal")).unwrap(),
        wal_before,
        "the WAL went with it, unchanged"
    );
    // What was moved aside still opens with its WAL: the committed-only-in-WAL rows are there.
    let old =
        Connection::open_with_flags(&aside, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let beta: String = old
        .query_row("SELECT name FROM providers WHERE id = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(beta, "Beta");
    drop(old);

    let names: Vec<String> = store
        .providers()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Acme", "Beta"]);
    let beta = store.providers_named("Beta").unwrap().remove(0);
    assert_eq!(beta.platform, Platform::Instatus);
    assert_eq!(beta.poll_interval_secs, 120);
    assert_eq!(store.watched_components(beta.id).unwrap(), ["api", "web"]);
    assert_eq!(
        store
            .setting::<serde_json::Value>("rules:2")
            .unwrap()
            .unwrap()["min_severity"],
        "partial_outage"
    );
    assert_eq!(
        store
            .setting::<serde_json::Value>("alerts")
            .unwrap()
            .unwrap()["quiet_hours"],
        "22:00-07:00"
    );
    let sinks = store.sinks().unwrap();
    assert_eq!(sinks.len(), 1);
    assert_eq!(sinks[0].secret.as_deref(), Some("s3cret"));
    let salvage = store.salvage().unwrap();
    assert_eq!(
        salvage.to_string(),
        "carried over 2 providers, 2 watched components, 2 settings, 1 sink"
    );
    assert!(
        !dir.path().join("lookout.db.corrupt-1.salvage").exists(),
        "the temporary copy is gone"
    );
}

#[test]
fn times_an_earlier_version_stored_unreadably_are_removed_and_never_break_a_listing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut store = Store::open(&path).unwrap();
    let acme = store.add_provider(&acme(), at).unwrap();
    drop(store);
    // As version 3 left it: no warnings column, and a year-10000 update stored as "+10000-…".
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "ALTER TABLE poll_state DROP COLUMN warnings;
         DROP TRIGGER incident_search_forget;
         DROP TABLE incident_search;
         DROP TABLE incident_search_keys;
         DROP TABLE followed_incidents;
         DROP TABLE probes;
         DROP TABLE suspicions;
         ALTER TABLE incidents DROP COLUMN suspected_lead_seconds;
         ALTER TABLE sinks DROP COLUMN url_env;
         ALTER TABLE sinks DROP COLUMN secret_env;
         ALTER TABLE http_validators DROP COLUMN body_hash;
         DROP INDEX incident_updates_by_time;
         ALTER TABLE maintenances DROP COLUMN revision;
         DROP TABLE services;
         PRAGMA user_version = 3;
         INSERT INTO incidents (provider_id, id, title, impact, status, started_at, url,
                                component_ids, detected_at, updated_at)
         VALUES ({id}, 'ok', 'Fine', 'minor', 'resolved', '2026-01-01T00:00:00.000Z', NULL, '[]',
                 '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
                ({id}, 'bad', 'Broken', 'minor', 'resolved', '+10000-01-01T00:59:59.000Z', NULL,
                 '[]', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
         INSERT INTO incident_updates (provider_id, incident_id, id, status, body, at, components)
         VALUES ({id}, 'ok', 'u1', 'resolved', 'done', '+10000-01-01T00:59:59.000Z', '[]');",
        id = acme.id
    ))
    .unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap();
    let listed = store.incidents(&Default::default()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].incident.title, "Fine");
    let searched = store
        .incidents(&lookout_store::IncidentFilter {
            search: Some("fine".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        searched.len(),
        1,
        "what was stored before search is indexed on opening"
    );
    assert!(
        listed[0].incident.updates.is_empty(),
        "the unreadable update is gone"
    );

    // And should one ever get in again, it is left out of listings, not fatal to them.
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE incidents SET detected_at = 'not a time' WHERE id = 'ok'",
        [],
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO incidents (provider_id, id, title, impact, status, started_at, url,
                                component_ids, detected_at, updated_at)
         VALUES ({id}, 'other', 'Other', 'minor', 'resolved', '2026-01-02T00:00:00.000Z', NULL,
                 '[]', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');",
        id = acme.id
    ))
    .unwrap();
    let titles: Vec<String> = store
        .incidents(&Default::default())
        .unwrap()
        .into_iter()
        .map(|i| i.incident.title)
        .collect();
    assert_eq!(titles, ["Other"]);
}

#[cfg(unix)]
#[test]
fn a_fresh_database_and_the_folders_made_for_it_are_private_and_a_wider_one_is_narrowed() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("made").join("for").join("lookout.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        mode(dir.path()),
        0o755,
        "a folder that existed keeps its mode"
    );
    assert_eq!(mode(&dir.path().join("made")), 0o700);
    assert_eq!(mode(&dir.path().join("made").join("for")), 0o700);
    for file in ["lookout.db", "lookout.db-wal", "lookout.db-shm"] {
        assert_eq!(mode(&path.with_file_name(file)), 0o600, "{file}");
    }
    drop(store);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _reopened = Store::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600, "narrowed when opened");
}
