//! How far a vendor's status page can be believed, measured from what Lookout saw itself: how
//! long the vendor took to acknowledge trouble Lookout had evidence of, the outages it never
//! posted, the incidents it posted without naming a component, and a grade A–F from those.
//!
//! The rule (also in the README, "How honest is a vendor's page?"):
//! - **Evidence** is a stretch of time in which Lookout's own probes raised a suspicion, or a
//!   component of the page was not operational.
//! - An incident's **acknowledgement time** is its first post minus the start of the earliest
//!   evidence still open at that post or closed at most an hour before it; 0 when there is none
//!   (the vendor was first) or it began later. Maintenance is left out.
//! - An **unacknowledged outage** is a suspicion that lasted at least 10 minutes with no
//!   incident open during it or posted within an hour after it.
//! - The **grade**, over the outages (incidents plus unacknowledged outages; with fewer than 3 no
//!   grade is given): A — median acknowledgement ≤ 15 min and no unacknowledged outage;
//!   B — median ≤ 30 min and at most 10 % unacknowledged; C — median ≤ 1 h and at most 25 %;
//!   D — median ≤ 4 h and at most half; F — a median over 4 h or most outages unacknowledged.

use chrono::{DateTime, Duration, Utc};

/// How long after evidence closed a post still acknowledges it, and after a suspicion an
/// incident still covers it.
pub const ACKNOWLEDGE_WITHIN: Duration = Duration::hours(1);
/// How long a suspicion must last to count as an outage.
pub const SHORTEST_OUTAGE: Duration = Duration::minutes(10);
/// Fewer outages than this give no grade.
pub const FEWEST_FOR_A_GRADE: usize = 3;

/// A stretch of Lookout's own evidence of trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// When it began.
    pub start: DateTime<Utc>,
    /// When it ended; `None` while it lasts.
    pub end: Option<DateTime<Utc>>,
    /// Whether it is a suspicion of Lookout's probes (not a component the page marked).
    pub suspicion: bool,
}

/// One incident as the measure needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    /// The vendor's first update (its first post).
    pub first_post: DateTime<Utc>,
    /// When it was resolved; `None` while open.
    pub resolved: Option<DateTime<Utc>>,
    /// Whether it named any component.
    pub has_components: bool,
    /// Whether it is planned maintenance.
    pub maintenance: bool,
}

/// The measures of one provider over a window.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Honesty {
    /// The median acknowledgement time, in seconds (`None` without incidents).
    pub acknowledgement_median_seconds: Option<i64>,
    /// The 90th percentile (nearest rank), in seconds.
    pub acknowledgement_p90_seconds: Option<i64>,
    /// Suspicions of at least 10 min the vendor never posted.
    pub unacknowledged_outages: u32,
    /// Incidents that named no component.
    pub incidents_without_components: u32,
    /// `A`…`F`, or `None` with too little evidence.
    pub grade: Option<char>,
}

/// The measures over `incidents` (those posted in the window) and `evidence` (every stretch
/// that touches it), at `now`.
pub fn measure(incidents: &[Posted], evidence: &[Evidence], now: DateTime<Utc>) -> Honesty {
    let outages: Vec<&Posted> = incidents.iter().filter(|i| !i.maintenance).collect();
    let mut delays: Vec<i64> = outages
        .iter()
        .map(|i| acknowledgement(i.first_post, evidence).num_seconds())
        .collect();
    delays.sort_unstable();
    let unacknowledged = evidence
        .iter()
        .filter(|e| e.suspicion && e.end.unwrap_or(now) - e.start >= SHORTEST_OUTAGE)
        .filter(|e| !incidents.iter().any(|i| covers(i, e, now)))
        .count();
    let median = median(&delays);
    Honesty {
        acknowledgement_median_seconds: median,
        acknowledgement_p90_seconds: nearest_rank(&delays, 90),
        unacknowledged_outages: u32::try_from(unacknowledged).unwrap_or(u32::MAX),
        incidents_without_components: u32::try_from(
            incidents.iter().filter(|i| !i.has_components).count(),
        )
        .unwrap_or(u32::MAX),
        grade: grade(median, outages.len(), unacknowledged),
    }
}

/// How long before `post` the earliest evidence still open then (or closed within the hour
/// before it) began; zero when none did.
fn acknowledgement(post: DateTime<Utc>, evidence: &[Evidence]) -> Duration {
    evidence
        .iter()
        .filter(|e| e.start <= post && e.end.is_none_or(|end| end + ACKNOWLEDGE_WITHIN >= post))
        .map(|e| post - e.start)
        .max()
        .unwrap_or_default()
}

/// Whether `incident` acknowledges the suspicion `e`: open during it, or posted within the
/// hour after it ended.
fn covers(incident: &Posted, e: &Evidence, now: DateTime<Utc>) -> bool {
    let end = e.end.unwrap_or(now);
    incident.first_post <= end + ACKNOWLEDGE_WITHIN
        && incident.resolved.is_none_or(|resolved| resolved >= e.start)
}

fn grade(median: Option<i64>, incidents: usize, unacknowledged: usize) -> Option<char> {
    let outages = incidents + unacknowledged;
    if outages < FEWEST_FOR_A_GRADE {
        return None;
    }
    let minutes = median.unwrap_or(0) as f64 / 60.0;
    let share = unacknowledged as f64 / outages as f64;
    Some(match (minutes, share) {
        (m, _) if m > 240.0 => 'F',
        (_, s) if s > 0.5 => 'F',
        (m, _) if m <= 15.0 && unacknowledged == 0 => 'A',
        (m, s) if m <= 30.0 && s <= 0.10 => 'B',
        (m, s) if m <= 60.0 && s <= 0.25 => 'C',
        _ => 'D',
    })
}

/// The median of sorted `values` (the mean of the middle two for an even count).
fn median(sorted: &[i64]) -> Option<i64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

/// The `p`th percentile of sorted `values` by the nearest-rank method.
fn nearest_rank(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}
