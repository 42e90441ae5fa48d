//! The built-in vendor catalogue: validation of the embedded `catalog.json` and the behaviour of
//! `find` and fuzzy `search`, browsing by category, and the integrity of every entry (unique
//! names, aliases and URLs, https only, a known platform, and where each entry was learned).

use lookout_core::catalog::{self, Entry, CATEGORIES, NO_PLATFORM, PLATFORMS};
use std::collections::{HashMap, HashSet};

/// The catalogue must not shrink below this many entries.
const MIN_ENTRIES: usize = 3_000;

fn names(hits: &[&Entry]) -> Vec<String> {
    hits.iter().map(|e| e.name.clone()).collect()
}

fn first(query: &str) -> String {
    catalog::search(query, 5)
        .first()
        .map(|e| e.name.clone())
        .unwrap_or_else(|| panic!("no match for {query:?}"))
}

#[test]
fn embedded_catalogue_parses_and_is_what_entries_returns() {
    let parsed = catalog::parse(catalog::SOURCE).expect("catalog.json parses");
    assert_eq!(parsed.as_slice(), catalog::entries());
    assert!(
        parsed.len() >= MIN_ENTRIES,
        "only {} entries, want at least {MIN_ENTRIES}",
        parsed.len()
    );
}

#[test]
fn malformed_catalogue_is_an_error_not_a_panic() {
    assert!(catalog::parse("[{\"name\": 1}]").is_err());
    assert!(catalog::parse("not json").is_err());
}

#[test]
fn names_and_aliases_are_unique_and_clean() {
    let mut seen = HashSet::new();
    for entry in catalog::entries() {
        assert!(!entry.name.trim().is_empty(), "empty name");
        for name in entry.names() {
            assert_eq!(name, name.trim(), "{}: untrimmed name {name:?}", entry.name);
            assert!(!name.is_empty(), "{}: empty alias", entry.name);
            assert!(
                seen.insert(name.to_lowercase()),
                "{}: name or alias {name:?} is used twice",
                entry.name
            );
        }
    }
}

/// A readable entry has a platform Lookout reads and no reason; one that is not has no platform
/// and a reason that says what to do instead.
fn readable_or_says_why(entry: &catalog::Entry) {
    if entry.readable {
        assert!(
            PLATFORMS.contains(&entry.platform.as_str()),
            "{}: unknown platform {}",
            entry.name,
            entry.platform
        );
        assert!(
            entry.reason.is_none(),
            "{}: a reason but readable",
            entry.name
        );
    } else {
        // Allowed only with the reason, which says what to do instead.
        assert_eq!(entry.platform, NO_PLATFORM, "{}: not readable", entry.name);
        let reason = entry.reason.as_deref().unwrap_or_default();
        assert!(
            reason.len() > 40 && reason.contains(':'),
            "{}: not readable needs a reason and what to do instead, got {reason:?}",
            entry.name
        );
    }
}

#[test]
fn urls_are_https_platforms_and_categories_known() {
    for entry in catalog::entries() {
        let url = url::Url::parse(&entry.url)
            .unwrap_or_else(|e| panic!("{}: bad url {}: {e}", entry.name, entry.url));
        assert_eq!(url.scheme(), "https", "{}: not https", entry.name);
        assert!(url.host_str().is_some(), "{}: no host", entry.name);
        readable_or_says_why(entry);
        assert!(
            CATEGORIES.contains(&entry.category.as_str()),
            "{}: unknown category {}",
            entry.name,
            entry.category
        );
        if let Some(id) = &entry.platform_id {
            assert!(!id.trim().is_empty(), "{}: empty platform_id", entry.name);
        }
        if entry.platform == "statusio" {
            assert!(
                entry.platform_id.is_some(),
                "{}: status.io needs an id",
                entry.name
            );
        }
    }
}

#[test]
fn no_two_entries_share_a_host_unless_feeds_with_different_paths() {
    let mut by_host: HashMap<String, Vec<&Entry>> = HashMap::new();
    for entry in catalog::entries() {
        let url = url::Url::parse(&entry.url).unwrap();
        let host = url
            .host_str()
            .unwrap()
            .trim_start_matches("www.")
            .to_lowercase();
        by_host.entry(host).or_default().push(entry);
    }
    for (host, group) in by_host.into_iter().filter(|(_, g)| g.len() > 1) {
        let mut paths = HashSet::new();
        // Pages never read (not readable) share a host with the one that is.
        for entry in group.iter().filter(|e| e.readable) {
            assert!(
                ["feed", "aws", "gcp"].contains(&entry.platform.as_str()),
                "{host} is shared by {:?}",
                names(&group)
            );
            let path = url::Url::parse(&entry.url).unwrap().path().to_string();
            assert!(
                paths.insert(path),
                "{host}: same path twice in {:?}",
                names(&group)
            );
        }
    }
}

