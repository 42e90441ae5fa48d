//! `lookout serve`'s feeds against the fake status server on 127.0.0.1: the Atom feed read by a
//! real feed parser (PyPI feedparser), the maintenance calendar by a real iCalendar library
//! (PyPI icalendar) with its SEQUENCE growing when the vendor moves the window, the badges as
//! well-formed SVG (Python's own XML parser), and who may read them (`--public`).

use crate::lookout;
use crate::serve::{get, request, serve, watched};
use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::{Maintenance, MaintenanceStatus, Snapshot};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a vendor may write: markup, entities and quotes, to be shown as text.
const HOSTILE: &str = "<b>Bold</b> & \"quoted\" <script>alert(1)</script> 'done'";

/// Runs the Python `script` on `input` (written to a file given as `sys.argv[1]`) and reads the
/// JSON it prints; `None` (after saying "skipped") when the `module` it needs is not installed.
fn python(module: &str, script: &str, input: &str) -> Option<Value> {
    let has = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        eprintln!("skipped: PyPI {module} is not installed: scripts/install-deps --test");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input");
    std::fs::write(&file, input).unwrap();
    let ran = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&ran.stdout).to_string();
    assert!(
        ran.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    Some(serde_json::from_str(&said).unwrap_or_else(|e| panic!("{e}: {said}")))
}

/// Acme's page at `stage` with a hostile first update and the maintenance `mnt1` from `start`
/// for two hours.
fn acme_page(stage: u8, start: DateTime<Utc>) -> Snapshot {
    let base_time = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let mut page = incident_life_for(Dialect::Statuspage, stage, base_time);
    if let Some(update) = page
        .incidents
        .first_mut()
        .and_then(|i| i.updates.last_mut())
    {
        update.body = HOSTILE.into();
    }
    page.maintenances.push(Maintenance {
        id: "mnt1".into(),
        title: "Database upgrade; phase 1, all regions".into(),
        status: MaintenanceStatus::Scheduled,
        scheduled_for: Some(start),
        scheduled_until: Some(start + Duration::hours(2)),
        url: Some("https://stspg.io/mnt1".into()),
        component_ids: Vec::new(),
    });
    page
}

/// Acme watched and polled at stage 2 with its maintenance in ten days.
fn acme_watched(dir: &Path) -> (FakeStatusServer, PathBuf, DateTime<Utc>) {
    let server = FakeStatusServer::start_blocking().unwrap();
    let start = (Utc::now() + Duration::days(10))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc();
    server.set_page("acme", Dialect::Statuspage, acme_page(1, start));
    let db = dir.join("lookout.db");
    let added = lookout(
        Some(&db),
        &["add", &server.page_url("acme"), "--name", "Acme"],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page("acme", Dialect::Statuspage, acme_page(2, start));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    (server, db, start)
}

const READ_FEED: &str = r#"
import json, sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
print(json.dumps({
  "bozo": bool(d.bozo), "version": d.version, "title": d.feed.get("title"),
  "entries": [{"id": e.id, "title": e.title, "updated": e.updated,
               "content": e.content[0].value, "content_type": e.content[0].type,
               "links": [l.href for l in e.links]} for e in d.entries]}))
"#;

#[test]
fn the_atom_feed_is_read_by_a_real_parser_newest_first_with_stable_ids_and_text_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = acme_watched(dir.path());
    let served = serve(&db, &["--public-url", "https://status.example.com"]);
    let first = get(served.port, "/feed.atom");
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        first.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let tag = first.header("etag").unwrap().to_string();
    let again = request(
        served.port,
        "GET /feed.atom",
        &[("If-None-Match", &tag)],
        "",
    );
    assert_eq!(again.status, 304);
    let one = get(served.port, "/providers/acme/feed.atom");
    assert_eq!(one.status, 200, "{}", one.body);
    assert_eq!(get(served.port, "/providers/nobody/feed.atom").status, 404);
    let Some(feed) = python("feedparser", READ_FEED, &first.body) else {
        return;
    };
    assert_eq!(feed["bozo"], false, "well-formed: {feed}");
    assert_eq!(feed["version"], "atom10");
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "investigating, identified: {feed}");
    let updated: Vec<&str> = entries
        .iter()
        .map(|e| e["updated"].as_str().unwrap())
        .collect();
    assert!(updated[0] > updated[1], "newest first: {updated:?}");
    for entry in entries {
        let id = entry["id"].as_str().unwrap();
        assert!(
            id.starts_with("tag:status.example.com,2026:provider/1/incident/"),
            "{id}"
        );
        assert!(entry["title"].as_str().unwrap().starts_with("Acme: "));
        assert_eq!(entry["content_type"], "text/plain");
        let links = entry["links"].as_array().unwrap();
        assert!(links.iter().any(|l| l
            .as_str()
            .unwrap()
            .starts_with("https://status.example.com/api/v1/incidents/1/")));
    }
    assert!(
        entries.iter().any(|e| e["content"] == HOSTILE),
        "the vendor's text, as text: {feed}"
    );
    // The same ids on a second read, and in the provider's own feed.
    let later = python(
        "feedparser",
        READ_FEED,
        &get(served.port, "/feed.atom").body,
    )
    .unwrap();
    let ids = |feed: &Value| -> Vec<Value> {
        let entries = feed["entries"].as_array().unwrap();
        entries.iter().map(|e| e["id"].clone()).collect()
    };
    assert_eq!(ids(&later), ids(&feed));
    let own = python("feedparser", READ_FEED, &one.body).unwrap();
    assert_eq!(ids(&own), ids(&feed));
}

