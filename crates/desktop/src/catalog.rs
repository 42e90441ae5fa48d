//! The "Add a service" view's catalogue: the well-known services matching what the user types
//! (the popular ones before anything is typed), its categories to browse, and one category's
//! services, as the window receives them.

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
    /// Platform name for people (`Atlassian Statuspage`, `Google Cloud`…).
    pub platform_label: String,
    /// What kind of service it is (`code hosting & CI`…).
    pub category: String,
    /// Why it cannot be watched and what to do instead, when its vendor publishes nothing
    /// Lookout reads (then it cannot be added); `null` when it can be watched.
    pub reason: Option<String>,
}

/// A catalogue category to browse, with how many services it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct CatalogCategory {
    /// Its name (`auth`, `cloud & CDN`…), as `catalog_category` takes it.
    pub name: String,
    /// How many services it holds (never 0).
    pub count: u32,
}

/// Every category that holds a service, in the catalogue's order.
pub fn catalog_categories() -> Vec<CatalogCategory> {
    catalog::by_category(None)
        .into_iter()
        .map(|(name, members)| CatalogCategory {
            name: name.to_string(),
            count: u32::try_from(members.len()).unwrap_or(u32::MAX),
        })
        .collect()
}

/// The services of one category by name; none for a category that does not exist.
pub fn catalog_category(category: &str) -> Vec<CatalogEntry> {
    let Some(category) = catalog::category(category) else {
        return Vec::new();
    };
    catalog::by_category(Some(category))
        .into_iter()
        .flat_map(|(_, members)| members)
        .map(entry)
        .collect()
}

fn entry(e: &catalog::Entry) -> CatalogEntry {
    CatalogEntry {
        name: e.name.clone(),
        url: e.url.clone(),
        platform: e.platform.clone(),
        platform_label: match lookout_core::Platform::from_name(&e.platform) {
            Some(platform) => platform.label().to_string(),
            None if !e.readable => "nothing readable".to_string(),
            None => e.platform.clone(),
        },
        category: e.category.clone(),
        reason: (!e.readable).then(|| e.reason.clone().unwrap_or_default()),
    }
}

/// The entries matching `text` (at most 20: exact and prefix matches first, by popularity), or
/// the popular ones when `text` is blank.
pub fn catalog_search(text: &str) -> Vec<CatalogEntry> {
    let entries = if text.trim().is_empty() {
        catalog::popular()
    } else {
        catalog::suggest(text, 20)
    };
    entries.into_iter().map(entry).collect()
}
