//! Wakes the watch loop when the database's files change — another process committed (the CLI
//! added a provider, a `lookout poll` stored a page) — so that the loop need not look every few
//! seconds while nothing happens.

use lookout_store::DatabaseFiles;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Notify;

/// A watch on one database's file and write-ahead log, for as long as it lives.
#[derive(Debug)]
pub(crate) struct DatabaseChanges {
    _watcher: RecommendedWatcher,
    changed: Arc<Notify>,
}

impl DatabaseChanges {
    /// Starts watching `files` (their folder, for a log created or removed); `None`, logged, when
    /// the platform cannot (the loop then looks every few seconds).
    pub(crate) fn watch(files: &DatabaseFiles) -> Option<DatabaseChanges> {
        let changed = Arc::new(Notify::new());
        let signal = changed.clone();
        // By name: the folder is the one watched, however it was spelt (relative, a symlink).
        let ours: [Option<OsString>; 2] =
            [files.db(), files.wal()].map(|p| p.file_name().map(OsString::from));
        let folder = files.db().parent()?.to_path_buf();
        let on_event = move |event: notify::Result<Event>| {
            let Ok(event) = event else { return };
            let written = matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            );
            let named = |p: &PathBuf| ours.iter().flatten().any(|o| p.file_name() == Some(o));
            if written && event.paths.iter().any(named) {
                signal.notify_one();
            }
        };
        let started = notify::recommended_watcher(on_event).and_then(|mut watcher| {
            watcher.watch(&folder, RecursiveMode::NonRecursive)?;
            Ok(watcher)
        });
        match started {
            Ok(watcher) => Some(DatabaseChanges {
                _watcher: watcher,
                changed,
            }),
            Err(error) => {
                log::warn!("cannot watch {} for changes: {error}", folder.display());
                None
            }
        }
    }

    /// What wakes the loop: signalled at each change (one kept while nobody waits).
    pub(crate) fn signal(&self) -> Arc<Notify> {
        self.changed.clone()
    }
}
