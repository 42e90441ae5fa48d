//! Probes and the suspicions they raise: three failures in a row while the page says all is
//! well (and something else was read since: the network works) is one `suspected_outage`, a
//! pass is one `suspected_cleared`; a page that admits the outage raises nothing; every probe of
//! two providers failing at once, or failures with nothing read since, is `network_offline`.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::probe::Expect;
use lookout_core::Platform;
use lookout_core::{ComponentStatus, EventKind};
use lookout_core::{ProbeId, ProviderId};
use lookout_store::{NewProbe, NewProvider, ProbeOutcome, Store};

fn t(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 14, 2, 0).unwrap() + Duration::seconds(seconds)
}

/// A provider named `name` whose page was read at t(0) with its one component in `status`.
fn provider(store: &mut Store, name: &str, status: ComponentStatus) -> ProviderId {
    let provider = store
        .add_provider(
            &NewProvider {
                name: name.into(),
                url: format!("https://status.{}.test/", name.to_lowercase()),
                platform: Platform::Statuspage,
                poll_interval_secs: 600,
            },
            t(-60),
        )
        .unwrap();
    let mut page = crate::snapshots::observation(status, &[]);
    page.snapshot.incidents.clear();
    store
        .apply_observation(provider.id, name, &page, t(0))
        .unwrap();
    provider.id
}

fn probe(store: &mut Store, provider_id: ProviderId, host: &str) -> ProbeId {
    store
        .add_probe(
            &NewProbe {
                provider_id,
                url: format!("https://{host}/health"),
                every_secs: 30,
                expect: Expect::Class(2),
                contains: None,
                timeout_secs: 10,
                allow_private: false,
            },
            t(0),
        )
        .unwrap()
        .id
}

/// The provider's page (on `status.<name>.test`, another host than its probes') read unchanged at
/// t(`second`): evidence that the network works.
fn page_read(store: &mut Store, provider_id: ProviderId, second: i64) {
    let name = store.provider(provider_id).unwrap().unwrap().name;
    store
        .record_unchanged(provider_id, &name, t(second))
        .unwrap();
}

fn run(store: &mut Store, probe_id: ProbeId, ok: bool, second: i64) -> Vec<&'static str> {
    let outcome = ProbeOutcome {
        at: t(second),
        ok,
        latency_ms: Some(120),
        error: (!ok).then(|| "HTTP 503".to_string()),
    };
    store
        .record_probe(probe_id, &outcome, 3)
        .unwrap()
        .iter()
        .map(|e| e.kind.name())
        .collect()
}

#[test]
fn three_failures_while_the_page_is_calm_raise_one_suspicion_and_a_pass_clears_it() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = provider(&mut store, "Acme", ComponentStatus::Operational);
    let api = probe(&mut store, acme, "api.acme.test");
    assert!(run(&mut store, api, false, 30).is_empty());
    page_read(&mut store, acme, 45);
    assert!(run(&mut store, api, false, 60).is_empty());
    assert!(store.suspected(acme).unwrap().is_none());
    let raised = store
        .record_probe(
            api,
            &ProbeOutcome {
                at: t(90),
                ok: false,
                latency_ms: None,
                error: Some("timed out".into()),
            },
            3,
        )
        .unwrap();
    assert_eq!(raised.len(), 1);
    match &raised[0].kind {
        EventKind::SuspectedOutage {
            since,
            failing_probes,
            probes,
            hosts,
            page_status,
            ..
        } => {
            assert_eq!(*since, t(30), "since the streak's first failure");
            assert_eq!((*failing_probes, *probes), (1, 1));
            assert_eq!(hosts, &["api.acme.test"]);
            assert_eq!(page_status, &ComponentStatus::Operational);
        }
        other => panic!("{other:?}"),
    }
    assert!(raised[0]
        .kind
        .summary()
        .contains("your probes of api.acme.test fail (1 of 1 since 14:02 UTC)"));
    let now = store.suspected(acme).unwrap().unwrap();
    assert_eq!(now.since, t(30));
    assert_eq!(now.last_error.as_deref(), Some("timed out"));
    assert!(run(&mut store, api, false, 120).is_empty(), "raised once");
    assert_eq!(run(&mut store, api, true, 150), ["suspected_cleared"]);
    assert!(store.suspected(acme).unwrap().is_none());
    assert!(run(&mut store, api, true, 180).is_empty(), "cleared once");

    // Raised again, then its only probe removed: nothing keeps the suspicion up.
    page_read(&mut store, acme, 200);
    for second in [210, 240, 270] {
        run(&mut store, api, false, second);
    }
    assert!(
        store.suspected(acme).unwrap().is_none(),
        "nothing read since 210: it may be the user's network"
    );
    page_read(&mut store, acme, 280);
    assert_eq!(run(&mut store, api, false, 300), ["suspected_outage"]);
    assert!(store.suspected(acme).unwrap().is_some());
    store.remove_probe(api, t(330)).unwrap();
    assert!(
        store.suspected(acme).unwrap().is_none(),
        "cleared with its last probe"
    );
    let last = store.undelivered("test", t(0), t(330)).unwrap();
    let last = &last.last().unwrap().event.kind;
    assert!(
        matches!(
            last,
            EventKind::SuspectedCleared {
                probes_removed: true,
                lasted_seconds: 120,
                ..
            }
        ),
        "{last:?}"
    );
    assert_eq!(
        last.summary(),
        "the failing probes were removed (suspected for 2 min)",
        "not 'your probes pass again': nothing passed"
    );
}

