//! Suggestions from a project folder (`lookout suggest`, the window's "Suggest from a project
//! folder"): the catalogue's vendors the project's manifests depend on, each with its evidence,
//! and whether it is watched already. Nothing is read outside the paths given (see
//! [`crate::project_files`]), nothing is sent anywhere; adding one is `add_provider` with its
//! catalogue name.

use crate::project_files::{self, ProjectFiles};
use crate::{EngineError, Lookout};
use lookout_core::catalog::Entry;
use lookout_core::catalog_packages::{self, Evidence, Suggestion};
use lookout_store::Provider;
use std::path::PathBuf;
use std::sync::Arc;

/// One vendor a project depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedVendor {
    /// The catalogue entry's name (`Stripe`): what `add_provider` takes.
    pub vendor: String,
    /// Its status page, as the catalogue has it.
    pub catalogue_url: String,
    /// Whether a watched provider is this vendor already.
    pub watching: bool,
    /// Why it cannot be watched, when the catalogue says its vendor publishes nothing Lookout
    /// reads (`readable: false`): it is listed, never added.
    pub cannot_watch: Option<String>,
    /// Why: the packages that point to it, file by file.
    pub evidence: Vec<Evidence>,
}

/// What a project folder suggests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectSuggestions {
    /// The vendors, by name.
    pub vendors: Vec<SuggestedVendor>,
    /// What was left unread and why (a file too large, a manifest that is not valid JSON…).
    pub notes: Vec<String>,
}

impl Lookout {
    /// The vendors the manifests under `paths` (folders or files) depend on, each marked when it
    /// is watched already. A path that does not exist is refused.
    pub async fn suggestions_from(
        &self,
        paths: Vec<PathBuf>,
    ) -> Result<ProjectSuggestions, EngineError> {
        self.suggestions_in(Arc::new(project_files::Disk), paths)
            .await
    }

    /// As [`Lookout::suggestions_from`], over the files `files` gives.
    pub async fn suggestions_in(
        &self,
        files: Arc<dyn ProjectFiles>,
        paths: Vec<PathBuf>,
    ) -> Result<ProjectSuggestions, EngineError> {
        let walked = tokio::task::spawn_blocking(move || {
            project_files::project_dependencies(files.as_ref(), &paths)
        })
        .await
        .map_err(|e| EngineError::InvalidInput(format!("reading the project failed: {e}")))?;
        let (found, notes) = walked.map_err(|e| EngineError::InvalidInput(e.to_string()))?;
        let providers = self.providers().await?;
        let vendors = catalog_packages::suggestions(found)
            .into_iter()
            .map(|Suggestion { entry, evidence }| SuggestedVendor {
                vendor: entry.name.clone(),
                catalogue_url: entry.url.clone(),
                watching: providers.iter().any(|p| is_entry(p, entry)),
                cannot_watch: (!entry.readable).then(|| {
                    entry
                        .reason
                        .clone()
                        .unwrap_or_else(|| "its vendor publishes nothing Lookout reads".to_string())
                }),
                evidence,
            })
            .collect();
        Ok(ProjectSuggestions { vendors, notes })
    }
}

/// Whether `provider` is the catalogue's `entry`: named by one of its names, or at its page's
/// host.
fn is_entry(provider: &Provider, entry: &Entry) -> bool {
    let named = entry
        .names()
        .any(|n| n.eq_ignore_ascii_case(provider.name.trim()));
    let host = |url: &str| url::Url::parse(url).ok()?.host_str().map(str::to_lowercase);
    named || host(&provider.url).is_some_and(|h| Some(h) == host(&entry.url))
}
