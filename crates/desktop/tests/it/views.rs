//! The overview, the incident list and detail, and the tray across an incident's life.

use crate::window::{incident, incidents, overview};
use crate::{add, at, observe};
use lookout_core::{ComponentStatus, IncidentRef, IncidentStatus};
use lookout_desktop::{following_overview, IncidentQuery, TrayProblem, TrayState};
use lookout_store::Store;

#[test]
fn first_run_is_grey_and_says_nothing_is_watched() {
    let store = Store::open_in_memory().unwrap();
    let view = overview(&store, None, at(0)).unwrap();
    assert!(view.first_run);
    assert_eq!(view.worst, ComponentStatus::Unknown);
    let tray = TrayState::from_overview(&view);
    assert_eq!(tray.icon, "unknown");
    assert_eq!(tray.summary, "Nothing watched yet — add a service");
}

#[test]
fn a_provider_never_read_is_unknown_not_operational() {
    let mut store = Store::open_in_memory().unwrap();
    add(&mut store, "Acme");
    let view = overview(&store, None, at(0)).unwrap();
    assert!(!view.first_run);
    assert_eq!(view.providers[0].status, ComponentStatus::Unknown);
    assert_eq!(
        TrayState::from_overview(&view).summary,
        "Acme: unknown — not read yet"
    );
}

#[test]
fn the_tray_follows_the_worst_watched_status_through_an_incident() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let other = add(&mut store, "Globex");
    observe(&mut store, other, "Globex", 0, at(-5));
    let mut icons = Vec::new();
    for (stage, minute) in [(0, -1), (1, 2), (2, 12), (3, 31)] {
        observe(&mut store, acme, "Acme", stage, at(minute));
        observe(&mut store, other, "Globex", 0, at(minute));
        let view = overview(&store, None, at(minute)).unwrap();
        icons.push(TrayState::from_overview(&view).icon);
        if stage == 2 {
            let tray = TrayState::from_overview(&view);
            assert_eq!(tray.summary, "Acme: partial outage — Elevated API errors");
            assert_eq!(
                tray.problems,
                [TrayProblem {
                    provider: acme,
                    name: "Acme".into(),
                    label: "Acme: partial outage".into(),
                    snoozed: false,
                }]
            );
            // Worst first; its active incident and grouped components are on its card.
            let card = &view.providers[0];
            assert_eq!(card.name, "Acme");
            assert_eq!(card.active_incidents.len(), 1);
            assert_eq!(card.active_incidents[0].duration_seconds, 12 * 60);
            let groups: Vec<_> = card
                .groups
                .iter()
                .map(|g| (g.name.clone(), g.status.clone(), g.components.len()))
                .collect();
            assert_eq!(
                groups,
                vec![
                    (Some("Core".into()), ComponentStatus::PartialOutage, 2),
                    (None, ComponentStatus::Operational, 1)
                ]
            );
        }
    }
    assert_eq!(
        icons,
        [
            "operational",
            "degraded_performance",
            "partial_outage",
            "operational"
        ]
    );
    let calm = overview(&store, None, at(32)).unwrap();
    assert_eq!(calm.summary, "All 2 services operational");
    // Not read for three intervals: never a stale green.
    let stale = overview(&store, None, at(45)).unwrap();
    assert_eq!(stale.worst, ComponentStatus::Unknown);
    assert_eq!(stale.summary, "2 unknown — Acme, Globex");
}

#[test]
fn unwatched_components_do_not_colour_the_tray() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    let card = &overview(&store, None, at(0)).unwrap().providers[0];
    let webhooks = card.groups[1].components[0].id.clone();
    store.set_watched_components(acme, &[webhooks]).unwrap();
    observe(&mut store, acme, "Acme", 2, at(12));
    let view = overview(&store, None, at(12)).unwrap();
    assert_eq!(view.worst, ComponentStatus::Operational);
    assert!(!view.providers[0].watched_all);
    assert!(!view.providers[0].groups[0].components[0].watched);
}

#[test]
fn an_unreachable_provider_is_unknown_with_the_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(0));
    for minute in 1..=3 {
        store
            .record_failure(acme, "Acme", "connection refused", 3, at(minute))
            .unwrap();
    }
    let view = overview(&store, None, at(4)).unwrap();
    let card = &view.providers[0];
    assert_eq!(card.status, ComponentStatus::Unknown);
    assert!(card.unreachable);
    assert_eq!(card.last_error.as_deref(), Some("connection refused"));
    assert_eq!(view.summary, "Acme: unknown — cannot read its status page");

    // Following a team's server that does not answer: said as such, in the tray too.
    let server = Some("http://lookout.internal:8787/");
    let followed = following_overview(view.clone(), server);
    assert_eq!(
        followed.summary,
        "Unknown — server unreachable (http://lookout.internal:8787/)"
    );
    assert_eq!(
        TrayState::from_overview(&followed).summary,
        followed.summary
    );
    assert_eq!(following_overview(view.clone(), None).summary, view.summary);
    let beta = add(&mut store, "Beta");
    observe(&mut store, beta, "Beta", 0, at(4));
    let some_read = overview(&store, None, at(4)).unwrap();
    assert_eq!(
        following_overview(some_read.clone(), server).summary,
        some_read.summary,
        "one provider read: the server answers"
    );
}

