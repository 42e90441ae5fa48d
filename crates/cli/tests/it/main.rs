//! End-to-end tests of the `lookout` binary against the fake status-page server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod alerts;
mod catalog;
mod catalog_update;
mod check;
mod config;
mod config_refusals;
mod contracts;
mod database;
mod export;
mod follow;
mod help;
mod history;
mod hostile;
mod mcp;
mod metrics;
mod more_sinks;
mod not_watchable;
mod probes;
mod provider_names;
mod secrets;
mod serve;
mod serve_events;
mod serve_feeds;
mod serve_follow;
mod serve_page;
mod service;
mod services;
mod sharing;
mod status_rule;
mod suggest;

use std::process::{Child, Command, Output, Stdio};

/// Which of a started `lookout`'s outputs the test reads (the others are discarded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    Nothing,
    Stdout,
    Stderr,
}

/// Starts `lookout` with `args` on the database `db`, `RUST_LOG=log`, standard input closed,
/// the output named by `reads` piped.
pub fn start_lookout(db: &std::path::Path, args: &[&str], log: &str, reads: Reads) -> Child {
    let piped = |wanted: bool| {
        if wanted {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", log)
        .stdin(Stdio::null())
        .stdout(piped(reads == Reads::Stdout))
        .stderr(piped(reads == Reads::Stderr))
        .spawn()
        .expect("lookout starts")
}

/// Runs `lookout` with `args` and the given database.
pub fn lookout(db: Option<&std::path::Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lookout"));
    command
        .args(args)
        .env_remove("LOOKOUT_DB")
        .env("RUST_LOG", "off");
    if let Some(db) = db {
        command.env("LOOKOUT_DB", db);
    }
    command.output().expect("lookout runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The fake status server with Acme's page calm: stage 0 of an incident life that begins five
/// minutes ago (so later stages are recent); returns the server and that moment.
pub fn calm_acme() -> (
    lookout_fake_status_server::FakeStatusServer,
    chrono::DateTime<chrono::Utc>,
) {
    calm_pages(&["acme"])
}

/// The fake status server with a calm Statuspage page at each of `slugs` (stage 0 of an incident
/// life that begins five minutes ago); returns the server and that moment.
pub fn calm_pages(
    slugs: &[&str],
) -> (
    lookout_fake_status_server::FakeStatusServer,
    chrono::DateTime<chrono::Utc>,
) {
    use lookout_fake_status_server::{scenario::incident_life_for, Dialect, FakeStatusServer};
    let server = FakeStatusServer::start_blocking().expect("the fake server starts");
    let base = chrono::Utc::now() - chrono::Duration::minutes(5);
    for slug in slugs {
        let page = incident_life_for(Dialect::Statuspage, 0, base);
        server.set_page(slug, Dialect::Statuspage, page);
    }
    (server, base)
}
