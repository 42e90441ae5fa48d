//! A suspected outage in the tray and the window: its own icon over anything better than a
//! partial outage, and a line saying the probes fail while the page says all is well.

use crate::window::{overview, overview_in};
use crate::{add, at, observe};
use lookout_core::probe::Expect;
use lookout_desktop::{TrayProblem, TrayState};
use lookout_store::{NewProbe, ProbeOutcome, Store};

#[test]
fn a_suspected_provider_shows_its_own_icon_and_says_why() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    let probe = store
        .add_probe(
            &NewProbe {
                provider_id: acme,
                url: "https://api.acme.test/health".into(),
                every_secs: 30,
                expect: Expect::Class(2),
                contains: None,
                timeout_secs: 10,
                allow_private: false,
            },
            at(0),
        )
        .unwrap();
    observe(&mut store, acme, "Acme", 0, at(2));
    for minute in [1, 2, 3] {
        let outcome = ProbeOutcome {
            at: at(minute),
            ok: false,
            latency_ms: None,
            error: Some("HTTP 503".into()),
        };
        store.record_probe(probe.id, &outcome, 3).unwrap();
    }
    let view = overview(&store, None, at(4)).unwrap();
    let card = &view.providers[0];
    assert_eq!(card.status.as_str(), "operational", "the page's own word");
    assert_eq!(card.suspected.as_ref().unwrap().since, at(1));
    let tray = TrayState::from_overview(&view);
    assert_eq!(tray.icon, "suspected");
    assert_eq!(
        tray.summary,
        "Acme: suspected outage — probes fail since 12:01 UTC, the page says operational"
    );
    assert_eq!(
        tray.problems,
        [TrayProblem {
            provider: acme,
            name: "Acme".into(),
            label: "Acme: suspected outage".into(),
            snoozed: false,
        }]
    );
    // In the user's time zone, as the window shows times.
    let paris = chrono::FixedOffset::east_opt(3600).unwrap();
    let local = overview_in(&store, None, at(4), &paris).unwrap();
    assert!(
        local
            .summary
            .contains("probes fail since 13:01, the page says"),
        "{}",
        local.summary
    );

    // Once the vendor admits it, the vendor's status speaks.
    observe(&mut store, acme, "Acme", 2, at(12));
    let admitted = TrayState::from_overview(&overview(&store, None, at(13)).unwrap());
    assert_eq!(admitted.icon, "partial_outage");
}
