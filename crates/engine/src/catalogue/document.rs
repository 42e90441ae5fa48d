//! A catalogue update's file: its minisign signature checked against the trusted key, its JSON
//! (`{"version": N, "entries": [...]}`) read into a [`Catalogue`], and what changed from the
//! catalogue in use, in words ("12 services added, 3 moved").

use super::key::TrustedKey;
use crate::error::{CatalogueRefusal, EngineError};
use lookout_core::catalog::{Entry, CATEGORIES, NO_PLATFORM, PLATFORMS};
use lookout_core::catalog_in_use::Catalogue;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// Checks that `signature` (a `.minisig` file's text) was made by `key` over `body`.
pub fn verify(body: &[u8], signature: &[u8], key: &TrustedKey) -> Result<(), EngineError> {
    let refused = |why: &str| CatalogueRefusal::BadSignature.because(why.to_string());
    let text = std::str::from_utf8(signature)
        .map_err(|_| refused("its signature is not a minisign signature"))?;
    let signature = minisign_verify::Signature::decode(text)
        .map_err(|_| refused("its signature is not a minisign signature"))?;
    key.key()
        .verify(body, &signature, false)
        .map_err(|e| match e {
            minisign_verify::Error::UnexpectedKeyId => {
                refused(&format!("it is signed by another key than {key}"))
            }
            _ => refused(&format!(
                "its signature does not match the file (tampered with?) for {key}"
            )),
        })
}

/// A verified file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The catalogue it holds.
    pub catalogue: Catalogue,
    /// Its entries this Lookout cannot use (a platform or category it does not know, a field it
    /// does not read, a URL that is not https), left out.
    pub left_out: usize,
}

#[derive(Deserialize)]
struct Document {
    version: u64,
    entries: Vec<serde_json::Value>,
}

/// Reads a catalogue file. Refused when it is not `{version, entries}`, when no entry is
/// usable, or when two entries share a name or alias.
pub fn read(body: &[u8]) -> Result<Read, EngineError> {
    let malformed = |why: String| CatalogueRefusal::Malformed.because(why);
    let document: Document = serde_json::from_slice(body)
        .map_err(|e| malformed(format!("the file is not a catalogue ({e})")))?;
    let offered = document.entries.len();
    let entries: Vec<Entry> = document
        .entries
        .into_iter()
        .filter_map(|value| serde_json::from_value::<Entry>(value).ok())
        .filter(usable)
        .collect();
    if entries.is_empty() {
        return Err(malformed(format!(
            "the file holds no entry this Lookout can use (of {offered})"
        )));
    }
    let mut names = HashSet::new();
    for name in entries.iter().flat_map(Entry::names) {
        if !names.insert(name.trim().to_lowercase()) {
            return Err(malformed(format!("the name {name:?} is given twice")));
        }
    }
    Ok(Read {
        left_out: offered - entries.len(),
        catalogue: Catalogue::new(document.version, entries),
    })
}

/// Whether this Lookout can use `entry`: a platform and category it knows, an https URL; or, for
/// a page that cannot be watched, no platform and the reason why.
fn usable(entry: &Entry) -> bool {
    let platform = if entry.readable {
        PLATFORMS.contains(&entry.platform.as_str())
    } else {
        entry.platform == NO_PLATFORM
            && entry
                .reason
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty())
    };
    platform
        && CATEGORIES.contains(&entry.category.as_str())
        && entry.url.starts_with("https://")
        && !entry.name.trim().is_empty()
}

/// What a new catalogue changes, by service name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Services in the new one only, by name.
    pub added: Vec<String>,
    /// Services in the old one only.
    pub removed: Vec<String>,
    /// Services in both whose status page moved (another URL, platform or page id).
    pub moved: Vec<String>,
}

/// What changes from `old` to `new` (services matched by name, ignoring case).
pub fn changes(old: &[Entry], new: &[Entry]) -> Changes {
    let by_name = |entries: &[Entry]| -> BTreeMap<String, Entry> {
        entries
            .iter()
            .map(|e| (e.name.to_lowercase(), e.clone()))
            .collect()
    };
    let (old, new) = (by_name(old), by_name(new));
    let place = |e: &Entry| (e.url.clone(), e.platform.clone(), e.platform_id.clone());
    Changes {
        added: new
            .iter()
            .filter(|(k, _)| !old.contains_key(*k))
            .map(|(_, e)| e.name.clone())
            .collect(),
        removed: old
            .iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(_, e)| e.name.clone())
            .collect(),
        moved: new
            .iter()
            .filter(|(k, e)| old.get(*k).is_some_and(|o| place(o) != place(e)))
            .map(|(_, e)| e.name.clone())
            .collect(),
    }
}

