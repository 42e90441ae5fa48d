//! Per-component history from the vendor's own timelines: what status each component had at
//! every moment of a window, and so its exact downtime.
//!
//! The rules (the README's "How downtime is computed"):
//! - Within an incident, a component has the status given to it by the latest of the incident's
//!   updates that list it, at or before that moment; an update that leaves it out changes
//!   nothing; a component no update lists is not affected; once the incident is resolved it
//!   affects nothing. A maintenance in progress or completed puts the components it covers
//!   under maintenance for its window. Where several overlap, the worse status wins.
//! - Where no incident or maintenance says anything, Lookout's own recorded status history
//!   (what the page showed at each poll) fills in: the status last seen outside every incident
//!   and maintenance that lists the component (one seen during them is explained by them); with
//!   none recorded, `operational`.
//! - History is known from [`Sources::known_since`]; time before it, and time the page could not
//!   be read ([`Sources::gaps`]), is `unknown` — except where an incident's timeline says what
//!   the component's status was.

mod days;

pub use days::{day_worst, start_of_day, DayWorst, Totals};

use crate::model::{Incident, Maintenance};
use crate::status::{ComponentStatus, MaintenanceStatus};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A stretch of time, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Its start (included).
    pub from: DateTime<Utc>,
    /// Its end (excluded).
    pub to: DateTime<Utc>,
}

impl Span {
    /// The part of `self` inside `within`, if any.
    fn clip(self, within: Span) -> Option<Span> {
        let span = Span {
            from: self.from.max(within.from),
            to: self.to.min(within.to),
        };
        (span.from < span.to).then_some(span)
    }
}

/// A component's status over one stretch of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// When.
    pub span: Span,
    /// Its status then.
    pub status: ComponentStatus,
}

/// What one provider's history is made of, besides each component's recorded statuses.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// Its incidents, each with its timeline.
    pub incidents: &'a [Incident],
    /// Its maintenances.
    pub maintenances: &'a [Maintenance],
    /// Since when its history is known: the earlier of Lookout's first poll and the first update
    /// of the oldest incident it publishes. `None`: nothing is known.
    pub known_since: Option<DateTime<Utc>>,
    /// When its page could not be read.
    pub gaps: &'a [Span],
    /// Now: open incidents and maintenances last until then.
    pub now: DateTime<Utc>,
}

/// A stretch in which an incident or a maintenance gave a component a status.
#[derive(Debug, Clone)]
struct Stretch {
    span: Span,
    status: ComponentStatus,
}

/// One provider's history, indexed by component once, so that each component's segments are
/// computed from its own stretches only.
#[derive(Debug)]
pub struct ProviderHistory<'a> {
    sources: Sources<'a>,
    stretches: HashMap<&'a str, Vec<Stretch>>,
}

impl<'a> ProviderHistory<'a> {
    /// Indexes `sources` by component (one pass over every timeline).
    pub fn new(sources: Sources<'a>) -> ProviderHistory<'a> {
        let mut stretches: HashMap<&'a str, Vec<Stretch>> = HashMap::new();
        for incident in sources.incidents {
            incident_stretches(incident, sources.now, &mut stretches);
        }
        for maintenance in sources.maintenances {
            let Some(span) = maintenance_span(maintenance, sources.now) else {
                continue;
            };
            for id in &maintenance.component_ids {
                stretches.entry(id.as_str()).or_default().push(Stretch {
                    span,
                    status: ComponentStatus::UnderMaintenance,
                });
            }
        }
        ProviderHistory { sources, stretches }
    }

    /// The status of component `id` over `window`, as consecutive segments covering all of it.
    /// `recorded` is what Lookout saw the page give the component at each change, oldest first.
    pub fn segments(
        &self,
        id: &str,
        recorded: &[(DateTime<Utc>, ComponentStatus)],
        window: Span,
    ) -> Vec<Segment> {
        if window.from >= window.to {
            return Vec::new();
        }
        // Stretches whole (not clipped): a recorded status seen during one, even before the
        // window, is explained by it and is not used.
        let mut changes: Vec<(DateTime<Utc>, Change)> = Vec::new();
        for stretch in self.stretches.get(id).into_iter().flatten() {
            let rank = stretch.status.rank();
            changes.push((stretch.span.from, Change::Said(rank, 1)));
            changes.push((stretch.span.to, Change::Said(rank, -1)));
        }
        for span in self.unknown_spans(window) {
            changes.push((span.from, Change::Unknown(1)));
            changes.push((span.to, Change::Unknown(-1)));
        }
        for (at, status) in recorded {
            if *at < window.to {
                changes.push((*at, Change::Recorded(status.rank())));
            }
        }
        // Stable: at one moment, stretches open and close before a recorded status is weighed.
        changes.sort_by_key(|(at, _)| *at);
        let sweep = Sweep {
            said: [0; 6],
            unknown: 0,
            recorded: ComponentStatus::Operational.rank(),
        };
        sweep.run(window, &changes)
    }

    /// Before the history is known, and the page's gaps, within `window`.
    fn unknown_spans(&self, window: Span) -> Vec<Span> {
        let unknown_until = self.sources.known_since.unwrap_or(window.to);
        let before = Span {
            from: window.from,
            to: unknown_until,
        };
        std::iter::once(before)
            .chain(self.sources.gaps.iter().copied())
            .filter_map(|span| span.clip(window))
            .collect()
    }
}

/// The stretches an incident gives each component its updates list.
fn incident_stretches<'a>(
    incident: &'a Incident,
    now: DateTime<Utc>,
    into: &mut HashMap<&'a str, Vec<Stretch>>,
) {
    let end = incident.resolved_at.unwrap_or(now);
    // Each listed component's (time, status) steps, in timeline order.
    let mut steps: HashMap<&'a str, Vec<(DateTime<Utc>, &'a ComponentStatus)>> = HashMap::new();
    for update in &incident.updates {
        for component in &update.components {
            steps
                .entry(component.id.as_str())
                .or_default()
                .push((update.at, &component.status));
        }
    }
    for (id, mut list) in steps {
        list.sort_by_key(|(at, _)| *at);
        for (index, (at, status)) in list.iter().enumerate() {
            let next = list.get(index + 1).map_or(end, |(next, _)| *next);
            let span = Span {
                from: *at,
                to: next.min(end),
            };
            // An update at the same moment as the next one, or after the end, says nothing.
            if span.from < span.to {
                into.entry(id).or_default().push(Stretch {
                    span,
                    status: (*status).clone(),
                });
            }
        }
    }
}

