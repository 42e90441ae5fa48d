//! The provider page's probes: added with `lookout probe`'s defaults and checks (a link-local or
//! cloud metadata address refused), listed with how they fare, removed only from their own
//! provider.

use crate::window::{add_probe, probe_suggestions, provider_probes, remove_probe};
use crate::{add, at};
use lookout_core::ProviderId;
use lookout_desktop::AddProbe;
use lookout_store::Store;

#[test]
fn probes_are_added_with_defaults_checked_listed_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let globex = add(&mut store, "Globex");
    let request = AddProbe {
        url: " https://api.acme.test/health ".into(),
        ..AddProbe::default()
    };
    let listed = add_probe(&mut store, acme, &request, at(0)).unwrap();
    assert_eq!(listed.len(), 1);
    let probe = &listed[0];
    assert_eq!(probe.url, "https://api.acme.test/health");
    assert_eq!((probe.every_secs, probe.timeout_secs), (30, 10));
    assert_eq!(probe.expect, "2xx");
    assert!(probe.last_run_at.is_none());
    for (bad, why) in [
        (
            AddProbe {
                expect: Some("ok".into()),
                ..request.clone()
            },
            "status class",
        ),
        (
            AddProbe {
                url: "https://x.test/".into(),
                every_secs: Some(5),
                ..AddProbe::default()
            },
            "every 10 s",
        ),
        (
            AddProbe {
                url: "file:///etc/passwd".into(),
                ..AddProbe::default()
            },
            "http or https",
        ),
        (
            AddProbe {
                url: "http://169.254.169.254/latest/meta-data/".into(),
                contains: Some("ami-".into()),
                ..AddProbe::default()
            },
            "169.254.169.254 is a cloud metadata address",
        ),
    ] {
        let error = add_probe(&mut store, acme, &bad, at(0)).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{error}");
        assert!(error.to_string().contains(why), "{error}");
    }
    let elsewhere = remove_probe(&mut store, globex, probe.id, at(1)).unwrap_err();
    assert_eq!(elsewhere.code(), "not_found");
    assert!(remove_probe(&mut store, acme, probe.id, at(1))
        .unwrap()
        .is_empty());
    assert!(provider_probes(&store, acme).unwrap().is_empty());
}

#[test]
fn the_catalogue_suggests_a_known_vendors_documented_endpoints_marked_once_probed() {
    let mut store = Store::open_in_memory().unwrap();
    let github = add(&mut store, "GitHub");
    let acme = add(&mut store, "Acme");
    assert!(probe_suggestions(&store, acme).unwrap().is_empty());
    let before = probe_suggestions(&store, github).unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].url, "https://api.github.com/");
    assert!(before[0].source.starts_with("https://docs.github.com/"));
    assert!(!before[0].probed);
    let request = AddProbe {
        url: before[0].url.clone(),
        contains: before[0].contains.clone(),
        ..AddProbe::default()
    };
    add_probe(&mut store, github, &request, at(0)).unwrap();
    assert!(probe_suggestions(&store, github).unwrap()[0].probed);
    let missing = probe_suggestions(&store, ProviderId::new(999)).unwrap_err();
    assert!(
        missing.to_string().contains("no provider #999"),
        "{missing}"
    );
}

#[test]
fn the_window_shows_a_probe_s_url_and_error_with_their_secrets_masked() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    let request = AddProbe {
        url: "https://alice:S3cret@api.acme.test/h?api_key=K3yValue".into(),
        ..AddProbe::default()
    };
    let probe = add_probe(&mut store, acme, &request, at(0))
        .unwrap()
        .remove(0);
    assert_eq!(probe.url, "https://••••@api.acme.test/h?api_key=••••");
    let failed = lookout_store::ProbeOutcome {
        at: at(1),
        ok: false,
        latency_ms: None,
        // As an earlier version recorded it, the URL written out.
        error: Some("cannot connect to https://api.acme.test/h?api_key=K3yValue: refused".into()),
    };
    store.record_probe(probe.id, &failed, 3).unwrap();
    let shown = provider_probes(&store, acme).unwrap().remove(0);
    assert_eq!(
        shown.last_error.as_deref(),
        Some("cannot connect to https://api.acme.test/h?api_key=••••: refused")
    );
    assert_eq!(
        store.probes(None).unwrap()[0].url,
        request.url,
        "the request's URL is kept"
    );
}
