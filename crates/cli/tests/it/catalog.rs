//! `lookout catalog search|list`: names, aliases, typos and case, browsing by category, as JSON
//! and text.

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
fn search_finds_stripe_read_by_its_own_reader() {
    for query in ["stripe", "Stripe Payments", "strpe"] {
        let (rows, code) = search(query);
        assert_eq!(code, 0, "{query}");
        let stripe = &rows[0];
        assert_eq!(stripe["name"], "Stripe", "{query}: {rows:?}");
        assert_eq!(stripe["platform"], "stripe");
        assert_eq!(stripe["url"], "https://status.stripe.com");
        assert_eq!(stripe["category"], "payments");
    }
    let listed = list_json(&["--category", "payments"]);
    let stripe = listed.iter().find(|r| r["name"] == "Stripe").unwrap();
    assert_eq!(stripe["aliases"], serde_json::json!(["stripe payments"]));
    let source = stripe["source"].as_str().unwrap();
    assert!(
        source.contains("github.com/w6w-io/w6w-apps/apps/stripe/README.md"),
        "{source}"
    );
}

fn list_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["catalog", "list", "--json"];
    all.extend_from_slice(args);
    let output = lookout(None, &all);
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    let rows: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    rows.as_array().unwrap().clone()
}

#[test]
fn list_json_gives_every_field_of_every_entry() {
    let rows = list_json(&[]);
    assert!(rows.len() >= 1_000, "{}", rows.len());
    assert!(rows
        .iter()
        .any(|r| r["name"] == "Clerk" && r["platform"] == "incident_io"));
    for row in &rows {
        for key in ["name", "category", "url", "platform", "source"] {
            assert!(
                row[key].as_str().is_some_and(|v| !v.is_empty()),
                "{key}: {row}"
            );
        }
        assert!(row["aliases"].is_array(), "{row}");
    }
    let gitlab = rows.iter().find(|r| r["name"] == "GitLab").unwrap();
    assert_eq!(gitlab["platform_id"], "5b36dc6502d06804c08349f7");
    assert!(gitlab["source"].as_str().unwrap().contains("github.com/"));
    let github = rows.iter().find(|r| r["name"] == "GitHub").unwrap();
    assert!(github.get("platform_id").is_none(), "{github}");
    assert_eq!(github["aliases"], serde_json::json!(["gh"]));
}

#[test]
fn list_keeps_one_category_typed_in_any_case() {
    let auth = list_json(&["--category", "AUTH"]);
    assert!(!auth.is_empty());
    assert!(auth.iter().all(|r| r["category"] == "auth"));
    assert!(auth.iter().any(|r| r["name"] == "Clerk"));
    let names: Vec<String> = auth
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");
    let cloud = list_json(&["--category", "cloud-cdn"]);
    assert!(cloud.iter().all(|r| r["category"] == "cloud & CDN"));
    assert!(cloud.iter().any(|r| r["name"] == "Cloudflare"));
    let everything = list_json(&[]).len();
    assert!(auth.len() + cloud.len() < everything);
}

#[test]
fn an_unknown_category_is_refused_with_the_categories_there_are() {
    let output = lookout(None, &["catalog", "list", "--category", "weather"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no such category"), "{error}");
    assert!(error.contains("cloud & CDN"), "{error}");
}

#[test]
fn list_text_is_grouped_under_a_heading_per_category() {
    let rows = list_json(&[]);
    let text = stdout(&lookout(None, &["catalog", "list"]));
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    let categories: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    assert_eq!(headings.len(), categories.len(), "{headings:?}");
    let mut counted = 0;
    for heading in &headings {
        let (name, count) = heading.rsplit_once(" (").unwrap();
        let count: usize = count.trim_end_matches(')').parse().unwrap();
        assert_eq!(
            count,
            rows.iter().filter(|r| r["category"] == name).count(),
            "{heading}"
        );
        counted += count;
    }
    assert_eq!(counted, rows.len());
    let services = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(services, rows.len());
    let auth = stdout(&lookout(None, &["catalog", "list", "--category", "auth"]));
    assert!(auth.starts_with("auth ("), "{auth}");
    assert!(auth.lines().any(|l| l.trim_start().starts_with("Clerk ")));
}
