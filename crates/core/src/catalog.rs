//! The vendor catalogue: well-known services' public status pages, embedded from `catalog.json`
//! (or the newer one installed: [`crate::catalog_in_use`]), with exact lookup and fuzzy,
//! typo-tolerant search over names and aliases.

use crate::catalog_index::{distance_within, SearchName};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The embedded catalogue, as shipped (`crates/core/catalog.json`).
pub const SOURCE: &str = include_str!("../catalog.json");

/// Platform names an entry may use. `feed` is a generic RSS/Atom feed, whose `url` is the feed.
pub const PLATFORMS: [&str; 16] = [
    "statuspage",
    "incident_io",
    "instatus",
    "betterstack",
    "statusio",
    "cachet",
    "gcp",
    "slack",
    "aws",
    "heroku",
    "salesforce_trust",
    "zendesk",
    "stripe",
    "azure_devops",
    "apple",
    "feed",
];

/// The platform of an entry that cannot be watched (`readable: false`): its page publishes
/// nothing Lookout reads.
pub const NO_PLATFORM: &str = "none";

/// Categories an entry may use.
pub const CATEGORIES: [&str; 17] = [
    "auth",
    "payments",
    "cloud & CDN",
    "code hosting & CI",
    "AI APIs",
    "messaging & chat",
    "email & SMS",
    "observability",
    "databases",
    "productivity",
    "devtools",
    "hosting & PaaS",
    "security",
    "analytics",
    "e-commerce",
    "support & CRM",
    "video & media",
];

/// One service in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Display name, unique in the catalogue (e.g. `GitHub`).
    pub name: String,
    /// Other names users type for it (e.g. `gh`), unique across names and aliases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// The status page (or, for `feed`, the feed URL). Always https.
    pub url: String,
    /// One of [`PLATFORMS`].
    pub platform: String,
    /// Platform-specific page id where the URL alone is not enough (e.g. status.io page ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    /// Where the URL and platform were learned: a public list (`github.com/<owner>/<repo>/<path>`
    /// and what it records), a vendor's documentation page, or the page's own API.
    pub source: String,
    /// Whether Lookout can watch the page (`false`: the vendor publishes nothing it reads; the
    /// platform is then [`NO_PLATFORM`] and `reason` says why, and what to do instead).
    #[serde(default = "readable_by_default", skip_serializing_if = "is_readable")]
    pub readable: bool,
    /// Why an entry with `readable: false` cannot be watched, and what to watch instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn readable_by_default() -> bool {
    true
}

fn is_readable(readable: &bool) -> bool {
    *readable
}

impl Entry {
    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The catalogued service `input` names (a name or alias, not a URL) when its page cannot be
/// watched: adding or checking it says why instead of probing the page.
pub fn unwatchable(input: &str) -> Option<&'static Entry> {
    let looks_like_url = input.contains('.') || input.contains('/') || input.contains(':');
    find(input).filter(|entry| !looks_like_url && !entry.readable)
}

/// Parses a catalogue document. The embedded one is checked by the validation test.
pub fn parse(json: &str) -> Result<Vec<Entry>, serde_json::Error> {
    serde_json::from_str(json)
}

/// Every entry of the catalogue in use (the built-in one, or a newer installed one: see
/// [`crate::catalog_in_use`]), in file order.
pub fn entries() -> &'static [Entry] {
    &crate::catalog_in_use::in_use().entries
}

/// The entry whose name or alias equals `name_or_alias`, ignoring case and surrounding spaces.
pub fn find(name_or_alias: &str) -> Option<&'static Entry> {
    let wanted = name_or_alias.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let catalogue = crate::catalog_in_use::in_use();
    catalogue
        .entries
        .iter()
        .zip(catalogue.search_names())
        .find(|(_, names)| names.iter().any(|n| n.lower == wanted))
        .map(|(entry, _)| entry)
}

/// What to read for `input`: a catalogue name or alias becomes that entry's name and URL (the
/// status.io API URL where the entry has a page id); anything that looks like a URL is kept as is.
pub fn resolve(input: &str) -> (Option<String>, String) {
    let looks_like_url = input.contains('.') || input.contains('/') || input.contains(':');
    match find(input).filter(|_| !looks_like_url) {
        Some(entry) => {
            let url = match (entry.platform.as_str(), &entry.platform_id) {
                ("statusio", Some(id)) => crate::sources::endpoints::statusio_api(id),
                _ => entry.url.clone(),
            };
            (Some(entry.name.clone()), url)
        }
        None => (None, input.trim().to_string()),
    }
}

/// The canonical spelling of a category among [`CATEGORIES`], for what a person typed: any case,
/// and punctuation or spaces optional (`"Cloud & CDN"`, `"cloud-cdn"` and `"cloudcdn"` all match).
pub fn category(typed: &str) -> Option<&'static str> {
    let wanted = compact(typed);
    if wanted.is_empty() {
        return None;
    }
    CATEGORIES.iter().copied().find(|c| compact(c) == wanted)
}

fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The catalogue browsed by category: each of [`CATEGORIES`] (in that order) with its entries by
/// name; `only` keeps one category (already canonical, see [`category`]). Empty categories are left
/// out.
pub fn by_category(only: Option<&str>) -> Vec<(&'static str, Vec<&'static Entry>)> {
    CATEGORIES
        .iter()
        .copied()
        .filter(|c| only.is_none_or(|o| o == *c))
        .map(|c| {
            let mut members: Vec<&'static Entry> =
                entries().iter().filter(|e| e.category == c).collect();
            members.sort_by(|a, b| by_name(a, b));
            (c, members)
        })
        .filter(|(_, members)| !members.is_empty())
        .collect()
}

