//! Every `--json` output of `lookout`, as a whole, under snapshot: `check`, `list`, `poll` (its
//! event lines), `incidents`, `sinks list`, `rules show` and `catalog search`. What changes from
//! run to run (the fake server's port, the moments the command itself ran) is replaced by
//! placeholders first; everything the vendor's page says is kept.

use crate::{lookout, stdout};
use chrono::{DateTime, TimeZone, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

/// `value` with the server's address as `http://127.0.0.1:PORT` and every time within the last
/// hour (when the command ran, not what the page says) as `[now]`.
pub fn normalised(value: Value, base_url: &str) -> Value {
    match value {
        Value::String(text) => {
            let recent = DateTime::parse_from_rfc3339(&text)
                .is_ok_and(|at| Utc::now() - at.with_timezone(&Utc) < chrono::Duration::hours(1));
            Value::String(if recent {
                "[now]".into()
            } else {
                text.replace(base_url, "http://127.0.0.1:PORT")
            })
        }
        Value::Array(items) => items.into_iter().map(|v| normalised(v, base_url)).collect(),
        Value::Object(fields) => fields
            .into_iter()
            .map(|(k, v)| (k, normalised(v, base_url)))
            .collect(),
        other => other,
    }
}

#[test]
fn every_json_output_keeps_its_documented_shape() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base_time = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base_time);
    server.set_page("acme", Dialect::Statuspage, page(0));
    let url = server.page_url("acme");
    let base_url = server.base_url();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    let json = |args: &[&str]| -> Value {
        let output = lookout(db, args);
        normalised(serde_json::from_str(&stdout(&output)).unwrap(), &base_url)
    };

    assert!(lookout(db, &["add", &url, "--name", "Acme"])
        .status
        .success());
    assert!(lookout(db, &["poll"]).status.success());
    server.set_page("acme", Dialect::Statuspage, page(2));
    let polled = stdout(&lookout(db, &["poll", "--json"]));
    let events: Vec<Value> = polled
        .lines()
        .map(|l| normalised(serde_json::from_str(l).unwrap(), &base_url))
        .collect();
    insta::assert_json_snapshot!("poll", events);
    insta::assert_json_snapshot!("check", json(&["check", &url, "--json"]));
    insta::assert_json_snapshot!("list", json(&["list", "--json"]));
    insta::assert_json_snapshot!("incidents", json(&["incidents", "--json"]));
    let hook = "https://hooks.example.test/secret/path";
    assert!(
        lookout(db, &["sinks", "add", "webhook", hook, "--name", "ops"])
            .status
            .success()
    );
    insta::assert_json_snapshot!("sinks_list", json(&["sinks", "list", "--json"]));
    insta::assert_json_snapshot!("rules_show", json(&["rules", "show", "--json"]));
    insta::assert_json_snapshot!(
        "catalog_search",
        json(&["catalog", "search", "githib", "--json"])
    );
}
