//! `lookout follow` and `lookout rules remind-before` through the real binary: a followed
//! incident's updates reach a webhook whatever the provider's rules say (an unfollowed twin's do
//! not), following is listed and stopped; the reminder's lead time is read, shown and refused
//! when it makes no sense.

use crate::alerts::receiver;
use crate::{lookout, stdout};
use chrono::Utc;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

#[test]
fn a_followed_incident_reaches_the_sinks_whatever_the_rules_say() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    let (url, got) = receiver(0);
    for (slug, name) in [("acme", "Acme"), ("globex", "Globex")] {
        server.set_page(slug, Dialect::Statuspage, page(1));
        assert!(
            lookout(db, &["add", &server.page_url(slug), "--name", name])
                .status
                .success()
        );
        let rules = lookout(
            db,
            &["rules", "set", name, "--events", "provider_unreachable"],
        );
        assert!(rules.status.success(), "{rules:?}");
    }
    assert!(lookout(db, &["sinks", "add", "webhook", &url])
        .status
        .success());
    assert!(lookout(db, &["poll"]).status.success());

    let incidents: Value = serde_json::from_str(&stdout(&lookout(
        db,
        &["incidents", "--provider", "Acme", "--json"],
    )))
    .unwrap();
    let id = incidents[0]["id"].as_str().unwrap().to_string();
    let ambiguous = lookout(db, &["follow", &id]);
    assert!(!ambiguous.status.success());
    assert!(
        String::from_utf8_lossy(&ambiguous.stderr).contains("say which with --provider"),
        "both providers' scenario incidents share the id: {ambiguous:?}"
    );
    let followed = lookout(db, &["follow", &id, "--provider", "Acme"]);
    assert!(
        stdout(&followed).contains("following Acme: Elevated API errors"),
        "{followed:?}"
    );
    let again = stdout(&lookout(db, &["follow", &id, "--provider", "Acme"]));
    assert!(again.contains("already following"), "{again}");
    let unknown = lookout(db, &["follow", "no-such-incident"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no incident \"no-such-incident\""));

    for slug in ["acme", "globex"] {
        server.set_page(slug, Dialect::Statuspage, page(2));
    }
    assert!(lookout(db, &["poll"]).status.success());
    let titles: Vec<String> = got
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| serde_json::from_slice::<Value>(body).unwrap()["title"].to_string())
        .collect();
    assert_eq!(titles, ["\"Acme: partial outage\""], "Globex's rules hold");

    let listed: Value = serde_json::from_str(&stdout(&lookout(db, &["follow", "--json"]))).unwrap();
    assert_eq!(listed[0]["provider"], "Acme");
    assert_eq!(listed[0]["incident_id"], id.as_str());
    assert_eq!(listed[0]["resolved"], false);
    let stopped = stdout(&lookout(
        db,
        &["follow", &id, "--provider", "Acme", "--stop"],
    ));
    assert!(stopped.contains("no longer following"), "{stopped}");
    assert_eq!(
        stdout(&lookout(db, &["follow", "--json"])).trim(),
        "[]",
        "nothing followed any more"
    );
}

#[test]
fn the_reminder_lead_time_is_set_shown_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    let shown = stdout(&lookout(db, &["rules", "show"]));
    assert!(
        shown.contains("maintenance reminders: 1 h before"),
        "{shown}"
    );
    let set = lookout(db, &["rules", "remind-before", "2h30m"]);
    assert!(stdout(&set).contains("2 h 30 min before"), "{set:?}");
    let json: Value =
        serde_json::from_str(&stdout(&lookout(db, &["rules", "show", "--json"]))).unwrap();
    assert_eq!(json["settings"]["remind_before_minutes"], 150);
    assert_eq!(json["settings"]["events"]["maintenance_soon"], true);
    let bad = lookout(db, &["rules", "remind-before", "soon"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("looks like 1h, 30m or 2h30m"));
    let off = stdout(&lookout(db, &["rules", "remind-before", "off"]));
    assert!(off.contains("maintenance reminders: off"), "{off}");
}
