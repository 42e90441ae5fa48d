//! The badges a provider shows for what the user set on it — snoozed, following an incident,
//! muted by its rules, notifications paused — each with its words and the time left, at a time
//! passed in (the row, the provider page and the tray menu all say the same).

use chrono::{DateTime, Utc};
use lookout_engine::operations::alerts::{EventChoices, ProviderRules};
use serde::Serialize;

/// What a badge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BadgeKind {
    /// Its alerts are snoozed (for a while, or until its incidents are resolved).
    Snoozed,
    /// The user follows one of its open incidents (each update is notified).
    Followed,
    /// Its rules let no alert through (no destination ticked, or no change chosen).
    Muted,
    /// Every notification is paused for a while.
    Paused,
}

/// One badge: a state the user set on a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct Badge {
    /// What it stands for.
    pub kind: BadgeKind,
    /// Short words for a row: "snoozed · 7 h left", "following", "muted", "paused · 2 h left".
    pub label: String,
    /// The time left ("7 h left", "until resolved"); `null` when it does not end by itself.
    pub left: Option<String>,
    /// One sentence saying what it means ("Alerts snoozed: 7 h left").
    pub detail: String,
}

/// The badges of a provider with these `rules` and this many `followed` open incidents, while
/// notifications are paused until `paused_until`, at `now`: snoozed, followed, muted, paused, in
/// that order (each at most once).
pub fn badges(
    rules: &ProviderRules,
    followed: usize,
    paused_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Badge> {
    let mut out = Vec::new();
    if let Some(until) = rules.snoozed_until.filter(|until| *until > now) {
        let left = format!("{} left", time_left(until, now));
        out.push(badge(
            BadgeKind::Snoozed,
            "snoozed",
            Some(left.clone()),
            format!("Alerts snoozed: {left}"),
        ));
    } else if rules.snoozed_until_resolved {
        out.push(badge(
            BadgeKind::Snoozed,
            "snoozed",
            Some("until resolved".into()),
            "Alerts snoozed until its incidents are resolved".into(),
        ));
    }
    if followed > 0 {
        let what = match followed {
            1 => "one of its open incidents".to_string(),
            n => format!("{n} of its open incidents"),
        };
        out.push(badge(
            BadgeKind::Followed,
            "following",
            None,
            format!("You follow {what}: each update is notified"),
        ));
    }
    if let Some(why) = muted_by(rules) {
        out.push(badge(
            BadgeKind::Muted,
            "muted",
            None,
            format!("Its alert rules let nothing through: {why}"),
        ));
    }
    if let Some(until) = paused_until.filter(|until| *until > now) {
        let left = format!("{} left", time_left(until, now));
        out.push(badge(
            BadgeKind::Paused,
            "paused",
            Some(left.clone()),
            format!("Every notification is paused: {left}"),
        ));
    }
    out
}

fn badge(kind: BadgeKind, word: &str, left: Option<String>, detail: String) -> Badge {
    let label = match &left {
        Some(left) => format!("{word} · {left}"),
        None => word.to_string(),
    };
    Badge {
        kind,
        label,
        left,
        detail,
    }
}

/// Why `rules` let no alert through, if they do not: no destination ticked, or no kind of
/// change chosen.
pub fn muted_by(rules: &ProviderRules) -> Option<&'static str> {
    if rules.sinks.as_ref().is_some_and(Vec::is_empty) {
        return Some("no destination is ticked");
    }
    if rules.events.as_ref().is_some_and(chooses_nothing) {
        return Some("no kind of change is chosen");
    }
    None
}

fn chooses_nothing(events: &EventChoices) -> bool {
    let EventChoices {
        incident_opened,
        incident_updated,
        incident_resolved,
        maintenance_scheduled,
        maintenance_soon,
        maintenance_started,
        maintenance_completed,
        component_changed,
        provider_unreachable,
        provider_recovered,
        suspected_outage,
        suspected_cleared,
    } = events;
    ![
        incident_opened,
        incident_updated,
        incident_resolved,
        maintenance_scheduled,
        maintenance_soon,
        maintenance_started,
        maintenance_completed,
        component_changed,
        provider_unreachable,
        provider_recovered,
        suspected_outage,
        suspected_cleared,
    ]
    .into_iter()
    .any(|chosen| *chosen)
}

