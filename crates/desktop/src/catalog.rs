//! The "Add a service" view's catalogue: the well-known services matching what the user types
//! (the popular ones before anything is typed), as the window receives them.

use lookout_core::catalog;
use serde::Serialize;

/// A catalogue entry for the "Add a service" view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct CatalogEntry {
    /// Display name (`GitHub`).
    pub name: String,
    /// Its status page (or feed).
    pub url: String,
    /// Platform word (`statuspage`…).
    pub platform: String,
    /// What kind of service it is (`code hosting & CI`…).
    pub category: String,
}

/// The entries matching `text` (at most 20), or the popular ones when `text` is blank.
pub fn catalog_search(text: &str) -> Vec<CatalogEntry> {
    let entries = if text.trim().is_empty() {
        catalog::popular()
    } else {
        catalog::search(text, 20)
    };
    entries
        .into_iter()
        .map(|e| CatalogEntry {
            name: e.name.clone(),
            url: e.url.clone(),
            platform: e.platform.clone(),
            category: e.category.clone(),
        })
        .collect()
}
