//! `lookout catalog update` against the fake server on 127.0.0.1, with a throwaway key in
//! LOOKOUT_CATALOGUE_PUBLIC_KEY: a newer signed file installed, what changed said exactly, and
//! used by `catalog search` at once; a tampered file, an older version, a 100 MB body and a slow
//! server refused with their reason, the installed catalogue and the one searched unchanged.

use crate::stdout;
use lookout_core::catalog::Entry;
use lookout_core::catalog_in_use::{built_in, BUILT_IN_VERSION};
use lookout_fake_status_server::catalogue::{CatalogueSigner, SignedCatalogue};
use lookout_fake_status_server::{FakeStatusServer, Fault};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// `lookout` on the database `db` trusting `key`.
fn lookout(db: &Path, key: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("LOOKOUT_CATALOGUE_PUBLIC_KEY", key)
        .env("RUST_LOG", "off")
        .output()
        .expect("lookout runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The built-in catalogue with Zzyzx Cloud and Qwghlm Pay added and GitHub moved.
fn newer_entries() -> Vec<Entry> {
    let mut entries = built_in().entries.clone();
    let github = entries.iter_mut().find(|e| e.name == "GitHub").unwrap();
    github.url = "https://githubstatus.test".into();
    for (name, url) in [
        ("Zzyzx Cloud", "https://status.zzyzx.test"),
        ("Qwghlm Pay", "https://status.qwghlm.test"),
    ] {
        entries.push(Entry {
            name: name.into(),
            aliases: Vec::new(),
            category: "cloud & CDN".into(),
            url: url.into(),
            platform: "statuspage".into(),
            platform_id: None,
            source: "a test".into(),
            readable: true,
            reason: None,
        });
    }
    entries
}

/// Serves `signed` under `/<slug>/`; the file's URL.
fn serve(server: &FakeStatusServer, slug: &str, signed: &SignedCatalogue) -> String {
    let json = "application/json";
    server.set_document(slug, "catalogue.json", json, signed.body.clone());
    let signature = signed.signature.clone();
    server.set_document(slug, "catalogue.json.minisig", "text/plain", signature);
    format!("{}/{slug}/catalogue.json", server.base_url())
}

/// The first name `catalog search TEXT` finds.
fn first_found(db: &Path, key: &str, text: &str) -> String {
    let output = lookout(db, key, &["catalog", "search", text, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    rows[0]["name"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_newer_signed_catalogue_is_installed_and_searched_at_once_and_refusals_change_nothing() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let signer = CatalogueSigner::new().unwrap();
    let key = signer.public_key();
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("lookout.db");
    assert_ne!(first_found(&db, &key, "zzyzx cloud"), "Zzyzx Cloud");
    let version = BUILT_IN_VERSION + 1;
    let url = serve(&server, "good", &signer.sign(version, &newer_entries()));
    let output = lookout(&db, &key, &["catalog", "update", "--from", &url]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stdout(&output);
    let expected = format!(
        "catalogue updated to version {version} (was {BUILT_IN_VERSION}): 2 services added, 1 moved\n\
         verified with key {} (from LOOKOUT_CATALOGUE_PUBLIC_KEY)\n",
        key_id(&said)
    );
    assert!(said.starts_with(&expected), "{said}");
    assert!(said.contains(&folder.path().join("catalogue.json").display().to_string()));
    assert_eq!(first_found(&db, &key, "zzyzx cloud"), "Zzyzx Cloud");
    let installed = std::fs::read(folder.path().join("catalogue.json")).unwrap();

    let mut tampered = signer.sign(version + 1, &newer_entries());
    let at = tampered.body.len() / 3;
    tampered.body[at] ^= 0x01;
    let older = signer.sign(version - 1, &newer_entries());
    let hundred_mb = Fault::HugeWithLength {
        bytes: 100 * 1024 * 1024,
    };
    let newest = signer.sign(version + 1, &newer_entries());
    let cases = [
        (
            "tampered",
            &tampered,
            None,
            2,
            "its signature does not match the file",
        ),
        ("older", &older, None, 1, "is not newer than version"),
        (
            "huge",
            &newest,
            Some(hundred_mb),
            2,
            "is larger than 16 MiB",
        ),
        (
            "slow",
            &newest,
            Some(Fault::Slow(Duration::from_secs(20))),
            2,
            "did not send it within 1 s",
        ),
    ];
    for (slug, signed, fault, code, reason) in cases {
        let url = serve(&server, slug, signed);
        server.set_fault(slug, fault);
        let args = ["catalog", "update", "--from", &url, "--timeout", "1"];
        let output = lookout(&db, &key, &args);
        let complaint = stderr(&output);
        assert_eq!(output.status.code(), Some(code), "{slug}: {complaint}");
        assert!(complaint.contains(reason), "{slug}: {complaint}");
        assert!(
            complaint.ends_with("; the catalogue in use is unchanged\n"),
            "{complaint}"
        );
        let now = std::fs::read(folder.path().join("catalogue.json")).unwrap();
        assert!(now == installed, "{slug}: the installed file changed");
        assert_eq!(
            first_found(&db, &key, "zzyzx cloud"),
            "Zzyzx Cloud",
            "{slug}"
        );
    }
}

/// The key id `verified with key ID (…)` names.
fn key_id(said: &str) -> String {
    let after = said.split("verified with key ").nth(1).unwrap_or_default();
    after.split(' ').next().unwrap_or_default().to_string()
}

#[test]
fn an_installed_catalogue_signed_by_another_key_is_not_used() {
    let server = FakeStatusServer::start_blocking().unwrap();
    let signer = CatalogueSigner::new().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("lookout.db");
    let url = serve(
        &server,
        "good",
        &signer.sign(BUILT_IN_VERSION + 1, &newer_entries()),
    );
    let output = lookout(
        &db,
        &signer.public_key(),
        &["catalog", "update", "--from", &url],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stranger = CatalogueSigner::new().unwrap().public_key();
    let output = lookout(
        &db,
        &stranger,
        &["catalog", "search", "zzyzx cloud", "--json"],
    );
    let complaint = stderr(&output);
    assert!(
        complaint.contains("is not used: it is signed by another key than key"),
        "{complaint}"
    );
    assert!(!stdout(&output).contains("Zzyzx Cloud"));
}
