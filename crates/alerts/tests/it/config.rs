//! The configuration module over a real store: a file read with its errors placed on their line
//! and key, placeholders read from the given environment, a plan that says what applying does,
//! and an apply that changes everything or nothing.

use chrono::{DateTime, TimeZone, Utc};
use lookout_alerts::config::{self, derived_env_name, placeholder, ChangeKind, Setup};
use lookout_alerts::AlertError;
use lookout_core::Platform;
use lookout_store::{NewProvider, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn env(name: &str) -> Option<String> {
    (name == "HOOK").then(|| "https://hooks.slack.com/services/T/B/from-env".to_string())
}

const FILE: &str = r#"[rules]
events = ["incident_opened"]
paused_until = "2026-03-01T00:00:00Z"

[[sinks]]
kind = "slack"
name = "Ops"
url = "${HOOK}"

[[providers]]
name = "Acme"
url = "https://status.acme.test"
platform = "statuspage"

[providers.rules]
sinks = ["Ops"]
snoozed_until = "2026-03-02T17:00:00Z"
"#;

fn read(text: &str) -> Result<Setup, AlertError> {
    config::read("acme.toml", text.as_bytes(), &env, now(), false)
}

#[test]
fn a_file_reads_into_its_setup_with_placeholders_resolved_and_lapsed_times_dropped() {
    let setup = read(FILE).unwrap();
    assert_eq!(setup.paused_until, None, "a pause already over is no pause");
    let sink = &setup.sinks[0];
    assert_eq!(sink.url, "https://hooks.slack.com/services/T/B/from-env");
    assert_eq!(sink.url_env.as_deref(), Some("HOOK"));
    let rules = &setup.providers[0].rules;
    assert_eq!(rules.sinks, Some(vec!["Ops".to_string()]));
    assert_eq!(
        rules.snoozed_until,
        Some(Utc.with_ymd_and_hms(2026, 3, 2, 17, 0, 0).unwrap())
    );
    assert_eq!(setup.providers[0].interval, 60);
    assert_eq!(
        setup.remind_before_minutes, 60,
        "reminders an hour ahead unless told"
    );
    let later = read(&FILE.replace("[rules]\n", "[rules]\nremind_before = \"2h30m\"\n")).unwrap();
    assert_eq!(later.remind_before_minutes, 150);
    let off = read(&FILE.replace("[rules]\n", "[rules]\nremind_before = \"off\"\n")).unwrap();
    assert_eq!(off.remind_before_minutes, 0);
}

#[test]
fn errors_name_the_file_line_column_and_key() {
    let place = |text: &str| match read(text) {
        Err(AlertError::Config {
            file,
            line,
            column,
            key,
            ..
        }) => (file, line, column, key),
        other => panic!("expected a placed error, got {other:?}"),
    };
    let unknown = FILE.replace("platform = ", "platfrom = ");
    assert_eq!(
        place(&unknown),
        ("acme.toml".into(), 13, 1, "providers.platfrom".into())
    );
    let wrong_type = FILE.replace("platform = \"statuspage\"", "platform = 3");
    assert_eq!(place(&wrong_type).1, 13);
    let unset = FILE.replace("${HOOK}", "${NOT_SET}");
    assert_eq!(
        place(&unset),
        ("acme.toml".into(), 8, 7, "sinks.url".into())
    );
    let lead = FILE.replace("[rules]\n", "[rules]\nremind_before = \"soon\"\n");
    assert_eq!(
        place(&lead),
        ("acme.toml".into(), 2, 17, "rules.remind_before".into())
    );
    let kind = FILE.replace("\"slack\"", "\"fax\"");
    assert_eq!(place(&kind).3, "sinks.kind");
    let probe = format!(
        "{FILE}\n[[probes]]\nprovider = \"Acme\"\nurl = \"https://api.acme.test\"\nevery = 9\n"
    );
    assert_eq!(
        place(&probe),
        ("acme.toml".into(), 22, 9, "probes.every".into())
    );
}

#[test]
fn placeholders_are_whole_values_with_a_variable_name() {
    assert_eq!(placeholder("${SLACK_URL}"), Ok(Some("SLACK_URL")));
    assert_eq!(placeholder("https://x.test/${A}"), Ok(None));
    assert!(placeholder("${SLACK URL}").is_err());
    assert!(placeholder("${OPEN").is_err());
    assert_eq!(
        derived_env_name("Ops room #2", "URL"),
        "LOOKOUT_SINK_OPS_ROOM__2_URL"
    );
}

#[test]
fn applying_changes_everything_or_nothing_and_twice_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let old = NewProvider {
        name: "Old".into(),
        url: "https://status.old.test".into(),
        platform: Platform::Statuspage,
        poll_interval_secs: 60,
    };
    store.add_provider(&old, now()).unwrap();
    let wanted = read(FILE).unwrap();
    let plan = config::plan(&store, &wanted, now()).unwrap();
    let kinds: Vec<ChangeKind> = plan.iter().map(|c| c.kind).collect();
    assert_eq!(
        plan.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "changed rules (events)",
            "added sink Ops (slack)",
            "added provider Acme (https://status.acme.test, every 60 s)",
            "removed provider Old (its 0 incidents deleted)",
        ]
    );
    assert_eq!(kinds[3], ChangeKind::Removed);

    // Two providers at one URL: the store refuses the second after the first steps were
    // written, and the transaction takes every step back.
    let mut clash = wanted.clone();
    let mut twin = clash.providers[0].clone();
    twin.name = "Acme twin".into();
    clash.providers.push(twin);
    let before = config::current(&store, now()).unwrap();
    assert!(config::apply(&mut store, &clash, now()).is_err());
    assert_eq!(config::current(&store, now()).unwrap(), before);
    assert_eq!(store.providers_named("Old").unwrap().len(), 1);

    assert_eq!(config::apply(&mut store, &wanted, now()).unwrap(), plan);
    assert_eq!(config::current(&store, now()).unwrap(), wanted);
    assert!(config::apply(&mut store, &wanted, now())
        .unwrap()
        .is_empty());
    let sink = &store.sinks().unwrap()[0];
    let rules =
        lookout_alerts::ProviderRules::load(&store, store.providers_named("Acme").unwrap()[0].id)
            .unwrap();
    assert_eq!(rules.sinks, Some(vec![sink.ledger_name()]));
}

