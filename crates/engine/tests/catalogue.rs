//! Catalogue updates from a fake server on 127.0.0.1: a newer signed file installed and searched
//! at once, with what changed counted exactly; a tampered file, another key, an older or equal
//! version, a malformed file, a 100 MB body and a slow server refused with their reason, the
//! catalogue in use and the installed files unchanged; the installed file read at start only
//! when newer than the one in use; the weekly check's timing by the clock passed in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use lookout_core::catalog::{self, Entry};
use lookout_core::catalog_in_use::{self, BUILT_IN_VERSION};
use lookout_core::FixedClock;
use lookout_engine::catalogue::{
    load_installed, update, CatalogueCheck, CatalogueFiles, TrustedKey, UpdateRequest, Updated,
};
use lookout_engine::{CatalogueRefusal, EngineError, FetchConfig, Fetcher, Lookout};
use lookout_fake_status_server::catalogue::{CatalogueSigner, SignedCatalogue};
use lookout_fake_status_server::{FakeStatusServer, Fault};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The catalogue in use is the process's: these tests take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().await
}

struct Setup {
    server: FakeStatusServer,
    signer: CatalogueSigner,
    folder: tempfile::TempDir,
    fetcher: Fetcher,
}

impl Setup {
    async fn new() -> Setup {
        Setup {
            server: FakeStatusServer::start().await.unwrap(),
            signer: CatalogueSigner::new().unwrap(),
            folder: tempfile::tempdir().unwrap(),
            fetcher: Fetcher::new(FetchConfig::default()).unwrap(),
        }
    }

    fn files(&self) -> CatalogueFiles {
        CatalogueFiles::beside(&self.folder.path().join("lookout.db"))
    }

    fn key(&self) -> TrustedKey {
        TrustedKey::parse(&self.signer.public_key(), "from a test").unwrap()
    }

    /// Serves `signed` at `/<slug>/catalogue.json` (and `.minisig`); its URL.
    fn serve(&self, slug: &str, signed: &SignedCatalogue) -> String {
        let json = "application/json";
        self.server
            .set_document(slug, "catalogue.json", json, signed.body.clone());
        self.server.set_document(
            slug,
            "catalogue.json.minisig",
            "text/plain",
            signed.signature.clone(),
        );
        format!("{}/{slug}/catalogue.json", self.server.base_url())
    }

    /// Offers `url` and checks it is refused as `expected`, the catalogue in use and the
    /// (absent) installed files unchanged; the reason.
    async fn refused(&self, url: &str, expected: CatalogueRefusal) -> String {
        self.refused_within(url, Duration::from_secs(30), expected)
            .await
    }

    /// [`Setup::refused`] with `timeout` for each download.
    async fn refused_within(
        &self,
        url: &str,
        timeout: Duration,
        expected: CatalogueRefusal,
    ) -> String {
        let before = catalog_in_use::in_use();
        let (kind, reason) = refusal(self.update(url, timeout).await);
        assert_eq!(kind, expected, "{reason}");
        assert!(std::ptr::eq(catalog_in_use::in_use(), before));
        assert!(!self.files().catalogue().exists());
        assert!(!self.files().signature().exists());
        reason
    }

    async fn update(&self, url: &str, timeout: Duration) -> Result<Updated, EngineError> {
        let request = UpdateRequest {
            url: url.to_string(),
            key: self.key(),
            timeout,
        };
        update(&self.fetcher, &self.files(), &request, Utc::now()).await
    }
}

fn entry(name: &str, url: &str) -> Entry {
    Entry {
        name: name.into(),
        aliases: Vec::new(),
        category: "devtools".into(),
        url: url.into(),
        platform: "statuspage".into(),
        platform_id: None,
        source: "a test".into(),
        readable: true,
        reason: None,
    }
}

/// The catalogue in use with two services added (their names carry `tag`), its last removed,
/// and GitHub moved.
fn next_entries(tag: u64) -> Vec<Entry> {
    let mut entries = catalog_in_use::in_use().entries.clone();
    entries.pop();
    let github = entries.iter_mut().find(|e| e.name == "GitHub").unwrap();
    github.url = format!("https://githubstatus.test/{tag}");
    entries.push(entry(
        &format!("Zzyzx Cloud {tag}"),
        "https://status.zzyzx.test",
    ));
    entries.push(entry(
        &format!("Qwghlm Pay {tag}"),
        "https://status.qwghlm.test",
    ));
    entries
}

