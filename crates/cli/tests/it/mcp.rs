//! `lookout mcp` with a real MCP client — the official Python SDK (PyPI `mcp`) over stdio, and
//! over the streamable HTTP transport of `lookout serve` at /mcp with and without its token — on a
//! database filled from the fake status server (tests/mcp/python_client.py holds the sessions and
//! their checks against the command's own `--json`, and the resource-updated notifications of a
//! page that changes); the official MCP Inspector's command line listing the tools and asking
//! `vendor_status` over both; and its help under snapshot.

use crate::serve::serve;
use crate::{lookout, stdout};
use chrono::{Duration, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether the Python SDK is there (CI installs it: scripts/install-deps --test).
fn has_python_sdk() -> bool {
    Command::new("python3")
        .args(["-c", "import mcp.client.stdio"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_python_sdk_finds_every_tool_and_answers_that_match_the_store() {
    if !has_python_sdk() {
        eprintln!(
            "skipped: the MCP Python SDK (PyPI mcp) is not installed: scripts/install-deps --test"
        );
        return;
    }
    let server = FakeStatusServer::start_blocking().unwrap();
    let now = Utc::now();
    let page = |stage, ago| incident_life_for(Dialect::Statuspage, stage, now - ago);
    // Acme: identified, API in partial outage; Beta: an incident resolved two hours ago.
    server.set_page("acme", Dialect::Statuspage, page(2, Duration::minutes(15)));
    server.set_page("beta", Dialect::Statuspage, page(3, Duration::hours(3)));
    server.set_page("calm", Dialect::Statuspage, page(0, Duration::minutes(5)));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (slug, name) in [("acme", "Acme"), ("beta", "Beta")] {
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["poll"]).status.success());
    // Live: calm until the script steps its incident's life (POST /_control/step).
    server.run_incident_life(&[("live", Dialect::Statuspage)], now);
    // /mcp needs the token as the API does; --public opens only the feeds.
    let token = "mcp-t0ken-of-the-test";
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{token}\n")).unwrap();
    let served = serve(
        &db,
        &["--token-file", token_file.to_str().unwrap(), "--public"],
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/python_client.py");
    let session = Command::new("python3")
        .arg(script)
        .env("LOOKOUT_BIN", env!("CARGO_BIN_EXE_lookout"))
        .env("LOOKOUT_DB", &db)
        .env("CALM_URL", server.page_url("calm"))
        .env("LIVE_URL", server.page_url("live"))
        .env("FAKE_URL", server.base_url())
        .env("SERVE_URL", format!("http://127.0.0.1:{}/mcp", served.port))
        .env("SERVE_TOKEN", token)
        .output()
        .unwrap();
    let said = stdout(&session);
    let complaint = String::from_utf8_lossy(&session.stderr);
    assert!(session.status.success(), "{said}{complaint}");
    assert!(said.contains(" passed, 0 failed"), "{said}");
    eprintln!("the MCP Python SDK's session: {said}");
}

#[test]
fn a_session_that_asks_nothing_ends_cleanly_and_writes_nothing_but_the_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(Some(&db), &["list"]).status.success());
    // Standard input closed at once: the server stops, exit 0, not a byte on standard output.
    let output = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["mcp"])
        .env("LOOKOUT_DB", &db)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(output.stdout.is_empty(), "{}", stdout(&output));
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn mcp_help_keeps_its_documented_text() {
    insta::assert_snapshot!("mcp_help", stdout(&lookout(None, &["mcp", "--help"])));
}

/// The MCP Inspector's command line (npm `@modelcontextprotocol/inspector`, pinned in the root
/// package-lock.json; `npm ci` installs it: scripts/install-deps --test), if it is there.
fn inspector() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = root.join("node_modules/.bin/mcp-inspector");
    bin.exists().then_some(bin)
}

/// `mcp-inspector --cli TARGET… ARGS…`, its standard output parsed as JSON.
fn inspect(bin: &Path, catalog: &Path, target: &[&str], args: &[&str]) -> Value {
    let output = Command::new(bin)
        .arg("--cli")
        .args(target)
        .args(args)
        .env("MCP_CATALOG_PATH", catalog)
        .output()
        .unwrap();
    let said = stdout(&output);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&said).unwrap_or_else(|e| panic!("{e}: {said}"))
}

