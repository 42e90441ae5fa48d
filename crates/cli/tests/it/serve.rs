//! `lookout serve` against the fake status server on 127.0.0.1: every route's JSON under
//! snapshot and equal to the command's own `--json`, pages of incidents, ETag → 304, errors as
//! `{code, message}` with their status, the token rules, CORS only when asked, SIGTERM, and the
//! OpenAPI document checked by the real validator.

use crate::contracts::normalised;
use crate::{lookout, stdout};
use chrono::{DateTime, TimeZone, Utc};
use lookout_core::{Maintenance, MaintenanceStatus};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An answer: its status, its headers (names in lower case) and its body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, value)| value.as_str())
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends one request (HTTP/1.0: the server closes after answering) and reads the answer.
pub(crate) fn request(port: u16, head: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut text = format!("{head} HTTP/1.0\r\nHost: localhost\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status: status.parse().unwrap(),
        headers,
        body: body.to_string(),
    }
}

pub(crate) fn get(port: u16, path: &str) -> Answer {
    request(port, &format!("GET {path}"), &[], "")
}

/// A port on 127.0.0.1 nothing listens on (now).
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A running `lookout serve`, killed when dropped (a test that stops it waits for it instead).
pub(crate) struct Served {
    pub(crate) child: Child,
    pub(crate) port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `lookout serve --listen 127.0.0.1:<free port>` with `args` on `db`, once it answers.
pub(crate) fn serve(db: &Path, args: &[&str]) -> Served {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut all = vec!["serve", "--listen", &listen];
    all.extend_from_slice(args);
    let child = crate::start_lookout(db, &all, "off", crate::Reads::Nothing);
    let mut served = Served { child, port };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = served.child.try_wait().unwrap() {
            panic!("lookout serve ended: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    served
}

/// A database watching Acme (an incident, a maintenance) and Beta (an incident), polled twice
/// as `contracts` does; the fake server and the page's moment.
pub(crate) fn watched(dir: &Path) -> (FakeStatusServer, PathBuf, DateTime<Utc>) {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base_time = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let page = |stage| {
        let mut page = incident_life_for(Dialect::Statuspage, stage, base_time);
        page.maintenances.push(Maintenance {
            id: "mnt1".into(),
            title: "Database upgrade".into(),
            status: MaintenanceStatus::Scheduled,
            scheduled_for: Some(base_time + chrono::Duration::days(30)),
            scheduled_until: Some(
                base_time + chrono::Duration::days(30) + chrono::Duration::hours(2),
            ),
            url: Some("https://stspg.io/mnt1".into()),
            component_ids: Vec::new(),
        });
        page
    };
    let db = dir.join("lookout.db");
    for slug in ["acme", "beta"] {
        server.set_page(slug, Dialect::Statuspage, page(0));
        let name = if slug == "acme" { "Acme" } else { "Beta" };
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page("acme", Dialect::Statuspage, page(2));
    server.set_page("beta", Dialect::Statuspage, page(1));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    (server, db, base_time)
}

/// The command's `--json` output for `args`, normalised.
fn cli_json(db: &Path, args: &[&str], base_url: &str) -> Value {
    let output = lookout(Some(db), args);
    assert!(output.status.success(), "{output:?}");
    normalised(serde_json::from_str(&stdout(&output)).unwrap(), base_url)
}

/// `report` without what grows by the second while an outage lasts (seconds of downtime up to
/// now, the uptime they make): the rest must be equal from one read to the next.
fn steady(mut report: Value) -> Value {
    if !report.is_object() {
        return report;
    }
    let providers = report.get_mut("providers").and_then(Value::as_array_mut);
    for provider in providers.into_iter().flatten() {
        if let Some(worst) = provider
            .get_mut("worst_component")
            .and_then(Value::as_object_mut)
        {
            worst.insert("seconds".into(), json!("[grows]"));
        }
        let components = provider.get_mut("components").and_then(Value::as_array_mut);
        for component in components.into_iter().flatten() {
            component["seconds"] = json!("[grows]");
            component["uptime_percent"] = json!("[grows]");
        }
    }
    report
}

#[test]
fn every_route_answers_the_json_of_the_command_under_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (server, db, _) = watched(dir.path());
    let base_url = server.base_url();
    let served = serve(&db, &[]);
    let api = |path: &str| {
        let answer = get(served.port, path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(answer.header("content-type"), Some("application/json"));
        normalised(answer.json(), &base_url)
    };
    // One contract: the API answers what the command prints.
    for (path, args) in [
        ("/api/v1/providers", &["list", "--json"][..]),
        ("/api/v1/incidents", &["incidents", "--json"]),
        (
            "/api/v1/stats?days=3660",
            &["stats", "--json", "--days", "3660"],
        ),
        (
            "/api/v1/uptime?days=3",
            &["uptime", "--json", "--days", "3"],
        ),
        ("/api/v1/services", &["services", "--json"]),
    ] {
        let (served, printed) = (steady(api(path)), steady(cli_json(&db, args, &base_url)));
        assert_eq!(served, printed, "{path}");
    }
    let incidents = api("/api/v1/incidents");
    let first = &incidents[0];
    let one = format!(
        "/api/v1/incidents/{}/{}",
        first["provider_id"],
        first["id"].as_str().unwrap()
    );
    assert_eq!(&api(&one), first);
    // The vendor's id percent-encoded (as a client encodes any id) names the same incident.
    let encoded: String = first["id"]
        .as_str()
        .unwrap()
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let path = format!("/api/v1/incidents/{}/{encoded}", first["provider_id"]);
    assert_eq!(&api(&path), first);
    insta::assert_json_snapshot!("serve_providers", api("/api/v1/providers"));
    insta::assert_json_snapshot!("serve_provider", api("/api/v1/providers/1"));
    insta::assert_json_snapshot!("serve_incidents", incidents);
    insta::assert_json_snapshot!(
        "serve_stats",
        steady(api("/api/v1/stats?provider=acme&days=3660"))
    );
    insta::assert_json_snapshot!("serve_maintenance", api("/api/v1/maintenance"));
    let uptime = api("/api/v1/uptime?provider=1&days=2");
    assert_eq!(uptime["providers"][0]["name"], "Acme");
    assert_eq!(uptime["providers"].as_array().unwrap().len(), 1);
    // No CORS header unless asked for.
    let from_a_page = request(
        served.port,
        "GET /api/v1/providers",
        &[("Origin", "https://evil.example")],
        "",
    );
    assert_eq!(from_a_page.header("access-control-allow-origin"), None);
}

#[test]
fn incidents_come_in_pages_each_linking_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = watched(dir.path());
    let served = serve(&db, &["--public-url", "https://status.example.com/"]);
    let all = get(served.port, "/api/v1/incidents").json();
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    assert!(get(served.port, "/api/v1/incidents")
        .header("link")
        .is_none());
    for query in ["state=all", "search=API"] {
        let first = get(served.port, &format!("/api/v1/incidents?{query}&limit=1"));
        let link = first.header("link").expect("a next page").to_string();
        let prefix =
            format!("<https://status.example.com/api/v1/incidents?{query}&limit=1&cursor=");
        assert!(
            link.starts_with(&prefix) && link.ends_with(">; rel=\"next\""),
            "{link}"
        );
        let next = link
            .trim_start_matches("<https://status.example.com")
            .split('>')
            .next()
            .unwrap();
        let second = get(served.port, next);
        assert_eq!(second.status, 200, "{}", second.body);
        assert!(second.header("link").is_none(), "the last page");
        let mut pages = first.json().as_array().unwrap().clone();
        pages.extend(second.json().as_array().unwrap().iter().cloned());
        let ids = |list: &[Value]| -> Vec<Value> { list.iter().map(|i| i["id"].clone()).collect() };
        let mut expected = ids(all.as_array().unwrap());
        let mut paged = ids(&pages);
        if query.starts_with("search") {
            expected.sort_by_key(Value::to_string);
            paged.sort_by_key(Value::to_string);
        }
        assert_eq!(paged, expected, "{query}");
    }
    let active = get(served.port, "/api/v1/incidents?state=active&provider=Acme").json();
    assert_eq!(active.as_array().unwrap().len(), 1);
    let since = get(served.port, "/api/v1/incidents?since=2030-01-01").json();
    assert_eq!(since, json!([]));
}

#[test]
fn reads_carry_an_etag_and_errors_say_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = watched(dir.path());
    let served = serve(&db, &[]);
    let port = served.port;
    let read = get(port, "/api/v1/maintenance");
    let tag = read.header("etag").expect("an ETag").to_string();
    assert!(
        tag.starts_with('"') && tag.len() > 20,
        "a strong tag: {tag}"
    );
    let again = request(
        port,
        "GET /api/v1/maintenance",
        &[("If-None-Match", &tag)],
        "",
    );
    assert_eq!((again.status, again.body.as_str()), (304, ""));
    assert_eq!(again.header("etag"), Some(tag.as_str()));
    let other = request(
        port,
        "GET /api/v1/stats",
        &[("If-None-Match", "\"other\"")],
        "",
    );
    assert_eq!(other.status, 200);
    let head = request(port, "HEAD /api/v1/maintenance", &[], "");
    assert_eq!(
        (head.status, head.header("etag")),
        (200, Some(tag.as_str()))
    );

    let mut errors = serde_json::Map::new();
    for (case, head, body) in [
        ("unknown provider", "GET /api/v1/providers/99", ""),
        ("not a provider id", "GET /api/v1/providers/acme", ""),
        ("unknown incident", "GET /api/v1/incidents/1/nope", ""),
        (
            "unknown provider filter",
            "GET /api/v1/incidents?provider=nobody",
            "",
        ),
        ("bad state", "GET /api/v1/incidents?state=open", ""),
        ("bad limit", "GET /api/v1/incidents?limit=0", ""),
        ("bad date", "GET /api/v1/incidents?since=yesterday", ""),
        ("bad cursor", "GET /api/v1/incidents?cursor=zzz", ""),
        ("unknown parameter", "GET /api/v1/uptime?dayz=3", ""),
        ("bad days", "GET /api/v1/stats?days=0", ""),
        ("unknown route", "GET /api/v2/providers", ""),
        ("a write", "DELETE /api/v1/providers/1", ""),
        ("a body", "GET /api/v1/providers", "12345"),
    ] {
        let length = body.len().to_string();
        let headers: &[(&str, &str)] = if body.is_empty() {
            &[]
        } else {
            &[("Content-Length", &length)]
        };
        let answer = request(port, head, headers, body);
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{case}"
        );
        errors.insert(
            case.into(),
            json!({"status": answer.status, "body": answer.json()}),
        );
        if answer.status == 405 {
            assert_eq!(answer.header("allow"), Some("GET, HEAD"));
        }
    }
    insta::assert_json_snapshot!("serve_errors", errors);
}

#[test]
fn an_exposed_address_needs_a_token_which_every_request_then_carries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let port = free_port();
    let refused = lookout(
        Some(&db),
        &["serve", "--listen", &format!("0.0.0.0:{port}")],
    );
    assert_eq!(refused.status.code(), Some(3));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("can be reached from other machines") && said.contains("--token-file"),
        "{said}"
    );
    assert!(
        !db.exists(),
        "refused before anything was opened (nor bound)"
    );
    let public_alone = lookout(Some(&db), &["serve", "--public"]);
    assert_eq!(
        public_alone.status.code(),
        Some(2),
        "--public needs --token-file"
    );

    let secret = "s3rve-t0ken-of-the-test";
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{secret}\n")).unwrap();
    let token = token_file.to_str().unwrap();
    let origin = "https://dash.example.com";
    let served = serve(&db, &["--token-file", token, "--cors", origin]);
    let port = served.port;
    let none = get(port, "/api/v1/providers");
    assert_eq!(
        (none.status, none.header("www-authenticate")),
        (401, Some("Bearer"))
    );
    assert_eq!(none.json()["code"], "unauthorized");
    let bearer = format!("Bearer {secret}");
    let wrong = request(
        port,
        "GET /api/v1/providers",
        &[("Authorization", "Bearer nope")],
        "",
    );
    assert_eq!(wrong.status, 401);
    let right = request(
        port,
        "GET /api/v1/providers",
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!((right.status, right.body.as_str()), (200, "[]"));
    // CORS for the origin given alone; its preflight needs no token (browsers send none).
    let cors = [("Authorization", bearer.as_str()), ("Origin", origin)];
    let from_dash = request(port, "GET /api/v1/providers", &cors, "");
    assert_eq!(
        from_dash.header("access-control-allow-origin"),
        Some(origin)
    );
    let other = [
        ("Authorization", bearer.as_str()),
        ("Origin", "https://evil.example"),
    ];
    let from_elsewhere = request(port, "GET /api/v1/providers", &other, "");
    assert_eq!(from_elsewhere.header("access-control-allow-origin"), None);
    let preflight = [("Origin", origin), ("Access-Control-Request-Method", "GET")];
    let asked = request(port, "OPTIONS /api/v1/providers", &preflight, "");
    assert_eq!(asked.status, 204);
    assert_eq!(asked.header("access-control-allow-origin"), Some(origin));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_then_the_engine_with_its_reads_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (server, db, _) = watched(dir.path());
    // A page that changed since the last poll: only the engine of `serve` can have read it.
    let calm = incident_life_for(
        Dialect::Statuspage,
        0,
        Utc::now() - chrono::Duration::hours(1),
    );
    server.set_page("beta", Dialect::Statuspage, calm);
    let mut served = serve(&db, &[]);
    let started = Instant::now();
    let beta_calm = |providers: &Value| {
        providers
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Beta" && p["status"] == "operational")
    };
    while !beta_calm(&get(served.port, "/api/v1/providers").json()) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve never polled"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let sent = Command::new("kill")
        .args(["-TERM", &served.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let asked = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(20),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.code(), Some(0), "a clean stop");
    assert!(
        TcpStream::connect(("127.0.0.1", served.port)).is_err(),
        "no longer answering"
    );
    let listed = cli_json(&db, &["list", "--json"], &server.base_url());
    assert!(beta_calm(&listed), "the read was kept: {listed}");
}

#[test]
fn the_openapi_document_is_valid_and_describes_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let served = serve(&dir.path().join("lookout.db"), &[]);
    let answer = get(served.port, "/api/v1/openapi.json");
    let document = answer.json();
    assert_eq!(document["openapi"], "3.1.0");
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    for route in [
        "/api/v1/providers",
        "/api/v1/providers/{id}",
        "/api/v1/incidents",
        "/api/v1/incidents/{provider_id}/{incident_id}",
        "/api/v1/uptime",
        "/api/v1/stats",
        "/api/v1/maintenance",
        "/api/v1/services",
        "/api/v1/openapi.json",
        "/api/v1/events",
    ] {
        assert!(
            paths.iter().any(|p| *p == route),
            "{route} missing from {paths:?}"
        );
    }
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &answer.body).unwrap();
    let has_validator = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_validator {
        eprintln!("skipped: the validator (PyPI openapi-spec-validator) is not installed: scripts/install-deps --test");
        return;
    }
    let checked = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}{}",
        stdout(&checked),
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn serve_help_keeps_its_documented_text() {
    insta::assert_snapshot!("serve_help", stdout(&lookout(None, &["serve", "--help"])));
}