fn refusal(result: Result<Updated, EngineError>) -> (CatalogueRefusal, String) {
    match result {
        Err(EngineError::CatalogueRefused { refusal, reason }) => (refusal, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_newer_signed_catalogue_is_installed_and_searched_at_once() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let before = catalog_in_use::in_use();
    let version = before.version + 1;
    let removed = before.entries.last().unwrap().name.clone();
    let signed = setup.signer.sign(version, &next_entries(version));
    let url = setup.serve("good", &signed);
    assert!(catalog::search(&format!("Zzyzx Cloud {version}"), 1)
        .first()
        .is_none_or(|e| e.name != format!("Zzyzx Cloud {version}")));
    let updated = setup.update(&url, Duration::from_secs(30)).await.unwrap();
    assert_eq!(
        (updated.version, updated.previous),
        (version, before.version)
    );
    assert_eq!(
        updated.changes.added,
        [
            format!("Qwghlm Pay {version}"),
            format!("Zzyzx Cloud {version}")
        ]
    );
    assert_eq!(updated.changes.removed, [removed]);
    assert_eq!(updated.changes.moved, ["GitHub"]);
    assert_eq!(
        updated.changes.to_string(),
        "2 services added, 1 removed, 1 moved"
    );
    let key = setup.key();
    assert_eq!(
        updated.verified_with,
        format!("key {} (from a test)", key.id())
    );
    assert_eq!(catalog_in_use::in_use().version, version);
    let found = catalog::search(&format!("zzyzx cloud {version}"), 1);
    assert_eq!(found[0].name, format!("Zzyzx Cloud {version}"));
    assert_eq!(
        catalog::find("GitHub").unwrap().url,
        format!("https://githubstatus.test/{version}")
    );
    assert_eq!(
        std::fs::read(setup.files().catalogue()).unwrap(),
        signed.body
    );
    assert!(setup.files().signature().exists());
}

#[tokio::test]
async fn a_tampered_file_another_key_or_no_signature_is_refused() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let version = catalog_in_use::in_use().version + 1;
    let mut tampered = setup.signer.sign(version, &next_entries(version));
    let at = tampered.body.len() / 2;
    tampered.body[at] ^= 0x01;
    let url = setup.serve("tampered", &tampered);
    let reason = setup.refused(&url, CatalogueRefusal::BadSignature).await;
    let key = setup.key();
    assert_eq!(
        reason,
        format!(
            "its signature does not match the file (tampered with?) for key {} (from a test)",
            key.id()
        )
    );
    let stranger = CatalogueSigner::new().unwrap();
    let url = setup.serve("stranger", &stranger.sign(version, &next_entries(version)));
    let reason = setup.refused(&url, CatalogueRefusal::BadSignature).await;
    assert!(
        reason.starts_with("it is signed by another key than key"),
        "{reason}"
    );
    let unsigned = SignedCatalogue {
        body: tampered.body.clone(),
        signature: b"not a signature".to_vec(),
    };
    let url = setup.serve("unsigned", &unsigned);
    let reason = setup.refused(&url, CatalogueRefusal::BadSignature).await;
    assert_eq!(reason, "its signature is not a minisign signature");
    let url = format!("{}/nothing/catalogue.json", setup.server.base_url());
    let reason = setup.refused(&url, CatalogueRefusal::Unreachable).await;
    assert!(reason.contains("answered HTTP 404"), "{reason}");
}

#[tokio::test]
async fn an_older_or_equal_version_or_a_malformed_file_is_refused() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let in_use = catalog_in_use::in_use().version;
    for version in [in_use, in_use - 1, BUILT_IN_VERSION - 1] {
        let entries = next_entries(version * 10 + 1);
        let url = setup.serve("older", &setup.signer.sign(version, &entries));
        let reason = setup.refused(&url, CatalogueRefusal::NotNewer).await;
        assert_eq!(
            reason,
            format!("its version {version} is not newer than version {in_use}, the one in use (no rollback)")
        );
    }
    let url = setup.serve(
        "malformed",
        &setup
            .signer
            .sign_bytes(b"{\"version\": 9999999999}".to_vec()),
    );
    let reason = setup.refused(&url, CatalogueRefusal::Malformed).await;
    assert!(
        reason.starts_with("the file is not a catalogue"),
        "{reason}"
    );
}

