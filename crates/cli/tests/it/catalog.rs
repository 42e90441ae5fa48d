//! `lookout catalog search|list`: names, aliases, typos and case, as JSON and text.

use crate::{lookout, stdout};
use serde_json::Value;

fn search(text: &str) -> (Vec<Value>, i32) {
    let output = lookout(None, &["catalog", "search", text, "--json"]);
    let rows: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    (
        rows.as_array().unwrap().clone(),
        output.status.code().unwrap(),
    )
}

#[test]
fn search_finds_services_by_name_alias_typo_and_any_case() {
    for (query, expected) in [
        ("github", "GitHub"),
        ("gh", "GitHub"),
        ("githb", "GitHub"),
        ("OPENAI", "OpenAI"),
        ("cloudfare", "Cloudflare"),
    ] {
        let (rows, code) = search(query);
        assert_eq!(code, 0, "{query}");
        assert_eq!(rows[0]["name"], expected, "{query}: {rows:?}");
        for key in ["name", "url", "platform", "category"] {
            assert!(rows[0][key].is_string(), "{query}: {key}");
        }
    }
    let (rows, code) = search("zzzqqqxxx");
    assert!(rows.is_empty());
    assert_eq!(code, 1);
}

#[test]
fn list_prints_the_whole_catalogue() {
    let output = lookout(None, &["catalog", "list", "--json"]);
    let rows: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 300, "{}", rows.len());
    assert!(rows
        .iter()
        .any(|r| r["name"] == "Clerk" && r["platform"] == "incident_io"));
    let text = stdout(&lookout(None, &["catalog", "list"]));
    assert_eq!(text.lines().count(), rows.len());
}
