//! Following a team's server: `lookout serve` republishes each provider as Statuspage v2
//! documents under `/providers/{id}/api/v2/`, and another Lookout watching that URL reads the
//! same components and incidents; a provider the server cannot read answers 503 (the follower
//! shows it unknown, never its last green); the token guards the documents even with
//! `--public`, and a follower may carry it in the URL (never printed back).

use crate::lookout;
use crate::serve::{get, request, serve, watched};
use lookout_fake_status_server::Fault;
use serde_json::Value;
use std::path::Path;

fn json(db: &Path, args: &[&str]) -> Value {
    let out = lookout(Some(db), args);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn acme_id(db: &Path) -> i64 {
    let list = json(db, &["list", "--json"]);
    let acme = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Acme");
    acme.unwrap()["id"].as_i64().unwrap()
}

/// Each incident's title and status, and each component's name and status, of `db`'s only or
/// named provider.
fn picture(db: &Path, provider: &str) -> (Vec<(String, String)>, Value) {
    let incidents = json(db, &["incidents", "--json", "--provider", provider]);
    let titles = incidents
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["title"].to_string(), i["status"].to_string()))
        .collect();
    let status = json(db, &["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == provider)
        .map(|p| p["status"].clone())
        .unwrap();
    (titles, status)
}

#[test]
fn another_lookout_follows_a_servers_provider_as_a_statuspage_and_sees_unknown_not_green() {
    let dir = tempfile::tempdir().unwrap();
    let (fake, db, _) = watched(dir.path());
    let served = serve(&db, &[]);
    let id = acme_id(&db);
    let summary = get(served.port, &format!("/providers/{id}/api/v2/summary.json"));
    assert_eq!(summary.status, 200, "{}", summary.body);
    assert_eq!(summary.json()["page"]["name"], "Acme");
    assert!(summary.header("etag").is_some(), "an ETag, as every read");

    let follower = dir.path().join("follower.db");
    let url = format!("http://127.0.0.1:{}/providers/{id}/", served.port);
    let added = lookout(Some(&follower), &["add", &url, "--name", "Acme"]);
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&follower), &["poll"]).status.success());
    let theirs = picture(&db, "Acme");
    assert!(!theirs.0.is_empty(), "the server has Acme's incident");
    assert_eq!(
        picture(&follower, "Acme"),
        theirs,
        "the same incidents and status"
    );

    // The vendor's page fails: once the server says Acme is unknown, so do its documents.
    fake.set_fault("acme", Some(Fault::Status(503)));
    let path = format!("/providers/{id}/api/v2/summary.json");
    let mut answer = get(served.port, &path);
    for _ in 0..6 {
        if answer.status == 503 {
            break;
        }
        let _ = lookout(Some(&db), &["poll"]);
        answer = get(served.port, &path);
    }
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(answer.json()["code"], "unknown");
    assert!(answer.json()["message"].as_str().unwrap().contains("Acme"));
    for _ in 0..6 {
        let _ = lookout(Some(&follower), &["poll"]);
    }
    let (_, status) = picture(&follower, "Acme");
    assert_eq!(status, "unknown", "never the last green it saw");
}

#[test]
fn the_documents_need_the_token_even_when_the_page_is_public_and_a_follower_keeps_it_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (_fake, db, _) = watched(dir.path());
    let secret = "f0llow-t0ken-of-the-test";
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, secret).unwrap();
    let served = serve(
        &db,
        &["--token-file", token_file.to_str().unwrap(), "--public"],
    );
    let id = acme_id(&db);
    let path = format!("/providers/{id}/api/v2/incidents.json");
    assert_eq!(
        get(served.port, &path).status,
        401,
        "public page, guarded documents"
    );
    let bearer = format!("Bearer {secret}");
    let with = request(
        served.port,
        &format!("GET {path}"),
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(with.status, 200, "{}", with.body);
    assert!(!with.json()["incidents"].as_array().unwrap().is_empty());

    let follower = dir.path().join("follower.db");
    let url = format!(
        "http://team:{secret}@127.0.0.1:{}/providers/{id}/",
        served.port
    );
    let added = lookout(Some(&follower), &["add", &url, "--name", "Acme"]);
    assert!(added.status.success(), "{added:?}");
    assert!(lookout(Some(&follower), &["poll"]).status.success());
    let listed = lookout(Some(&follower), &["list", "--json"]);
    let said = String::from_utf8_lossy(&listed.stdout);
    assert!(!said.contains(secret), "{said}");
    assert!(
        said.contains("\"status\": \"partial_outage\"") || said.contains("partial_outage"),
        "{said}"
    );
}