/// How long from `now` until `until`, in words: "under a minute", "25 min" (minutes rounded
/// up), "7 h" (hours rounded to the nearest, under two days), "3 days".
pub fn time_left(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (until - now).num_seconds().max(0);
    const MINUTE: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;
    match seconds {
        s if s < MINUTE => "under a minute".to_string(),
        // 59 min 30 s is "60 min", not "1 h" which would round half-hours away.
        s if s < HOUR => format!("{} min", (s + MINUTE - 1) / MINUTE),
        s if s < 2 * DAY => format!("{} h", (s + HOUR / 2) / HOUR),
        s => format!("{} days", (s + DAY / 2) / DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn kinds(list: &[Badge]) -> Vec<BadgeKind> {
        list.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn time_left_reads_like_people_say_it() {
        let at = |secs: i64| time_left(now() + Duration::seconds(secs), now());
        assert_eq!(at(-5), "under a minute");
        assert_eq!(at(30), "under a minute");
        assert_eq!(at(60), "1 min");
        assert_eq!(at(61), "2 min");
        assert_eq!(at(25 * 60), "25 min");
        assert_eq!(at(3600), "1 h");
        // An 8 h snooze set an hour and a few seconds ago.
        assert_eq!(at(7 * 3600 - 5), "7 h");
        assert_eq!(at(2 * 3600 - 29 * 60), "2 h");
        assert_eq!(at(47 * 3600), "47 h");
        assert_eq!(at(3 * 86_400 + 3600), "3 days");
    }

    #[test]
    fn a_snooze_shows_its_time_left_until_it_ends() {
        let rules = ProviderRules {
            snoozed_until: Some(now() + Duration::hours(7)),
            ..ProviderRules::default()
        };
        let shown = badges(&rules, 0, None, now());
        assert_eq!(kinds(&shown), [BadgeKind::Snoozed]);
        assert_eq!(shown[0].label, "snoozed · 7 h left");
        assert_eq!(shown[0].left.as_deref(), Some("7 h left"));
        assert_eq!(shown[0].detail, "Alerts snoozed: 7 h left");
        // Over: no badge (never "0 min left").
        assert!(badges(&rules, 0, None, now() + Duration::hours(7)).is_empty());
        let resolved = ProviderRules {
            snoozed_until_resolved: true,
            ..ProviderRules::default()
        };
        let shown = badges(&resolved, 0, None, now());
        assert_eq!(shown[0].label, "snoozed · until resolved");
    }

    #[test]
    fn followed_muted_and_paused_each_have_their_badge_in_order() {
        let rules = ProviderRules {
            sinks: Some(Vec::new()),
            snoozed_until: Some(now() + Duration::minutes(20)),
            ..ProviderRules::default()
        };
        let paused = Some(now() + Duration::hours(2));
        let shown = badges(&rules, 2, paused, now());
        assert_eq!(
            kinds(&shown),
            [
                BadgeKind::Snoozed,
                BadgeKind::Followed,
                BadgeKind::Muted,
                BadgeKind::Paused
            ]
        );
        let labels: Vec<&str> = shown.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "snoozed · 20 min left",
                "following",
                "muted",
                "paused · 2 h left"
            ]
        );
        assert!(shown[1].detail.contains("2 of its open incidents"));
        assert!(shown[2].detail.contains("no destination"));
        // A pause that is over shows nothing.
        assert!(badges(&ProviderRules::default(), 0, Some(now()), now()).is_empty());
    }

    #[test]
    fn muted_only_when_the_rules_let_nothing_through() {
        assert_eq!(muted_by(&ProviderRules::default()), None);
        let os_only = ProviderRules {
            sinks: Some(vec!["os".into()]),
            ..ProviderRules::default()
        };
        assert_eq!(muted_by(&os_only), None);
        let mut nothing = EventChoices::default();
        assert_eq!(
            muted_by(&ProviderRules {
                events: Some(nothing.clone()),
                ..ProviderRules::default()
            }),
            None
        );
        nothing = EventChoices {
            incident_opened: false,
            incident_updated: false,
            incident_resolved: false,
            maintenance_scheduled: false,
            maintenance_soon: false,
            maintenance_started: false,
            maintenance_completed: false,
            component_changed: false,
            provider_unreachable: false,
            provider_recovered: false,
            suspected_outage: false,
            suspected_cleared: false,
        };
        let silent = ProviderRules {
            events: Some(nothing),
            ..ProviderRules::default()
        };
        assert_eq!(muted_by(&silent), Some("no kind of change is chosen"));
    }
}
