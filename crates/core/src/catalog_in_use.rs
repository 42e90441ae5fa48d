//! The catalogue in use: the built-in one (`catalog.json`, version [`BUILT_IN_VERSION`]) until a
//! newer, verified one is made active at run time (an installed update), then that one, for
//! every reader of [`crate::catalog`] at once.
//!
//! A catalogue made active stays in memory for the rest of the process, so that lookups keep
//! handing out `&'static` entries: at most one per strictly newer version (an update a week, in
//! practice), never one per lookup.

use crate::catalog::{self, Entry};
use crate::catalog_index::{search_names, SearchName};
use std::sync::{OnceLock, PoisonError, RwLock};

/// The built-in catalogue's version: a date serial `YYYYMMDDNN` (the day `catalog.json` was last
/// released, then a two-digit number for that day). An installed catalogue whose version is not
/// above it is ignored: the built-in one is the floor. Raise it whenever `catalog.json` changes
/// in a release.
pub const BUILT_IN_VERSION: u64 = 2026120802;

/// One version of the catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Its version (see [`BUILT_IN_VERSION`]): a newer catalogue has a larger one.
    pub version: u64,
    /// Its services, in file order.
    pub entries: Vec<Entry>,
    /// Each entry's names as search compares them, made at the first search.
    names: OnceLock<Vec<Vec<SearchName>>>,
}

impl Catalogue {
    /// The catalogue of `version` holding `entries`.
    pub fn new(version: u64, entries: Vec<Entry>) -> Catalogue {
        Catalogue {
            version,
            entries,
            names: OnceLock::new(),
        }
    }

    /// Each entry's names lowercased and compacted, in the entries' order.
    pub(crate) fn search_names(&self) -> &[Vec<SearchName>] {
        self.names.get_or_init(|| search_names(&self.entries))
    }
}

impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && self.entries == other.entries
    }
}

impl Eq for Catalogue {}

/// The catalogue made active at run time, if any (the built-in one otherwise).
static ACTIVE: RwLock<Option<&'static Catalogue>> = RwLock::new(None);

/// The built-in catalogue. Empty if the embedded file were malformed (the tests catch that).
pub fn built_in() -> &'static Catalogue {
    static BUILT_IN: OnceLock<Catalogue> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        Catalogue::new(
            BUILT_IN_VERSION,
            catalog::parse(catalog::SOURCE).unwrap_or_default(),
        )
    })
}

/// The catalogue every lookup reads now.
pub fn in_use() -> &'static Catalogue {
    let active = *ACTIVE.read().unwrap_or_else(PoisonError::into_inner);
    active.unwrap_or_else(built_in)
}

/// Makes `catalogue` the one in use, for every reader at once, when its version is above the
/// version in use; otherwise leaves things as they are and hands back the version in use.
pub fn make_active(catalogue: Catalogue) -> Result<&'static Catalogue, u64> {
    let mut slot = ACTIVE.write().unwrap_or_else(PoisonError::into_inner);
    let current = slot.unwrap_or_else(built_in).version;
    if catalogue.version <= current {
        return Err(current);
    }
    let kept: &'static Catalogue = Box::leak(Box::new(catalogue));
    *slot = Some(kept);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_not_above_the_one_in_use_is_refused_and_nothing_changes() {
        let before = in_use();
        for version in [BUILT_IN_VERSION, BUILT_IN_VERSION - 1, 0] {
            let offered = Catalogue::new(version, Vec::new());
            assert_eq!(make_active(offered), Err(before.version));
        }
        assert!(std::ptr::eq(in_use(), before));
        assert!(built_in().entries.len() > 1_000);
    }
}
