//! What a component's segments add up to: seconds in each status over the window, uptime, and
//! the worst status of each local day (for the 90-day bars).

use super::Segment;
use crate::status::ComponentStatus;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// Seconds spent in each status, by rank (see [`ComponentStatus::rank`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    seconds: [i64; 6],
}

impl Totals {
    /// The seconds of `segments` in each status.
    pub fn of(segments: &[Segment]) -> Totals {
        let mut totals = Totals::default();
        for segment in segments {
            let seconds = (segment.span.to - segment.span.from).num_seconds();
            totals.seconds[usize::from(segment.status.rank().min(5))] += seconds;
        }
        totals
    }

    /// Seconds in `status` (an unknown vendor word counts as `unknown`).
    pub fn seconds(&self, status: &ComponentStatus) -> i64 {
        self.seconds[usize::from(status.rank().min(5))]
    }

    /// Seconds whose status is known.
    pub fn known_seconds(&self) -> i64 {
        self.seconds.iter().sum::<i64>() - self.seconds(&ComponentStatus::Unknown)
    }

    /// Seconds in partial or major outage.
    pub fn outage_seconds(&self) -> i64 {
        self.seconds(&ComponentStatus::PartialOutage) + self.seconds(&ComponentStatus::MajorOutage)
    }

    /// Time not in partial or major outage ÷ time known, in percent; `None` when nothing is
    /// known.
    pub fn uptime_percent(&self) -> Option<f64> {
        let known = self.known_seconds();
        (known > 0).then(|| {
            // Seconds over a window of days fit an f64 exactly.
            #[allow(clippy::cast_precision_loss)]
            let percent = (known - self.outage_seconds()) as f64 * 100.0 / known as f64;
            percent
        })
    }
}

/// One day's worst status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayWorst {
    /// The local date.
    pub date: NaiveDate,
    /// The worst status of the day's known time; `unknown` when none of the day is known.
    pub worst: ComponentStatus,
}

/// When local `date` starts in `tz` (its first existing moment, should midnight be skipped).
pub fn start_of_day<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> DateTime<Utc> {
    (0..24)
        .filter_map(|hour| date.and_hms_opt(hour, 0, 0))
        .find_map(|local| tz.from_local_datetime(&local).earliest())
        .map_or_else(
            || date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
            |start| start.with_timezone(&Utc),
        )
}

/// For each local day of `tz` from `first` to `last` (inclusive, oldest first), the worst status
/// of the time `segments` (sorted, not overlapping) know that day: a day partly unknown shows
/// the worst of what is known; a day nothing is known of is `unknown`.
pub fn day_worst<Tz: TimeZone>(
    segments: &[Segment],
    tz: &Tz,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<DayWorst> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut date = first;
    while date <= last {
        let Some(next) = date.succ_opt() else { break };
        let (start, end) = (start_of_day(tz, date), start_of_day(tz, next));
        while segments.get(at).is_some_and(|s| s.span.to <= start) {
            at += 1;
        }
        let worst = segments[at.min(segments.len())..]
            .iter()
            .take_while(|s| s.span.from < end)
            .map(|s| &s.status)
            .filter(|status| **status != ComponentStatus::Unknown)
            .max_by_key(|status| status.rank())
            .cloned()
            .unwrap_or(ComponentStatus::Unknown);
        out.push(DayWorst { date, worst });
        date = next;
    }
    out
}
