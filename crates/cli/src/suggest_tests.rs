//! `--add` against the fake status server on 127.0.0.1: the catalogue's pages cannot be reached
//! from a test, so each vendor's page is given by the test (production passes the vendor's
//! name, which `add_provider` resolves through the catalogue as `lookout add <name>` does).
//! The vendors found in the npm fixture are added but the one watched already, and a vendor
//! whose page cannot be read is said while the others are still added.

use super::*;
use lookout_core::SystemClock;
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use std::sync::Arc;

#[tokio::test]
async fn add_watches_the_vendors_not_watched_yet_and_says_which_could_not_be() {
    let server = FakeStatusServer::start().await.unwrap();
    let base = chrono::Utc::now() - chrono::Duration::minutes(5);
    for slug in ["clerk", "github", "openai", "sentry", "supabase"] {
        server.set_page(
            slug,
            Dialect::Statuspage,
            incident_life_for(Dialect::Statuspage, 0, base),
        );
    }
    // No page at /stripe/: Stripe cannot be read now.
    let dir = tempfile::tempdir().unwrap();
    let store = lookout_store::Store::open(&dir.path().join("lookout.db")).unwrap();
    let lookout = Lookout::new(store, Arc::new(SystemClock)).unwrap();
    lookout
        .add_provider(&server.page_url("github"), Some("GitHub"), 60)
        .await
        .unwrap();
    server.reset_hits();

    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/suggest/npm");
    let found = lookout.suggestions_from(vec![fixture]).await.unwrap();
    let watching: Vec<(&str, bool)> = found
        .vendors
        .iter()
        .map(|v| (v.vendor.as_str(), v.watching))
        .collect();
    assert_eq!(
        watching,
        [
            ("Clerk", false),
            ("GitHub", true),
            ("OpenAI", false),
            ("Sentry", false),
            ("Stripe", false),
            ("Supabase", false)
        ]
    );
    let page_of = |vendor: &str| server.page_url(&vendor.to_lowercase());
    let added = add_vendors(&lookout, &found.vendors, &page_of, false).await;
    assert_eq!(added, ["Clerk", "OpenAI", "Sentry", "Supabase"]);
    assert_eq!(
        server.hits("github"),
        0,
        "a vendor watched already is not read"
    );
    let mut names: Vec<String> = lookout
        .providers()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    assert_eq!(names, ["Clerk", "GitHub", "OpenAI", "Sentry", "Supabase"]);

    let again = lookout
        .suggestions_from(vec![
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/suggest/npm")
        ])
        .await
        .unwrap();
    let still_new: Vec<&str> = again
        .vendors
        .iter()
        .filter(|v| !v.watching)
        .map(|v| v.vendor.as_str())
        .collect();
    assert_eq!(still_new, ["Stripe"], "added ones are watched now");
}

#[test]
fn evidence_reads_package_version_and_file() {
    let evidence = SuggestionEvidence {
        ecosystem: "npm".into(),
        package: "stripe".into(),
        version: Some("14.2.0".into()),
        file: "package.json".into(),
    };
    assert_eq!(evidence_line(&evidence), "stripe 14.2.0 in package.json");
    let unversioned = SuggestionEvidence {
        version: None,
        ..evidence
    };
    assert_eq!(evidence_line(&unversioned), "stripe in package.json");
}
