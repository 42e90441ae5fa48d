//! `lookout services`: three services over the fake server's vendors, described in a file for
//! `config apply`; a component outage marks exactly the services that use it (`--json` under
//! snapshot), a misspelt component is refused with its line and the closest names, and a
//! component the vendor renames later is a warning, not an error.

use crate::contracts::normalised;
use crate::{calm_pages, lookout, stdout};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::Dialect;
use serde_json::Value;
use std::path::Path;

const SERVICES: &str = r#"
[[services]]
name = "Checkout"
criticality = "high"
depends_on = [
  { provider = "Acme", components = ["API"] },
  { provider = "Globex", components = ["Webhooks"] },
]

[[services]]
name = "Signup"
depends_on = [{ provider = "Globex", components = ["Dashboard"] }]

[[services]]
name = "Reports"
criticality = "low"
depends_on = [{ provider = "Initech" }]
"#;

/// Applies the exported configuration with `services` appended; the command's output.
fn apply_services(db: &Path, services: &str) -> std::process::Output {
    let exported = stdout(&lookout(Some(db), &["config", "export"]));
    let file = db.with_file_name("team.toml");
    std::fs::write(&file, format!("{exported}{services}")).unwrap();
    lookout(Some(db), &["config", "apply", file.to_str().unwrap()])
}

fn services_json(db: &Path, base_url: &str) -> Value {
    let output = lookout(Some(db), &["services", "--json"]);
    assert!(output.status.success(), "{output:?}");
    normalised(serde_json::from_str(&stdout(&output)).unwrap(), base_url)
}

#[test]
fn a_component_outage_marks_exactly_the_services_that_use_it() {
    let (server, base) = calm_pages(&["acme", "globex", "initech"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name) in [
        ("acme", "Acme"),
        ("globex", "Globex"),
        ("initech", "Initech"),
    ] {
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    let applied = apply_services(&db, SERVICES);
    assert!(applied.status.success(), "{applied:?}");
    assert!(stdout(&applied).contains("added service Checkout"));
    let (hook, received) = crate::alerts::receiver(0);
    let sink = lookout(
        Some(&db),
        &["sinks", "add", "webhook", &hook, "--name", "ops"],
    );
    assert!(sink.status.success(), "{sink:?}");
    assert!(lookout(Some(&db), &["poll"]).status.success(), "baseline");
    let calm = services_json(&db, &server.base_url());
    assert!(
        calm.as_array()
            .unwrap()
            .iter()
            .all(|s| s["affected"] == false),
        "{calm}"
    );

    // Acme's API in a partial outage: Checkout only.
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base),
    );
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let states = services_json(&db, &server.base_url());
    insta::assert_json_snapshot!("services", states);
    let affected: Vec<&str> = states
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["affected"] == true)
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(affected, ["Checkout"]);
    assert_eq!(states[0]["reasons"][0], "Acme Core / API partial outage");
    let text = stdout(&lookout(Some(&db), &["services"]));
    assert!(text.starts_with("Checkout (high)"), "{text}");
    assert!(
        text.contains("affected since") && text.contains("Acme Core / API partial outage"),
        "{text}"
    );

    // The webhook's payload names the services Acme's trouble affects, and its text says so.
    let payloads: Vec<Value> = received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| serde_json::from_slice(body).unwrap())
        .collect();
    let acme = payloads
        .iter()
        .find(|p| p["provider"]["name"] == "Acme")
        .unwrap_or_else(|| panic!("no message about Acme in {payloads:?}"));
    assert_eq!(acme["affected_services"], serde_json::json!(["Checkout"]));
    let text = acme["text"].as_str().unwrap();
    assert!(text.ends_with("Affects your services: Checkout"), "{acme}");
}

#[test]
fn a_misspelt_component_is_refused_and_a_renamed_one_warns() {
    let (server, base) = calm_pages(&["globex"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let added = lookout(
        Some(&db),
        &["add", &server.page_url("globex"), "--name", "Globex"],
    );
    assert!(added.status.success(), "{added:?}");
    let signup = "\n[[services]]\nname = \"Signup\"\ndepends_on = [{ provider = \"Globex\", components = [\"Dashbord\"] }]\n";
    let refused = apply_services(&db, signup);
    assert_eq!(refused.status.code(), Some(3), "{refused:?}");
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(error.contains("team.toml:"), "{error}");
    assert!(
        error.contains("no component or group \"Dashbord\" on Globex's page; closest: Dashboard"),
        "{error}"
    );
    assert!(
        stdout(&lookout(Some(&db), &["services", "--json"])).trim() == "[]",
        "nothing stored"
    );

    assert!(
        apply_services(&db, &signup.replace("Dashbord", "Dashboard"))
            .status
            .success()
    );
    let mut page = incident_life_for(Dialect::Statuspage, 0, base);
    for component in &mut page.components {
        if component.name == "Dashboard" {
            component.name = "Console".into();
        }
    }
    server.set_page("globex", Dialect::Statuspage, page);
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let states = services_json(&db, &server.base_url());
    assert_eq!(states[0]["affected"], false);
    assert_eq!(
        states[0]["warnings"][0],
        "Globex \"Dashboard\" is no longer on the vendor's page"
    );
    let text = stdout(&lookout(Some(&db), &["services"]));
    assert!(
        text.contains("! Globex \"Dashboard\" is no longer on the vendor's page"),
        "{text}"
    );
}