#[test]
fn incidents_list_active_first_and_the_detail_has_the_whole_timeline() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    observe(&mut store, acme, "Acme", 3, at(31));
    let listed = incidents(&store, &IncidentQuery::default(), at(60)).unwrap();
    assert_eq!(listed.len(), 1);
    let row = &listed[0];
    assert!(!row.active);
    assert_eq!(
        row.duration_seconds,
        30 * 60,
        "started to resolved, not to now"
    );
    assert_eq!(
        row.latest_update.as_deref(),
        Some("This incident has been resolved.")
    );
    let active = IncidentQuery {
        state: Some("active".into()),
        ..IncidentQuery::default()
    };
    assert!(incidents(&store, &active, at(60)).unwrap().is_empty());
    let text = IncidentQuery {
        text: Some("api ERR".into()),
        ..IncidentQuery::default()
    };
    assert_eq!(incidents(&store, &text, at(60)).unwrap().len(), 1);

    let detail = incident(&store, &IncidentRef::new(acme, row.id.as_str()), at(60)).unwrap();
    let statuses: Vec<_> = detail.updates.iter().map(|u| u.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            IncidentStatus::Resolved,
            IncidentStatus::Identified,
            IncidentStatus::Investigating
        ],
        "newest first"
    );
    assert_eq!(detail.updates[2].components[0].name, "API");
    assert_eq!(detail.components[0].name, "API");
    assert_eq!(detail.row.resolved_at, Some(at(30)));
    let missing = incident(&store, &IncidentRef::new(acme, "nope"), at(60)).unwrap_err();
    assert_eq!(missing.code(), "not_found");
}

#[test]
fn a_card_says_why_it_is_unknown_and_what_its_last_read_left_out() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let mut observation = lookout_core::diff::Observation::default();
    observation.snapshot.warnings = vec!["1 update ignored: date out of range".into()];
    store
        .apply_observation(acme, "Acme", &observation, at(0))
        .unwrap();
    let fresh = overview(&store, None, at(1)).unwrap();
    let card = &fresh.providers[0];
    assert_eq!(card.status, ComponentStatus::Operational);
    assert_eq!(card.unknown_reason, None);
    assert_eq!(card.warnings, ["1 update ignored: date out of range"]);
    let stale = overview(&store, None, at(14)).unwrap();
    assert_eq!(stale.providers[0].status, ComponentStatus::Unknown);
    assert_eq!(
        stale.providers[0].unknown_reason.as_deref(),
        Some("last read 14 min ago")
    );
}

#[test]
fn the_summary_counts_many_problems_in_80_characters_never_cutting_a_word() {
    let mut store = Store::open_in_memory().unwrap();
    let names: Vec<String> = (1..=12).map(|i| format!("Vendor Number {i}")).collect();
    for name in &names {
        let id = add(&mut store, name);
        observe(&mut store, id, name, 0, at(-1));
        observe(&mut store, id, name, 2, at(12));
    }
    let calm = add(&mut store, "Calm");
    observe(&mut store, calm, "Calm", 0, at(12));
    let view = overview(&store, None, at(13)).unwrap();
    let tray = TrayState::from_overview(&view);
    assert!(tray.summary.chars().count() <= 80, "{}", tray.summary);
    assert!(
        tray.summary
            .starts_with("12 partial — Vendor Number 1, Vendor Number 10, "),
        "{}",
        tray.summary
    );
    assert!(tray.summary.ends_with('…'), "{}", tray.summary);
    assert_eq!(tray.problems.len(), 12);

    // One problem with a long title: cut at a word, with "…".
    let long = "word ".repeat(30);
    let cut = lookout_desktop::tray::fit(&format!("Acme: partial outage — {long}"));
    assert!(cut.chars().count() <= 80, "{cut}");
    assert!(cut.ends_with("word…"), "{cut}");
    assert_eq!(lookout_desktop::tray::fit("short line"), "short line");
    assert_eq!(
        lookout_desktop::tray::menu_text("Amazon Elastic Container Service & Fargate_x"),
        "Amazon Elastic Container Service && Fargate_x"
    );
}
