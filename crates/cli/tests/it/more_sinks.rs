//! `lookout sinks add pagerduty|opsgenie|email` through the real binary: keys and passwords
//! read from standard input and never listed; `lookout poll` pages PagerDuty for an incident and
//! resolves it with the same key; flags that do not fit a kind, and plain SMTP to another
//! machine, are refused.

use crate::{lookout, stdout};
use axum::body::Bytes;
use axum::http::Uri;
use axum::Router;
use chrono::{TimeZone, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::io::Write;
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};

type Got = Arc<Mutex<Vec<(String, Value)>>>;

/// A paging service on its own thread: records every request's path and JSON, answers 202.
fn service() -> (String, Got) {
    let got: Got = Arc::default();
    let seen = got.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let app = Router::new().fallback(move |uri: Uri, body: Bytes| {
                let seen = seen.clone();
                async move {
                    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    seen.lock().unwrap().push((uri.to_string(), json));
                    axum::http::StatusCode::ACCEPTED
                }
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    (rx.recv().unwrap(), got)
}

/// Runs `lookout` with `input` on standard input.
fn lookout_with_input(db: &std::path::Path, args: &[&str], input: &str) -> Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{input}").unwrap();
    child.wait_with_output().unwrap()
}

const ROUTING_KEY: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn keys_and_passwords_come_from_stdin_and_are_never_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let (url, got) = service();
    let endpoint = format!("{url}/v2/enqueue");
    let added = lookout_with_input(
        &db,
        &["sinks", "add", "pagerduty", "-", "--endpoint", &endpoint],
        ROUTING_KEY,
    );
    assert!(added.status.success(), "{added:?}");
    let added = lookout_with_input(
        &db,
        &["sinks", "add", "opsgenie", "-"],
        "genie-api-key-0001",
    );
    assert!(added.status.success(), "{added:?}");
    let added = lookout_with_input(
        &db,
        &[
            "sinks",
            "add",
            "email",
            "smtp+starttls://bot@mail.acme.test",
            "--to",
            "ops@acme.test",
            "--password",
            "-",
        ],
        "hunter2-correct-horse",
    );
    assert!(added.status.success(), "{added:?}");

    let listed = stdout(&lookout(Some(&db), &["sinks", "list"]));
    let json = stdout(&lookout(Some(&db), &["sinks", "list", "--json"]));
    for shown in [&listed, &json] {
        for secret in [ROUTING_KEY, "genie-api-key-0001", "hunter2"] {
            assert!(!shown.contains(secret), "{secret} shown: {shown}");
        }
    }
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(lines[0].contains("pagerduty") && lines[0].contains("routing key ••••cdef"));
    assert!(lines[0].contains("http://127.0.0.1/…"), "{}", lines[0]);
    assert!(
        lines[1].contains("https://api.opsgenie.com/…"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("API key ••••0001"), "{}", lines[1]);
    assert!(
        lines[2].contains("smtp+starttls://mail.acme.test:587 → ops@acme.test")
            && lines[2].contains("password ••••"),
        "{}",
        lines[2]
    );

    let tested = lookout(Some(&db), &["sinks", "test", "1"]);
    assert!(tested.status.success(), "{tested:?}");
    let got = got.lock().unwrap().clone();
    let actions: Vec<&str> = got
        .iter()
        .map(|(_, b)| b["event_action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["trigger", "resolve"]);
    assert_eq!(got[0].1["routing_key"], ROUTING_KEY);
    let log = stdout(&lookout(Some(&db), &["sinks", "log", "--json"]));
    assert!(!log.contains(ROUTING_KEY), "{log}");
}

#[test]
fn flags_that_do_not_fit_and_plain_smtp_elsewhere_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let db = Some(db.as_path());
    for (args, says) in [
        (
            vec!["email", "smtp://mail.acme.test", "--to", "ops@acme.test"],
            "this machine",
        ),
        (vec!["email", "smtps://mail.acme.test"], "to address"),
        (
            vec!["slack", "https://hooks.slack.com/x", "--to", "a@b.test"],
            "email sinks",
        ),
        (
            vec![
                "webhook",
                "https://example.com/h",
                "--endpoint",
                "https://x.test",
            ],
            "--endpoint is for",
        ),
        (
            vec!["pagerduty", "key", "--secret", "s"],
            "--secret is for webhooks",
        ),
        (
            vec!["pagerduty", "key", "--endpoint", "http://example.com/"],
            "https://",
        ),
        (vec!["opsgenie", "my key"], "blank space"),
    ] {
        let mut all = vec!["sinks", "add"];
        all.extend(args.iter().copied());
        let refused = lookout(db, &all);
        let said = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(3), "{args:?}: {said}");
        assert!(said.contains(says), "{args:?}: {said}");
    }
    assert!(stdout(&lookout(db, &["sinks", "list"])).is_empty());
}

#[test]
fn poll_pages_an_incident_and_resolves_it_with_the_same_key() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(5);
    let base = Utc.timestamp_opt(base.timestamp(), 0).unwrap();
    let page = |stage| incident_life_for(Dialect::Statuspage, stage, base);
    server.set_page("acme", Dialect::Statuspage, page(0));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let (url, got) = service();
    let acme = server.page_url("acme");
    assert!(lookout(Some(&db), &["add", &acme, "--name", "Acme"])
        .status
        .success());
    let endpoint = format!("{url}/v2/enqueue");
    let added = lookout(
        Some(&db),
        &[
            "sinks",
            "add",
            "pagerduty",
            ROUTING_KEY,
            "--endpoint",
            &endpoint,
        ],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&db), &["poll"]).status.success(), "baseline");
    server.set_page("acme", Dialect::Statuspage, page(2));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page("acme", Dialect::Statuspage, page(3));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    assert!(
        lookout(Some(&db), &["poll"]).status.success(),
        "nothing new"
    );

    let got = got.lock().unwrap().clone();
    let actions: Vec<&str> = got
        .iter()
        .map(|(_, b)| b["event_action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["trigger", "resolve"], "{got:#?}");
    assert_eq!(got[0].1["dedup_key"], got[1].1["dedup_key"]);
    assert_eq!(got[0].1["payload"]["source"].as_str().unwrap(), acme);
}
