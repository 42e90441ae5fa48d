//! "Is it them or us?": the watched providers that are not operational or whose probes fail, with
//! since when and what the vendor says (`lookout mcp`'s `is_it_them`), optionally only those a
//! project depends on.

use crate::vendor::VendorStatus;
use chrono::{DateTime, Utc};
use lookout_core::catalog;
use lookout_engine::operations::providers::ProviderDetail;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What is reported broken among the providers asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TroubleReport {
    /// The answer in one sentence.
    pub summary: String,
    /// How many watched providers were looked at.
    pub checked: u32,
    /// Those in trouble (not operational, or their probes fail), worst first; empty: nothing you
    /// depend on is reported broken.
    pub troubled: Vec<Trouble>,
    /// Services asked about that Lookout does not watch (the `vendor_status` tool reads any
    /// vendor's page live).
    pub not_watched: Vec<String>,
}

/// One provider in trouble.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Trouble {
    /// Since when, as far as Lookout knows: its oldest open incident's start, else when its
    /// probes began to fail, else (status `unknown`) its last good read.
    pub since: Option<DateTime<Utc>>,
    /// Its state, with the vendor's latest word on each open incident.
    pub vendor: VendorStatus,
}

/// Whether the provider named `provider` (at `url`) is the service `asked`: the same name in any
/// case, or the catalogue entry `asked` names (by name or alias) has this name or this page.
pub fn is_service(provider: &str, url: &str, asked: &str) -> bool {
    let asked = asked.trim();
    if provider.eq_ignore_ascii_case(asked)
        || url.trim_end_matches('/') == asked.trim_end_matches('/')
    {
        return true;
    }
    catalog::find(asked).is_some_and(|entry| {
        entry.name.eq_ignore_ascii_case(provider)
            || entry.url.trim_end_matches('/') == url.trim_end_matches('/')
    })
}

impl TroubleReport {
    /// The report over `details` read at `now`: every enabled provider, or only the `services`
    /// named (when some are).
    pub fn new(
        details: &[ProviderDetail],
        services: &[String],
        now: DateTime<Utc>,
    ) -> TroubleReport {
        let named = |d: &ProviderDetail, asked: &str| {
            let p = &d.board.provider;
            is_service(&p.name, &p.url, asked)
        };
        let chosen: Vec<&ProviderDetail> = details
            .iter()
            .filter(|d| d.board.provider.enabled)
            .filter(|d| services.is_empty() || services.iter().any(|s| named(d, s)))
            .collect();
        let not_watched = services
            .iter()
            .filter(|s| !details.iter().any(|d| named(d, s)))
            .cloned()
            .collect();
        let mut troubled: Vec<Trouble> = chosen
            .iter()
            .map(|d| VendorStatus::watched(d, now))
            .filter(VendorStatus::in_trouble)
            .map(|vendor| Trouble {
                since: vendor.troubled_since(),
                vendor,
            })
            .collect();
        troubled.sort_by(|a, b| {
            (b.vendor.status.rank(), &a.vendor.name).cmp(&(a.vendor.status.rank(), &b.vendor.name))
        });
        TroubleReport {
            summary: summary(&troubled, chosen.len()),
            checked: u32::try_from(chosen.len()).unwrap_or(u32::MAX),
            troubled,
            not_watched,
        }
    }
}

/// "Nothing you depend on is reported broken (3 watched providers checked)." or which are.
fn summary(troubled: &[Trouble], checked: usize) -> String {
    if troubled.is_empty() {
        return format!(
            "Nothing you depend on is reported broken ({checked} watched provider{} checked).",
            if checked == 1 { "" } else { "s" }
        );
    }
    let each: Vec<String> = troubled
        .iter()
        .map(|t| {
            let probes = if t.vendor.suspected.is_some() {
                ", its probes failing"
            } else {
                ""
            };
            format!("{} ({}{probes})", t.vendor.name, t.vendor.status.as_str())
        })
        .collect();
    format!(
        "{} of {checked} watched providers in trouble: {}.",
        troubled.len(),
        each.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_is_named_by_its_name_its_page_or_the_catalogue() {
        let github = ("GitHub", "https://www.githubstatus.com");
        assert!(is_service(github.0, github.1, "github"));
        assert!(is_service(
            github.0,
            github.1,
            "https://www.githubstatus.com/"
        ));
        let entry = catalog::find("GitHub").expect("GitHub is in the catalogue");
        // Named otherwise here, found by the catalogue's page.
        assert!(is_service("Our code host", &entry.url, "GitHub"));
        assert!(!is_service(github.0, github.1, "Stripe"));
        assert!(!is_service(github.0, github.1, ""));
    }

    #[test]
    fn the_summary_says_nothing_is_broken_or_what_is() {
        assert_eq!(
            summary(&[], 1),
            "Nothing you depend on is reported broken (1 watched provider checked)."
        );
        assert_eq!(
            summary(&[], 0),
            "Nothing you depend on is reported broken (0 watched providers checked)."
        );
    }
}
