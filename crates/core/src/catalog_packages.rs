//! The catalogue's package map (`catalog_packages.json`): which packages of which ecosystem mean
//! a project depends on which catalogue entry (`stripe` on npm, `hashicorp/aws` on Terraform),
//! and a project's dependencies turned into the vendors to suggest, each with its evidence.
//!
//! A package is written as its ecosystem names it, compared as [`Ecosystem::normalised`]; one
//! ending in `*` is a prefix (`@clerk/*`, `aws-sdk-*`). An exact name wins over a prefix, and a
//! longer prefix over a shorter one.

use crate::catalog::{self, Entry};
use crate::manifests::{Dependency, Ecosystem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The embedded map, as shipped (`crates/core/catalog_packages.json`).
pub const SOURCE: &str = include_str!("../catalog_packages.json");

/// One vendor's packages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorPackages {
    /// The catalogue entry's name (`Stripe`).
    pub vendor: String,
    /// Its packages by ecosystem name (`npm`: [`stripe`, `@stripe/*`]).
    pub packages: BTreeMap<String, Vec<String>>,
}

/// Parses a package map. The embedded one is checked by the validation test.
pub fn parse(json: &str) -> Result<Vec<VendorPackages>, serde_json::Error> {
    serde_json::from_str(json)
}

/// Every vendor's packages, in file order. Empty if the embedded file were malformed (the tests
/// catch that).
pub fn map() -> &'static [VendorPackages] {
    static MAP: OnceLock<Vec<VendorPackages>> = OnceLock::new();
    MAP.get_or_init(|| parse(SOURCE).unwrap_or_default())
}

/// How well a written package matched: an exact name, or a prefix of this many characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Prefix(usize),
    Exact,
}

/// The catalogue entry `package` of `ecosystem` belongs to, if the map names it.
pub fn vendor_of(ecosystem: Ecosystem, package: &str) -> Option<&'static Entry> {
    let wanted = ecosystem.normalised(package);
    let mut best: Option<(Fit, &str)> = None;
    for vendor in map() {
        let Some(written) = vendor.packages.get(ecosystem.as_str()) else {
            continue;
        };
        for pattern in written {
            let pattern = ecosystem.normalised(pattern);
            let fit = match pattern.strip_suffix('*') {
                Some(prefix) if wanted.starts_with(prefix) => Fit::Prefix(prefix.len()),
                None if pattern == wanted => Fit::Exact,
                _ => continue,
            };
            if best.is_none_or(|(b, _)| fit > b) {
                best = Some((fit, vendor.vendor.as_str()));
            }
        }
    }
    best.and_then(|(_, name)| catalog::find(name))
}

/// Why a vendor is suggested: one package in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Its ecosystem (`npm`).
    pub ecosystem: Ecosystem,
    /// The package as written (`stripe`).
    pub package: String,
    /// Its version, locked or as required, when known.
    pub version: Option<String>,
    /// The file that names it, as the caller shows it.
    pub file: String,
}

/// A catalogue entry a project depends on, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The catalogue entry.
    pub entry: &'static Entry,
    /// The packages that point to it, in the order found.
    pub evidence: Vec<Evidence>,
}

/// The vendors behind `found` (each dependency with the file it is in), by name; a package met
/// twice in one file is one piece of evidence.
pub fn suggestions(found: impl IntoIterator<Item = (Dependency, String)>) -> Vec<Suggestion> {
    let mut by_vendor: BTreeMap<String, Suggestion> = BTreeMap::new();
    for (dependency, file) in found {
        let Some(entry) = vendor_of(dependency.ecosystem, &dependency.package) else {
            continue;
        };
        let suggestion = by_vendor
            .entry(entry.name.to_lowercase())
            .or_insert_with(|| Suggestion {
                entry,
                evidence: Vec::new(),
            });
        let evidence = Evidence {
            ecosystem: dependency.ecosystem,
            package: dependency.package,
            version: dependency.version,
            file,
        };
        let again = suggestion.evidence.iter().any(|e| {
            e.file == evidence.file
                && e.ecosystem == evidence.ecosystem
                && e.ecosystem.normalised(&e.package)
                    == evidence.ecosystem.normalised(&evidence.package)
        });
        if !again {
            suggestion.evidence.push(evidence);
        }
    }
    by_vendor.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vendor(ecosystem: Ecosystem, package: &str) -> Option<&'static str> {
        vendor_of(ecosystem, package).map(|e| e.name.as_str())
    }

    #[test]
    fn exact_names_and_prefixes_in_their_own_ecosystem() {
        assert_eq!(vendor(Ecosystem::Npm, "stripe"), Some("Stripe"));
        assert_eq!(vendor(Ecosystem::Npm, "@clerk/nextjs"), Some("Clerk"));
        assert_eq!(vendor(Ecosystem::Npm, "stripe-mock"), None);
        assert_eq!(vendor(Ecosystem::Pypi, "Sentry_SDK"), Some("Sentry"));
        assert_eq!(
            vendor(Ecosystem::Go, "github.com/DataDog/dd-trace-go"),
            Some("Datadog")
        );
        assert_eq!(vendor(Ecosystem::Nuget, "Azure.AI.OpenAI"), Some("Azure"));
        assert_eq!(vendor(Ecosystem::Nuget, "OpenAI"), Some("OpenAI"));
        assert_eq!(vendor(Ecosystem::Terraform, "hashicorp/aws"), Some("AWS"));
        assert_eq!(vendor(Ecosystem::Cargo, "hashicorp/aws"), None);
        assert_eq!(
            vendor(Ecosystem::Docker, "docker.io/library/node"),
            Some("Docker")
        );
    }

    #[test]
    fn one_vendor_gathers_its_evidence_once_per_file() {
        let dependency = |ecosystem, package: &str| Dependency {
            ecosystem,
            package: package.into(),
            version: Some("1".into()),
        };
        let found = vec![
            (
                dependency(Ecosystem::Npm, "@sentry/node"),
                "package.json".to_string(),
            ),
            (
                dependency(Ecosystem::Npm, "@sentry/node"),
                "package.json".to_string(),
            ),
            (
                dependency(Ecosystem::Pypi, "sentry-sdk"),
                "requirements.txt".to_string(),
            ),
            (
                dependency(Ecosystem::Npm, "left-pad"),
                "package.json".to_string(),
            ),
        ];
        let suggested = suggestions(found);
        assert_eq!(suggested.len(), 1);
        assert_eq!(suggested[0].entry.name, "Sentry");
        assert_eq!(suggested[0].evidence.len(), 2);
    }
}