#[test]
fn find_is_exact_and_case_insensitive() {
    assert_eq!(catalog::find("github").unwrap().name, "GitHub");
    assert_eq!(catalog::find("GH").unwrap().name, "GitHub");
    assert_eq!(catalog::find(" Slack ").unwrap().platform, "slack");
    assert!(catalog::find("githb").is_none());
    assert!(catalog::find("").is_none());
}

#[test]
fn known_anchors_have_the_right_platform() {
    let cases = [
        ("GitHub", "statuspage"),
        ("OpenAI", "incident_io"),
        ("Linear", "incident_io"),
        ("Cloudflare", "statuspage"),
        ("GitLab", "statusio"),
        ("Slack", "slack"),
        ("Google Cloud", "gcp"),
        ("AWS", "aws"),
        ("Azure", "feed"),
        // The big custom pages, each read by its own reader (or the feed reader's IBM layout).
        ("Heroku", "heroku"),
        ("Salesforce", "salesforce_trust"),
        ("Zendesk", "zendesk"),
        ("Stripe", "stripe"),
        ("IBM Cloud", "feed"),
        // Pages a live-probed public map records (vendor-status-watch's vendors.json).
        ("Databricks", "statusio"),
        ("Cisco Meraki", "statuspage"),
        ("Appwrite", "betterstack"),
        ("Northflank", "instatus"),
        // Oracle Cloud Infrastructure's incident RSS feed, as multi-status lists it.
        ("Oracle Cloud", "feed"),
    ];
    for (name, platform) in cases {
        let entry = catalog::find(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(entry.platform, platform, "{name}");
    }
    for (query, name) in [
        ("heroku", "Heroku"),
        ("sfdc", "Salesforce"),
        ("zendesk", "Zendesk"),
        ("stripe", "Stripe"),
        ("stripe payments", "Stripe"),
        ("bluemix", "IBM Cloud"),
    ] {
        assert_eq!(first(query), name, "catalog search {query}");
    }
    assert_eq!(
        catalog::resolve("databricks").1,
        "https://api.status.io/1.0/status/5cf02dde58a00904bda41926"
    );
    assert_eq!(first("meraki"), "Cisco Meraki");
    assert_eq!(first("oci"), "Oracle Cloud");
    let gitlab = catalog::find("GitLab").unwrap();
    assert_eq!(
        gitlab.platform_id.as_deref(),
        Some("5b36dc6502d06804c08349f7")
    );
}

#[test]
fn search_puts_the_exact_name_first() {
    assert_eq!(first("github"), "GitHub");
    assert_eq!(first("OPENAI"), "OpenAI");
    assert_eq!(first("  Cloudflare "), "Cloudflare");
}

#[test]
fn search_matches_aliases() {
    assert_eq!(first("gh"), "GitHub");
    assert_eq!(first("gcp"), "Google Cloud");
}

#[test]
fn search_tolerates_typos() {
    assert_eq!(first("githb"), "GitHub");
    assert_eq!(first("cloudfare"), "Cloudflare");
    assert_eq!(first("gtihub"), "GitHub", "adjacent swap");
    assert_eq!(first("datdog"), "Datadog");
}

#[test]
fn search_matches_substrings_after_prefixes() {
    assert_eq!(first("flare"), "Cloudflare");
    let hits = names(&catalog::search("git", 10));
    assert!(hits.contains(&"GitHub".to_string()), "{hits:?}");
    assert!(hits.contains(&"GitLab".to_string()), "{hits:?}");
    let digital = hits.iter().position(|n| n == "DigitalOcean");
    let github = hits.iter().position(|n| n == "GitHub");
    if let (Some(d), Some(g)) = (digital, github) {
        assert!(g < d, "prefix before substring: {hits:?}");
    }
}

#[test]
fn search_is_ordered_stably_and_limited() {
    let once = names(&catalog::search("cloud", 50));
    assert_eq!(once, names(&catalog::search("CLOUD", 50)));
    assert!(catalog::search("cloud", 3).len() <= 3);
    assert!(catalog::search("github", 0).is_empty());
}

#[test]
fn empty_or_unmatched_query_finds_nothing() {
    assert!(catalog::search("", 10).is_empty());
    assert!(catalog::search("   ", 10).is_empty());
    assert!(catalog::search("zzzzqqqqxxxx", 10).is_empty());
}

#[test]
fn distance_counts_edits_and_swaps() {
    assert_eq!(catalog::distance("", ""), 0);
    assert_eq!(catalog::distance("abc", ""), 3);
    assert_eq!(catalog::distance("githb", "github"), 1);
    assert_eq!(catalog::distance("gtihub", "github"), 1);
    assert_eq!(catalog::distance("kitten", "sitting"), 3);
}

#[test]
fn a_catalogue_name_resolves_to_its_page_and_a_url_stays_a_url() {
    let (name, url) = catalog::resolve("github");
    assert_eq!(name.as_deref(), Some("GitHub"));
    assert_eq!(url, "https://www.githubstatus.com");
    assert_eq!(
        catalog::resolve(" status.acme.test "),
        (None, "status.acme.test".to_string())
    );
    assert_eq!(catalog::resolve("no-such-vendor").1, "no-such-vendor");
    assert_eq!(
        catalog::resolve("gitlab").1,
        "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"
    );
}

#[test]
fn every_popular_pick_is_in_the_catalogue() {
    let popular = names(&catalog::popular());
    assert_eq!(popular.len(), catalog::POPULAR.len(), "{popular:?}");
    assert_eq!(popular[0], "GitHub");
}

/// The URL as a key: scheme and host in lower case, without `www.`, a default port or a
/// trailing slash; the path, query and fragment kept (a feed's path is what tells feeds apart).
fn normalised(raw: &str) -> String {
    let url = url::Url::parse(raw).unwrap_or_else(|e| panic!("bad url {raw}: {e}"));
    let host = url.host_str().unwrap_or("").to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = url.path().trim_end_matches('/');
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}://{host}{port}{path}{query}", url.scheme())
}

