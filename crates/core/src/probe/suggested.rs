//! Probe suggestions: for the catalogue's services whose vendor documents a public endpoint that
//! answers without credentials, that endpoint, what a healthy answer looks like, and where the
//! vendor says so (`crates/core/probe_suggestions.json`). Nothing is suggested without a source.

use super::Expect;
use crate::catalog;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The embedded suggestions, as shipped.
pub const SOURCE: &str = include_str!("../../probe_suggestions.json");

/// One suggested probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestedProbe {
    /// The catalogue entry's name it belongs to (e.g. `GitHub`).
    pub service: String,
    /// The endpoint (https, public, no credentials).
    pub url: String,
    /// The status a healthy endpoint answers (`2xx`, or a code such as `401` for an endpoint
    /// that asks for credentials by design).
    pub expect: String,
    /// Text a healthy answer holds, if any.
    pub contains: Option<String>,
    /// Where the vendor documents the endpoint.
    pub source: String,
}

impl SuggestedProbe {
    /// Its expectation, read.
    pub fn expectation(&self) -> Result<Expect, String> {
        Expect::parse(&self.expect)
    }
}

/// Parses a suggestions document (the embedded one is checked by the integrity test).
pub fn parse(json: &str) -> Result<Vec<SuggestedProbe>, serde_json::Error> {
    serde_json::from_str(json)
}

/// Every suggestion, in file order.
pub fn all() -> &'static [SuggestedProbe] {
    static ALL: OnceLock<Vec<SuggestedProbe>> = OnceLock::new();
    ALL.get_or_init(|| parse(SOURCE).unwrap_or_default())
}

/// The suggestions for the service whose catalogue name or alias is `name`.
pub fn for_service(name: &str) -> Vec<&'static SuggestedProbe> {
    match catalog::find(name) {
        Some(entry) => all().iter().filter(|s| s.service == entry.name).collect(),
        None => Vec::new(),
    }
}

/// The suggestions for a watched provider: by its status page's address (the catalogue entry
/// with that URL), else by its name.
pub fn for_provider(name: &str, page_url: &str) -> Vec<&'static SuggestedProbe> {
    let wanted = page_key(page_url);
    match catalog::entries()
        .iter()
        .find(|e| page_key(&e.url) == wanted)
    {
        Some(entry) => all().iter().filter(|s| s.service == entry.name).collect(),
        None => for_service(name),
    }
}

/// A page address without scheme, `www.`, trailing slash or case: how two spellings of one page
/// are matched.
fn page_key(url: &str) -> String {
    let url = url.trim().to_lowercase();
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_is_matched_by_its_page_whatever_it_is_called() {
        let by_page = for_provider("Our code host", "https://githubstatus.com");
        assert_eq!(by_page.len(), 1);
        assert_eq!(by_page[0].url, "https://api.github.com/");
        let by_name = for_provider("gh", "https://status.example.test/");
        assert_eq!(by_name, by_page, "an alias finds it too");
        assert!(for_provider("Acme", "https://status.acme.test/").is_empty());
    }
}
