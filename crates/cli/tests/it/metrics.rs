//! `lookout watch --metrics ADDR`: /metrics in the Prometheus text format (statuses from the
//! store, labels escaped, same-named components apart, errors and events counted) and /healthz;
//! an address in use is refused.

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
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
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
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut watch = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["watch", "--metrics", &addr])
        .env("LOOKOUT_DB", &db)
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
