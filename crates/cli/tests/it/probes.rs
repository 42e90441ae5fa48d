//! `lookout probe` and what `lookout watch` makes of probes: added, listed and removed with
//! their contract; three failures in a row while the page is calm print `suspected_outage` and
//! show the provider suspected in `lookout list --json`.

use crate::{lookout, stdout};
use chrono::Utc;
use lookout_fake_status_server::fault::Fault;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

/// The fake server with Acme's page an hour into its incident's life.
fn acme_an_hour_into_its_incident() -> FakeStatusServer {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::hours(1);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 0, base),
    );
    server
}

#[test]
fn probes_are_added_listed_and_removed_and_a_failing_one_makes_a_suspected_outage() {
    let server = acme_an_hour_into_its_incident();
    // The failing endpoint is on another host (port) than the page.
    let api_server = FakeStatusServer::start_blocking().unwrap();
    api_server.set_document("api", "health", "text/plain", b"ok".to_vec());
    api_server.set_fault("api", Some(Fault::Status(503)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let db = Some(path.as_path());
    assert!(
        lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"])
            .status
            .success()
    );
    let health = format!("{}health", api_server.page_url("api"));

    let too_often = lookout(db, &["probe", "add", "Acme", &health, "--every", "5"]);
    assert_eq!(too_often.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&too_often.stderr).contains("at most every 10 s"));
    let bad_expect = lookout(db, &["probe", "add", "Acme", &health, "--expect", "ok"]);
    assert_eq!(bad_expect.status.code(), Some(3));
    let added = lookout(
        db,
        &[
            "probe",
            "add",
            "Acme",
            &health,
            "--every",
            "10",
            "--timeout",
            "3",
            "--contains",
            "ok",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let listed: Value =
        serde_json::from_str(&stdout(&lookout(db, &["probe", "list", "--json"]))).unwrap();
    let probe = &listed[0];
    assert_eq!(probe["provider"], "Acme");
    assert_eq!(probe["url"], health);
    assert_eq!(probe["every"], 10);
    assert_eq!(probe["expect"], "2xx");
    assert_eq!(probe["contains"], "ok");
    assert_eq!(probe["timeout"], 3);
    let keys: Vec<&String> = probe.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["contains", "every", "expect", "id", "provider", "timeout", "url"]
    );

    // A probe of the page's host passes: evidence that the network works.
    let summary = format!("{}api/v2/summary.json", server.page_url("acme"));
    let passing = lookout(db, &["probe", "add", "Acme", &summary, "--every", "10"]);
    assert!(passing.status.success(), "{passing:?}");
    // Runs at once, then every 10 s: the third failure (about 20 s in) raises the suspicion.
    let mut watch = crate::start_lookout(&path, &["watch", "--json"], "off", crate::Reads::Stdout);
    let lines = BufReader::new(watch.stdout.take().unwrap()).lines();
    let started = Instant::now();
    let mut printed = Vec::new();
    for line in lines {
        let event: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let kind = event["kind"].as_str().unwrap_or_default().to_string();
        printed.push(event);
        if kind == "suspected_outage" || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    let list: Value = serde_json::from_str(&stdout(&lookout(db, &["list", "--json"]))).unwrap();
    watch.kill().unwrap();
    let _ = watch.wait();
    let suspected = printed.last().unwrap();
    assert_eq!(suspected["kind"], "suspected_outage", "{printed:?}");
    assert_eq!(suspected["provider"], "Acme");
    assert_eq!(suspected["failing_probes"], 1);
    assert_eq!(suspected["page_status"], "operational");
    assert_eq!(list[0]["status"], "operational", "the page's word");
    assert_eq!(list[0]["suspected"]["failing_probes"], 1);
    assert_eq!(list[0]["suspected"]["since"], suspected["since"]);
    assert_eq!(
        list[0]["suspected"]["last_error"],
        "HTTP 503 (expected 2xx)"
    );

    for id in ["1", "2"] {
        assert!(lookout(db, &["probe", "remove", id]).status.success());
    }
    let none: Value =
        serde_json::from_str(&stdout(&lookout(db, &["probe", "list", "--json"]))).unwrap();
    assert_eq!(none, Value::Array(vec![]));
}

#[test]
fn the_catalogue_suggests_documented_endpoints_and_adds_them_once() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - chrono::Duration::hours(1);
    for name in ["gh", "acme"] {
        server.set_page(
            name,
            Dialect::Statuspage,
            incident_life_for(Dialect::Statuspage, 0, base),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let db = Some(path.as_path());
    for (page, name) in [("gh", "GitHub"), ("acme", "Acme")] {
        let added = lookout(db, &["add", &server.page_url(page), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }

    let suggested: Value = serde_json::from_str(&stdout(&lookout(
        db,
        &["probe", "suggest", "GitHub", "--json"],
    )))
    .unwrap();
    let first = &suggested[0];
    assert_eq!(first["url"], "https://api.github.com/");
    assert_eq!(first["expect"], "2xx");
    assert!(first["source"]
        .as_str()
        .unwrap()
        .starts_with("https://docs.github.com/"));
    let listed = |db| -> Value {
        serde_json::from_str(&stdout(&lookout(db, &["probe", "list", "--json"]))).unwrap()
    };
    assert_eq!(listed(db), Value::Array(vec![]), "suggesting adds nothing");

    let added = stdout(&lookout(db, &["probe", "suggest", "GitHub", "--add"]));
    assert!(added.contains("added: https://api.github.com/"), "{added}");
    let again = stdout(&lookout(db, &["probe", "suggest", "GitHub", "--add"]));
    assert!(again.contains("probed already"), "{again}");
    let probes = listed(db);
    assert_eq!(probes.as_array().unwrap().len(), 1, "added once: {probes}");
    assert_eq!(probes[0]["provider"], "GitHub");
    assert_eq!(probes[0]["contains"], "current_user_url");
    assert_eq!(probes[0]["every"], 30);

    let none = stdout(&lookout(db, &["probe", "suggest", "Acme"]));
    assert!(none.contains("no suggestion for Acme"), "{none}");
}

#[test]
fn a_link_local_or_cloud_metadata_probe_is_refused_unless_allow_private() {
    let server = acme_an_hour_into_its_incident();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let db = Some(path.as_path());
    let added = lookout(db, &["add", &server.page_url("acme"), "--name", "Acme"]);
    assert!(added.status.success(), "{added:?}");
    let listed = || -> Value {
        serde_json::from_str(&stdout(&lookout(db, &["probe", "list", "--json"]))).unwrap()
    };
    for (url, why) in [
        (
            "http://169.254.169.254/latest/meta-data/iam/",
            "169.254.169.254 is a cloud metadata address",
        ),
        (
            "http://2852039166/latest/meta-data/",
            "169.254.169.254 is a cloud metadata address",
        ),
        ("http://[fd00:ec2::254]/", "is a cloud metadata address"),
        (
            "http://metadata.google.internal/computeMetadata/v1/",
            "metadata.google.internal is a cloud metadata address",
        ),
        (
            "http://169.254.10.1/",
            "169.254.10.1 is a link-local address",
        ),
        ("http://[fe80::1]/", "[fe80::1] is a link-local address"),
    ] {
        let refused = lookout(db, &["probe", "add", "Acme", url, "--contains", "ami-"]);
        assert_eq!(refused.status.code(), Some(3), "{url}: {refused:?}");
        let error = String::from_utf8_lossy(&refused.stderr);
        assert!(error.contains(why), "{url}: {error}");
        assert!(error.contains("--allow-private"), "{url}: {error}");
    }
    assert_eq!(listed(), Value::Array(vec![]), "nothing was added");

    let metadata = "http://169.254.169.254/latest/meta-data/";
    let allowed = lookout(db, &["probe", "add", "Acme", metadata, "--allow-private"]);
    assert!(allowed.status.success(), "{allowed:?}");
    assert_eq!(listed()[0]["url"], metadata);
}