const READ_CALENDAR: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]),
    "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
    "sequence": int(e["SEQUENCE"]), "status": str(e["STATUS"]), "url": str(e.get("URL"))}
    for e in cal.walk("VEVENT")]))
"#;

#[test]
fn the_calendar_is_read_by_a_real_library_and_its_sequence_grows_when_the_vendor_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (server, db, start) = acme_watched(dir.path());
    let served = serve(&db, &[]);
    let first = get(served.port, "/maintenance.ics");
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        first.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(first.body.split("\r\n").all(|line| line.len() <= 75));
    // The vendor moves it a day later.
    let moved = start + Duration::days(1);
    server.set_page("acme", Dialect::Statuspage, acme_page(2, moved));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let second = get(served.port, "/maintenance.ics");
    let Some(before) = python("icalendar", READ_CALENDAR, &first.body) else {
        return;
    };
    let after = python("icalendar", READ_CALENDAR, &second.body).unwrap();
    let (before, after) = (&before[0], &after[0]);
    assert_eq!(before["uid"], "1-mnt1@localhost");
    assert_eq!(after["uid"], before["uid"], "the same entry");
    assert_eq!(
        before["summary"],
        "Acme: Database upgrade; phase 1, all regions"
    );
    assert_eq!(before["start"], start.to_rfc3339());
    let end = start + Duration::hours(2);
    assert_eq!(before["end"], end.to_rfc3339());
    assert_eq!(after["start"], moved.to_rfc3339());
    assert_eq!(before["status"], "CONFIRMED");
    assert_eq!(before["url"], "https://stspg.io/mnt1");
    assert!(
        after["sequence"].as_i64() > before["sequence"].as_i64(),
        "{before} then {after}"
    );
}

const READ_SVG: &str = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
print(json.dumps({"tag": root.tag, "texts": [t.text for t in root.iter(ns + "text")],
    "fills": [r.get("fill") for r in root.iter(ns + "rect")]}))
"#;

#[test]
fn badges_are_well_formed_svg_with_the_status_word_and_colour() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = acme_watched(dir.path());
    let served = serve(&db, &[]);
    let status = get(served.port, "/badge/Acme.svg");
    assert_eq!(status.status, 200, "{}", status.body);
    assert_eq!(
        status.header("content-type"),
        Some("image/svg+xml; charset=utf-8")
    );
    assert_eq!(status.header("cache-control"), Some("max-age=60"));
    assert_eq!(
        get(served.port, "/badge/1.svg").body,
        status.body,
        "by id too"
    );
    let uptime = get(served.port, "/badge/acme/uptime.svg?days=30");
    assert_eq!(uptime.status, 200, "{}", uptime.body);
    let missing = get(served.port, "/badge/nobody.svg");
    assert_eq!(missing.status, 404);
    assert_eq!(get(served.port, "/badge/nobody/uptime.svg").status, 404);
    assert_eq!(
        get(served.port, "/badge/acme/uptime.svg?days=0").status,
        400
    );
    let Some(read) = python("xml.etree.ElementTree", READ_SVG, &status.body) else {
        return;
    };
    assert_eq!(read["tag"], "{http://www.w3.org/2000/svg}svg");
    assert!(
        read["texts"]
            .as_array()
            .unwrap()
            .contains(&"partial outage".into()),
        "{read}"
    );
    assert!(
        read["fills"]
            .as_array()
            .unwrap()
            .contains(&"#fe7d37".into()),
        "{read}"
    );
    let read = python("xml.etree.ElementTree", READ_SVG, &uptime.body).unwrap();
    let texts = read["texts"].as_array().unwrap();
    assert!(texts.contains(&"Acme uptime 30d".into()), "{read}");
    assert!(
        texts.iter().any(|t| t.as_str().unwrap().ends_with('%')),
        "{read}"
    );
    let read = python("xml.etree.ElementTree", READ_SVG, &missing.body).unwrap();
    assert!(read["texts"]
        .as_array()
        .unwrap()
        .contains(&"not found".into()));
    assert!(read["fills"]
        .as_array()
        .unwrap()
        .contains(&"#9f9f9f".into()));
}

#[test]
fn public_opens_the_feeds_and_badges_and_never_the_api_or_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = watched(dir.path());
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "t0ken-of-the-feeds\n").unwrap();
    let token = token_file.to_str().unwrap();
    let open = [
        "/feed.atom",
        "/providers/1/feed.atom",
        "/maintenance.ics",
        "/badge/1.svg",
        "/badge/1/uptime.svg",
    ];
    let closed = ["/api/v1/providers", "/api/v1/events"];
    let private = serve(&db, &["--token-file", token]);
    for path in open.iter().chain(&closed) {
        assert_eq!(
            get(private.port, path).status,
            401,
            "{path} without --public"
        );
    }
    let bearer = [("Authorization", "Bearer t0ken-of-the-feeds")];
    let with_token = request(private.port, "GET /feed.atom", &bearer, "");
    assert_eq!(with_token.status, 200);
    drop(private);
    let public = serve(&db, &["--token-file", token, "--public"]);
    for path in open {
        assert_eq!(get(public.port, path).status, 200, "{path} with --public");
    }
    for path in closed {
        assert_eq!(get(public.port, path).status, 401, "{path} with --public");
    }
}
