//! `lookout suggest` on the fixture projects of tests/fixtures/suggest/: exactly the expected
//! vendors for each ecosystem (nothing from a comment, a development-only dependency, a lock
//! file alone, node_modules, or a folder not given), the text and JSON under snapshot, and the
//! vendors watched already marked.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/suggest")
}

/// `lookout suggest <args>` run in the fixtures' folder on the database `db`.
fn suggest(db: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .arg("suggest")
        .args(args)
        .current_dir(fixtures())
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "off")
        .output()
        .expect("lookout runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json_rows(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_slice(&suggest(db, &args).stdout).expect("one JSON array")
}

/// The vendors `lookout suggest <path> --json` names, in its order.
fn vendors_in(path: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    json_rows(&dir.path().join("lookout.db"), &[path])
        .iter()
        .map(|row| row["vendor"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn npm_runtime_dependencies_and_workflows_not_dev_peer_lock_or_node_modules() {
    assert_eq!(
        vendors_in("npm"),
        ["Clerk", "GitHub", "OpenAI", "Sentry", "Stripe", "Supabase"]
    );
}

#[test]
fn cargo_run_time_crates_not_dev_build_or_lock_only() {
    assert_eq!(vendors_in("cargo"), ["AWS", "GitHub", "Sentry", "Stripe"]);
}

#[test]
fn python_requirements_and_pyproject_not_dev_files_groups_or_comments() {
    assert_eq!(
        vendors_in("python"),
        [
            "Anthropic",
            "AWS",
            "Google Cloud",
            "MongoDB Atlas",
            "OpenAI",
            "Sentry",
            "Slack",
            "Twilio"
        ]
    );
}

#[test]
fn go_direct_requirements_not_indirect_or_commented() {
    assert_eq!(
        vendors_in("go"),
        ["Datadog", "Google Cloud", "Sentry", "Twilio"]
    );
}

#[test]
fn ruby_gems_outside_development_groups() {
    assert_eq!(vendors_in("ruby"), ["AWS", "GitHub", "New Relic", "Twilio"]);
}

#[test]
fn composer_require_not_require_dev() {
    assert_eq!(vendors_in("composer"), ["AWS", "Mailgun", "SendGrid"]);
}

#[test]
fn dotnet_package_references_not_commented_or_private() {
    assert_eq!(vendors_in("dotnet"), ["AWS", "Azure", "Sentry", "Twilio"]);
}

#[test]
fn terraform_required_providers_not_commented_or_lock_only() {
    assert_eq!(vendors_in("terraform"), ["AWS", "Cloudflare", "Datadog"]);
}

#[test]
fn docker_base_images_not_stages_arguments_or_comments() {
    assert_eq!(vendors_in("docker"), ["AWS", "Docker"]);
}

#[test]
fn github_actions_uses_not_commented_local_or_docker() {
    assert_eq!(vendors_in("actions"), ["AWS", "Fly.io", "GitHub", "Slack"]);
}

#[test]
fn only_the_paths_given_are_read() {
    // The sibling folder's package.json names Twilio and PayPal; a file given is read alone.
    let all = vendors_in(".");
    assert!(all.contains(&"Twilio".to_string()) && all.contains(&"PayPal".to_string()));
    assert!(!vendors_in("npm").contains(&"Twilio".to_string()));
    assert_eq!(
        vendors_in("npm/package.json"),
        ["Clerk", "OpenAI", "Sentry", "Stripe"]
    );
    let dir = tempfile::tempdir().unwrap();
    let both = json_rows(&dir.path().join("lookout.db"), &["go", "docker"]);
    let names: Vec<&str> = both.iter().map(|r| r["vendor"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "AWS",
            "Datadog",
            "Docker",
            "Google Cloud",
            "Sentry",
            "Twilio"
        ]
    );
}

#[test]
fn text_and_json_say_why_and_mark_the_vendors_watched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let mut store = lookout_store::Store::open(&db).unwrap();
    let stripe = lookout_store::NewProvider {
        name: "Stripe".into(),
        url: "https://status.stripe.com".into(),
        platform: lookout_core::Platform::Stripe,
        poll_interval_secs: 60,
    };
    store.add_provider(&stripe, chrono::Utc::now()).unwrap();
    drop(store);
    let text = String::from_utf8(suggest(&db, &["npm"]).stdout).unwrap();
    assert!(
        text.contains("Stripe (watching) — stripe 14.2.0 in npm/package.json\n"),
        "{text}"
    );
    insta::assert_snapshot!("suggest_text", text);
    insta::assert_json_snapshot!("suggest_json", json_rows(&db, &["npm"]));
}

#[test]
fn nothing_found_is_said_and_a_missing_path_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let db = dir.path().join("lookout.db");
    let text = String::from_utf8(suggest(&db, &[empty.to_str().unwrap()]).stdout).unwrap();
    assert!(
        text.starts_with("no vendor from the catalogue found in "),
        "{text}"
    );
    let missing = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["suggest", "no-such-folder"])
        .current_dir(fixtures())
        .env("LOOKOUT_DB", &db)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-folder"));
}

#[test]
fn vendors_that_cannot_be_watched_are_listed_with_why_and_never_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let text = String::from_utf8(suggest(&db, &["identity"]).stdout).unwrap();
    assert!(
        text.contains("Okta — @okta/okta-auth-js ^7.5.0 in identity/package.json\n  cannot be watched: status.okta.com publishes its status only as a web page"),
        "{text}"
    );
    assert!(!text.contains("not watched yet"), "nothing to add: {text}");
    insta::assert_snapshot!("suggest_cannot_be_watched_text", text);
    let rows = json_rows(&db, &["identity"]);
    insta::assert_json_snapshot!("suggest_cannot_be_watched_json", rows);
    assert!(rows.iter().all(|r| r["cannot_watch"].is_string()));

    let added = suggest(&db, &["identity", "--add"]);
    let said = String::from_utf8(added.stdout).unwrap();
    assert!(
        said.contains(
            "Auth0: not added, it cannot be watched: Auth0's status is published per tenant"
        ) && said.contains("Okta: not added, it cannot be watched: "),
        "{said}"
    );
    let store = lookout_store::Store::open(&db).unwrap();
    assert!(store.providers().unwrap().is_empty(), "nothing added");
    let json = suggest(&db, &["identity", "--add", "--json"]);
    assert!(String::from_utf8_lossy(&json.stderr).contains("Okta: not added, it cannot be watched"));
}