#[test]
fn an_admitted_outage_or_the_users_own_network_raises_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let admitted = provider(&mut store, "Acme", ComponentStatus::MajorOutage);
    let probe_a = probe(&mut store, admitted, "api.acme.test");
    for second in [30, 60, 90, 120] {
        assert!(
            run(&mut store, probe_a, false, second).is_empty(),
            "the page says so already"
        );
    }
    let globex = provider(&mut store, "Globex", ComponentStatus::Operational);
    let initech = provider(&mut store, "Initech", ComponentStatus::Operational);
    let probe_g = probe(&mut store, globex, "api.globex.test");
    let probe_i = probe(&mut store, initech, "api.initech.test");
    // Acme's and Initech's probes all fail at Initech's third failure: the user's network.
    let mut seen = Vec::new();
    for second in [30, 60, 90] {
        seen.extend(run(&mut store, probe_i, false, second));
    }
    assert_eq!(seen, ["network_offline"], "one notice, no suspicion");
    for second in [30, 60, 90, 120] {
        assert!(
            run(&mut store, probe_g, false, second).is_empty(),
            "still offline: nothing more"
        );
    }
    assert!(store.suspected(globex).unwrap().is_none());
    // Back online (a probe passes), then all failing again: a second notice.
    run(&mut store, probe_a, true, 150);
    run(&mut store, probe_i, true, 150);
    run(&mut store, probe_g, true, 150);
    let mut again = Vec::new();
    for second in [180, 210, 240] {
        again.extend(run(&mut store, probe_a, false, second));
        again.extend(run(&mut store, probe_i, false, second));
    }
    assert_eq!(again, ["network_offline"]);
}

#[test]
fn with_the_network_down_two_providers_failing_in_turn_are_the_offline_notice_not_a_suspicion() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = provider(&mut store, "Acme", ComponentStatus::Operational);
    let globex = provider(&mut store, "Globex", ComponentStatus::Operational);
    let probe_a = probe(&mut store, acme, "api.acme.test");
    let probe_g = probe(&mut store, globex, "api.globex.test");
    // The network goes down: Acme's streak reaches three while Globex's has two, before
    // Globex's probe runs again; nothing is read anywhere meanwhile.
    let mut seen = Vec::new();
    for second in [30, 60, 90, 120] {
        seen.extend(run(&mut store, probe_a, false, second));
        seen.extend(run(&mut store, probe_g, false, second + 5));
    }
    assert_eq!(seen, ["network_offline"], "the offline notice, once");
    assert!(store.suspected(acme).unwrap().is_none());
    assert!(store.suspected(globex).unwrap().is_none());
    // The network is back: Globex's probe passes, Acme's still fails. Something was read on
    // another host since Acme's streak began: its endpoint is down, not the user's network.
    assert!(run(&mut store, probe_g, true, 150).is_empty());
    assert_eq!(run(&mut store, probe_a, false, 155), ["suspected_outage"]);
    assert_eq!(store.suspected(acme).unwrap().unwrap().since, t(30));
    assert!(store.suspected(globex).unwrap().is_none());
}

#[test]
fn a_streak_with_nothing_read_since_it_began_is_the_offline_notice_until_another_host_answers() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = provider(&mut store, "Acme", ComponentStatus::Operational);
    let initech = provider(&mut store, "Initech", ComponentStatus::Operational);
    let api = probe(&mut store, acme, "api.acme.test");
    let mut seen = Vec::new();
    for second in [30, 60, 90] {
        seen.extend(run(&mut store, api, false, second));
    }
    assert_eq!(seen, ["network_offline"], "no evidence the network works");
    let notice = store.undelivered("test", t(0), t(90)).unwrap();
    assert_eq!(
        notice.last().unwrap().event.kind.summary(),
        "your probes fail and nothing else could be read since: your network looks down, not \
         theirs"
    );
    // Another provider's page, on another host, is read after the streak began.
    page_read(&mut store, initech, 100);
    assert_eq!(run(&mut store, api, false, 120), ["suspected_outage"]);
}

