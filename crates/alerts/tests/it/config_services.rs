//! `[[services]]` in the configuration file: read and applied in the file's order, exported and
//! applied back to no change, a provider the file lacks or a component on no page refused with
//! its line and the closest names.

use chrono::{DateTime, TimeZone, Utc};
use lookout_alerts::config::{self, Setup};
use lookout_alerts::AlertError;
use lookout_core::diff::Observation;
use lookout_core::services::Criticality;
use lookout_core::{Component, ComponentStatus, Snapshot};
use lookout_store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

const FILE: &str = r#"[[providers]]
name = "Stripe"
url = "https://status.stripe.test"
platform = "statuspage"

[[providers]]
name = "Clerk"
url = "https://status.clerk.test"
platform = "statuspage"

[[services]]
name = "Checkout"
criticality = "high"
alert = true
depends_on = [
  { provider = "Stripe", components = ["API", "Checkout"] },
  { provider = "Clerk", components = ["Session management"] },
]

[[services]]
name = "Signup"
depends_on = [{ provider = "clerk" }]
"#;

fn read(text: &str) -> Result<Setup, AlertError> {
    config::read("team.toml", text.as_bytes(), &|_| None, now(), false)
}

fn placed(result: Result<impl std::fmt::Debug, AlertError>) -> (usize, usize, String, String) {
    match result {
        Err(AlertError::Config {
            line,
            column,
            key,
            message,
            ..
        }) => (line, column, key, message),
        other => panic!("expected a placed error, got {other:?}"),
    }
}

#[test]
fn services_apply_in_order_export_and_apply_back_to_no_change() {
    let mut store = Store::open_in_memory().unwrap();
    let wanted = read(FILE).unwrap();
    let names: Vec<_> = wanted.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Checkout", "Signup"]);
    assert_eq!(wanted.services[0].criticality, Criticality::High);
    assert!(wanted.services[0].alert && !wanted.services[1].alert);
    assert_eq!(
        wanted.services[1].depends_on[0].provider, "Clerk",
        "the file's spelling"
    );
    let changes: Vec<String> = config::apply(&mut store, &wanted, now())
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        changes.contains(&"added service Checkout".to_string()),
        "{changes:?}"
    );
    assert_eq!(store.services().unwrap(), wanted.services);

    let exported = config::export(&store, now()).unwrap();
    assert!(exported.contains("[[services]]"), "{exported}");
    assert!(exported.contains("alert = true"), "{exported}");
    let again = read(&exported).unwrap();
    assert!(config::plan(&store, &again, now()).unwrap().is_empty());

    let fewer = read(&FILE.replace("name = \"Signup\"", "name = \"Onboarding\"")).unwrap();
    let changes: Vec<String> = config::plan(&store, &fewer, now())
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        changes,
        ["added service Onboarding", "removed service Signup"]
    );
}

#[test]
fn a_provider_the_file_lacks_is_refused_on_its_line_with_the_closest_names() {
    let (line, column, key, message) = placed(read(
        &FILE.replace("provider = \"clerk\"", "provider = \"Clerc\""),
    ));
    assert_eq!(
        (line, column, key.as_str()),
        (22, 28, "services.depends_on.provider")
    );
    assert_eq!(
        message,
        "no provider \"Clerc\" in this file; closest: Clerk"
    );
    let (.., message) = placed(read(&FILE.replace("\"high\"", "\"urgent\"")));
    assert!(message.contains("one of high, normal, low"), "{message}");
}

fn stripe_page() -> Observation {
    let component = |id: &str, name: &str| Component {
        id: id.into(),
        name: name.into(),
        group: None,
        status: ComponentStatus::Operational,
        position: (0, 0),
    };
    Observation {
        snapshot: Snapshot {
            components: vec![
                component("a", "API"),
                component("c", "Checkout"),
                component("d", "Dashboard"),
            ],
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

#[test]
fn a_component_on_no_page_read_is_refused_with_its_line_and_the_closest_names() {
    let mut store = Store::open_in_memory().unwrap();
    // Clerk never read: its names cannot be checked yet, and are not.
    config::apply(&mut store, &read(FILE).unwrap(), now()).unwrap();
    let stripe = store.providers_named("Stripe").unwrap()[0].id;
    store
        .apply_observation(stripe, "Stripe", &stripe_page(), now())
        .unwrap();
    let misspelt = read(&FILE.replace("\"Checkout\"]", "\"Chekout\"]")).unwrap();
    let (line, column, key, message) = placed(config::plan(&store, &misspelt, now()));
    assert_eq!(
        (line, column, key.as_str()),
        (16, 47, "services.depends_on.components")
    );
    assert_eq!(
        message,
        "no component or group \"Chekout\" on Stripe's page; closest: Checkout"
    );
    let before = store.services().unwrap();
    assert!(config::apply(&mut store, &misspelt, now()).is_err());
    assert_eq!(store.services().unwrap(), before, "nothing changed");
}
