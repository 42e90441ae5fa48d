//! When a poll should bring the tray up to date: at once after a poll that read something new,
//! failed or stored events (and after the first quiet poll that follows a failure: failures are
//! reset), otherwise at most once every five minutes — for what changes with time alone ("last
//! read 14 min ago"; a pause or snooze ending wakes the alert pass, which refreshes it at once),
//! without reading the whole overview after each of 50 unchanged pages a minute.

use chrono::{DateTime, Duration, Utc};
use lookout_core::ProviderId;
use std::collections::HashSet;

/// How often quiet polls may refresh the tray.
pub const QUIET_REFRESH: Duration = Duration::minutes(5);

/// What a poll was, as far as the tray cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    /// Read, every document as last read, no events.
    Quiet,
    /// Read, with something new or events.
    Changed,
    /// Not read (or not stored).
    Failed,
}

/// Remembers which providers' last poll failed and when quiet polls last refreshed.
#[derive(Debug, Default)]
pub struct TrayRefreshes {
    unsettled: HashSet<ProviderId>,
    last_quiet_refresh: Option<DateTime<Utc>>,
}

impl TrayRefreshes {
    /// Whether the poll of `provider` that ended at `now` should refresh the tray.
    pub fn after_poll(
        &mut self,
        provider: ProviderId,
        outcome: PollOutcome,
        now: DateTime<Utc>,
    ) -> bool {
        match outcome {
            PollOutcome::Failed => {
                self.unsettled.insert(provider);
                return true;
            }
            PollOutcome::Changed => {
                self.unsettled.remove(&provider);
                return true;
            }
            PollOutcome::Quiet if self.unsettled.remove(&provider) => return true,
            PollOutcome::Quiet => {}
        }
        let due = self
            .last_quiet_refresh
            .is_none_or(|at| now - at >= QUIET_REFRESH || now < at);
        if due {
            self.last_quiet_refresh = Some(now);
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use PollOutcome::{Changed, Failed, Quiet};

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap() + Duration::seconds(secs)
    }

    #[test]
    fn quiet_polls_refresh_at_most_once_every_five_minutes() {
        let mut tray = TrayRefreshes::default();
        assert!(
            tray.after_poll(ProviderId::new(1), Quiet, at(0)),
            "the first one does"
        );
        let refreshed: Vec<bool> = (1..250)
            .map(|p| tray.after_poll(ProviderId::new(p % 50), Quiet, at(p)))
            .collect();
        assert!(
            refreshed.iter().all(|r| !r),
            "five polls of 50 pages within the five minutes do not"
        );
        assert!(
            tray.after_poll(ProviderId::new(7), Quiet, at(300)),
            "five minutes later one does"
        );
        assert!(!tray.after_poll(ProviderId::new(8), Quiet, at(301)));
    }

    #[test]
    fn a_changed_or_failed_poll_refreshes_at_once() {
        let mut tray = TrayRefreshes::default();
        assert!(tray.after_poll(ProviderId::new(1), Quiet, at(0)));
        assert!(
            tray.after_poll(ProviderId::new(2), Changed, at(1)),
            "new content or events"
        );
        assert!(
            tray.after_poll(ProviderId::new(2), Failed, at(2)),
            "a failure"
        );
        assert!(
            tray.after_poll(ProviderId::new(2), Failed, at(3)),
            "every time"
        );
        assert!(
            !tray.after_poll(ProviderId::new(1), Quiet, at(4)),
            "others stay quiet"
        );
    }

    #[test]
    fn the_quiet_poll_after_a_failure_refreshes_but_not_the_one_after_new_content() {
        let mut tray = TrayRefreshes::default();
        assert!(tray.after_poll(ProviderId::new(1), Quiet, at(0)));
        assert!(tray.after_poll(ProviderId::new(2), Failed, at(1)));
        assert!(
            tray.after_poll(ProviderId::new(2), Quiet, at(2)),
            "read again: its failures are reset"
        );
        assert!(!tray.after_poll(ProviderId::new(2), Quiet, at(3)));
        assert!(tray.after_poll(ProviderId::new(3), Changed, at(4)));
        assert!(
            !tray.after_poll(ProviderId::new(3), Quiet, at(5)),
            "the change was shown already"
        );
    }

    #[test]
    fn a_clock_set_back_refreshes_rather_than_waiting_for_the_old_time() {
        let mut tray = TrayRefreshes::default();
        assert!(tray.after_poll(ProviderId::new(1), Quiet, at(600)));
        assert!(tray.after_poll(ProviderId::new(1), Quiet, at(10)));
        assert!(!tray.after_poll(ProviderId::new(1), Quiet, at(11)));
    }
}
