//! Rules by service: a service whose rule is `alert = true` is told of every change on a part it
//! uses, whatever that vendor's own rules say ("tell me when Checkout is affected"), and of no
//! change on a part it does not use; a pause and quiet hours still hold.

use crate::{add, at, observe};
use chrono::Utc;
use lookout_alerts::{plan, AlertSettings, Message, ProviderRules, OS_SINK};
use lookout_core::services::{Criticality, Dependency, ServiceSpec};
use lookout_core::ProviderId;
use lookout_store::Store;

fn pass(store: &mut Store, minute: i64) -> Vec<Message> {
    plan(store, OS_SINK, at(-1000), at(minute), &Utc).unwrap()
}

fn titles(messages: &[Message]) -> Vec<String> {
    messages.iter().map(|m| m.title.clone()).collect()
}

/// Rules that hear nothing of this provider: snoozed for a day, and nothing chosen.
fn deaf(store: &mut Store, id: ProviderId) {
    let mut events = AlertSettings::default().events;
    events.incident_opened = false;
    events.incident_updated = false;
    events.incident_resolved = false;
    let rules = ProviderRules {
        events: Some(events),
        snoozed_until: Some(at(24 * 60)),
        ..ProviderRules::default()
    };
    rules.save(store, id).unwrap();
}

fn service(name: &str, provider: &str, components: &[&str], alert: bool) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        criticality: Criticality::High,
        depends_on: vec![Dependency {
            provider: provider.into(),
            components: components.iter().map(|c| c.to_string()).collect(),
            regions: vec![],
        }],
        alert,
    }
}

#[test]
fn a_service_that_alerts_is_told_of_its_parts_whatever_the_vendors_rules_say() {
    let mut store = Store::open_in_memory().unwrap();
    let names = ["Acme", "Globex", "Initech", "Umbra"];
    let ids: Vec<ProviderId> = names.iter().map(|n| add(&mut store, n)).collect();
    for (id, name) in ids.iter().zip(names) {
        observe(&mut store, *id, name, 0, at(-1));
        deaf(&mut store, *id);
    }
    store
        .replace_services(&[
            // The incident marks Acme's API (in the group "Core"): by name and by group.
            service("Checkout", "Acme", &["API"], true),
            service("Billing", "Globex", &["Core"], true),
            // A part the incident does not mark.
            service("Webhooks", "Initech", &["Webhooks"], true),
            // Uses Umbra's API, but asks for no alert of its own.
            service("Signup", "Umbra", &["API"], false),
        ])
        .unwrap();
    for (id, name) in ids.iter().zip(names) {
        observe(&mut store, *id, name, 1, at(1));
    }
    let sent = pass(&mut store, 1);
    assert_eq!(
        titles(&sent),
        ["Acme: degraded performance", "Globex: degraded performance"],
        "only the vendors of the services that alert, and only for the parts they use"
    );
    assert_eq!(sent[0].affected_services, ["Checkout"]);
    assert_eq!(sent[1].affected_services, ["Billing"]);

    // Its clearing is told too (the incident resolved), and a pause still holds.
    AlertSettings {
        paused_until: Some(at(60)),
        ..AlertSettings::default()
    }
    .save(&mut store)
    .unwrap();
    observe(&mut store, ids[1], "Globex", 3, at(11));
    assert!(pass(&mut store, 11).is_empty(), "paused");
    AlertSettings::default().save(&mut store).unwrap();
    observe(&mut store, ids[0], "Acme", 3, at(21));
    let sent = pass(&mut store, 21);
    assert_eq!(titles(&sent), ["Acme: resolved"], "{sent:#?}");
}
