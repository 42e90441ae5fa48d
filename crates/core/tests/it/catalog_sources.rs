//! Where each catalogue entry was learned: every `source` names a known kind of public place,
//! checked on a fixed-seed sample of 50 entries and on the whole catalogue.

use lookout_core::catalog;

/// The kind of public place an entry's `source` names, or `None` when it names none we know.
fn source_kind(source: &str) -> Option<&'static str> {
    let first = source.split([' ', ';']).next().unwrap_or("");
    if let Some(path) = first.strip_prefix("github.com/") {
        // owner / repository / a file in it
        let parts: Vec<&str> = path.split('/').collect();
        let named = parts.len() >= 3 && parts.iter().all(|p| !p.is_empty());
        return named.then_some("a file in a public GitHub repository");
    }
    if let Some(rest) = first.strip_prefix("https://") {
        let host = rest.split('/').next().unwrap_or("");
        return host
            .contains('.')
            .then_some("the vendor's documentation page");
    }
    if first.ends_with("fixtures/SOURCES.md") {
        return Some("the shared fixtures' notes on a public test");
    }
    source
        .starts_with("the page's own API")
        .then_some("the page's own API")
}

/// A fixed-seed sample: the same 50 entries on every run (xorshift64, no crate needed).
fn sample_indices(len: usize, count: usize, mut seed: u64) -> Vec<usize> {
    let mut picked = Vec::new();
    while picked.len() < count.min(len) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let index = (seed % len as u64) as usize;
        if !picked.contains(&index) {
            picked.push(index);
        }
    }
    picked
}

#[test]
fn a_random_sample_of_50_entries_each_names_its_sources_kind() {
    let entries = catalog::entries();
    let sample = sample_indices(entries.len(), 50, 0x5eed_ca7a_1095_0028);
    assert_eq!(sample.len(), 50);
    for index in sample {
        let entry = &entries[index];
        assert!(
            source_kind(&entry.source).is_some(),
            "{}: the source names no known kind of public place: {}",
            entry.name,
            entry.source
        );
    }
    // Every kind is told apart, and a bare word or a truncated repository path is not a place.
    assert_eq!(
        source_kind("github.com/inket/stts/Resources/services.json (Atlassian Statuspage)"),
        Some("a file in a public GitHub repository")
    );
    assert_eq!(
        source_kind("https://developer.zendesk.com/api-reference/status_api/status_api/ (x)"),
        Some("the vendor's documentation page")
    );
    assert_eq!(
        source_kind("../shared/fixtures/SOURCES.md notes (a public test)"),
        Some("the shared fixtures' notes on a public test")
    );
    assert_eq!(source_kind("github.com/inket (a user)"), None);
    assert_eq!(source_kind("a friend told me"), None);
    assert_eq!(source_kind("https://localhost"), None);
}

#[test]
fn every_entry_names_a_known_kind_of_source() {
    for entry in catalog::entries() {
        assert!(
            source_kind(&entry.source).is_some(),
            "{}: {}",
            entry.name,
            entry.source
        );
    }
}

/// The `catalog.json` that [`BUILT_IN_VERSION`] names, by its SHA-256.
const BUILT_IN_SHA256: &str = "d93c894eee7fca9ecc934e2c59116683bd86548c3d2c1366c087f9f6469e2b9c";

#[test]
fn the_built_in_catalogues_version_moves_with_its_entries() {
    use lookout_core::catalog_in_use::BUILT_IN_VERSION;
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.json")).unwrap();
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        (hash.as_str(), BUILT_IN_VERSION),
        (BUILT_IN_SHA256, 2026120802),
        "catalog.json changed: raise BUILT_IN_VERSION (crates/core/src/catalog_in_use.rs), so an \
         installed catalogue older than it is no longer used, then record both here"
    );
}
