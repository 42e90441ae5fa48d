//! A hostile page through the real binary: vendor text with terminal escape sequences and bidi
//! controls is shown escaped in every text output and kept exact in JSON; a closed pipe ends a
//! command quietly.

use crate::{lookout, stdout};
use chrono::Utc;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

/// Retitles the terminal, clears the screen, returns the cursor, a C1 CSI, a right-to-left
/// override and an isolate: each must reach a terminal escaped.
const HOSTILE: &str =
    "Outage\u{1b}]0;pwned\u{7}\u{1b}[2J\r$ sudo rm -rf /\u{9b}31m\u{202e}exe.txt\u{2066}x\u{2069}";

fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn vendor_text_reaches_the_terminal_escaped_and_json_exact() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    let hostile_page = |stage| {
        let mut page = incident_life_for(Dialect::Statuspage, stage, base);
        page.page.name = Some(format!("Acme{HOSTILE}"));
        for incident in &mut page.incidents {
            incident.title = HOSTILE.to_string();
            for update in &mut incident.updates {
                update.body = format!("<p>{HOSTILE}</p>");
            }
        }
        for component in &mut page.components {
            component.name = format!("{}{HOSTILE}", component.name);
        }
        page
    };
    server.set_page("acme", Dialect::Statuspage, hostile_page(1));
    let url = server.page_url("acme");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");

    let mut texts = Vec::new();
    texts.push(("check".into(), stdout(&lookout(None, &["check", &url]))));
    let added = lookout(Some(&db), &["add", &url]);
    assert!(added.status.success(), "{added:?}");
    texts.push(("add".into(), stdout(&added)));
    server.set_page("acme", Dialect::Statuspage, hostile_page(2));
    for args in [vec!["poll"], vec!["list"], vec!["incidents"]] {
        let output = lookout(Some(&db), &args);
        texts.push((args.join(" "), stdout(&output)));
        texts.push((
            format!("{} (stderr)", args.join(" ")),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    for (command, text) in &texts {
        assert_eq!(
            unsafe_chars(text),
            Vec::<char>::new(),
            "{command} printed: {text:?}"
        );
        if !command.ends_with("(stderr)") {
            assert!(
                text.contains("Outage"),
                "{command}: vendor text shown: {text}"
            );
            assert!(
                text.contains("\\u{1b}]0;pwned"),
                "{command}: shown escaped: {text}"
            );
        }
    }

    let json = stdout(&lookout(Some(&db), &["incidents", "--json"]));
    let incidents: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        incidents[0]["title"], HOSTILE,
        "JSON keeps vendor text exact"
    );
    let checked: Value =
        serde_json::from_str(&stdout(&lookout(None, &["check", &url, "--json"]))).unwrap();
    assert_eq!(checked["incidents"][0]["title"], HOSTILE);
}

/// A page that names itself "Evil\nRow 2" (and a component, an incident likewise): every text
/// output keeps each name on its own row, the line feed shown as `\n`; JSON keeps it exact.
#[test]
fn a_name_with_a_line_feed_cannot_forge_a_row_of_output() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    let forging_page = |stage| {
        let mut page = incident_life_for(Dialect::Statuspage, stage, base);
        page.page.name = Some("Evil\nRow 2".into());
        for component in &mut page.components {
            component.name = format!("{}\r\nRow 3\u{2028}Row 4", component.name);
        }
        for incident in &mut page.incidents {
            incident.title = "Title\nRow 5".into();
        }
        page
    };
    server.set_page("acme", Dialect::Statuspage, forging_page(1));
    let url = server.page_url("acme");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");

    let mut texts = vec![("check", lookout(None, &["check", &url]))];
    texts.push(("add", lookout(Some(&db), &["add", &url])));
    assert!(texts[1].1.status.success(), "{:?}", texts[1].1);
    server.set_page("acme", Dialect::Statuspage, forging_page(2));
    texts.push(("poll", lookout(Some(&db), &["poll"])));
    texts.push(("list", lookout(Some(&db), &["list"])));
    texts.push(("incidents", lookout(Some(&db), &["incidents"])));
    texts.push(("remove", lookout(Some(&db), &["remove", "1"])));
    for (command, output) in &texts {
        let text = stdout(output);
        for row in ["Row 2", "Row 3", "Row 4", "Row 5"] {
            assert!(
                !text.lines().any(|line| line.starts_with(row)),
                "{command} printed a forged row: {text}"
            );
        }
        assert!(!text.contains('\u{2028}'), "{command}: {text}");
    }
    for (command, output) in &texts {
        if *command != "poll" {
            let text = stdout(output);
            assert!(text.contains("Evil\\nRow 2"), "{command}: {text}");
        }
    }
    let checked = stdout(&texts[0].1);
    assert!(
        checked.contains("\\u{d}\\nRow 3\\u{2028}Row 4"),
        "{checked}"
    );

    let json = stdout(&lookout(None, &["check", &url, "--json"]));
    let checked: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        checked["provider"]["name"], "Evil\nRow 2",
        "JSON keeps it exact"
    );
}

