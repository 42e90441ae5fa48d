//! Catalogued services whose vendors publish nothing Lookout reads (`readable: false`): `catalog
//! search` and `list` show them marked, with the reason; `add` and `check` say why and what to do
//! instead, before any request, rather than "not supported".

use crate::{lookout, stdout};
use serde_json::Value;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn search_and_list_show_the_reason() {
    let output = lookout(None, &["catalog", "search", "okta", "--json"]);
    let rows: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    insta::assert_json_snapshot!("catalog_search_not_readable", rows[0]);
    let text = stdout(&lookout(None, &["catalog", "list", "--category", "auth"]));
    let okta = text
        .lines()
        .find(|l| l.trim_start().starts_with("Okta "))
        .unwrap();
    assert!(
        okta.contains("none") && okta.contains("[not readable: status.okta.com publishes"),
        "{okta}"
    );
    let clerk = text
        .lines()
        .find(|l| l.trim_start().starts_with("Clerk "))
        .unwrap();
    assert!(!clerk.contains("not readable"), "{clerk}");
    let listed: Value = serde_json::from_str(&stdout(&lookout(
        None,
        &["catalog", "list", "--category", "auth", "--json"],
    )))
    .unwrap();
    let okta = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Okta")
        .unwrap();
    assert_eq!(
        (&okta["readable"], &okta["platform"]),
        (&Value::Bool(false), &Value::from("none"))
    );
}

#[test]
fn check_says_why_and_exits_3() {
    let output = lookout(None, &["check", "okta", "--json"]);
    assert_eq!(output.status.code(), Some(3));
    let report: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    insta::assert_json_snapshot!("check_not_watchable", report);
    let text = lookout(None, &["check", "Power BI"]);
    assert_eq!(text.status.code(), Some(3));
    assert!(
        stderr(&text).starts_with("lookout: Power BI cannot be watched: Power BI's service health"),
        "{}",
        stderr(&text)
    );
}

#[test]
fn add_says_why_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let output = lookout(Some(&db), &["add", "pagerduty"]);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(
        said.contains("PagerDuty cannot be watched:") && said.contains("lookout probe add"),
        "{said}"
    );
    assert!(!said.contains("not supported"), "{said}");
    let listed = stdout(&lookout(Some(&db), &["list", "--json"]));
    assert_eq!(listed.trim(), "[]");
}