#[test]
fn probes_are_checked_listed_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = provider(&mut store, "Acme", ComponentStatus::Operational);
    let bad = |url: &str, every: u32, timeout: u32| NewProbe {
        provider_id: acme,
        url: url.into(),
        every_secs: every,
        expect: Expect::Class(2),
        contains: None,
        timeout_secs: timeout,
        allow_private: false,
    };
    for (new, why) in [
        (bad("ftp://x.test/", 30, 10), "http or https"),
        (bad("https://x.test/", 5, 2), "every 10 s"),
        (bad("https://x.test/", 30, 60), "time limit"),
        (
            bad("http://169.254.169.254/latest/meta-data/", 30, 10),
            "169.254.169.254 is a cloud metadata address",
        ),
        (
            bad(
                "http://metadata.google.internal/computeMetadata/v1/",
                30,
                10,
            ),
            "--allow-private",
        ),
        (bad("http://[fe80::1]/", 30, 10), "a link-local address"),
    ] {
        let error = store.add_probe(&new, t(0)).unwrap_err().to_string();
        assert!(error.contains(why), "{error}");
    }
    let allowed = NewProbe {
        allow_private: true,
        ..bad("http://169.254.169.254/latest/meta-data/", 30, 10)
    };
    let private = store.add_probe(&allowed, t(0)).unwrap().id;
    store.remove_probe(private, t(0)).unwrap();
    let loopback = bad("http://127.0.0.1:8080/health", 30, 10);
    let local = store.add_probe(&loopback, t(0)).unwrap().id;
    store.remove_probe(local, t(0)).unwrap();
    let id = probe(&mut store, acme, "api.acme.test");
    assert!(
        store
            .add_probe(&bad("https://api.acme.test/health", 30, 10), t(0))
            .is_err(),
        "twice"
    );
    let listed = store.probes(None).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].provider, "Acme");
    assert_eq!(listed[0].expect.to_string(), "2xx");
    assert_eq!(store.remove_probe(id, t(10)).unwrap().id, id);
    assert!(store.probes(None).unwrap().is_empty());
}

#[test]
fn an_incident_posted_during_a_suspicion_records_how_long_before_the_vendor_lookout_noticed() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = provider(&mut store, "Acme", ComponentStatus::Operational);
    let api = probe(&mut store, acme, "api.acme.test");
    page_read(&mut store, acme, 20);
    for second in [30, 60, 90] {
        run(&mut store, api, false, second);
        page_read(&mut store, acme, second + 5);
    }
    assert!(store.suspected(acme).unwrap().is_some());
    // The vendor's first update comes 17 minutes after the first failure.
    let mut page = crate::snapshots::observation(ComponentStatus::PartialOutage, &[]);
    page.snapshot.incidents.clear();
    let posted = crate::snapshots::observation(
        ComponentStatus::PartialOutage,
        &[("u1", "investigating", 0)],
    );
    let mut incident = posted.snapshot.incidents[0].clone();
    let first = t(30) + Duration::minutes(17);
    incident.updates[0].at = first;
    incident.started_at = first;
    page.snapshot.incidents.push(incident);
    store
        .apply_observation(acme, "Acme", &page, t(1100))
        .unwrap();
    let stored = store.incidents(&Default::default()).unwrap();
    assert_eq!(stored[0].suspected_lead_seconds, Some(17 * 60));
    let report = store
        .stats(
            &store.providers().unwrap(),
            &lookout_store::history::HistoryWindow::last_days(&Utc, t(1200), 1),
            &Utc,
        )
        .unwrap();
    assert_eq!(report.providers[0].median_lead_seconds, Some(17 * 60));
    // The vendor acknowledged 17 minutes after Lookout's first evidence; every suspicion was
    // posted; one incident is too little for a grade.
    let acme_stats = &report.providers[0];
    assert_eq!(acme_stats.acknowledgement_median_seconds, Some(17 * 60));
    assert_eq!(acme_stats.acknowledgement_p90_seconds, Some(17 * 60));
    assert_eq!(acme_stats.unacknowledged_outages, 0);
    assert_eq!(acme_stats.grade, None);
}
