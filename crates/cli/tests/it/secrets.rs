//! Secrets in URLs never leave: a provider's and a probe's credentials and query values are
//! masked (`http://••••@host/h?api_key=••••`) in every output — `add`, `probe add|list`,
//! `list`, `watch`'s events and log, the stored error, `config export|apply`, `export` — while
//! the database keeps the real URL for the requests.

use crate::{calm_acme, lookout, stdout};
use lookout_store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What must never be shown: both passwords, both query values, both user names.
const SECRETS: [&str; 6] = [
    "S3cret", "K3yValue", "Pr0vPass", "Pr0vTok", "alice", "carol",
];

fn assert_masked(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Runs `lookout watch` until the probe has failed once (it runs at once), then stops it;
/// returns what it printed and logged.
fn watch_until_the_probe_fails(db: &Path) -> String {
    let watch = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(["watch", "--json"])
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !stdout(&lookout(Some(db), &["probe", "list"])).contains("failing") {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the probe never ran"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut watch = watch;
    watch.kill().unwrap();
    let output = watch.wait_with_output().unwrap();
    format!(
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Acme's calm page, its URL with credentials in it, and an empty database.
fn acme_behind_credentials() -> (
    lookout_fake_status_server::FakeStatusServer,
    tempfile::TempDir,
    std::path::PathBuf,
    String,
) {
    let (server, _) = calm_acme();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let page = server
        .page_url("acme")
        .replace("http://", "http://carol:Pr0vPass@");
    (server, dir, db, page)
}

#[test]
fn a_probe_s_and_a_provider_s_secrets_are_masked_everywhere_they_are_shown() {
    let (_server, _dir, db, page) = acme_behind_credentials();
    let probe = format!(
        "http://alice:S3cret@127.0.0.1:{}/h?api_key=K3yValue&region=Pr0vTok",
        closed_port()
    );
    let mut shown = Vec::new();
    let added = lookout(Some(&db), &["add", &page, "--name", "Acme"]);
    assert!(added.status.success(), "{added:?}");
    assert!(
        stdout(&added).contains("at http://••••@127.0.0.1:"),
        "{added:?}"
    );
    shown.push(("add", stdout(&added)));
    let probed = lookout(
        Some(&db),
        &["probe", "add", "Acme", &probe, "--every", "10"],
    );
    assert!(probed.status.success(), "{probed:?}");
    shown.push(("probe add", stdout(&probed)));

    shown.push(("watch", watch_until_the_probe_fails(&db)));
    let store = Store::open_for_reports(&db).unwrap();
    let stored = store.probes(None).unwrap().remove(0);
    assert_eq!(stored.url, probe, "the request's URL is kept");
    let error = stored.last_error.unwrap();
    assert!(
        error.contains("/h?api_key=••••&region=••••") && error.contains("http://••••@127.0.0.1:"),
        "{error}"
    );
    shown.push(("the stored error", error));
    drop(store);

    for args in [
        vec!["probe", "list"],
        vec!["probe", "list", "--json"],
        vec!["list"],
        vec!["list", "--json"],
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["config", "export"],
    ] {
        let output = lookout(Some(&db), &args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        shown.push(("a command", format!("{args:?}: {}", stdout(&output))));
    }
    let listed = stdout(&lookout(Some(&db), &["probe", "list", "--json"]));
    assert!(listed.contains("/h?api_key=••••&region=••••"), "{listed}");
    for (what, text) in &shown {
        assert_masked(what, text);
    }
}

#[test]
fn config_export_masks_urls_and_applying_it_back_keeps_the_real_ones() {
    let (_server, dir, db, page) = acme_behind_credentials();
    let probe = "https://alice:S3cret@api.acme.test/h?api_key=K3yValue";
    assert!(lookout(Some(&db), &["add", &page, "--name", "Acme"])
        .status
        .success());
    assert!(lookout(Some(&db), &["probe", "add", "Acme", probe])
        .status
        .success());

    let exported = stdout(&lookout(Some(&db), &["config", "export"]));
    assert_masked("config export", &exported);
    assert!(
        exported.contains("url = \"https://••••@api.acme.test/h?api_key=••••\""),
        "{exported}"
    );
    assert!(exported.contains("never exported"), "{exported}");
    let file = dir.path().join("lookout.toml");
    std::fs::write(&file, &exported).unwrap();
    let same = lookout(Some(&db), &["config", "apply", file.to_str().unwrap()]);
    assert_eq!(stdout(&same).trim(), "no changes", "{same:?}");

    // A change beside the masked URLs is applied; the URLs stay the real ones.
    let slower = exported.replace("interval = 60", "interval = 120");
    std::fs::write(&file, slower).unwrap();
    let applied = lookout(Some(&db), &["config", "apply", file.to_str().unwrap()]);
    assert!(applied.status.success(), "{applied:?}");
    assert_masked("config apply", &stdout(&applied));
    assert!(
        stdout(&applied).contains("interval 60 → 120"),
        "{applied:?}"
    );
    let store = Store::open_for_reports(&db).unwrap();
    assert_eq!(store.providers().unwrap()[0].url, page);
    assert_eq!(store.probes(None).unwrap()[0].url, probe);
    drop(store);

    // A probe added by the file, written out: the output masks it.
    let other = exported.replace(
        "https://••••@api.acme.test/h?api_key=••••",
        "https://alice:S3cret@api.acme.test/v2?api_key=K3yValue",
    );
    std::fs::write(&file, other).unwrap();
    let changed = lookout(Some(&db), &["config", "apply", file.to_str().unwrap()]);
    assert!(changed.status.success(), "{changed:?}");
    assert_masked("config apply", &stdout(&changed));
    assert!(
        stdout(&changed).contains("added probe of Acme https://••••@api.acme.test/v2?api_key=••••")
    );

    // Elsewhere, a masked URL stands for nothing: refused, saying so.
    let elsewhere = dir.path().join("other.db");
    std::fs::write(&file, &exported).unwrap();
    let refused = lookout(
        Some(&elsewhere),
        &["config", "apply", file.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("masked"), "{stderr}");
    assert_masked("config apply elsewhere", &stderr);
}
