//! The watch loop's view of the store: when to look at it again (its files changed, or a while
//! passed), listing the providers only when something was written, and writing the successes of
//! unchanged reads that wait, together.

use super::{Known, Turns, LONGEST_BLIND_SLEEP, WRITE_QUIET_READS};
use crate::db_changes::DatabaseChanges;
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use lookout_store::{ChangeMark, DatabaseFiles, FileStamp};
use std::time::Duration;

/// What the loop knows of the store's files and when it last looked.
#[derive(Default)]
pub(super) struct StoreLooks {
    /// When the store was last looked at.
    pub(super) scanned_at: Option<DateTime<Utc>>,
    /// The store's change mark when the providers were last listed, its files, and their stamp
    /// when the mark was last checked.
    mark: Option<ChangeMark>,
    files: Option<DatabaseFiles>,
    stamp: Option<FileStamp>,
    /// Told of changes to those files (`None`: not watched, the loop looks every few seconds).
    pub(super) changes: Option<DatabaseChanges>,
    /// The files changed: look at the store at the next turn.
    pub(super) look_now: bool,
    /// When the quiet reads were last written.
    pub(super) quiet_reads_written_at: Option<DateTime<Utc>>,
}

impl Turns {
    /// When the database's files changed, or every [`Turns::look_every`], asks the store
    /// whether anything was written since the providers were last listed; if so, lists them (and
    /// the probes, and the newest event id) again.
    pub(super) async fn rescan_when_due(&mut self) {
        let now = self.setup.clock.now();
        let every = chrono::Duration::from_std(self.look_every()).unwrap_or(chrono::Duration::MAX);
        let recent = self
            .looks
            .scanned_at
            .is_some_and(|at| now - at < every && now >= at);
        if recent && !std::mem::take(&mut self.looks.look_now) {
            return;
        }
        // The files did not move: nothing was written by anyone (no lock, no page read).
        let stamp = self.looks.files.as_ref().map(DatabaseFiles::stamp);
        if self.looks.mark.is_some() && stamp.is_some() && stamp == self.looks.stamp {
            self.looks.scanned_at = Some(now);
            return;
        }
        let listed = self.looks.mark;
        let scanned = self
            .setup
            .store
            .run(move |s| {
                let mark = s.change_mark()?;
                if listed == Some(mark) {
                    return Ok((mark, s.files(), None));
                }
                let fresh = Known {
                    providers: s.providers()?.into_iter().filter(|p| p.enabled).collect(),
                    probes: s.probes(None)?,
                    last_event_id: s.last_event_id()?,
                };
                Ok::<_, lookout_store::StoreError>((mark, s.files(), Some(fresh)))
            })
            .await;
        match scanned {
            Ok((_, files, None)) => {
                self.watch_files(files);
                self.looks.stamp = stamp;
            }
            Ok((mark, files, Some(fresh))) => {
                if self.looks.scanned_at.is_some() && fresh.last_event_id > self.known.last_event_id
                {
                    self.setup.events.signal();
                }
                if listed.is_some_and(|listed| mark.others_wrote_since(&listed)) {
                    self.last_reads.forget_all();
                } else {
                    self.last_reads.keep_only(&fresh.providers);
                }
                self.watch_files(files);
                (self.looks.mark, self.looks.stamp) = (Some(mark), stamp);
                self.known = fresh;
                self.probing.known(std::mem::take(&mut self.known.probes));
                self.polls.keep_only(&self.known.providers);
            }
            Err(error) => log::error!("cannot list providers: {error}"),
        }
        self.looks.scanned_at = Some(now);
    }

    /// Every [`WRITE_QUIET_READS`] (or shortest poll interval), writes the successes of unchanged
    /// reads that wait.
    pub(super) async fn write_quiet_reads_when_due(&mut self) {
        let now = self.setup.clock.now();
        let written_at = *self.looks.quiet_reads_written_at.get_or_insert(now);
        if now - written_at >= self.quiet_reads_every() || now < written_at {
            self.write_quiet_reads().await;
            self.looks.quiet_reads_written_at = Some(now);
        }
    }

    /// How often quiet reads are written: [`WRITE_QUIET_READS`], or the shortest poll interval.
    pub(super) fn quiet_reads_every(&self) -> chrono::Duration {
        let shortest = self.known.providers.iter().map(|p| p.poll_interval_secs);
        shortest
            .min()
            .map_or(WRITE_QUIET_READS, |secs| {
                chrono::Duration::seconds(secs.max(1).into())
            })
            .min(WRITE_QUIET_READS)
    }

    /// Writes the successes of unchanged reads that wait, in one transaction. This write does not
    /// make the loop list the providers again; a provider whose success could not be written is
    /// forgotten (its next read is written at once).
    pub(super) async fn write_quiet_reads(&mut self) {
        let reads = self.last_reads.take_waiting();
        if reads.is_empty() {
            return;
        }
        let ids: Vec<ProviderId> = reads.iter().map(|r| r.provider_id).collect();
        let files = self.looks.files.clone();
        let written = self
            .setup
            .store
            .run(move |s| {
                let stamp = || files.as_ref().map(DatabaseFiles::stamp);
                let before = (s.change_mark()?, stamp());
                let events = s.record_quiet_reads(&reads)?;
                let after = (s.change_mark()?, stamp());
                Ok::<_, lookout_store::StoreError>((before, events, after))
            })
            .await;
        match written {
            Ok((before, events, after)) => {
                // Only this write happened since the providers were listed: it needs no listing.
                let known = (self.looks.mark == Some(before.0)) && (self.looks.stamp == before.1);
                if known && !after.0.others_wrote_since(&before.0) {
                    (self.looks.mark, self.looks.stamp) = (Some(after.0), after.1);
                }
                if !events.is_empty() {
                    self.setup.events.signal();
                }
            }
            Err(error) => {
                log::warn!("cannot write the last successful reads: {error}");
                ids.into_iter().for_each(|id| self.last_reads.forget(id));
            }
        }
    }

    /// Keeps the database's files, and starts watching them the first time.
    fn watch_files(&mut self, files: Option<DatabaseFiles>) {
        if self.looks.changes.is_none() {
            self.looks.changes = files.as_ref().and_then(DatabaseChanges::watch);
        }
        self.looks.files = files;
    }

    /// How often the loop looks at the store, and the longest it sleeps: the configured longest
    /// sleep while it is told of changes to the database's files, else at most
    /// [`LONGEST_BLIND_SLEEP`].
    pub(super) fn look_every(&self) -> Duration {
        match self.looks.changes {
            Some(_) => self.setup.config.longest_sleep,
            None => LONGEST_BLIND_SLEEP.min(self.setup.config.longest_sleep),
        }
    }
}

/// Waits for the next change of the database's files; forever when they are not watched.
pub(super) async fn changed(signal: Option<std::sync::Arc<tokio::sync::Notify>>) {
    match signal {
        Some(signal) => signal.notified().await,
        None => std::future::pending().await,
    }
}
