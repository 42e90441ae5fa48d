//! The update check through the real `tauri-plugin-updater` on Tauri's mock runtime, against a
//! local server on 127.0.0.1 serving `latest.json` and a package signed with a throwaway key:
//! a newer version and its notes, a lower one, a 404, and a package whose signature is not the
//! trusted key's (refused at download, before any install).

use crate::updates::{answer, ask_plugin, failure};
use base64::Engine as _;
use lookout_desktop::UpdateOutcome;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};

const PACKAGE: &[u8] = b"the package of version 0.2.0";

/// A minisign key pair in Tauri's form: the public key and signatures are base64 of minisign's
/// text.
struct TestKey(minisign::KeyPair);

impl TestKey {
    fn new() -> TestKey {
        TestKey(minisign::KeyPair::generate_unencrypted_keypair().unwrap())
    }

    fn public(&self) -> String {
        let text = self.0.pk.to_box().unwrap().to_string();
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    fn sign(&self, data: &[u8], version: &str) -> String {
        let comment = format!("timestamp:1\tfile:package.deb\tversion:{version}");
        let signature =
            minisign::sign(None, &self.0.sk, data, Some(&comment), Some("test")).unwrap();
        base64::engine::general_purpose::STANDARD.encode(signature.to_string())
    }
}

/// Serves `latest.json` (`manifest`), `package.deb` ([`PACKAGE`]) and 404 for anything else on
/// 127.0.0.1, one connection at a time; its base URL.
fn serve(manifest: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let (status, body): (&str, &[u8]) = match first.split(' ').nth(1) {
                Some("/latest.json") => ("200 OK", manifest.as_bytes()),
                Some("/package.deb") => ("200 OK", PACKAGE),
                _ => ("404 Not Found", b"not found"),
            };
            let mut stream = stream;
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
    });
    base
}

fn manifest(base: &str, version: &str, signature: &str) -> String {
    serde_json::json!({
        "version": version,
        "notes": "Faster checks.\nFixes the tray on KDE.",
        "pub_date": "2026-12-07T09:00:00Z",
        "platforms": {
            tauri_plugin_updater::target().unwrap(): {
                "url": format!("{base}/package.deb"),
                "signature": signature,
            }
        }
    })
    .to_string()
}

/// An app on the mock runtime (version 0.1.0) with the updater plugin configured like Lookout's,
/// trusting `key`.
fn app(key: &TestKey) -> tauri::App<MockRuntime> {
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        serde_json::json!({
            "endpoints": ["https://github.com/lookout-status/lookout/releases/latest/download/latest.json"],
            "pubkey": key.public(),
        }),
    );
    mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .build(context)
        .unwrap()
}

#[tokio::test]
async fn a_newer_version_is_found_with_its_notes_and_its_package_verifies() {
    let key = TestKey::new();
    let app = app(&key);
    // Every server here also serves the package; the manifest names another one's address.
    let packages = serve(String::new());
    let base = serve(manifest(&packages, "0.2.0", &key.sign(PACKAGE, "0.2.0")));
    let asked = ask_plugin(app.handle(), Some(format!("{base}/latest.json")), None).await;
    let (found, update) = answer(asked, "0.1.0");
    assert_eq!(found.outcome, UpdateOutcome::Available, "{}", found.message);
    assert_eq!(found.version.as_deref(), Some("0.2.0"));
    assert_eq!(
        found.notes.as_deref(),
        Some("Faster checks.\nFixes the tray on KDE.")
    );
    assert_eq!(found.message, "Lookout 0.2.0 is available (this is 0.1.0).");
    let update = update.expect("kept for Install and restart").0;
    let bytes = update.download(|_, _| {}, || {}).await.unwrap();
    assert_eq!(bytes, PACKAGE);
}

#[tokio::test]
async fn a_lower_version_is_up_to_date() {
    let key = TestKey::new();
    let app = app(&key);
    let base = serve(manifest(
        "http://127.0.0.1:9",
        "0.0.9",
        &key.sign(PACKAGE, "0.0.9"),
    ));
    let asked = ask_plugin(app.handle(), Some(format!("{base}/latest.json")), None).await;
    let (found, update) = answer(asked, "0.1.0");
    assert_eq!(found.outcome, UpdateOutcome::UpToDate);
    assert_eq!(found.message, "Lookout 0.1.0 is up to date.");
    assert!(update.is_none());
}

#[tokio::test]
async fn a_404_says_there_is_no_release_manifest() {
    let key = TestKey::new();
    let app = app(&key);
    let base = serve(String::new());
    let asked = ask_plugin(app.handle(), Some(format!("{base}/missing.json")), None).await;
    let (found, update) = answer(asked, "0.1.0");
    assert_eq!(found.outcome, UpdateOutcome::Failed);
    assert_eq!(
        found.message,
        "Could not check for updates: no release manifest (latest.json) at the update address."
    );
    assert!(update.is_none());
}

#[tokio::test]
async fn a_package_signed_by_another_key_is_refused_before_any_install() {
    let trusted = TestKey::new();
    let other = TestKey::new();
    let app = app(&trusted);
    let packages = serve(String::new());
    let base = serve(manifest(&packages, "0.2.0", &other.sign(PACKAGE, "0.2.0")));
    let asked = ask_plugin(app.handle(), Some(format!("{base}/latest.json")), None).await;
    let (found, update) = answer(asked, "0.1.0");
    assert_eq!(found.outcome, UpdateOutcome::Available);
    let error = update
        .unwrap()
        .0
        .download(|_, _| {}, || {})
        .await
        .unwrap_err();
    assert_eq!(
        failure(&error).install_message("0.1.0"),
        "The update was not installed: the update's signature is not Lookout's: it was \
         refused. Lookout 0.1.0 keeps running."
    );
}