/// The services most teams depend on, offered first when nothing is typed yet (first run).
pub const POPULAR: [&str; 12] = [
    "GitHub",
    "AWS",
    "Cloudflare",
    "OpenAI",
    "Sentry",
    "Slack",
    "Google Cloud",
    "Vercel",
    "Clerk",
    "Anthropic",
    "Atlassian",
    "Twilio",
];

/// The [`POPULAR`] entries that are in the catalogue, in that order.
pub fn popular() -> Vec<&'static Entry> {
    POPULAR.iter().filter_map(|name| find(name)).collect()
}

/// Well-known services after [`POPULAR`], most used first: with [`POPULAR`], the order in which
/// [`suggest`] offers equally good matches ("git": GitHub, then GitLab, then the others by name).
pub const WELL_KNOWN: [&str; 40] = [
    "Stripe",
    "Datadog",
    "GitLab",
    "Azure",
    "Microsoft 365",
    "Google Workspace",
    "Zoom",
    "Jira",
    "Confluence",
    "Bitbucket",
    "Notion",
    "Figma",
    "Linear",
    "Discord",
    "Netlify",
    "Heroku",
    "DigitalOcean",
    "Fastly",
    "Akamai",
    "Supabase",
    "New Relic",
    "SendGrid",
    "Mailgun",
    "Shopify",
    "Zendesk",
    "Salesforce",
    "HubSpot",
    "CircleCI",
    "npm",
    "Docker",
    "Dropbox",
    "Intercom",
    "PayPal",
    "Square",
    "Segment",
    "Snowflake",
    "Hugging Face",
    "Fly.io",
    "Render",
    "Asana",
];

/// Where an entry stands by popularity: its place in [`POPULAR`] then [`WELL_KNOWN`]; after
/// every one of those when it is in neither.
fn popularity(entry: &Entry) -> usize {
    POPULAR
        .iter()
        .chain(WELL_KNOWN.iter())
        .position(|name| *name == entry.name)
        .unwrap_or(usize::MAX)
}

/// Up to `limit` entries matching `query`, as the "Add a service" view offers them: exact
/// matches of a name or alias first, then prefix matches, each by popularity (so "git" offers
/// GitHub before GitBook and GitGuardian); then the popular ones among the looser matches
/// (substrings, near misses), then the rest, best match first; ties by name.
pub fn suggest(query: &str, limit: usize) -> Vec<&'static Entry> {
    let query = query.trim().to_lowercase();
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut hits: Vec<(Rank, usize, &'static Entry)> =
        ranked(&query).map(|(r, e)| (r, popularity(e), e)).collect();
    let tier = |rank: Rank| match rank {
        Rank::Exact => 0,
        Rank::Prefix => 1,
        Rank::Substring | Rank::Typo(_) => 2,
    };
    hits.sort_by(|(ra, pa, a), (rb, pb, b)| {
        (tier(*ra), pa, ra)
            .cmp(&(tier(*rb), pb, rb))
            .then_with(|| by_name(a, b))
    });
    hits.into_iter().take(limit).map(|(_, _, e)| e).collect()
}

/// How well a query matched one entry; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Exact,
    Prefix,
    Substring,
    Typo(usize),
}

/// Up to `limit` entries matching `query` (case-insensitive) by name or alias: exact matches
/// first, then prefix, then substring, then near misses (Damerau-Levenshtein distance ≤ 1 for
/// queries of 3–5 characters, ≤ 2 for longer ones), ties broken by name.
pub fn search(query: &str, limit: usize) -> Vec<&'static Entry> {
    let query = query.trim().to_lowercase();
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut hits: Vec<(Rank, &'static Entry)> = ranked(&query).collect();
    hits.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| by_name(a, b)));
    hits.into_iter().take(limit).map(|(_, e)| e).collect()
}

fn by_name(a: &Entry, b: &Entry) -> Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.name.cmp(&b.name))
}

/// The entries of the catalogue in use that `query` (already lowercase) matches, with how well.
fn ranked(query: &str) -> impl Iterator<Item = (Rank, &'static Entry)> + '_ {
    let catalogue = crate::catalog_in_use::in_use();
    let max = max_typos(query);
    catalogue
        .entries
        .iter()
        .zip(catalogue.search_names())
        .filter_map(move |(entry, names)| {
            let best = names.iter().filter_map(|n| rank_name(query, n, max)).min();
            best.map(|rank| (rank, entry))
        })
}

/// How well `query` matches one name, allowing `max` typos.
fn rank_name(query: &str, name: &SearchName, max: usize) -> Option<Rank> {
    let SearchName { lower, compact } = name;
    if query == lower || query == compact {
        return Some(Rank::Exact);
    }
    if lower.starts_with(query) || compact.starts_with(query) {
        return Some(Rank::Prefix);
    }
    if lower.contains(query) || compact.contains(query) {
        return Some(Rank::Substring);
    }
    if max == 0 {
        return None;
    }
    // The compact name, the name when it has more than letters and digits, and each of its
    // words when it has several (a one-word name is one candidate, not three).
    let spelled = (lower != compact).then_some(lower.as_str());
    let words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() != compact.len());
    std::iter::once(compact.as_str())
        .chain(spelled)
        .chain(words)
        .filter_map(|candidate| distance_within(query, candidate, max))
        .min()
        .map(Rank::Typo)
}

/// Typos tolerated for a query: none below 3 characters, 1 up to 5, 2 beyond.
fn max_typos(query: &str) -> usize {
    match query.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment Damerau-Levenshtein distance (insert, delete, substitute, and swap
/// of two adjacent characters), over chars.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![0; 3 * (b.len() + 1)];
    crate::catalog_index::osa_distance(&a, &b, usize::MAX, &mut rows)
}
