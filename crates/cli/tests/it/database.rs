//! The database commands: add, list, poll, incidents, remove — sharing one file through LOOKOUT_DB.

use crate::{lookout, stdout};
use chrono::{TimeZone, Utc};
use lookout_fake_status_server::scenario::{incident_life_for, INCIDENT_TITLE};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

#[test]
fn add_poll_and_list_incidents_through_one_database() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("lookout.db");
    let db = Some(db.as_path());

    let added = lookout(
        db,
        &[
            "add",
            &server.page_url("acme"),
            "--name",
            "Acme",
            "--interval",
            "30",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(stdout(&added).contains("added Acme"));
    let again = lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"]);
    assert_eq!(again.status.code(), Some(3), "a duplicate is refused");

    let list: Value = serde_json::from_str(&stdout(&lookout(db, &["list", "--json"]))).unwrap();
    assert_eq!(list[0]["name"], "Acme");
    assert_eq!(list[0]["status"], "operational", "read as it was added");
    assert_eq!(list[0]["poll_interval_secs"], 30);

    let baseline = lookout(db, &["poll", "--json"]);
    assert!(baseline.status.success());
    assert_eq!(stdout(&baseline).trim(), "", "the first poll is a baseline");

    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let opened = lookout(db, &["poll", "--json"]);
    let events: Vec<Value> = stdout(&opened)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["component_changed", "incident_opened"]);
    assert_eq!(events[0]["provider"], "Acme");
    assert_eq!(events[0]["component"], "API");
    assert_eq!(events[0]["from"], "operational");
    assert_eq!(events[0]["to"], "degraded_performance");
    assert_eq!(events[1]["title"], INCIDENT_TITLE);
    assert_eq!(events[1]["status"], "investigating");
    assert!(events[1]["at"].is_string() && events[1]["incident_id"].is_string());

    assert_eq!(
        stdout(&lookout(db, &["poll", "--json"])).trim(),
        "",
        "nothing twice"
    );

    let active: Value = serde_json::from_str(&stdout(&lookout(
        db,
        &["incidents", "--active", "--provider", "acme", "--json"],
    )))
    .unwrap();
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["provider"], "Acme");
    assert_eq!(active[0]["title"], INCIDENT_TITLE);

    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 3, base),
    );
    let resolved = stdout(&lookout(db, &["poll"]));
    assert!(
        resolved.contains("incident resolved: Elevated API errors (after 30 min)"),
        "{resolved}"
    );
    let text = stdout(&lookout(db, &["incidents"]));
    assert!(
        text.contains("[resolved]") && text.contains("30 min"),
        "{text}"
    );

    let removed = lookout(db, &["remove", "acme"]);
    assert!(removed.status.success());
    assert_eq!(stdout(&lookout(db, &["list", "--json"])).trim(), "[]");
}
