//! What the user set shows where the provider shows: a snooze (with its time left), an incident
//! followed, rules that mute it and a pause are badges on its card and in the tray menu (which
//! offers "Unsnooze Acme (7 h left)"); maintenance rows say when one in progress ends and what it
//! covers; "Add a service" ranks and recognises what is already watched.

use crate::window::overview;
use crate::{add, at, base, observe};
use chrono::Duration;
use lookout_alerts::{snooze_provider, ProviderRules, Snooze};
use lookout_core::{IncidentRef, Maintenance, MaintenanceStatus, Observation};
use lookout_desktop::{already_watching, catalog_search, BadgeKind, TrayState};
use lookout_fake_status_server::scenario::incident_life;
use lookout_store::Store;

fn kinds(card: &lookout_desktop::ProviderCard) -> Vec<BadgeKind> {
    card.badges.iter().map(|b| b.kind).collect()
}

#[test]
fn a_snoozed_followed_and_muted_provider_wears_its_badges_and_the_tray_offers_unsnooze() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let globex = add(&mut store, "Globex");
    observe(&mut store, acme, "Acme", 2, at(12));
    observe(&mut store, globex, "Globex", 0, at(12));
    // An 8 h snooze chosen an hour ago; its incident followed; no destination ticked.
    snooze_provider(&mut store, acme, Snooze::For(Duration::hours(8)), at(13)).unwrap();
    let open = &store.incidents(&Default::default()).unwrap()[0];
    let which = IncidentRef::new(acme, open.incident.id.as_str());
    store.follow_incident(&which, at(13)).unwrap();
    let mut rules = ProviderRules::load(&store, acme).unwrap();
    rules.sinks = Some(Vec::new());
    rules.save(&mut store, acme).unwrap();

    let now = at(73);
    observe(&mut store, acme, "Acme", 2, at(72));
    observe(&mut store, globex, "Globex", 0, at(72));
    let view = overview(&store, None, now).unwrap();
    let card = view.providers.iter().find(|p| p.id == acme).unwrap();
    assert_eq!(
        kinds(card),
        [BadgeKind::Snoozed, BadgeKind::Followed, BadgeKind::Muted]
    );
    assert_eq!(card.badges[0].label, "snoozed · 7 h left");
    let calm = view.providers.iter().find(|p| p.id == globex).unwrap();
    assert!(calm.badges.is_empty(), "{:?}", calm.badges);

    let tray = TrayState::from_overview(&view);
    assert_eq!(
        tray.problems[0].label,
        "Acme: partial outage · snoozed, following, muted"
    );
    assert!(tray.problems[0].snoozed);
    let unsnooze: Vec<&str> = tray.snoozed.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(unsnooze, ["Unsnooze Acme (7 h left)"]);
    assert_eq!(tray.paused_left, None);

    // Paused for two more hours: every card says so, and the tray once.
    let paused = overview(&store, Some(now + Duration::hours(2)), now).unwrap();
    assert!(paused
        .providers
        .iter()
        .all(|p| p.badges.iter().any(|b| b.kind == BadgeKind::Paused)));
    let tray = TrayState::from_overview(&paused);
    assert_eq!(tray.paused_left.as_deref(), Some("2 h left"));
    assert!(!tray.problems[0].label.contains("paused"));

    // Unsnoozed: the badge and the tray's offer go.
    snooze_provider(&mut store, acme, Snooze::Off, now).unwrap();
    let view = overview(&store, None, now).unwrap();
    let tray = TrayState::from_overview(&view);
    assert!(tray.snoozed.is_empty());
    assert!(!tray.problems[0].snoozed);
}

#[test]
fn a_maintenance_in_progress_says_when_it_ends_and_what_it_covers() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let mut snapshot = incident_life(0, base());
    let api = snapshot.components[0].clone();
    let maintenance = |id: &str, status, start: i64| Maintenance {
        id: id.into(),
        title: format!("Upgrade {id}"),
        status,
        scheduled_for: Some(base() + Duration::hours(start)),
        scheduled_until: Some(base() + Duration::hours(start + 3)),
        url: None,
        component_ids: vec![api.id.clone(), "gone".into()],
    };
    snapshot
        .maintenances
        .push(maintenance("later", MaintenanceStatus::Scheduled, 26));
    snapshot
        .maintenances
        .push(maintenance("now", MaintenanceStatus::InProgress, -1));
    let observation = Observation {
        snapshot,
        maintenances_complete: true,
    };
    store
        .apply_observation(acme, "Acme", &observation, at(0))
        .unwrap();

    let card = &overview(&store, None, at(0)).unwrap().providers[0];
    let shown: Vec<_> = card
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), m.ends_in.as_deref(), m.components.clone()))
        .collect();
    assert_eq!(
        shown,
        [
            ("now", Some("ends in 2 h"), vec![api.name.clone()]),
            ("later", None, vec![api.name.clone()]),
        ]
    );
    let all = crate::window::maintenances(&store, at(90)).unwrap();
    assert_eq!(all[0].id, "now", "in progress first");
    assert_eq!(all[0].ends_in.as_deref(), Some("ends in 30 min"));
    assert_eq!(all[0].components, vec![api.name]);
}

#[test]
fn git_offers_github_first_then_the_popular_then_the_rest() {
    let names: Vec<String> = catalog_search("git").into_iter().map(|e| e.name).collect();
    let at = |name: &str| names.iter().position(|n| n == name).unwrap();
    assert_eq!(names[0], "GitHub");
    assert!(at("GitHub") < at("GitBook") && at("GitHub") < at("GitGuardian"));
    assert!(at("GitLab") < at("GitBook"), "{names:?}");
    assert!(names
        .iter()
        .all(|n| !n.is_empty() && !n.contains("statuspage")));
}

#[test]
fn what_is_watched_already_is_recognised_by_name_alias_or_any_page_of_it() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    add(&mut store, "GitHub");
    let providers = store.providers().unwrap();
    let github = providers.iter().find(|p| p.name == "GitHub").unwrap().id;
    let watched = |text: &str| already_watching(text, &providers).map(|w| (w.id, w.name));
    for text in [
        "https://status.acme.test",
        "https://status.acme.test/",
        "http://www.status.acme.test/incidents/abc",
        "status.acme.test",
        "STATUS.ACME.test/api/v2/summary.json",
        "acme",
    ] {
        assert_eq!(watched(text), Some((acme, "Acme".into())), "{text}");
    }
    // A catalogue name or alias of a watched page.
    assert_eq!(watched("gh"), Some((github, "GitHub".into())));
    for text in [
        "",
        "  ",
        "https://status.acme.example",
        "https://acme.test",
        "https://status.acme.testing/x",
        "ftp://status.acme.test",
        "globex",
    ] {
        assert_eq!(watched(text), None, "{text}");
    }
}