#[test]
fn every_entry_is_unique_https_on_a_known_platform_and_says_where_it_was_learned() {
    let mut names: HashMap<String, &str> = HashMap::new();
    let mut urls: HashMap<String, &str> = HashMap::new();
    for entry in catalog::entries() {
        for name in entry.names() {
            if let Some(other) = names.insert(name.to_lowercase(), &entry.name) {
                panic!("{name:?} names both {other} and {}", entry.name);
            }
        }
        let key = normalised(&entry.url);
        if let Some(other) = urls.insert(key.clone(), &entry.name) {
            panic!("{} and {other} share the page {key}", entry.name);
        }
        assert!(
            entry.url.starts_with("https://"),
            "{}: not https",
            entry.name
        );
        readable_or_says_why(entry);
        let source = entry.source.trim();
        assert!(!source.is_empty(), "{}: no source", entry.name);
        assert_eq!(source, entry.source, "{}: untrimmed source", entry.name);
        assert!(
            [
                "github.com/",
                "https://",
                "the page's own API",
                "fixtures/SOURCES.md"
            ]
            .iter()
            .any(|place| source.contains(place)),
            "{}: the source names no public place: {source}",
            entry.name
        );
    }
}

#[test]
fn an_alias_is_never_another_entrys_name() {
    let by_name: HashMap<String, &str> = catalog::entries()
        .iter()
        .map(|e| (e.name.to_lowercase(), e.name.as_str()))
        .collect();
    for entry in catalog::entries() {
        for alias in &entry.aliases {
            if let Some(owner) = by_name.get(&alias.to_lowercase()) {
                assert_eq!(
                    *owner, entry.name,
                    "{}: alias {alias:?} is {owner}",
                    entry.name
                );
            }
        }
    }
}

#[test]
fn the_new_aliases_find_their_service() {
    assert_eq!(first("office 365"), "Microsoft 365");
    assert_eq!(first("o365"), "Microsoft 365");
    assert_eq!(first("google cloud platform"), "Google Cloud");
    assert_eq!(catalog::find("nexmo").unwrap().name, "Vonage API");
}

#[test]
fn a_category_is_matched_in_any_case_with_or_without_punctuation() {
    assert_eq!(catalog::category("auth"), Some("auth"));
    assert_eq!(catalog::category(" Cloud & CDN "), Some("cloud & CDN"));
    assert_eq!(catalog::category("cloud-cdn"), Some("cloud & CDN"));
    assert_eq!(catalog::category("AI APIs"), Some("AI APIs"));
    assert_eq!(catalog::category("ai-apis"), Some("AI APIs"));
    assert_eq!(catalog::category("weather"), None);
    assert_eq!(catalog::category(" & "), None);
}