#[tokio::test]
async fn a_100_mb_body_is_refused_without_reading_it_all_and_a_slow_server_in_time() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let version = catalog_in_use::in_use().version + 1;
    let signed = setup.signer.sign(version, &next_entries(version));
    let hundred_mb = 100 * 1024 * 1024;
    for (slug, fault) in [
        ("declared", Fault::HugeWithLength { bytes: hundred_mb }),
        ("chunked", Fault::Huge { bytes: hundred_mb }),
    ] {
        let url = setup.serve(slug, &signed);
        setup.server.set_fault(slug, Some(fault));
        let reason = setup.refused(&url, CatalogueRefusal::TooLarge).await;
        assert!(
            reason.ends_with(
                "catalogue.json is larger than 16 MiB, the most a catalogue file may be"
            ),
            "{reason}"
        );
    }
    let url = setup.serve("slow", &signed);
    setup
        .server
        .set_fault("slow", Some(Fault::Slow(Duration::from_secs(30))));
    let reason = setup
        .refused_within(&url, Duration::from_millis(300), CatalogueRefusal::TooSlow)
        .await;
    assert!(
        reason.ends_with("catalogue.json did not send it within 0.3 s"),
        "{reason}"
    );
}

#[tokio::test]
async fn the_installed_file_is_used_at_start_only_when_newer_than_the_one_in_use() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let files = setup.files();
    assert_eq!(
        load_installed(&files, &setup.key()).unwrap(),
        None,
        "none installed"
    );
    std::fs::create_dir_all(setup.folder.path()).unwrap();
    let install = |signed: &SignedCatalogue| {
        std::fs::write(files.catalogue(), &signed.body).unwrap();
        std::fs::write(files.signature(), &signed.signature).unwrap();
    };
    let floor = setup.signer.sign(BUILT_IN_VERSION, &next_entries(1));
    install(&floor);
    let before = catalog_in_use::in_use();
    assert_eq!(
        load_installed(&files, &setup.key()).unwrap(),
        None,
        "the built-in one is the floor"
    );
    assert!(std::ptr::eq(catalog_in_use::in_use(), before));
    let version = before.version + 1;
    let mut newer = setup.signer.sign(version, &next_entries(version));
    newer.body.push(b' ');
    install(&newer);
    let (kind, _) = refusal(load_installed(&files, &setup.key()).map(|_| unreachable!()));
    assert_eq!(kind, CatalogueRefusal::BadSignature, "tampered on disk");
    assert!(std::ptr::eq(catalog_in_use::in_use(), before));
    install(&setup.signer.sign(version, &next_entries(version)));
    assert_eq!(load_installed(&files, &setup.key()).unwrap(), Some(version));
    assert_eq!(catalog_in_use::in_use().version, version);
}

#[tokio::test]
async fn the_weekly_check_fetches_when_due_by_the_clock_and_not_when_turned_off() {
    let _turn = one_at_a_time().await;
    let setup = Setup::new().await;
    let start = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start));
    let store = lookout_store::Store::open_in_memory().unwrap();
    let lookout = Lookout::new(store, clock.clone()).unwrap();
    let version = catalog_in_use::in_use().version + 1;
    let url = setup.serve(
        "weekly",
        &setup.signer.sign(version, &next_entries(version)),
    );
    let told = Arc::new(Mutex::new(Vec::new()));
    let heard = told.clone();
    let check = CatalogueCheck {
        files: setup.files(),
        request: UpdateRequest {
            url,
            key: setup.key(),
            timeout: Duration::from_secs(30),
        },
        first_look_after: Duration::ZERO,
        look_every: Duration::from_secs(3600),
        on_checked: Arc::new(move |checked| heard.lock().unwrap().push(checked.outcome.clone())),
    };
    let first = check.look(&lookout).await.unwrap();
    assert_eq!(first.updated.unwrap().version, version);
    assert_eq!(setup.server.hits("weekly"), 2, "the file and its signature");
    let settings = lookout.catalogue_settings().await.unwrap();
    assert_eq!(settings.last_checked, Some(start));
    let said = format!("version {version}: 2 services added, 1 removed, 1 moved");
    assert_eq!(settings.last_outcome.as_deref(), Some(said.as_str()));
    clock.advance(chrono::Duration::days(6));
    assert!(
        check.look(&lookout).await.is_none(),
        "not due within the week"
    );
    clock.advance(chrono::Duration::days(1));
    let again = check.look(&lookout).await.unwrap();
    assert!(
        again.outcome.contains("is not newer than version"),
        "{}",
        again.outcome
    );
    assert_eq!(setup.server.hits("weekly"), 4);
    lookout.set_catalogue_weekly_check(false).await.unwrap();
    clock.advance(chrono::Duration::days(30));
    assert!(check.look(&lookout).await.is_none(), "turned off");
    assert_eq!(setup.server.hits("weekly"), 4);
    assert_eq!(told.lock().unwrap().len(), 2);
}
