//! Opening for reports (`incidents`, `export`, `list`, `uptime`, `stats`): an up-to-date file is
//! opened without the whole-file quick check; anything else is opened exactly as a writer opens
//! it (waited for, migrated, moved aside when SQLite says it is damaged).

use crate::providers::acme;
use crate::sharing::damaged_copy_with_wal;
use chrono::{TimeZone, Utc};
use lookout_store::Store;
use rusqlite::Connection;

#[test]
fn a_report_reads_a_current_file_without_the_whole_file_check_and_the_next_writer_still_moves_damage_aside(
) {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_copy_with_wal(dir.path());

    let report = Store::open_for_reports(&path).unwrap();
    assert!(report.moved_aside().is_none(), "not checked page by page");
    let names: Vec<String> = report
        .providers()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Acme", "Beta"], "the undamaged pages read as ever");
    drop(report);

    let writer = Store::open(&path).unwrap();
    assert_eq!(
        writer.moved_aside(),
        Some(dir.path().join("lookout.db.corrupt-1").as_path()),
        "a writer's open still checks the whole file"
    );
}

#[test]
fn a_report_on_a_file_sqlite_calls_damaged_moves_it_aside_like_any_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    // SQLite's header, then nothing SQLite can read (a file without the header is refused
    // untouched instead: see `database_file`).
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.resize(8192, 0x5A);
    std::fs::write(&path, bytes).unwrap();

    let store = Store::open_for_reports(&path).unwrap();

    assert_eq!(
        store.moved_aside(),
        Some(dir.path().join("lookout.db.corrupt-1").as_path())
    );
    assert!(store.providers().unwrap().is_empty(), "a new database");
}

#[test]
fn a_report_on_an_older_schema_or_a_missing_file_gets_the_schema_brought_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Store::open(&path)
        .unwrap()
        .add_provider(&acme(), at)
        .unwrap();
    // As version 8 left it: no body hashes, no maintenance revisions, no services.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "ALTER TABLE http_validators DROP COLUMN body_hash;
         DROP INDEX incident_updates_by_time;
         ALTER TABLE maintenances DROP COLUMN revision;
         DROP TABLE services;
         PRAGMA user_version = 8;",
    )
    .unwrap();
    drop(conn);

    let store = Store::open_for_reports(&path).unwrap();

    assert_eq!(store.providers().unwrap().len(), 1);
    let version: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 12, "migrated before the report read it");
    let fresh = dir.path().join("new").join("lookout.db");
    assert!(Store::open_for_reports(&fresh)
        .unwrap()
        .providers()
        .unwrap()
        .is_empty());
    assert!(fresh.is_file(), "created as any open creates it");
}
