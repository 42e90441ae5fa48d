//! The policy over a real store: one message per provider per pass, a summary above three
//! providers, one offline notice, quiet hours (major outages through on request), snooze,
//! minimum severity, per-provider sinks, and nothing decided twice.

use crate::{add, at, observe};
use chrono::{Duration, FixedOffset, Utc};
use lookout_alerts::message::MessageKind;
use lookout_alerts::{plan, AlertSettings, Message, ProviderRules, QuietHours, Snooze, OS_SINK};
use lookout_core::ComponentStatus;
use lookout_core::ProviderId;
use lookout_store::Store;

fn pass(store: &mut Store, minute: i64) -> Vec<Message> {
    plan(store, OS_SINK, at(-1000), at(minute), &Utc).unwrap()
}

fn titles(messages: &[Message]) -> Vec<String> {
    messages.iter().map(|m| m.title.clone()).collect()
}

fn calm(store: &mut Store, names: &[&str]) -> Vec<ProviderId> {
    names
        .iter()
        .map(|name| {
            let id = add(store, name);
            observe(store, id, name, 0, at(-1));
            id
        })
        .collect()
}

#[test]
fn one_message_per_provider_and_a_summary_above_three() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A", "B", "C", "D"]);
    for (id, name) in ids.iter().zip(["A", "B", "C"]) {
        observe(&mut store, *id, name, 2, at(1));
    }
    let three = pass(&mut store, 1);
    assert_eq!(
        titles(&three),
        [
            "A: partial outage",
            "B: partial outage",
            "C: partial outage"
        ]
    );
    assert!(pass(&mut store, 1).is_empty(), "nothing decided twice");

    for (id, name) in ids.iter().zip(["A", "B", "C", "D"]) {
        observe(&mut store, *id, name, 3, at(31));
    }
    let four = pass(&mut store, 31);
    assert_eq!(four.len(), 1, "{:?}", titles(&four));
    assert_eq!(four[0].kind, MessageKind::Summary);
    assert_eq!(four[0].title, "4 services changed");
    assert!(four[0]
        .text
        .lines()
        .any(|l| l.starts_with("A: resolved — Elevated API errors")));
}

#[test]
fn when_every_provider_fails_at_once_one_offline_notice_replaces_the_rest() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A", "B", "C"]);
    for minute in 1..=3 {
        for (id, name) in ids.iter().zip(["A", "B", "C"]) {
            store
                .record_failure(*id, name, "dns error", 3, at(minute))
                .unwrap();
        }
    }
    let sent = pass(&mut store, 3);
    assert_eq!(titles(&sent), ["You appear to be offline"]);
    assert_eq!(sent[0].events.len(), 3);
    assert!(pass(&mut store, 4).is_empty());

    // One provider failing alone is that provider's notice.
    for (id, name) in ids.iter().zip(["A", "B", "C"]) {
        observe(&mut store, *id, name, 0, at(10));
    }
    for minute in 11..=13 {
        store
            .record_failure(ids[0], "A", "HTTP 503", 3, at(minute))
            .unwrap();
    }
    let alone = pass(&mut store, 13);
    assert_eq!(titles(&alone), ["A: unknown"]);
    assert!(alone[0].text.contains("HTTP 503"));
}

#[test]
fn quiet_hours_hold_back_all_but_major_outages_when_asked() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A"]);
    // 12:00 UTC is 22:00 in UTC+10: inside 21:00-07:00 on Mondays.
    let sydney = FixedOffset::east_opt(10 * 3600).unwrap();
    let settings = AlertSettings {
        quiet_hours: Some(QuietHours::parse("21:00-07:00", "mon-fri", true).unwrap()),
        ..AlertSettings::default()
    };
    settings.save(&mut store).unwrap();
    observe(&mut store, ids[0], "A", 2, at(1));
    assert!(plan(&mut store, OS_SINK, at(-1000), at(1), &sydney)
        .unwrap()
        .is_empty());
    // The same kind of change outside quiet hours (UTC): sent.
    observe(&mut store, ids[0], "A", 3, at(31));
    assert_eq!(
        titles(&plan(&mut store, OS_SINK, at(-1000), at(31), &Utc).unwrap()),
        ["A: resolved"]
    );
}

#[test]
fn a_snoozed_provider_is_quiet_until_the_snooze_ends_or_its_incident_resolves() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A", "B"]);
    let mut rules = ProviderRules::default();
    rules.snooze(Snooze::parse("1h").unwrap(), at(0));
    rules.save(&mut store, ids[0]).unwrap();
    let mut until_resolved = ProviderRules::default();
    until_resolved.snooze(Snooze::UntilResolved, at(0));
    until_resolved.save(&mut store, ids[1]).unwrap();
    observe(&mut store, ids[0], "A", 1, at(1));
    observe(&mut store, ids[1], "B", 1, at(1));
    assert!(pass(&mut store, 1).is_empty());
    observe(&mut store, ids[0], "A", 2, at(70));
    observe(&mut store, ids[1], "B", 2, at(70));
    assert_eq!(
        titles(&pass(&mut store, 70)),
        ["A: partial outage"],
        "A's hour is over"
    );
    observe(&mut store, ids[1], "B", 3, at(80));
    assert_eq!(titles(&pass(&mut store, 80)), ["B: resolved"]);
}

