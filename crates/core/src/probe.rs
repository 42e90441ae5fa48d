//! Lookout's own probes of a vendor's endpoints: what a probe expects of an answer, which
//! addresses it may ask ([`address`]), and the two decisions made from their streaks — a provider whose probes keep failing while its page says
//! all is (mostly) well is a suspected outage, and every probe of two or more providers failing
//! at once means the user is offline, not the vendors.

use crate::status::ComponentStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod address;
pub mod suggested;

/// The shortest interval a probe may run at, in seconds.
pub const MIN_EVERY_SECS: u32 = 10;
/// A probe's interval unless one is given, in seconds.
pub const DEFAULT_EVERY_SECS: u32 = 30;
/// A probe's time limit unless one is given, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u32 = 10;
/// Failures in a row that make a provider suspected.
pub const DEFAULT_THRESHOLD: u32 = 3;

/// The HTTP status a probe expects: a class (`2xx`) or one code (`204`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expect {
    /// Any status of this hundred (2 for `2xx`).
    Class(u16),
    /// Exactly this status.
    Exact(u16),
}

impl Expect {
    /// Reads `2xx`, `3XX` or `204`; `Err` says what is accepted.
    pub fn parse(text: &str) -> Result<Expect, String> {
        let text = text.trim().to_ascii_lowercase();
        let refuse =
            || format!("expected a status class such as 2xx or a code such as 204, not {text:?}");
        if let Some(class) = text.strip_suffix("xx") {
            return match class {
                "1" | "2" | "3" | "4" | "5" => {
                    class.parse().map(Expect::Class).map_err(|_| refuse())
                }
                _ => Err(refuse()),
            };
        }
        match text.parse::<u16>() {
            Ok(code @ 100..=599) => Ok(Expect::Exact(code)),
            _ => Err(refuse()),
        }
    }

    /// Whether an answer with `status` meets it.
    pub fn accepts(self, status: u16) -> bool {
        match self {
            Expect::Class(class) => status / 100 == class,
            Expect::Exact(code) => status == code,
        }
    }
}

impl Default for Expect {
    fn default() -> Self {
        Expect::Class(2)
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Class(class) => write!(f, "{class}xx"),
            Expect::Exact(code) => write!(f, "{code}"),
        }
    }
}

impl Serialize for Expect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Expect {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Expect::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One probe's current run of failures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Streak {
    /// The host the probe asks (for messages).
    pub host: String,
    /// Failures in a row (0 after a pass).
    pub failures: u32,
    /// When the first of them happened.
    pub since: Option<DateTime<Utc>>,
    /// Why the last one failed.
    pub last_error: Option<String>,
}

/// A provider suspected of an outage its page does not (yet) admit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspicion {
    /// When the earliest failing probe's streak began.
    pub since: DateTime<Utc>,
    /// How many of its probes are failing (at the threshold or beyond).
    pub failing_probes: u32,
    /// How many probes it has.
    pub probes: u32,
    /// The hosts of the failing probes.
    pub hosts: Vec<String>,
    /// Why the latest failure failed.
    pub last_error: Option<String>,
}

/// Whether a provider with these probe `streaks` is suspected: one of them failed `threshold`
/// times in a row (or more) while its `page` says operational or degraded — never when the page
/// already admits an outage, is under maintenance, or is unknown.
pub fn suspicion(streaks: &[Streak], page: &ComponentStatus, threshold: u32) -> Option<Suspicion> {
    if !matches!(
        page,
        ComponentStatus::Operational | ComponentStatus::DegradedPerformance
    ) {
        return None;
    }
    let failing: Vec<&Streak> = streaks
        .iter()
        .filter(|s| s.failures >= threshold.max(1))
        .collect();
    let since = failing.iter().filter_map(|s| s.since).min()?;
    let latest = failing.iter().max_by_key(|s| s.since);
    Some(Suspicion {
        since,
        failing_probes: u32::try_from(failing.len()).unwrap_or(u32::MAX),
        probes: u32::try_from(streaks.len()).unwrap_or(u32::MAX),
        hosts: failing.iter().map(|s| s.host.clone()).collect(),
        last_error: latest.and_then(|s| s.last_error.clone()),
    })
}

/// Whether the user looks offline: every probe of two or more providers is failing at once
/// (each at the threshold), so the failures say nothing about any vendor.
pub fn offline(providers: &[Vec<Streak>], threshold: u32) -> bool {
    let all_failing = providers
        .iter()
        .filter(|streaks| !streaks.is_empty())
        .filter(|streaks| streaks.iter().all(|s| s.failures >= threshold.max(1)))
        .count();
    all_failing >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 4, 14, minute, 0).unwrap()
    }

    fn streak(host: &str, failures: u32, since: u32) -> Streak {
        Streak {
            host: host.into(),
            failures,
            since: (failures > 0).then(|| at(since)),
            last_error: (failures > 0).then(|| format!("{host}: HTTP 503")),
        }
    }

    #[test]
    fn expectations_read_classes_and_codes() {
        assert_eq!(Expect::parse("2xx"), Ok(Expect::Class(2)));
        assert_eq!(Expect::parse(" 3XX "), Ok(Expect::Class(3)));
        assert_eq!(Expect::parse("204"), Ok(Expect::Exact(204)));
        assert!(Expect::parse("6xx").is_err());
        assert!(Expect::parse("99").is_err());
        assert!(Expect::parse("ok").is_err());
        assert!(Expect::Class(2).accepts(204));
        assert!(!Expect::Class(2).accepts(301));
        assert!(Expect::Exact(301).accepts(301));
        assert_eq!(Expect::Class(2).to_string(), "2xx");
    }

    #[test]
    fn a_streak_at_the_threshold_while_the_page_is_calm_is_a_suspicion() {
        let streaks = [streak("api.acme.test", 3, 2), streak("www.acme.test", 0, 0)];
        let calm = ComponentStatus::Operational;
        let found = suspicion(&streaks, &calm, 3).unwrap();
        assert_eq!(found.since, at(2));
        assert_eq!((found.failing_probes, found.probes), (1, 2));
        assert_eq!(found.hosts, ["api.acme.test"]);
        assert_eq!(found.last_error.as_deref(), Some("api.acme.test: HTTP 503"));
        assert!(suspicion(&streaks, &ComponentStatus::DegradedPerformance, 3).is_some());
        assert!(
            suspicion(&streaks[..1], &calm, 4).is_none(),
            "under the threshold"
        );
        for admitted in [
            ComponentStatus::PartialOutage,
            ComponentStatus::MajorOutage,
            ComponentStatus::UnderMaintenance,
            ComponentStatus::Unknown,
        ] {
            assert!(suspicion(&streaks, &admitted, 3).is_none(), "{admitted}");
        }
    }

    #[test]
    fn every_probe_of_two_providers_failing_is_the_users_network() {
        let down = vec![streak("a.test", 3, 1)];
        let also_down = vec![streak("b.test", 5, 0), streak("c.test", 3, 1)];
        let partly = vec![streak("d.test", 3, 1), streak("e.test", 0, 0)];
        assert!(offline(&[down.clone(), also_down.clone()], 3));
        assert!(!offline(&[down.clone(), partly.clone()], 3));
        assert!(
            !offline(&[down, Vec::new()], 3),
            "one provider is not enough"
        );
    }
}
