//! The incident-life scenario: the library stages, the control endpoints, the blocking start,
//! and the `fake-status-server` binary.

use crate::client::{get, send};
use chrono::{TimeZone, Utc};
use lookout_core::{ComponentStatus, IncidentStatus};
use lookout_fake_status_server::scenario::{self, incident_life, INCIDENT_LIFE_PAGES};
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;

fn api(snapshot: &lookout_core::Snapshot) -> ComponentStatus {
    snapshot
        .components
        .iter()
        .find(|c| c.name == "API")
        .unwrap()
        .status
        .clone()
}

#[test]
fn library_stages_follow_the_script() {
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let stages: Vec<_> = (0..=3).map(|n| incident_life(n, base)).collect();
    assert!(stages[0].incidents.is_empty());
    assert_eq!(api(&stages[0]), ComponentStatus::Operational);
    assert_eq!(api(&stages[1]), ComponentStatus::DegradedPerformance);
    assert_eq!(api(&stages[2]), ComponentStatus::PartialOutage);
    assert_eq!(api(&stages[3]), ComponentStatus::Operational);
    assert_eq!(stages[1].incidents[0].title, "Elevated API errors");
    assert_eq!(stages[1].incidents[0].status, IncidentStatus::Investigating);
    assert_eq!(stages[2].incidents[0].status, IncidentStatus::Identified);
    let resolved = &stages[3].incidents[0];
    assert_eq!(resolved.status, IncidentStatus::Resolved);
    assert_eq!(resolved.updates.len(), 3);
    assert_eq!(resolved.duration(), Some(chrono::Duration::minutes(30)));
    let groups: Vec<_> = stages[0]
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            ("API", Some("Core")),
            ("Dashboard", Some("Core")),
            ("Webhooks", None)
        ]
    );
    assert_eq!(incident_life(9, base), stages[3]);
    let io = scenario::incident_life_for(Dialect::IncidentIo, 1, base);
    assert_eq!(io.components[0].id.len(), 26);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_endpoints_step_both_pages_through_the_stages() {
    let server = FakeStatusServer::start().await.unwrap();
    assert_eq!(get(server.addr(), "/_control/stage").await.status, 404);
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    server.run_incident_life(&INCIDENT_LIFE_PAGES, base);
    assert_eq!(
        get(server.addr(), "/_control/stage").await.json()["stage"],
        0
    );
    let summary = get(server.addr(), "/acme/api/v2/summary.json").await.json();
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(summary["incidents"], serde_json::json!([]));

    let expect = [
        ("degraded_performance", "investigating"),
        ("partial_outage", "identified"),
    ];
    for (n, (component, incident)) in expect.iter().enumerate() {
        let stepped = send(server.addr(), "POST", "/_control/step", &[], true)
            .await
            .json();
        assert_eq!(stepped["stage"], n + 1);
        let sp = get(server.addr(), "/acme/api/v2/summary.json").await.json();
        let api = sp["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "API")
            .unwrap()
            .clone();
        assert_eq!(api["status"], *component);
        assert_eq!(sp["incidents"][0]["name"], "Elevated API errors");
        assert_eq!(sp["incidents"][0]["status"], *incident);
        let io = get(server.addr(), "/acme-io/proxy/127.0.0.1").await.json();
        assert_eq!(
            io["summary"]["affected_components"][0]["status"],
            *component
        );
        assert_eq!(io["summary"]["ongoing_incidents"][0]["status"], *incident);
    }
    send(server.addr(), "POST", "/_control/step", &[], true).await;
    assert_eq!(server.stage(), Some(3));
    let sp = get(server.addr(), "/acme/api/v2/summary.json").await.json();
    assert_eq!(sp["incidents"], serde_json::json!([]));
    let history = get(server.addr(), "/acme/api/v2/incidents.json")
        .await
        .json();
    assert_eq!(history["incidents"][0]["status"], "resolved");
    assert_eq!(
        history["incidents"][0]["incident_updates"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let io = get(server.addr(), "/acme-io/proxy/127.0.0.1/incidents")
        .await
        .json();
    assert_eq!(io["incidents"][0]["status"], "resolved");
    // Stepping past the end stays at the last stage; a stage can be set directly.
    assert_eq!(
        send(server.addr(), "POST", "/_control/step", &[], true)
            .await
            .json()["stage"],
        3
    );
    assert_eq!(
        send(server.addr(), "POST", "/_control/stage/1", &[], true)
            .await
            .json()["stage"],
        1
    );
    assert_eq!(
        send(server.addr(), "POST", "/_control/stage/7", &[], true)
            .await
            .status,
        400
    );
    assert_eq!(server.step(), Some(2));
}

/// A plain blocking GET, for the tests that run without a tokio runtime.
fn blocking_request(addr: SocketAddr, method: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn start_blocking_serves_from_plain_tests_and_stops_on_drop() {
    let server = FakeStatusServer::start_blocking().unwrap();
    server.set_page("acme", Dialect::Statuspage, incident_life(1, Utc::now()));
    let addr = server.addr();
    assert_eq!(server.page_url("acme"), format!("http://{addr}/acme/"));
    let (status, body) = blocking_request(addr, "GET", "/acme/api/v2/status.json");
    assert_eq!(status, 200);
    assert!(body.contains("\"indicator\":\"minor\""), "{body}");
    assert_eq!(server.hits("acme"), 1);
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "still listening after drop"
    );
}

#[test]
fn the_binary_prints_its_address_and_steps_on_request() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fake-status-server"))
        .args(["--port", "0", "--scenario", "incident-life"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("{line}"));
    let addr: SocketAddr = url.parse().unwrap();
    let (_, stage) = blocking_request(addr, "GET", "/_control/stage");
    assert!(stage.contains("\"stage\":0"), "{stage}");
    let (status, body) = blocking_request(addr, "POST", "/_control/step");
    assert_eq!(status, 200);
    assert!(body.contains("\"stage\":1"));
    let (_, summary) = blocking_request(addr, "GET", "/acme/api/v2/summary.json");
    assert!(summary.contains("Elevated API errors"));
    let (_, io) = blocking_request(addr, "GET", "/acme-io/proxy/127.0.0.1");
    assert!(io.contains("Elevated API errors"));
    child.kill().unwrap();
    child.wait().unwrap();
}
