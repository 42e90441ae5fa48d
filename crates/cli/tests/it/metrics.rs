//! `lookout watch --metrics ADDR`: /metrics in the Prometheus text format (statuses from the
//! store, labels escaped, same-named components apart, errors and events counted) and /healthz;
//! an address in use is refused, an exposed one needs a token, and a flood of idle clients
//! cannot take the file descriptors the watch's own polls need.

use crate::lookout;
use chrono::Utc;
use lookout_fake_status_server::fault::Fault;
use lookout_fake_status_server::scenario::{incident_life_for, scenario_id};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// GETs `path` from 127.0.0.1:`port` (HTTP/1.0); the body, once the server answers.
fn get(port: u16, path: &str) -> Option<String> {
    let answer = get_with(port, path, None)?;
    answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
}

/// GETs `path` with an `Authorization` header (if any); the whole answer, status line first.
fn get_with(port: u16, path: &str, authorization: Option<&str>) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    // A server that never answers (a connection left in its backlog) is "no answer", not a hang.
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let auth = authorization.map_or(String::new(), |a| format!("Authorization: {a}\r\n"));
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: localhost\r\n{auth}\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer).filter(|a| !a.is_empty())
}

/// A port on 127.0.0.1 nothing listens on (now).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn watch_serves_statuses_and_counts_in_the_prometheus_text_format() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::minutes(30);
    // Two components of one name in one group (the vendor's ids tell them apart).
    let mut acme = incident_life_for(Dialect::Statuspage, 2, base);
    for component in &mut acme.components {
        if component.name == "Dashboard" {
            component.name = "API".into();
        }
    }
    server.set_page("acme", Dialect::Statuspage, acme);
    server.set_page(
        "broken",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name) in [("acme", "Acme \"Cloud\""), ("broken", "Broken")] {
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    server.set_fault("broken", Some(Fault::Status(503)));
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut watch = crate::start_lookout(
        &db,
        &["watch", "--metrics", &addr],
        "off",
        crate::Reads::Nothing,
    );
    let started = Instant::now();
    let mut metrics = String::new();
    while started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(300));
        metrics = get(port, "/metrics").unwrap_or_default();
        if metrics.contains("lookout_poll_errors_total{provider=\"Broken\"") {
            break;
        }
    }
    let healthz = get(port, "/healthz");
    // An address in use is refused at once.
    let taken = lookout(Some(&db), &["watch", "--metrics", &addr]);
    watch.kill().unwrap();
    let _ = watch.wait();
    assert_eq!(healthz.as_deref(), Some("ok\n"));
    let acme = r#"provider="Acme \"Cloud\"""#;
    let id = |name| scenario_id(Dialect::Statuspage, name);
    for line in [
        format!("lookout_provider_status{{{acme}}} 4"),
        format!(
            r#"lookout_component_status{{{acme},group="Core",component="API",component_id="{}"}} 4"#,
            id("API")
        ),
        format!(
            r#"lookout_component_status{{{acme},group="Core",component="API",component_id="{}"}} 0"#,
            id("Dashboard")
        ),
        format!(
            r#"lookout_component_status{{{acme},group="",component="Webhooks",component_id="{}"}} 0"#,
            id("Webhooks")
        ),
        format!(r#"lookout_incident_open{{{acme},impact="major"}} 1"#),
        format!(r#"lookout_incident_open{{{acme},impact="minor"}} 0"#),
        format!("lookout_provider_suspected{{{acme}}} 0"),
        r#"lookout_poll_errors_total{provider="Broken",reason="http_status"} 1"#.to_string(),
        "# TYPE lookout_events_total counter".to_string(),
        "# TYPE lookout_provider_status gauge".to_string(),
        "lookout_metrics_series_omitted 0".to_string(),
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "missing {line:?} in:\n{metrics}"
        );
    }
    assert!(metrics.contains(&format!(
        "lookout_last_success_timestamp_seconds{{{acme}}} "
    )));
    assert_eq!(taken.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("cannot serve metrics on"));
}

