//! "Suggest from a project folder" in Add a service: the vendors a folder's manifests depend on
//! (the engine's `suggestions_from`, as `lookout suggest` reads them), each with why in words
//! and the files named under the folder chosen.

use lookout_engine::operations::suggestions::ProjectSuggestions;
use serde::Serialize;
use std::path::Path;

/// What a project folder suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct FolderSuggestions {
    /// The folder chosen, as the system names it.
    pub folder: String,
    /// The catalogue's vendors its manifests depend on, by name.
    pub vendors: Vec<FolderVendor>,
    /// What was left unread and why (a file too large, a manifest that is not valid…).
    pub notes: Vec<String>,
}

/// One vendor a project depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct FolderVendor {
    /// The catalogue entry's name (`Stripe`): what `preview_provider` takes to read its page.
    pub vendor: String,
    /// Its status page, as the catalogue has it.
    pub catalogue_url: String,
    /// Whether a watched provider is this vendor already.
    pub watching: bool,
    /// Why it cannot be watched (the catalogue's reason), when its vendor publishes nothing
    /// Lookout reads: shown instead of "Watch…".
    pub cannot_watch: Option<String>,
    /// Why, one line a package: "stripe 14.2.0 in package.json" (files under the folder).
    pub why: Vec<String>,
}

/// The window's form of what `folder` suggests.
pub fn folder_suggestions(folder: &Path, found: ProjectSuggestions) -> FolderSuggestions {
    let shown = folder.to_string_lossy().replace('\\', "/");
    let under = format!("{}/", shown.trim_end_matches('/'));
    let relative = |file: &str| file.strip_prefix(&under).unwrap_or(file).to_string();
    let vendors = found
        .vendors
        .into_iter()
        .map(|v| FolderVendor {
            why: v
                .evidence
                .iter()
                .map(|e| match &e.version {
                    Some(version) => format!("{} {version} in {}", e.package, relative(&e.file)),
                    None => format!("{} in {}", e.package, relative(&e.file)),
                })
                .collect(),
            vendor: v.vendor,
            catalogue_url: v.catalogue_url,
            watching: v.watching,
            cannot_watch: v.cannot_watch,
        })
        .collect();
    let notes = found
        .notes
        .iter()
        .map(|n| n.strip_prefix(&under).unwrap_or(n).to_string())
        .collect();
    FolderSuggestions {
        folder: shown,
        vendors,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::catalog_packages::Evidence;
    use lookout_core::manifests::Ecosystem;
    use lookout_engine::operations::suggestions::SuggestedVendor;

    #[test]
    fn files_are_named_under_the_folder_chosen() {
        let found = ProjectSuggestions {
            vendors: vec![SuggestedVendor {
                vendor: "Stripe".into(),
                catalogue_url: "https://status.stripe.com".into(),
                watching: false,
                cannot_watch: None,
                evidence: vec![Evidence {
                    ecosystem: Ecosystem::Npm,
                    package: "stripe".into(),
                    version: Some("14.2.0".into()),
                    file: "/home/me/shop/web/package.json".into(),
                }],
            }],
            notes: vec!["/home/me/shop/big/package.json: larger than 4 MiB, not read".into()],
        };
        let shown = folder_suggestions(Path::new("/home/me/shop"), found);
        assert_eq!(shown.vendors[0].why, ["stripe 14.2.0 in web/package.json"]);
        assert_eq!(
            shown.notes,
            ["big/package.json: larger than 4 MiB, not read"]
        );
        assert_eq!(shown.folder, "/home/me/shop");
    }

    #[test]
    fn a_vendor_that_cannot_be_watched_keeps_the_catalogues_reason() {
        let found = ProjectSuggestions {
            vendors: vec![SuggestedVendor {
                vendor: "Okta".into(),
                catalogue_url: "https://status.okta.com".into(),
                watching: false,
                cannot_watch: Some("status.okta.com publishes only a web page".into()),
                evidence: Vec::new(),
            }],
            notes: Vec::new(),
        };
        let shown = folder_suggestions(Path::new("/home/me/shop"), found);
        assert_eq!(
            shown.vendors[0].cannot_watch.as_deref(),
            Some("status.okta.com publishes only a web page")
        );
    }
}