#[test]
fn a_stripe_page_s_part_names_reach_the_terminal_escaped_and_json_exact() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/stripe/acme-current-hostile.json"
    );
    let server = FakeStatusServer::start_blocking().unwrap();
    let body = std::fs::read(fixture).unwrap();
    server.set_document("stripe", "current", "application/json", body);
    let url = server.page_url("stripe");
    let text = lookout(None, &["check", &url]);
    let shown = stdout(&text);
    assert_eq!(unsafe_chars(&shown), Vec::<char>::new(), "{shown:?}");
    assert!(
        shown.contains("\\u{1b}[31mwebhooks"),
        "shown escaped: {shown}"
    );
    assert_eq!(text.status.code(), Some(2), "the API is down: {shown}");
    let output = lookout(None, &["check", &url, "--json"]);
    let checked: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(checked["provider"]["platform"], "stripe");
    assert_eq!(checked["status"], "major_outage");
    let names: Vec<&str> = checked["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"\u{1b}[31mwebhooks\u{1b}[0m")
            && names.contains(&"<img src=x onerror=alert(1)>"),
        "JSON keeps vendor text exact: {names:?}"
    );
    assert_eq!(
        checked["incidents"],
        serde_json::json!([]),
        "no incident invented"
    );
}

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let server = FakeStatusServer::start_blocking().unwrap();
    // Far more than a pipe holds (64 KiB), so the command is still writing when `head` leaves.
    let incidents: Vec<Value> = (0..3000)
        .map(|i| {
            serde_json::json!({
                "id": format!("inc{i:05}"), "name": format!("Incident number {i} with a long title"),
                "status": "resolved", "impact": "minor",
                "created_at": "2026-03-04T09:00:00Z", "updated_at": "2026-03-04T09:45:00Z",
                "resolved_at": "2026-03-04T09:45:00Z", "started_at": "2026-03-04T09:00:00Z",
                "shortlink": null, "page_id": "acme00page01", "components": [],
                "incident_updates": [{"id": format!("upd{i:05}"), "status": "resolved",
                    "body": "Done.", "created_at": "2026-03-04T09:45:00Z",
                    "display_at": "2026-03-04T09:45:00Z", "affected_components": null}]
            })
        })
        .collect();
    let summary = std::fs::read(format!(
        "{}/../../tests/fixtures/statuspage/acme-summary.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    server.set_document("acme", "api/v2/summary.json", "application/json", summary);
    server.set_document(
        "acme",
        "api/v2/incidents.json",
        "application/json",
        serde_json::to_vec(&serde_json::json!({ "incidents": incidents })).unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(Some(&db), &["add", &server.page_url("acme")])
        .status
        .success());
    assert!(lookout(Some(&db), &["poll"]).status.success());

    let errors = dir.path().join("stderr");
    for args in ["incidents", "incidents --json", "catalog list"] {
        let piped = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$LOOKOUT\" {args} 2>\"$ERRORS\" | head -1"))
            .env("LOOKOUT", env!("CARGO_BIN_EXE_lookout"))
            .env("LOOKOUT_DB", &db)
            .env("ERRORS", &errors)
            .output()
            .unwrap();
        let shown = stdout(&piped);
        assert_eq!(shown.lines().count(), 1, "{args}: {shown}");
        let complaint = std::fs::read_to_string(&errors).unwrap();
        assert_eq!(complaint, "", "{args}: nothing on stderr");
    }
}

#[test]
fn a_sinks_url_and_secret_stay_out_of_the_process_list_the_listing_and_the_log() {
    use std::io::Write;
    let (server, base) = crate::calm_acme();
    let (hook, got) = crate::alerts::receiver(1);
    let secret = "whsec-Zq8uTopSecretValue";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");

    let mut adding = std::process::Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["sinks", "add", "webhook", "-", "--name", "ops"])
        .env("LOOKOUT_DB", &db)
        .env("LOOKOUT_SINK_SECRET", secret)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    #[cfg(target_os = "linux")]
    {
        let cmdline = std::fs::read(format!("/proc/{}/cmdline", adding.id())).unwrap();
        let cmdline = String::from_utf8_lossy(&cmdline);
        assert!(
            !cmdline.contains(secret) && !cmdline.contains("/hook"),
            "{cmdline}"
        );
    }
    writeln!(adding.stdin.take().unwrap(), "{hook}").unwrap();
    let added = adding.wait_with_output().unwrap();
    assert!(added.status.success(), "{added:?}");

    let both = lookout(
        Some(&db),
        &["sinks", "add", "webhook", "-", "--secret", "-"],
    );
    assert_eq!(
        both.status.code(),
        Some(3),
        "only one value from standard input"
    );

    let listed = stdout(&lookout(Some(&db), &["sinks", "list"]));
    assert!(listed.contains("••••alue"), "{listed}");
    let json = stdout(&lookout(Some(&db), &["sinks", "list", "--json"]));
    for shown in [&listed, &json] {
        assert!(
            !shown.contains(secret) && !shown.contains("/hook"),
            "{shown}"
        );
    }

    assert!(lookout(Some(&db), &["add", &server.page_url("acme")])
        .status
        .success());
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 1, base),
    );
    let polled = std::process::Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["poll"])
        .env("LOOKOUT_DB", &db)
        .env("RUST_LOG", "debug")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&polled.stderr);
    assert!(
        log.contains("will retry"),
        "the failed delivery is logged: {log}"
    );
    assert!(!log.contains(secret) && !log.contains("/hook"), "{log}");
    assert_eq!(
        got.lock().unwrap().len(),
        1,
        "the receiver answered 500 once"
    );
}
