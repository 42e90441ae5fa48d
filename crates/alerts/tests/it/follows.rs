//! What the user asked to hear beyond the rules: a followed incident's updates go out whatever
//! the event choices, minimum severity, watched components and snoozes say (not through a pause
//! or to sinks the provider's alerts do not go to); a reminder before a maintenance starts, once
//! per maintenance and planned start, only for watched components, at the moment the alert loop
//! wakes for.

use crate::{add, at, base, observe};
use chrono::{DateTime, Utc};
use lookout_alerts::reminders::record_due;
use lookout_alerts::{next_moment, plan, AlertSettings, Message, ProviderRules, OS_SINK};
use lookout_core::diff::Observation;
use lookout_core::{ComponentStatus, Maintenance, MaintenanceStatus};
use lookout_core::{IncidentRef, ProviderId};
use lookout_fake_status_server::scenario::{incident_life, scenario_id};
use lookout_fake_status_server::Dialect;
use lookout_store::Store;

fn pass(store: &mut Store, minute: i64) -> Vec<Message> {
    plan(store, OS_SINK, at(-1000), at(minute), &Utc).unwrap()
}

fn titles(messages: &[Message]) -> Vec<String> {
    messages.iter().map(|m| m.title.clone()).collect()
}

/// Rules that hear nothing of this provider's incident: only major outages, no updates.
fn deaf(store: &mut Store, id: ProviderId) {
    let mut rules = ProviderRules {
        min_severity: Some(ComponentStatus::MajorOutage),
        ..ProviderRules::default()
    };
    let mut events = AlertSettings::default().events;
    events.incident_updated = false;
    rules.events = Some(events);
    rules.save(store, id).unwrap();
}

#[test]
fn a_followed_incident_is_told_whatever_the_rules_say_but_not_through_a_pause() {
    let mut store = Store::open_in_memory().unwrap();
    let (acme, globex) = (add(&mut store, "Acme"), add(&mut store, "Globex"));
    for (id, name) in [(acme, "Acme"), (globex, "Globex")] {
        observe(&mut store, id, name, 0, at(-1));
        deaf(&mut store, id);
        observe(&mut store, id, name, 1, at(1));
    }
    assert!(pass(&mut store, 1).is_empty(), "the rules hear nothing");
    let incident = scenario_id(Dialect::Statuspage, "incident");
    assert!(store
        .follow_incident(&IncidentRef::new(acme, incident.as_str()), at(2))
        .unwrap());
    assert!(
        !store
            .follow_incident(&IncidentRef::new(acme, incident.as_str()), at(2))
            .unwrap(),
        "once"
    );
    assert!(store
        .follow_incident(&IncidentRef::new(acme, "nope"), at(2))
        .is_err());

    for (id, name) in [(acme, "Acme"), (globex, "Globex")] {
        observe(&mut store, id, name, 2, at(11));
    }
    let sent = pass(&mut store, 11);
    assert_eq!(
        titles(&sent),
        ["Acme: partial outage"],
        "only the followed one"
    );
    assert!(sent[0].text.contains("identified"), "{}", sent[0].text);

    // A pause still holds: following is not a way round "stop notifying me".
    let paused = AlertSettings {
        paused_until: Some(at(60)),
        ..AlertSettings::default()
    };
    paused.save(&mut store).unwrap();
    observe(&mut store, acme, "Acme", 3, at(31));
    assert!(pass(&mut store, 31).is_empty());
    AlertSettings::default().save(&mut store).unwrap();

    let followed = store.followed_incidents().unwrap();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].provider, "Acme");
    assert!(
        followed[0].resolved,
        "resolved: the follow has done its job"
    );
    assert!(store
        .unfollow_incident(&IncidentRef::new(acme, incident.as_str()))
        .unwrap());
    assert!(store.followed_incidents().unwrap().is_empty());
}

/// Acme's page with one maintenance of its Dashboard planned to start at `start`.
fn with_maintenance(
    store: &mut Store,
    acme: ProviderId,
    start: DateTime<Utc>,
    seen: DateTime<Utc>,
) {
    let mut snapshot = incident_life(0, base());
    snapshot.maintenances.push(Maintenance {
        id: "db-upgrade".into(),
        title: "Database upgrade".into(),
        status: MaintenanceStatus::Scheduled,
        scheduled_for: Some(start),
        scheduled_until: Some(start + chrono::Duration::hours(1)),
        url: None,
        component_ids: vec![scenario_id(Dialect::Statuspage, "Dashboard")],
    });
    let observation = Observation {
        snapshot,
        maintenances_complete: true,
    };
    store
        .apply_observation(acme, "Acme", &observation, seen)
        .unwrap();
}

#[test]
fn a_maintenance_is_reminded_once_an_hour_before_it_starts_and_again_if_moved() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    with_maintenance(&mut store, acme, at(120), at(0));
    pass(&mut store, 0);
    assert_eq!(record_due(&mut store, at(30)).unwrap(), 0, "not yet");
    assert_eq!(
        next_moment(&store, at(30)).unwrap(),
        Some(at(60)),
        "the alert loop wakes for it"
    );
    assert_eq!(record_due(&mut store, at(60)).unwrap(), 1);
    let sent = pass(&mut store, 60);
    assert_eq!(titles(&sent), ["Acme: maintenance soon"]);
    assert_eq!(
        sent[0].text,
        "maintenance starts at 14:00 UTC: Database upgrade"
    );
    assert_eq!(record_due(&mut store, at(61)).unwrap(), 0, "once");
    assert!(pass(&mut store, 61).is_empty());

    // Moved an hour later: reminded again before the new start, not before.
    with_maintenance(&mut store, acme, at(180), at(70));
    assert_eq!(record_due(&mut store, at(100)).unwrap(), 0);
    assert_eq!(record_due(&mut store, at(125)).unwrap(), 1);
    assert_eq!(titles(&pass(&mut store, 125)), ["Acme: maintenance soon"]);
}

#[test]
fn reminders_follow_the_lead_time_and_the_watched_components() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    with_maintenance(&mut store, acme, at(240), at(0));
    pass(&mut store, 0);
    let off = AlertSettings {
        remind_before_minutes: 0,
        ..AlertSettings::default()
    };
    off.save(&mut store).unwrap();
    assert_eq!(record_due(&mut store, at(239)).unwrap(), 0, "off");
    assert_eq!(next_moment(&store, at(0)).unwrap(), None);

    let three_hours = AlertSettings {
        remind_before_minutes: 180,
        ..AlertSettings::default()
    };
    three_hours.save(&mut store).unwrap();
    // Only the API is watched: the Dashboard's maintenance is recorded, not told.
    store
        .set_watched_components(acme, &[scenario_id(Dialect::Statuspage, "API")])
        .unwrap();
    assert_eq!(record_due(&mut store, at(60)).unwrap(), 1);
    assert!(pass(&mut store, 60).is_empty());
}