impl std::fmt::Display for Changes {
    /// "12 services added, 1 removed, 3 moved"; "no service added, removed or moved".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = [
            (self.added.len(), "added"),
            (self.removed.len(), "removed"),
            (self.moved.len(), "moved"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .enumerate()
        .map(|(i, (count, what))| match (i, count) {
            (0, 1) => format!("1 service {what}"),
            (0, _) => format!("{count} services {what}"),
            _ => format!("{count} {what}"),
        })
        .collect();
        if parts.is_empty() {
            write!(f, "no service added, removed or moved")
        } else {
            write!(f, "{}", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_service_that_cannot_be_watched_is_usable_only_with_its_reason() {
        let mut okta = entry("Okta", "https://status.okta.com");
        (okta.platform, okta.readable) = (NO_PLATFORM.into(), false);
        assert!(!usable(&okta), "no reason");
        okta.reason = Some(" ".into());
        assert!(!usable(&okta), "a blank reason");
        okta.reason = Some("a web page only: add a probe".into());
        assert!(usable(&okta));
        okta.platform = "statuspage".into();
        assert!(!usable(&okta), "a platform and not readable");
        let mut typo = entry("Acme", "https://status.acme.test");
        typo.platform = NO_PLATFORM.into();
        assert!(!usable(&typo), "no platform yet readable");
    }

    #[test]
    fn changes_count_services_added_removed_and_moved_exactly() {
        let old = vec![
            entry("Acme", "https://status.acme.test"),
            entry("Bolt", "https://status.bolt.test"),
            entry("Gone", "https://status.gone.test"),
        ];
        let new = vec![
            entry("acme", "https://status.acme.test"),
            entry("Bolt", "https://bolt.statuspage.test"),
            entry("Fresh", "https://status.fresh.test"),
            entry("Newer", "https://status.newer.test"),
        ];
        let changes = changes(&old, &new);
        assert_eq!(changes.added, ["Fresh", "Newer"]);
        assert_eq!(changes.removed, ["Gone"]);
        assert_eq!(changes.moved, ["Bolt"]);
        assert_eq!(changes.to_string(), "2 services added, 1 removed, 1 moved");
        let only_moved = Changes {
            moved: vec!["Bolt".into()],
            ..Changes::default()
        };
        assert_eq!(only_moved.to_string(), "1 service moved");
        assert_eq!(
            Changes::default().to_string(),
            "no service added, removed or moved"
        );
    }

    #[test]
    fn a_file_that_is_not_a_catalogue_or_names_a_service_twice_is_malformed() {
        let refusal = |body: &str| match read(body.as_bytes()) {
            Err(EngineError::CatalogueRefused { refusal, reason }) => (refusal, reason),
            other => panic!("{other:?}"),
        };
        for body in [
            "[]",
            "{\"version\": 3}",
            "{\"version\": -1, \"entries\": []}",
            "{\"version\": 3, \"entries\": []}",
            "<html>",
        ] {
            assert_eq!(refusal(body).0, CatalogueRefusal::Malformed, "{body}");
        }
        let one = r#"{"name": "Acme", "category": "devtools", "url": "https://status.acme.test", "platform": "statuspage", "source": "t"}"#;
        let twice = format!("{{\"version\": 3, \"entries\": [{one}, {one}]}}");
        let (kind, reason) = refusal(&twice);
        assert_eq!(kind, CatalogueRefusal::Malformed);
        assert!(reason.contains("\"Acme\" is given twice"), "{reason}");
        let odd = r#"{"name": "Odd", "category": "devtools", "url": "http://odd.test", "platform": "statuspage", "source": "t"}"#;
        let read =
            read(format!("{{\"version\": 3, \"entries\": [{one}, {odd}]}}").as_bytes()).unwrap();
        assert_eq!((read.catalogue.entries.len(), read.left_out), (1, 1));
    }
}
