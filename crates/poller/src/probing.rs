//! Lookout's own probes, run by the watch loop beside the polls: each probe on its own schedule
//! through the shared HTTP client, its outcome written to the store, which raises or clears the
//! provider's suspicion (see [`lookout_store::Store::record_probe`]).

use crate::fetch::Fetcher;
use crate::last_reads::LastReads;
use crate::schedule::Schedule;
use chrono::{DateTime, Utc};
use lookout_core::probe::DEFAULT_THRESHOLD;
use lookout_core::Event;
use lookout_store::{Probe, ProbeOutcome, SharedStore};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Runs `probe` once at `now`: a pass is an answer with the expected status that holds the
/// expected text (in its first 64 KiB), within the probe's time limit.
pub async fn run_probe(fetcher: &Fetcher, probe: &Probe, now: DateTime<Utc>) -> ProbeOutcome {
    let started = Instant::now();
    let limit = Duration::from_secs(probe.timeout_secs.max(1).into());
    let answer = fetcher.probe(&probe.url, limit).await;
    let latency_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    let failed = |error: String| ProbeOutcome {
        at: now,
        ok: false,
        latency_ms: Some(latency_ms),
        error: Some(error),
    };
    let answer = match answer {
        Ok(answer) => answer,
        // Recorded, listed and sent to sinks: the URL in it masked (the request used the real one).
        Err(error) => return failed(lookout_core::masked_urls_in(&error.to_string())),
    };
    if !probe.expect.accepts(answer.status) {
        return failed(format!(
            "HTTP {} (expected {})",
            answer.status, probe.expect
        ));
    }
    if let Some(text) = probe.contains.as_deref().filter(|t| !t.is_empty()) {
        let body = String::from_utf8_lossy(&answer.body);
        if !body.contains(text) {
            return failed(format!("the answer does not contain {text:?}"));
        }
    }
    ProbeOutcome {
        at: now,
        ok: true,
        latency_ms: Some(latency_ms),
        error: None,
    }
}

/// The probes the loop knows, when each is next due, and those running.
#[derive(Debug, Default)]
pub(crate) struct Probing {
    probes: Vec<Probe>,
    schedule: Schedule,
    /// The probe each run under way is of.
    running: HashMap<tokio::task::Id, i64>,
    /// The probes with a run under way (the values of `running`, to ask in constant time).
    busy: HashSet<i64>,
    /// Runs under way.
    pub(crate) tasks: JoinSet<ProbeRun>,
}

/// What one probe run left.
#[derive(Debug)]
pub(crate) struct ProbeRun {
    /// The probe's provider.
    pub(crate) provider_id: i64,
    /// The events its outcome caused (a suspicion raised or cleared, the user offline).
    pub(crate) events: Vec<Event>,
    /// Whether waiting successes of pages were written with it and caused events.
    pub(crate) others_events: bool,
}

impl Probing {
    /// Takes the probes as read from the store (added, changed or removed by anyone).
    pub(crate) fn known(&mut self, probes: Vec<Probe>) {
        let ids: Vec<i64> = probes.iter().map(|p| p.id).collect();
        self.schedule.retain(&ids);
        self.probes = probes;
    }

    /// Starts every probe that is due and not running already. A failed run first writes the
    /// successes of pages that wait in `last_reads`: whether the failure makes a suspicion
    /// depends on what was read since its streak began (evidence that the network works).
    pub(crate) fn start_due(
        &mut self,
        store: &SharedStore,
        fetcher: &Fetcher,
        last_reads: &LastReads,
        now: DateTime<Utc>,
    ) {
        for probe in &self.probes {
            let due = self.schedule.is_due(probe.id, now);
            if !due || self.busy.contains(&probe.id) {
                continue;
            }
            let every = Duration::from_secs(probe.every_secs.into());
            self.schedule.set(probe.id, now, every);
            let (store, fetcher, probe) = (store.clone(), fetcher.clone(), probe.clone());
            let last_reads = last_reads.clone();
            let id = probe.id;
            let handle = self.tasks.spawn(async move {
                let outcome = run_probe(&fetcher, &probe, now).await;
                let waiting = match outcome.ok {
                    true => Vec::new(),
                    false => last_reads.take_waiting(),
                };
                let ids: Vec<i64> = waiting.iter().map(|r| r.provider_id).collect();
                let (quiet, recorded) = store
                    .run(move |s| {
                        let quiet = match waiting.is_empty() {
                            true => Ok(Vec::new()),
                            false => s.record_quiet_reads(&waiting),
                        };
                        (quiet, s.record_probe(id, &outcome, DEFAULT_THRESHOLD))
                    })
                    .await;
                let others_events = quiet.unwrap_or_else(|error| {
                    log::warn!("cannot write the last successful reads: {error}");
                    ids.into_iter().for_each(|id| last_reads.forget(id));
                    Vec::new()
                });
                let events = recorded.unwrap_or_else(|error| {
                    log::warn!(provider = probe.provider.as_str(); "probe of {} not recorded: {error}", lookout_core::masked_url(&probe.url));
                    Vec::new()
                });
                ProbeRun {
                    provider_id: probe.provider_id,
                    events,
                    others_events: !others_events.is_empty(),
                }
            });
            self.running.insert(handle.id(), id);
            self.busy.insert(id);
        }
    }

    /// When the first probe not running now is due; `None` when there is none.
    pub(crate) fn first_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let idle = self.probes.iter().map(|p| p.id);
        let idle = idle.filter(|id| !self.busy.contains(id));
        self.schedule.first_due(idle, now)
    }

    /// A run ended (a panicked one records nothing): its probe may start again when due;
    /// returns what it left, when it caused events.
    pub(crate) fn finished(
        &mut self,
        done: Result<(tokio::task::Id, ProbeRun), tokio::task::JoinError>,
    ) -> Option<ProbeRun> {
        match done {
            Ok((id, run)) => {
                if let Some(probe) = self.running.remove(&id) {
                    self.busy.remove(&probe);
                }
                (!run.events.is_empty() || run.others_events).then_some(run)
            }
            Err(error) => {
                if let Some(probe) = self.running.remove(&error.id()) {
                    self.busy.remove(&probe);
                    log::error!("the run of probe #{probe} failed: {error}");
                }
                None
            }
        }
    }
}