#[test]
fn the_mcp_inspector_lists_the_tools_and_asks_vendor_status_over_stdio_and_http() {
    let Some(bin) = inspector() else {
        eprintln!(
            "skipped: the MCP Inspector is not installed: npm ci (scripts/install-deps --test)"
        );
        return;
    };
    let server = FakeStatusServer::start_blocking().unwrap();
    let page = incident_life_for(Dialect::Statuspage, 2, Utc::now() - Duration::minutes(15));
    server.set_page("acme", Dialect::Statuspage, page);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let added = lookout(
        Some(&db),
        &["add", &server.page_url("acme"), "--name", "Acme"],
    );
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let catalog = dir.path().join("inspector.json");
    let env = format!("LOOKOUT_DB={}", db.display());
    let stdio = [
        "-e",
        &env,
        "-e",
        "RUST_LOG=off",
        env!("CARGO_BIN_EXE_lookout"),
        "mcp",
    ];
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "inspector-t0ken\n").unwrap();
    let served = serve(&db, &["--token-file", token_file.to_str().unwrap()]);
    let url = format!("http://127.0.0.1:{}/mcp", served.port);
    let http = [
        &url,
        "--transport",
        "http",
        "--header",
        "Authorization: Bearer inspector-t0ken",
    ];
    for target in [&stdio[..], &http[..]] {
        let listed = inspect(&bin, &catalog, target, &["--method", "tools/list"]);
        let mut names: Vec<&str> = listed["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        names.sort_unstable();
        let read_tools = [
            "incident",
            "incidents",
            "is_it_them",
            "list_providers",
            "maintenance",
            "stats",
            "uptime",
            "vendor_status",
        ];
        assert_eq!(names, read_tools, "{target:?}");
        let asked = [
            "--method",
            "tools/call",
            "--tool-name",
            "vendor_status",
            "--tool-arg",
            "name_or_url=Acme",
        ];
        let answer = inspect(&bin, &catalog, target, &asked);
        let status = &answer["structuredContent"];
        assert_eq!(status["name"], "Acme", "{answer}");
        assert_eq!(status["watched"], true, "{answer}");
        assert_eq!(status["status"], "partial_outage", "{answer}");
        assert_eq!(status["affected_components"][0]["name"], "API", "{answer}");
    }
}

/// One request to `/mcp` naming `host`, with `headers`: its status and body.
fn to_mcp(port: u16, host: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A guard against a hang, not a measure of speed.
    let guard = std::time::Duration::from_secs(30);
    stream.set_read_timeout(Some(guard)).unwrap();
    let mut text = format!(
        "POST /mcp HTTP/1.0\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Accept: application/json, text/event-stream\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    std::io::Write::write_all(&mut stream, text.as_bytes()).unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
    (status, answer)
}

#[test]
fn serve_mcp_on_loopback_needs_no_token_but_a_loopback_host_and_no_browser() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert!(lookout(Some(&db), &["list"]).status.success());
    let served = serve(&db, &["--public-url", "https://status.example.com"]);
    let hello = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{
        "protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
    for host in ["localhost", "127.0.0.1:8787", "status.example.com"] {
        let (status, answer) = to_mcp(served.port, host, &[], hello);
        assert_eq!(status, 200, "{host}: {answer}");
        assert!(answer.contains(r#""name":"lookout""#), "{answer}");
    }
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 names its own host.
    let (status, answer) = to_mcp(served.port, "evil.example", &[], hello);
    assert_eq!(status, 403, "{answer}");
    // A browser's page says where it comes from: refused, whatever the host.
    let origin = [("Origin", "http://localhost:3000")];
    let (status, answer) = to_mcp(served.port, "localhost", &origin, hello);
    assert_eq!(status, 403, "{answer}");
}