#[test]
fn browsing_by_category_shows_every_entry_once_in_category_order_by_name() {
    let groups = catalog::by_category(None);
    let shown: usize = groups.iter().map(|(_, members)| members.len()).sum();
    assert_eq!(shown, catalog::entries().len());
    let order: Vec<&str> = groups.iter().map(|(c, _)| *c).collect();
    let expected: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|c| order.contains(c))
        .collect();
    assert_eq!(order, expected);
    for (category, members) in &groups {
        assert!(members.iter().all(|e| e.category == *category));
        let names: Vec<String> = members.iter().map(|e| e.name.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{category}");
    }
    let auth = catalog::by_category(Some("auth"));
    assert_eq!(auth.len(), 1);
    assert!(auth[0].1.iter().any(|e| e.name == "Clerk"));
    assert!(catalog::by_category(Some("no such category")).is_empty());
}

#[test]
fn a_catalogue_without_sources_does_not_parse() {
    let missing = r#"[{"name": "Acme", "category": "auth", "url": "https://status.acme.test", "platform": "statuspage"}]"#;
    assert!(catalog::parse(missing).is_err());
    let with = r#"[{"name": "Acme", "category": "auth", "url": "https://status.acme.test", "platform": "statuspage", "source": "github.com/acme/list/services.json"}]"#;
    assert_eq!(
        catalog::parse(with).unwrap()[0].source,
        "github.com/acme/list/services.json"
    );
}

#[test]
fn every_well_known_name_is_in_the_catalogue_once() {
    let mut seen = HashSet::new();
    for name in catalog::POPULAR.iter().chain(catalog::WELL_KNOWN.iter()) {
        assert!(
            catalog::find(name).is_some(),
            "{name} is not in the catalogue"
        );
        assert!(seen.insert(*name), "{name} is listed twice");
    }
}

#[test]
fn suggestions_put_exact_and_prefix_matches_first_then_popularity() {
    let git = names(&catalog::suggest("git", 10));
    assert_eq!(
        git[..4],
        ["GitHub", "GitLab", "GitBook", "GitGuardian"],
        "{git:?}"
    );
    // Looser matches (DigitalOcean holds "git") only after every prefix match.
    let digital = git.iter().position(|n| n == "DigitalOcean");
    assert!(digital.is_none_or(|d| d >= 4), "{git:?}");
    // An exact match beats a more popular prefix match.
    assert_eq!(catalog::suggest("slack", 3)[0].name, "Slack");
    // A typo still finds it; the order is stable whatever the case; the limit holds.
    assert_eq!(catalog::suggest("githb", 3)[0].name, "GitHub");
    assert_eq!(
        names(&catalog::suggest("CLOUD", 50)),
        names(&catalog::suggest("cloud", 50))
    );
    assert!(catalog::suggest("cloud", 3).len() <= 3);
    assert!(catalog::suggest(" ", 10).is_empty());
    assert!(catalog::suggest("github", 0).is_empty());
}

#[test]
fn a_page_that_cannot_be_watched_is_known_by_name_and_says_why() {
    let okta = catalog::unwatchable("okta").expect("Okta is catalogued as not readable");
    assert_eq!((okta.name.as_str(), okta.readable), ("Okta", false));
    assert!(okta
        .reason
        .as_deref()
        .unwrap()
        .contains("lookout probe add"));
    // Its URL, typed as such, is a URL like any other; a readable service is not refused.
    assert!(catalog::unwatchable("https://status.okta.com").is_none());
    assert!(catalog::unwatchable("GitHub").is_none());
    assert!(catalog::unwatchable("no such vendor").is_none());
    // Search and browsing still offer it, so the window can say why.
    assert_eq!(first("pagerduty"), "PagerDuty");
    // The JSON of a readable entry is as before: no `readable` or `reason` field.
    let github = serde_json::to_value(catalog::find("GitHub").unwrap()).unwrap();
    assert!(github.get("readable").is_none() && github.get("reason").is_none());
    let okta = serde_json::to_value(okta).unwrap();
    assert_eq!(okta["readable"], serde_json::json!(false));
}

#[test]
fn google_dashboards_in_google_clouds_format_are_gcp_pages() {
    for (name, url) in [
        ("Firebase", "https://status.firebase.google.com"),
        (
            "Google Workspace",
            "https://www.google.com/appsstatus/dashboard",
        ),
        (
            "Google Maps Platform",
            "https://status.cloud.google.com/maps-platform",
        ),
        ("Google Ads", "https://ads.google.com/status/publisher"),
    ] {
        let entry = catalog::find(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!((entry.platform.as_str(), entry.url.as_str()), ("gcp", url));
    }
}