#[test]
fn masked_urls_written_by_export_apply_back_as_the_stored_ones_each_to_its_own() {
    use lookout_core::probe::Expect;
    let mut store = Store::open_in_memory().unwrap();
    let acme = store
        .add_provider(
            &NewProvider {
                name: "Acme".into(),
                url: "https://status.acme.test/".into(),
                platform: Platform::Statuspage,
                poll_interval_secs: 60,
            },
            now(),
        )
        .unwrap();
    // Two probes that differ only by their secret: each keeps its own after the round trip.
    let urls = [
        "https://api.acme.test/h?key=FirstSecret",
        "https://api.acme.test/h?key=SecondSecret",
    ];
    for url in urls {
        let probe = lookout_store::NewProbe {
            provider_id: acme.id,
            url: url.into(),
            every_secs: 30,
            expect: Expect::Class(2),
            contains: None,
            timeout_secs: 10,
            allow_private: false,
        };
        store.add_probe(&probe, now()).unwrap();
    }
    let exported = config::export(&store, now()).unwrap();
    assert!(!exported.contains("Secret"), "{exported}");
    let wanted = read(&exported).unwrap();
    assert!(config::apply(&mut store, &wanted, now())
        .unwrap()
        .is_empty());
    let mut kept: Vec<String> = store
        .probes(None)
        .unwrap()
        .into_iter()
        .map(|p| p.url)
        .collect();
    kept.sort();
    assert_eq!(kept, urls);

    let error = config::apply(&mut Store::open_in_memory().unwrap(), &wanted, now()).unwrap_err();
    assert!(error.to_string().contains("masked"), "{error}");
    assert!(!error.to_string().contains("Secret"), "{error}");
}