#[test]
fn minimum_severity_and_per_provider_sinks_filter() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A", "B"]);
    let serious = ProviderRules {
        min_severity: Some(ComponentStatus::PartialOutage),
        ..ProviderRules::default()
    };
    serious.save(&mut store, ids[0]).unwrap();
    let elsewhere = ProviderRules {
        sinks: Some(vec!["sink:9".into()]),
        ..ProviderRules::default()
    };
    elsewhere.save(&mut store, ids[1]).unwrap();
    observe(&mut store, ids[0], "A", 1, at(1));
    observe(&mut store, ids[1], "B", 1, at(1));
    assert!(
        pass(&mut store, 1).is_empty(),
        "A is only degraded; B goes to sink 9 only"
    );
    let to_nine = plan(&mut store, "sink:9", at(-1000), at(1), &Utc).unwrap();
    assert_eq!(titles(&to_nine), ["B: degraded performance"]);
    observe(&mut store, ids[0], "A", 2, at(12));
    assert_eq!(titles(&pass(&mut store, 12)), ["A: partial outage"]);
}

#[test]
fn pause_skips_and_what_happened_long_ago_is_not_replayed() {
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A"]);
    let paused = AlertSettings {
        paused_until: Some(at(60)),
        ..AlertSettings::default()
    };
    paused.save(&mut store).unwrap();
    observe(&mut store, ids[0], "A", 1, at(1));
    assert!(pass(&mut store, 1).is_empty());
    AlertSettings::default().save(&mut store).unwrap();
    observe(&mut store, ids[0], "A", 2, at(12));
    let late = at(12) + Duration::hours(7);
    assert!(plan(&mut store, OS_SINK, at(-1000), late, &Utc)
        .unwrap()
        .is_empty());
}

#[test]
fn quiet_hours_and_snoozes_are_read_from_words() {
    let q = QuietHours::parse("22:00-07:00", "weekdays", false).unwrap();
    assert_eq!(q.days.len(), 5);
    let monday_late = at(10 * 60).naive_utc(); // Monday 22:00
    let saturday_early = (at(0) + Duration::days(5) - Duration::hours(6)).naive_utc(); // Sat 06:00
    assert!(q.contains(monday_late));
    assert!(
        q.contains(saturday_early),
        "Friday night's quiet period runs into Saturday"
    );
    assert!(!q.contains(at(0).naive_utc()));
    assert!(QuietHours::parse("22:00", "all", false).is_err());
    assert!(QuietHours::parse("25:00-07:00", "all", false).is_err());
    assert!(QuietHours::parse("22:00-07:00", "someday", false).is_err());
    assert_eq!(
        Snooze::parse("8h").unwrap(),
        Snooze::For(Duration::hours(8))
    );
    assert_eq!(Snooze::parse("resolved").unwrap(), Snooze::UntilResolved);
    assert!(Snooze::parse("0h").is_err());
    assert!(Snooze::parse("forever").is_err());
}

#[test]
fn probes_failing_everywhere_are_one_offline_notice_and_no_suspicion() {
    use lookout_core::probe::Expect;
    use lookout_store::{NewProbe, ProbeOutcome};
    let mut store = Store::open_in_memory().unwrap();
    let ids = calm(&mut store, &["A", "B"]);
    let probes: Vec<lookout_core::ProbeId> = ids
        .iter()
        .zip(["a", "b"])
        .map(|(id, host)| {
            let new = NewProbe {
                provider_id: *id,
                url: format!("https://api.{host}.test/"),
                every_secs: 30,
                expect: Expect::Class(2),
                contains: None,
                timeout_secs: 10,
                allow_private: false,
            };
            store.add_probe(&new, at(0)).unwrap().id
        })
        .collect();
    for minute in 1..=3 {
        for probe in &probes {
            let failed = ProbeOutcome {
                at: at(minute),
                ok: false,
                latency_ms: None,
                error: Some("dns error".into()),
            };
            store.record_probe(*probe, &failed, 3).unwrap();
        }
    }
    let sent = pass(&mut store, 3);
    assert_eq!(titles(&sent), ["You appear to be offline"]);
    assert!(
        sent[0].text.contains("your network looks down"),
        "{}",
        sent[0].text
    );
    assert!(pass(&mut store, 4).is_empty(), "once");
}