#[test]
fn an_exposed_address_needs_a_token_which_every_request_then_carries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    // An address of another network (a documentation one, never bound): refused for want of a
    // token, before it is even tried (0.0.0.0 and the rest: the listener's unit tests).
    let refused = lookout(Some(&db), &["watch", "--metrics", "192.0.2.1:9464"]);
    assert_eq!(refused.status.code(), Some(3));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("can be reached from other machines"),
        "{said}"
    );
    assert!(!db.exists(), "refused before anything was opened");

    let secret = "t0ken-0f-the-test";
    let token_file = dir.path().join("metrics-token");
    std::fs::write(&token_file, format!("{secret}\n")).unwrap();
    let both = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["watch", "--metrics", "127.0.0.1:9", "--metrics-token-file"])
        .arg(&token_file)
        .env("LOOKOUT_DB", &db)
        .env("LOOKOUT_METRICS_TOKEN", secret)
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&both.stderr).contains("not both"));

    let port = free_port();
    let mut watch = crate::start_lookout(
        &db,
        &[
            "watch",
            "--metrics",
            &format!("127.0.0.1:{port}"),
            "--metrics-token-file",
            token_file.to_str().unwrap(),
        ],
        "debug",
        crate::Reads::Stderr,
    );
    let started = Instant::now();
    let mut bare = None;
    while bare.is_none() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
        bare = get_with(port, "/healthz", None);
    }
    let bearer = format!("Bearer {secret}");
    let answers = [
        ("/metrics", None),
        ("/metrics", Some("Bearer t0ken-0f-the-tes")),
        ("/metrics", Some(bearer.as_str())),
        ("/healthz", Some(bearer.as_str())),
    ]
    .map(|(path, auth)| get_with(port, path, auth).unwrap_or_default());
    watch.kill().unwrap();
    let logged = watch.wait_with_output().unwrap().stderr;
    let bare = bare.unwrap_or_default();
    assert!(bare.starts_with("HTTP/1.0 401"), "{bare}");
    assert!(answers[0].starts_with("HTTP/1.0 401"), "{}", answers[0]);
    assert!(answers[1].starts_with("HTTP/1.0 401"), "{}", answers[1]);
    assert!(answers[2].starts_with("HTTP/1.0 200"), "{}", answers[2]);
    assert!(answers[2].contains("# TYPE lookout_provider_status gauge"));
    assert!(answers[3].ends_with("\r\n\r\nok\n"), "{}", answers[3]);
    let logged = String::from_utf8_lossy(&logged);
    assert!(!logged.contains(secret), "the token was logged: {logged}");
}

/// `count` connections to 127.0.0.1:`port` that each sent half a request, held open.
fn half_requests(port: u16, count: usize) -> Vec<TcpStream> {
    (0..count)
        .filter_map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
            stream
                .write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n")
                .ok()?;
            Some(stream)
        })
        .collect()
}

/// The finding: 1,100 half requests took every file descriptor of the process, so /healthz
/// timed out and the watch's own requests failed with "Too many open files". Here the watch
/// runs with a limit of 128 descriptors while 200 half requests are held open against it: an
/// alert it owes (a new connection, to the webhook) is still delivered, and /healthz answers
/// again while the idle clients are still there.
#[cfg(target_os = "linux")]
#[test]
fn idle_clients_cannot_take_the_file_descriptors_the_watch_needs() {
    use lookout_fake_status_server::scenario::incident_life_for;
    let (server, base) = crate::calm_acme();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let url = server.page_url("acme");
    let added = lookout(
        Some(&db),
        &["add", &url, "--name", "Acme", "--interval", "10"],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&db), &["poll"]).status.success(), "baseline");
    let (hook, delivered) = crate::alerts::receiver(0);
    let sink = lookout(Some(&db), &["sinks", "add", "webhook", &hook]);
    assert!(sink.status.success(), "{sink:?}");
    let port = free_port();
    let mut watch = Command::new("sh")
        .args(["-c", "ulimit -n 128 && exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_lookout"))
        .args(["watch", "--metrics", &format!("127.0.0.1:{port}")])
        .env("LOOKOUT_DB", &db)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while get(port, "/healthz").is_none() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
    }
    let idle = half_requests(port, 200);
    std::thread::sleep(Duration::from_secs(1));
    // A change the next poll (at most 10 s away) reads, and an alert to deliver.
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 2, base),
    );
    let flooded = Instant::now();
    while delivered.lock().unwrap().is_empty() && flooded.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut healthz = None;
    while healthz.is_none() && flooded.elapsed() < Duration::from_secs(90) {
        healthz = get(port, "/healthz");
    }
    let held = idle.len();
    drop(idle);
    watch.kill().unwrap();
    let _ = watch.wait();
    assert_eq!(held, 200, "every idle connection was made");
    assert!(
        !delivered.lock().unwrap().is_empty(),
        "the alert was not delivered during the flood"
    );
    assert_eq!(
        healthz.as_deref(),
        Some("ok\n"),
        "/healthz never answered again"
    );
}
