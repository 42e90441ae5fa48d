//! Reading a status page's HTML for clues before probing: which platform serves it (markers such
//! as `statuspage.io` or `incident.io` in its source), its feed links, and a status.io page id.

use lookout_core::sources::endpoints::statusio_api;
use lookout_core::Platform;
use std::collections::HashSet;
use url::Url;

/// What a page's HTML says about where its status data is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clues {
    /// Platforms the page mentions, most telling first.
    pub platforms: Vec<Platform>,
    /// Feed URLs from `<link rel="alternate" type="application/rss+xml|atom+xml">`.
    pub feeds: Vec<Url>,
    /// The status.io API URL, when the page names a status.io page id.
    pub statusio: Option<Url>,
    /// What was found, in words, for the user's preview.
    pub notes: Vec<String>,
}

const MARKERS: [(&str, Platform, &str); 8] = [
    ("incident.io", Platform::IncidentIo, "incident.io"),
    (
        "statuspage.io",
        Platform::Statuspage,
        "Atlassian Statuspage",
    ),
    ("stspg", Platform::Statuspage, "Atlassian Statuspage"),
    ("instatus", Platform::Instatus, "Instatus"),
    ("betteruptime", Platform::BetterStack, "Better Stack"),
    ("betterstack", Platform::BetterStack, "Better Stack"),
    ("cachethq", Platform::Cachet, "Cachet"),
    ("status.io", Platform::StatusIo, "status.io"),
];

/// At most this many feed links are taken from a page (each one may be probed).
pub const MAX_FEEDS: usize = 8;

/// The longest `<link …>` tag read.
const MAX_TAG_BYTES: usize = 4096;

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Looks for clues in `html`, the page at `page`, in one pass over it (linear in its size).
/// Never fails: no clue is an empty answer.
pub fn sniff(html: &str, page: &Url) -> Clues {
    let lower = html.to_ascii_lowercase();
    let mut clues = Clues::default();
    for (marker, platform, name) in MARKERS {
        if lower.contains(marker) && !clues.platforms.contains(&platform) {
            clues.platforms.push(platform);
            clues.notes.push(format!("the page mentions {name}"));
        }
    }
    let mut seen = HashSet::new();
    for at in lower.match_indices("<link").map(|(at, _)| at) {
        if clues.feeds.len() >= MAX_FEEDS {
            break;
        }
        // A tag ends at its '>', or where the next tag starts, within a bounded window: a page
        // of endless unclosed tags costs one linear pass, not one scan to its end per tag.
        let window = &html[at..floor_boundary(html, at + MAX_TAG_BYTES)];
        let end = window[1..]
            .find(['>', '<'])
            .map_or(window.len(), |end| end + 1);
        let tag = &window[..end];
        let tag_lower = tag.to_ascii_lowercase();
        let is_feed =
            tag_lower.contains("application/rss+xml") || tag_lower.contains("application/atom+xml");
        if let (true, Some(href)) = (is_feed, attribute(tag, "href")) {
            if let Ok(url) = page.join(&decode(href)) {
                if matches!(url.scheme(), "http" | "https") && seen.insert(url.clone()) {
                    clues.notes.push(format!("the page links a feed at {url}"));
                    clues.feeds.push(url);
                }
            }
        }
    }
    if let Some(at) = lower.find("/1.0/status/") {
        let id: String = lower[at + "/1.0/status/".len()..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if id.len() >= 12 {
            clues.statusio = Url::parse(&statusio_api(&id)).ok();
            clues
                .notes
                .push(format!("the page names status.io page {id}"));
        }
    }
    clues
}

/// The value of `name="…"` (or '…') in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found + name.len();
        let rest = tag[at..].trim_start();
        if let Some(rest) = rest.strip_prefix('=') {
            let rest = rest.trim_start();
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &rest[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        from = at;
    }
    None
}

fn decode(href: &str) -> String {
    href.replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://status.acme.test/").unwrap()
    }

    #[test]
    fn markers_feeds_and_status_io_ids_are_found() {
        let html = r#"<html><head>
            <link rel="alternate" type="application/atom+xml" title="Feed" href="/history.atom">
            <LINK REL='alternate' TYPE='application/rss+xml' HREF='https://status.acme.test/history.rss?a=1&amp;b=2'>
            <link rel="stylesheet" href="/style.css">
            <script src="https://cdn.statuspage.io/se-v2.js"></script>
            <script>var api = "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7";</script>
            </head></html>"#;
        let clues = sniff(html, &page());
        assert_eq!(clues.platforms, [Platform::Statuspage, Platform::StatusIo]);
        let feeds: Vec<&str> = clues.feeds.iter().map(Url::as_str).collect();
        assert_eq!(
            feeds,
            [
                "https://status.acme.test/history.atom",
                "https://status.acme.test/history.rss?a=1&b=2"
            ]
        );
        assert_eq!(
            clues.statusio.unwrap().as_str(),
            "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"
        );
        assert_eq!(clues.notes.len(), 5);
    }

    #[test]
    fn a_plain_page_gives_no_clues_and_odd_html_does_not_panic() {
        assert_eq!(sniff("<p>hello</p>", &page()), Clues::default());
        let odd = sniff(
            "<link type=\"application/rss+xml\" href=\"javascript:alert(1)\"<link href='",
            &page(),
        );
        assert!(odd.feeds.is_empty());
        // 100,000 unclosed feed links: read in one pass, at most MAX_FEEDS taken.
        let unit = include_str!("../../../tests/fixtures/hostile/link-tag.html");
        let mut hostile = String::new();
        for i in 0..100_000 {
            hostile.push_str(unit);
            hostile.push_str(&i.to_string());
            hostile.push('"');
        }
        let many = sniff(&hostile, &page());
        assert_eq!(many.feeds.len(), MAX_FEEDS);
        let plain = "<link rel=stylesheet href=/s.css ".repeat(100_000);
        assert!(sniff(&plain, &page()).feeds.is_empty());
        let _ = sniff(
            "é<link é href=\"é\" type=\"application/atom+xml\">",
            &page(),
        );
    }

    /// Fuzz target: any HTML-ish text is read in one pass, never panics, and gives at most
    /// [`MAX_FEEDS`] http(s) feeds (`LOOKOUT_FUZZ_CASES` cases; see `scripts/fuzz`).
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn html_like() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "<link",
                " rel=\"alternate\"",
                " type=\"application/rss+xml\"",
                " type='application/atom+xml'",
                " href=\"/feed.atom\"",
                " href='",
                "javascript:x",
                ">",
                "<",
                "\"",
                "'",
                "é",
                "statuspage.io",
                "incident.io",
                "/1.0/status/",
                "5b36dc6502d06804c08349f7",
                "&amp;",
                " ",
                "<LINK HREF=",
            ]);
            prop::collection::vec(piece, 0..80).prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: lookout_core::fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn any_page_is_read_without_panic(html in html_like(), noise in "\\PC{0,64}") {
                let text = format!("{html}{noise}");
                let clues = lookout_core::fuzz_timed(text.len(), || sniff(&text, &page()))
                    .map_err(TestCaseError::fail)?;
                prop_assert!(clues.feeds.len() <= MAX_FEEDS);
                prop_assert!(clues.feeds.iter().all(|u| matches!(u.scheme(), "http" | "https")));
            }
        }
    }
}
