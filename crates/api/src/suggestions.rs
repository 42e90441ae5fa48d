//! `lookout suggest --json`: the catalogue's vendors a project's manifests depend on, whether
//! each is watched already, and the packages that point to it.

use lookout_engine::operations::suggestions::SuggestedVendor;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One vendor a project depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SuggestionRow {
    /// The catalogue entry's name (`Stripe`).
    pub vendor: String,
    /// Its status page, as the catalogue has it.
    pub catalogue_url: String,
    /// Whether a watched provider is this vendor already.
    pub watching: bool,
    /// Why it cannot be watched (the catalogue's reason), when its vendor publishes nothing
    /// Lookout reads; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cannot_watch: Option<String>,
    /// The packages that point to it.
    pub evidence: Vec<SuggestionEvidence>,
}

/// One package in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SuggestionEvidence {
    /// `npm`, `cargo`, `pypi`, `go`, `rubygems`, `composer`, `nuget`, `terraform`, `docker` or
    /// `github-actions`.
    pub ecosystem: String,
    /// The package as written (`stripe`, `@clerk/nextjs`, `hashicorp/aws`).
    pub package: String,
    /// The version its lock file pins, else the manifest's requirement as written; `null` when
    /// neither says.
    pub version: Option<String>,
    /// The file that names it, under the path given.
    pub file: String,
}

impl SuggestionRow {
    /// The row of `vendor`.
    pub fn new(vendor: &SuggestedVendor) -> SuggestionRow {
        SuggestionRow {
            vendor: vendor.vendor.clone(),
            catalogue_url: vendor.catalogue_url.clone(),
            watching: vendor.watching,
            cannot_watch: vendor.cannot_watch.clone(),
            evidence: vendor
                .evidence
                .iter()
                .map(|e| SuggestionEvidence {
                    ecosystem: e.ecosystem.as_str().to_string(),
                    package: e.package.clone(),
                    version: e.version.clone(),
                    file: e.file.clone(),
                })
                .collect(),
        }
    }
}
