//! `lookout check`: the JSON contract, exit codes, and clear failures.

use crate::{lookout, stdout};
use chrono::{Duration, TimeZone, Utc};
use lookout_fake_status_server::scenario::{incident_life_for, INCIDENT_TITLE};
use lookout_fake_status_server::{Dialect, FakeStatusServer, Fault};
use serde_json::Value;

fn base_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

fn check_json(url: &str) -> (Value, i32) {
    let output = lookout(None, &["check", url, "--json"]);
    let json = serde_json::from_str(stdout(&output).trim()).unwrap_or(Value::Null);
    (json, output.status.code().unwrap())
}

#[test]
fn check_prints_the_contract_for_an_outage_and_exits_2() {
    let server = FakeStatusServer::start_blocking().unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base_time()),
    );
    let (json, code) = check_json(&server.page_url("acme"));
    assert_eq!(code, 2);
    assert_eq!(json["provider"]["platform"], "statuspage");
    assert_eq!(json["provider"]["url"], server.page_url("acme"));
    assert_eq!(json["status"], "partial_outage");
    let components = json["components"].as_array().unwrap();
    assert_eq!(components.len(), 3);
    let api = components.iter().find(|c| c["name"] == "API").unwrap();
    assert_eq!(api["group"], "Core");
    assert_eq!(api["status"], "partial_outage");
    let incident = &json["incidents"][0];
    assert_eq!(incident["title"], INCIDENT_TITLE);
    assert_eq!(incident["status"], "identified");
    assert_eq!(incident["started_at"], "2026-06-01T12:00:00Z");
    assert!(incident["resolved_at"].is_null());
    assert!(incident["duration_seconds"].is_null());
    let updates = incident["updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(
        updates[0]["status"], "investigating",
        "updates oldest first"
    );
    assert_eq!(updates[1]["status"], "identified");
    assert_eq!(updates[1]["at"], "2026-06-01T12:10:00Z");
    assert!(json["maintenances"].is_array());
}

#[test]
fn check_reports_the_true_duration_once_resolved_in_both_dialects() {
    let server = FakeStatusServer::start_blocking().unwrap();
    for (slug, dialect, platform) in [
        ("acme", Dialect::Statuspage, "statuspage"),
        ("acme-io", Dialect::IncidentIo, "incident_io"),
    ] {
        server.set_page(slug, dialect, incident_life_for(dialect, 3, base_time()));
        let (json, code) = check_json(&server.page_url(slug));
        assert_eq!(code, 0, "{slug}");
        assert_eq!(json["provider"]["platform"], platform);
        assert_eq!(json["status"], "operational");
        let incident = &json["incidents"][0];
        assert_eq!(incident["status"], "resolved");
        assert_eq!(incident["duration_seconds"], 1800, "{slug}");
        let link = incident["url"].as_str().unwrap();
        assert!(
            link.starts_with(&server.page_url(slug)) || link.starts_with("https://stspg.io/"),
            "{link}"
        );
        assert_eq!(
            incident["resolved_at"].as_str().unwrap(),
            (base_time() + Duration::minutes(30))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        );
    }
}

#[test]
fn check_exits_1_when_degraded_and_prints_text_without_json() {
    let server = FakeStatusServer::start_blocking().unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base_time()),
    );
    let output = lookout(None, &["check", &server.page_url("acme")]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("degraded_performance"), "{text}");
    assert!(text.contains(INCIDENT_TITLE), "{text}");
}

#[test]
fn check_exits_3_with_one_clear_line_on_bad_answers() {
    let server = FakeStatusServer::start_blocking().unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base_time()),
    );
    for (fault, words) in [
        (Fault::Html, "no supported status page"),
        (Fault::Status(500), "HTTP 500"),
        (
            Fault::RateLimited {
                retry_after_secs: 30,
            },
            "rate limiting",
        ),
        (Fault::Garbage, "no supported status page"),
        (
            Fault::RedirectTo("file:///etc/passwd".into()),
            "redirect refused: redirect 1 goes to file:///etc/passwd",
        ),
    ] {
        server.set_fault("acme", Some(fault));
        let output = lookout(None, &["check", &server.page_url("acme")]);
        assert_eq!(output.status.code(), Some(3), "{words}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(words), "{words}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
    let closed = "http://127.0.0.1:9/";
    let output = lookout(None, &["check", closed, "--json"]);
    assert_eq!(output.status.code(), Some(3));
    let json: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(json["status"], "unknown");
}

/// A status.io page during a security incident (code 600, "Security Issue") beside a component
/// with no status at all: the page was read, so the check is not "could not be read" (3) but at
/// least degraded (1), and the vendor's word is kept.
#[test]
fn check_counts_a_status_word_it_does_not_know_as_degraded_not_unreadable() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let page = serde_json::json!({"result": {
        "status_overall": {"status": "Security Issue", "status_code": 600},
        "status": [
            {"id": "acme0docs", "name": "Docs"},
            {"id": "acme0auth", "name": "Login", "status": "Security Issue", "status_code": 600},
            {"id": "acme0web", "name": "Website", "status": "Operational", "status_code": 100}
        ],
        "incidents": [],
        "maintenance": {"active": [], "upcoming": []}
    }});
    let path = "1.0/status/5e2141ce30dc5c04b3ac32fc";
    server.set_document(
        "sio",
        path,
        "application/json",
        page.to_string().into_bytes(),
    );
    let url = format!("{}{path}", server.page_url("sio"));

    let (json, code) = check_json(&url);
    assert_eq!(json["provider"]["platform"], "statusio", "{json}");
    let login = &json["components"][1];
    assert_eq!(
        login["status"], "security_event",
        "the word is kept: {json}"
    );
    assert_eq!(code, 1, "read, and not operational: {json}");
    let text = lookout(None, &["check", &url]);
    assert_eq!(text.status.code(), Some(1), "{}", stdout(&text));
}