/// When a maintenance held its components: in progress or done, from its start to its end (to
/// now while it runs).
fn maintenance_span(maintenance: &Maintenance, now: DateTime<Utc>) -> Option<Span> {
    let from = maintenance.scheduled_for?;
    let to = match maintenance.status {
        MaintenanceStatus::InProgress | MaintenanceStatus::Verifying => maintenance
            .scheduled_until
            .map_or(now, |until| until.max(now)),
        MaintenanceStatus::Completed => maintenance.scheduled_until?,
        _ => return None,
    };
    (from < to).then_some(Span {
        from,
        to: to.min(now),
    })
}

/// A change of what is known about a component at one moment.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// An incident's or maintenance's stretch of this rank starts (+1) or ends (-1).
    Said(u8, i32),
    /// An unknown span starts (+1) or ends (-1).
    Unknown(i32),
    /// The recorded status becomes this rank.
    Recorded(u8),
}

/// The state of the sweep over a component's changes.
struct Sweep {
    /// How many stretches of each rank are open.
    said: [i32; 6],
    /// How many unknown spans are open.
    unknown: i32,
    /// The rank last recorded.
    recorded: u8,
}

impl Sweep {
    /// The status now: the worst stretch open, else unknown, else what was recorded.
    fn status(&self) -> ComponentStatus {
        let rank = match (0..6u8).rev().find(|r| self.said[usize::from(*r)] > 0) {
            Some(rank) => rank,
            None if self.unknown > 0 => ComponentStatus::Unknown.rank(),
            None => self.recorded,
        };
        status_of_rank(rank)
    }

    fn apply(&mut self, change: Change) {
        match change {
            Change::Said(rank, delta) => self.said[usize::from(rank.min(5))] += delta,
            Change::Unknown(delta) => self.unknown += delta,
            // What Lookout saw while an incident or maintenance said something is explained by
            // it: only a status seen outside them fills in.
            Change::Recorded(rank) => {
                if self.said.iter().all(|open| *open == 0) {
                    self.recorded = rank;
                }
            }
        }
    }

    /// Segments over `window` from `changes` (sorted by time; those before the window only set
    /// the state it starts in), adjacent equal ones merged.
    fn run(mut self, window: Span, changes: &[(DateTime<Utc>, Change)]) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        let mut from = window.from;
        let mut at = 0;
        loop {
            while let Some((_, change)) = changes.get(at).filter(|(when, _)| *when <= from) {
                self.apply(*change);
                at += 1;
            }
            let to = changes
                .get(at)
                .map_or(window.to, |(when, _)| *when)
                .min(window.to);
            push_merged(&mut out, Span { from, to }, self.status());
            if to >= window.to {
                return out;
            }
            from = to;
        }
    }
}

fn push_merged(out: &mut Vec<Segment>, span: Span, status: ComponentStatus) {
    match out.last_mut() {
        Some(last) if last.status == status && last.span.to == span.from => last.span.to = span.to,
        _ => out.push(Segment { span, status }),
    }
}

/// The status a rank stands for (an unknown vendor word counts as `unknown`).
fn status_of_rank(rank: u8) -> ComponentStatus {
    match rank {
        0 => ComponentStatus::Operational,
        1 => ComponentStatus::UnderMaintenance,
        3 => ComponentStatus::DegradedPerformance,
        4 => ComponentStatus::PartialOutage,
        5 => ComponentStatus::MajorOutage,
        _ => ComponentStatus::Unknown,
    }
}
