//! Lookout's own probes, run by the watch loop beside the polls: each probe on its own schedule
//! through the probes' HTTP client (which never reaches a link-local or cloud metadata address
//! the probe's URL does not name), its outcome written to the store, which raises or clears the
//! provider's suspicion (see [`lookout_store::Store::record_probe`]).

use crate::fetch::Fetcher;
use crate::last_reads::LastReads;
use chrono::{DateTime, Utc};
use lookout_core::probe::DEFAULT_THRESHOLD;
use lookout_core::{Event, ProbeId, ProviderId};
use lookout_store::{Probe, ProbeOutcome, SharedStore};
use std::collections::{BTreeSet, HashMap, HashSet};
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
    /// The probes the store holds, by id.
    probes: HashMap<ProbeId, Probe>,
    /// When each probe is next due (one not run yet is not here: it is due at once).
    next: HashMap<ProbeId, DateTime<Utc>>,
    /// The probes not running, by when they are due: the loop starts the first ones and sleeps
    /// until the next without looking at the others, however many there are.
    idle: BTreeSet<(DateTime<Utc>, ProbeId)>,
    /// The probe each run under way is of.
    running: HashMap<tokio::task::Id, ProbeId>,
    /// Runs under way.
    pub(crate) tasks: JoinSet<ProbeRun>,
}

/// What one probe run left.
#[derive(Debug)]
pub(crate) struct ProbeRun {
    /// The probe's provider.
    pub(crate) provider_id: ProviderId,
    /// The events its outcome caused (a suspicion raised or cleared, the user offline).
    pub(crate) events: Vec<Event>,
    /// Whether waiting successes of pages were written with it and caused events.
    pub(crate) others_events: bool,
}

impl Probing {
    /// Takes the probes as read from the store (added, changed or removed by anyone).
    pub(crate) fn known(&mut self, probes: Vec<Probe>) {
        self.probes = probes.into_iter().map(|p| (p.id, p)).collect();
        self.next.retain(|id, _| self.probes.contains_key(id));
        let busy: HashSet<ProbeId> = self.running.values().copied().collect();
        self.idle = self
            .probes
            .keys()
            .filter(|id| !busy.contains(id))
            .map(|id| (self.due(*id), *id))
            .collect();
    }

    /// When probe `id` is next due (one not run yet: at once).
    fn due(&self, id: ProbeId) -> DateTime<Utc> {
        self.next
            .get(&id)
            .copied()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
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
        while let Some(&(due, id)) = self.idle.first() {
            if due > now {
                break;
            }
            self.idle.pop_first();
            let Some(probe) = self.probes.get(&id) else {
                continue;
            };
            let every = chrono::Duration::seconds(probe.every_secs.into());
            self.next.insert(id, now + every);
            let (store, fetcher, probe) = (store.clone(), fetcher.clone(), probe.clone());
            let last_reads = last_reads.clone();
            let handle = self.tasks.spawn(async move {
                let outcome = run_probe(&fetcher, &probe, now).await;
                let waiting = if outcome.ok {
                    Vec::new()
                } else {
                    last_reads.take_waiting()
                };
                let ids: Vec<ProviderId> = waiting.iter().map(|r| r.provider_id).collect();
                let (quiet, recorded) = store
                    .run(move |s| {
                        let quiet = if waiting.is_empty() {
                            Ok(Vec::new())
                        } else {
                            s.record_quiet_reads(&waiting)
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
        }
    }

    /// When the first probe not running now is due (one not run yet: `now`); `None` when there
    /// is none.
    pub(crate) fn first_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.idle.first().map(|(due, _)| (*due).max(now))
    }

    /// Probe `id`'s run ended: it waits for its next turn, if it is still stored.
    fn idle_again(&mut self, id: ProbeId) {
        if self.probes.contains_key(&id) {
            self.idle.insert((self.due(id), id));
        }
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
                    self.idle_again(probe);
                }
                (!run.events.is_empty() || run.others_events).then_some(run)
            }
            Err(error) => {
                if let Some(probe) = self.running.remove(&error.id()) {
                    self.idle_again(probe);
                    log::error!("the run of probe #{probe} failed: {error}");
                }
                None
            }
        }
    }
}
