//! URL rules: from a status page's base URL to the documents each platform serves there.

use super::{Document, Platform};
use crate::error::SourceError;
use url::Url;

/// One document to fetch for a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// What the document is (decides its parser).
    pub document: Document,
    /// Where it is.
    pub url: Url,
    /// Whether a poll fails without it (`false`: its absence only loses history).
    pub required: bool,
}

/// Normalises what a user typed into a page's base URL: adds `https://` when no scheme is given,
/// drops query, fragment and a trailing `/api/v2/...` or `/proxy/...` path.
pub fn base_url(input: &str) -> Result<Url, SourceError> {
    let trimmed = input.trim();
    let bad = |reason: &str| SourceError::BadUrl {
        url: trimmed.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(bad("empty"));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("only http and https pages can be watched"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().to_string();
    let keep = [
        "/api/v2",
        "/api/v4/",
        "/api/incidents",
        "/proxy/",
        "/history.atom",
        "/history.rss",
        "/feed.rss",
        "/feed.atom",
    ]
    .iter()
    .filter_map(|marker| path.find(marker))
    .min()
    .map_or(path.as_str(), |at| &path[..at]);
    let keep = keep.trim_end_matches('/').to_string();
    url.set_path(&format!("{keep}/"));
    Ok(url)
}

/// `input` as an http(s) URL, `https://` assumed when it has no scheme; `None` for anything
/// else (another scheme, no URL at all).
pub fn web_url(input: &str) -> Option<Url> {
    let trimmed = input.trim();
    let url = if trimmed.contains("://") {
        Url::parse(trimmed)
    } else {
        Url::parse(&format!("https://{trimmed}"))
    };
    url.ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
}

/// The status.io API URL in `input` (`…/1.0/status/<page id>`), if it is one.
pub fn statusio_url(input: &str) -> Option<Url> {
    let url = Url::parse(input.trim()).ok()?;
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let at = segments.windows(2).position(|w| w == ["1.0", "status"])?;
    let id = segments.get(at + 2)?;
    id.chars()
        .all(|c| c.is_ascii_alphanumeric())
        .then(|| {
            url.join(&format!("/{}/{id}", segments[..at + 2].join("/")))
                .ok()
        })
        .flatten()
}

/// The AWS Health document to poll when `input` (with or without scheme) is any URL on
/// `health.aws.amazon.com` (the dashboard page, or the document itself).
pub fn aws_health_url(input: &str) -> Option<Url> {
    let url = web_url(input)?;
    (url.host_str() == Some("health.aws.amazon.com"))
        .then(|| Url::parse(super::aws_health::CURRENT_EVENTS).ok())
        .flatten()
}

/// The Salesforce Trust instances document to poll when `input` is a Trust URL: a product page
/// on `status.salesforce.com` (`/products/<Product>`: that product's instances), any other page
/// there (every instance), or an API URL on any host whose path has `v1/instances` (kept as it
/// is, with its query).
pub fn salesforce_trust_url(input: &str) -> Option<Url> {
    let url = web_url(input)?;
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    if url.host_str() == Some("status.salesforce.com") {
        let product = segments
            .windows(2)
            .find(|w| w[0] == "products")
            .map(|w| w[1])
            .filter(|p| {
                p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
            });
        let api = match product {
            Some(product) => format!("{TRUST_API}instances?products={product}"),
            None => format!("{TRUST_API}instances/status/preview"),
        };
        return Url::parse(&api).ok();
    }
    segments
        .windows(2)
        .any(|w| w == ["v1", "instances"])
        .then_some(url)
}

/// The Salesforce Trust API's root.
const TRUST_API: &str = "https://api.status.salesforce.com/v1/";

/// A Trust document beside `instances` (the stored URL): `path` under the same `v1/`.
fn trust_sibling(instances: &Url, path: &str) -> Url {
    let mut url = instances.clone();
    let full = url.path().to_string();
    let root = full.find("/v1/").map_or("/", |at| &full[..at + 1]);
    url.set_path(&format!("{root}v1/{path}"));
    url.set_query(None);
    url
}

/// The status.io API URL of a page id.
pub fn statusio_api(page_id: &str) -> String {
    format!("https://api.status.io/1.0/status/{page_id}")
}

/// Where a feed may be, for a page whose platform is not otherwise known: the URL as given
/// (when it is more than the page's base), then the usual feed paths of status pages.
pub fn feed_candidates(input: &str, base: &Url) -> Vec<Url> {
    let mut out: Vec<Url> = web_url(input).filter(|u| u != base).into_iter().collect();
    for path in ["history.atom", "feed.atom", "history.rss", "feed.rss"] {
        if let Ok(url) = base.join(path) {
            if !out.contains(&url) {
                out.push(url);
            }
        }
    }
    out
}

/// The documents a poll of `platform` at `base` fetches, current state first (for
/// [`Platform::Feed`], `base` is the feed's own URL).
pub fn endpoints(platform: Platform, base: &Url) -> Vec<Endpoint> {
    // A document served at the address the user gave.
    let whole = |document| Endpoint {
        document,
        url: base.clone(),
        required: true,
    };
    match platform {
        Platform::IncidentIo => {
            let host = base.host_str().unwrap_or_default();
            vec![
                below(
                    base,
                    Document::IncidentIoSummary,
                    &format!("proxy/{host}"),
                    true,
                ),
                below(
                    base,
                    Document::IncidentIoIncidents,
                    &format!("proxy/{host}/incidents"),
                    false,
                ),
            ]
        }
        Platform::SalesforceTrust => vec![
            whole(Document::TrustInstances),
            Endpoint {
                document: Document::TrustIncidents,
                url: trust_sibling(base, "incidents/active"),
                required: false,
            },
        ],
        Platform::Aws => vec![whole(Document::AwsHealthEvents)],
        Platform::Apple => vec![whole(Document::AppleStatus)],
        Platform::StatusIo => vec![whole(Document::StatusIoStatus)],
        Platform::Feed => vec![whole(Document::Feed)],
        _ => fixed_paths(platform)
            .iter()
            .map(|&(document, path, required)| below(base, document, path, required))
            .collect(),
    }
}

/// A document at `path` below `base` (at `base` itself should the path not join).
fn below(base: &Url, document: Document, path: &str, required: bool) -> Endpoint {
    Endpoint {
        document,
        url: base.join(path).unwrap_or_else(|_| base.clone()),
        required,
    }
}

/// The documents a platform serves at fixed paths below its page, current state first: each
/// with its path and whether a poll fails without it (none for the platforms whose documents
/// are found otherwise).
fn fixed_paths(platform: Platform) -> &'static [(Document, &'static str, bool)] {
    match platform {
        Platform::Statuspage => &[
            (Document::StatuspageSummary, "api/v2/summary.json", true),
            (
                Document::StatuspageIncidents,
                "api/v2/incidents.json",
                false,
            ),
        ],
        Platform::Instatus => &[
            (Document::InstatusSummary, "summary.json", true),
            (Document::InstatusComponents, "v2/components.json", false),
            (Document::InstatusIncidents, "v2/incidents.json", false),
        ],
        Platform::BetterStack => &[(Document::BetterStackIndex, "index.json", true)],
        Platform::Cachet => &[
            (Document::CachetComponents, "api/v1/components", true),
            (Document::CachetIncidents, "api/v1/incidents", false),
        ],
        Platform::Gcp => &[(Document::GcpIncidents, "incidents.json", true)],
        Platform::Slack => &[
            (Document::SlackCurrent, "api/v2.0.0/current", true),
            (Document::SlackHistory, "api/v2.0.0/history", false),
        ],
        Platform::Heroku => &[
            (Document::HerokuCurrentStatus, "api/v4/current-status", true),
            (Document::HerokuIncidents, "api/v4/incidents", false),
        ],
        Platform::Zendesk => &[
            (Document::ZendeskActive, "api/incidents/active", true),
            (
                Document::ZendeskMaintenance,
                "api/incidents/maintenance",
                false,
            ),
        ],
        Platform::Stripe => &[(Document::StripeCurrent, "current", true)],
        Platform::AzureDevOps => &[(
            Document::AzureDevOpsHealth,
            super::azure_devops::HEALTH_PATH,
            true,
        )],
        Platform::IncidentIo
        | Platform::SalesforceTrust
        | Platform::Aws
        | Platform::Apple
        | Platform::StatusIo
        | Platform::Feed => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_becomes_an_https_base() {
        let base = base_url("status.clerk.com").unwrap();
        assert_eq!(base.as_str(), "https://status.clerk.com/");
    }

    #[test]
    fn api_paths_are_cut_back_to_the_page() {
        let base = base_url("https://www.githubstatus.com/api/v2/summary.json?x=1").unwrap();
        assert_eq!(base.as_str(), "https://www.githubstatus.com/");
        let base = base_url("http://127.0.0.1:4000/pages/acme/proxy/acme").unwrap();
        assert_eq!(base.as_str(), "http://127.0.0.1:4000/pages/acme/");
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!(matches!(
            base_url("file:///etc/passwd"),
            Err(SourceError::BadUrl { .. })
        ));
        assert!(matches!(base_url("  "), Err(SourceError::BadUrl { .. })));
    }

    #[test]
    fn status_io_api_urls_are_recognised() {
        let url =
            statusio_url("https://api.status.io/1.0/status/5b36dc6502d06804c08349f7/").unwrap();
        assert_eq!(url.as_str(), statusio_api("5b36dc6502d06804c08349f7"));
        assert!(statusio_url("https://status.gitlab.com/").is_none());
        assert!(statusio_url("https://api.status.io/1.0/status/../x").is_none());
    }

    #[test]
    fn aws_health_urls_are_recognised() {
        for input in [
            "https://health.aws.amazon.com/health/status",
            "health.aws.amazon.com",
            "HTTPS://Health.AWS.amazon.com/public/currentevents?x=1",
        ] {
            let url = aws_health_url(input).unwrap();
            assert_eq!(url.as_str(), super::super::aws_health::CURRENT_EVENTS);
            let [one] = endpoints(Platform::Aws, &url).try_into().unwrap();
            assert_eq!(
                (one.document, one.url, one.required),
                (Document::AwsHealthEvents, url, true)
            );
        }
        for other in [
            "https://status.aws.amazon.com/rss/all.rss",
            "https://health.aws.amazon.com.evil.test/",
            "ftp://health.aws.amazon.com/",
            "",
        ] {
            assert!(aws_health_url(other).is_none(), "{other}");
        }
    }

    #[test]
    fn salesforce_trust_urls_are_recognised() {
        let cases = [
            (
                "https://status.salesforce.com/products/Heroku",
                "https://api.status.salesforce.com/v1/instances?products=Heroku",
            ),
            (
                "status.salesforce.com",
                "https://api.status.salesforce.com/v1/instances/status/preview",
            ),
            (
                "https://api.status.salesforce.com/v1/instances?products=MuleSoft",
                "https://api.status.salesforce.com/v1/instances?products=MuleSoft",
            ),
            (
                "http://127.0.0.1:9/pages/sf/v1/instances/status/preview",
                "http://127.0.0.1:9/pages/sf/v1/instances/status/preview",
            ),
        ];
        for (input, expected) in cases {
            let url = salesforce_trust_url(input).unwrap();
            assert_eq!(url.as_str(), expected, "{input}");
            let rows: Vec<(Document, bool)> = endpoints(Platform::SalesforceTrust, &url)
                .into_iter()
                .map(|e| (e.document, e.required))
                .collect();
            assert_eq!(
                rows,
                [
                    (Document::TrustInstances, true),
                    (Document::TrustIncidents, false)
                ]
            );
        }
        let url = salesforce_trust_url(cases[3].0).unwrap();
        assert_eq!(
            endpoints(Platform::SalesforceTrust, &url)[1].url.as_str(),
            "http://127.0.0.1:9/pages/sf/v1/incidents/active"
        );
        // A product that is not a plain word is not passed on: the page of every instance.
        assert_eq!(
            salesforce_trust_url("https://status.salesforce.com/products/..%2F?x=1")
                .unwrap()
                .as_str(),
            "https://api.status.salesforce.com/v1/instances/status/preview"
        );
        for other in [
            "https://status.heroku.com/",
            "https://status.salesforce.com.evil.test/products/x",
            "https://api.status.salesforce.com/v1/incidents/active",
            "ftp://api.status.salesforce.com/v1/instances",
            "",
        ] {
            assert!(salesforce_trust_url(other).is_none(), "{other}");
        }
    }

    #[test]
    fn instatus_history_is_optional() {
        let base = base_url("https://status.acme.test").unwrap();
        let rows: Vec<(String, bool)> = endpoints(Platform::Instatus, &base)
            .into_iter()
            .map(|e| (e.url.path().to_string(), e.required))
            .collect();
        assert_eq!(
            rows,
            [
                ("/summary.json".to_string(), true),
                ("/v2/components.json".to_string(), false),
                ("/v2/incidents.json".to_string(), false)
            ]
        );
    }

    #[test]
    fn incident_io_uses_the_proxy_documents_for_its_host() {
        let base = base_url("https://status.openai.com").unwrap();
        let urls: Vec<String> = endpoints(Platform::IncidentIo, &base)
            .into_iter()
            .map(|e| e.url.to_string())
            .collect();
        assert_eq!(
            urls,
            [
                "https://status.openai.com/proxy/status.openai.com",
                "https://status.openai.com/proxy/status.openai.com/incidents"
            ]
        );
    }
}
