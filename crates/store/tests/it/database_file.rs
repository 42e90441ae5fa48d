//! The file given as the database: one that is not an SQLite database, or is another program's,
//! is refused and left exactly as it was; a symbolic link's target keeps its owner's mode; every
//! opening, a report's too, makes a database readable by others private; and a report still
//! reads on a full disk.

use crate::providers::acme;
use chrono::{TimeZone, Utc};
use lookout_store::{Store, StoreError};
use std::path::{Path, PathBuf};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One way of opening a database file.
type Opening = fn(&Path) -> Result<Store, StoreError>;

fn both_openings() -> [(&'static str, Opening); 2] {
    [
        ("open", Store::open),
        ("open_for_reports", Store::open_for_reports),
    ]
}

fn a_database_with_acme(path: &Path) {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Store::open(path)
        .unwrap()
        .add_provider(&acme(), at)
        .unwrap();
}

#[test]
fn a_file_that_is_not_an_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    let text = b"my notes: call the vendor\n".repeat(400);
    std::fs::write(&notes, &text).unwrap();
    #[cfg(unix)]
    set_mode(&notes, 0o644);

    for (opening, open) in both_openings() {
        let error = open(&notes).unwrap_err();
        assert!(
            matches!(error, StoreError::NotADatabase { .. }),
            "{opening}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("{} is not a Lookout database", notes.display())
        );
        assert_eq!(std::fs::read(&notes).unwrap(), text, "{opening}: content");
        #[cfg(unix)]
        assert_eq!(mode(&notes), 0o644, "{opening}: mode");
        assert_eq!(
            names_in(dir.path()),
            ["notes.txt"],
            "{opening}: nothing beside it"
        );
    }
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("places.sqlite");
    let conn = rusqlite::Connection::open(&theirs).unwrap();
    conn.execute_batch("CREATE TABLE places (url TEXT); INSERT INTO places VALUES ('x');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&theirs).unwrap();

    for (opening, open) in both_openings() {
        let error = open(&theirs).unwrap_err();
        assert!(
            matches!(error, StoreError::NotADatabase { .. }),
            "{opening}: {error:?}"
        );
        assert_eq!(std::fs::read(&theirs).unwrap(), before, "{opening}");
        assert_eq!(names_in(dir.path()), ["places.sqlite"], "{opening}");
    }
}

#[test]
fn an_empty_file_is_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open_for_reports(&path).unwrap();
    assert!(store.providers().unwrap().is_empty());
    assert!(store.moved_aside().is_none());
}

#[cfg(unix)]
#[test]
fn through_a_symbolic_link_the_real_file_is_used_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.db");
    a_database_with_acme(&real);
    set_mode(&real, 0o644);
    let link = dir.path().join("lookout.db");
    std::os::unix::fs::symlink("real.db", &link).unwrap();

    for (opening, open) in both_openings() {
        let store = open(&link).unwrap();
        assert_eq!(store.providers().unwrap().len(), 1, "{opening}");
        drop(store);
        assert_eq!(
            mode(&real),
            0o644,
            "{opening}: the target's mode is its owner's"
        );
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    // A link to a text file: refused, the text file untouched.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, b"notes").unwrap();
    set_mode(&notes, 0o664);
    let to_notes = dir.path().join("notes.db");
    std::os::unix::fs::symlink(&notes, &to_notes).unwrap();
    for (opening, open) in both_openings() {
        let error = open(&to_notes).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{} is not a Lookout database", to_notes.display()),
            "{opening}"
        );
        assert_eq!(std::fs::read(&notes).unwrap(), b"notes");
        assert_eq!(mode(&notes), 0o664, "{opening}");
    }

    // A link to a file not there yet: Lookout creates it, private.
    let fresh = dir.path().join("fresh.db");
    let to_fresh = dir.path().join("to-fresh.db");
    std::os::unix::fs::symlink(&fresh, &to_fresh).unwrap();
    drop(Store::open(&to_fresh).unwrap());
    assert_eq!(mode(&fresh), 0o600, "created by Lookout, so private");
}

#[cfg(unix)]
#[test]
fn a_report_makes_a_database_others_can_read_private() {
    for wide in [0o644, 0o666] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookout.db");
        a_database_with_acme(&path);
        set_mode(&path, wide);

        let store = Store::open_for_reports(&path).unwrap();
        assert_eq!(store.providers().unwrap().len(), 1);
        assert_eq!(mode(&path), 0o600, "{wide:o} narrowed by a report");
        for side in ["lookout.db-wal", "lookout.db-shm"] {
            let side = dir.path().join(side);
            if side.exists() {
                assert_eq!(mode(&side), 0o600, "{}", side.display());
            }
        }
    }
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// `None` (the test is skipped) where mounting is not permitted.
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status();
        match mounted {
            Ok(status) if status.success() => Some(SmallDisk { dir }),
            _ => None,
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Fills what is left of it.
    fn fill(&self) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.dir.path().join("filler")).unwrap();
        let block = [0u8; 4096];
        while filler
            .write_all(&block)
            .and_then(|()| filler.flush())
            .is_ok()
        {}
        let _ = filler.sync_all();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn a_report_still_reads_on_a_full_disk() {
    let Some(disk) = SmallDisk::mount("2m") else {
        eprintln!("skipped: mounting a small tmpfs is not permitted here");
        return;
    };
    let path = disk.path().join("lookout.db");
    a_database_with_acme(&path);
    disk.fill();
    assert!(
        Store::open(&path).is_err(),
        "a full disk indeed: a writer's open fails"
    );

    let store = Store::open_for_reports(&path).unwrap();
    let names: Vec<String> = store
        .providers()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Acme"]);
    assert!(store.incidents(&Default::default()).unwrap().is_empty());
}
