//! Vendor text is untrusted: the one HTML that reaches the webview (an update's body) goes
//! through an allow-list sanitiser (plain text for notifications: `lookout_alerts::text`).

use lookout_core::sources::feed::html::{html_to_text, simple_enough};
pub use lookout_engine::operations::alerts::plain_text;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Tags kept in an update's body; everything else is dropped (its text kept).
const KEPT_TAGS: [&str; 13] = [
    "a", "b", "strong", "i", "em", "code", "pre", "br", "p", "ul", "ol", "li", "span",
];

fn html_cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(KEPT_TAGS.into_iter().collect::<HashSet<_>>())
            .tag_attributes([("a", ["href"].into_iter().collect())].into())
            .url_schemes(["http", "https"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true);
        builder
    })
}

/// An update's body as safe HTML for the webview: only simple formatting and http(s) links;
/// scripts, styles, event handlers, images, iframes and other schemes are removed. Line breaks
/// in plain-text bodies are kept by the window's CSS (`white-space: pre-line`).
pub fn body_html(body: &str) -> String {
    if simple_enough(body) {
        return html_cleaner().clean(body).to_string();
    }
    // Too deep or too long for the HTML parser (its work grows faster than the input): shown
    // as its plain text, escaped, with no markup at all.
    let text = html_to_text(body);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_foreign_schemes_never_survive() {
        let hostile = r#"<p onclick="x()">Fix <b>rolled</b> out <script>alert(1)</script>
            <a href="javascript:alert(1)">a</a> <a href="https://ok.test/x">b</a>
            <img src=x onerror=alert(1)><iframe src="https://evil.test"></iframe>
            <a href="/relative">c</a><style>body{}</style></p>"#;
        let clean = body_html(hostile);
        for bad in [
            "script",
            "onclick",
            "javascript:",
            "<img",
            "iframe",
            "onerror",
            "<style",
            "/relative",
        ] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("<b>rolled</b>"));
        let level = include_str!("../../../tests/fixtures/hostile/nested-div.html");
        let deep = format!(
            "{}<script>alert(1)</script>Down &amp; out{}",
            level.repeat(40_000),
            "</div>".repeat(40_000)
        );
        let plain = body_html(&deep);
        assert!(
            !plain.contains('<') && plain.contains("Down &amp; out"),
            "{}",
            &plain[..80.min(plain.len())]
        );
        assert!(clean.contains(r#"<a href="https://ok.test/x" rel="noopener noreferrer">b</a>"#));
    }

    /// Fuzz target: whatever a vendor sends, the window's HTML has no script, no handler and no
    /// foreign link (`LOOKOUT_FUZZ_CASES` cases; see `scripts/fuzz`).
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn html_like() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(lookout_core::HOSTILE_HTML_PIECES);
            prop::collection::vec(piece, 0..300).prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: lookout_core::fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn no_script_handler_or_foreign_link_survives(html in html_like()) {
                let clean = lookout_core::fuzz_timed(html.len(), || body_html(&html))
                    .map_err(TestCaseError::fail)?;
                // Text '<' is escaped, so every '<' left opens a real tag: each must be a kept
                // tag whose only attributes are an http(s) href and the rel ammonia adds.
                for tag in clean.split('<').skip(1) {
                    let tag = tag.split('>').next().unwrap_or_default();
                    let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
                    prop_assert!(KEPT_TAGS.contains(&name.trim_start_matches('/')), "<{tag}>");
                    // Attributes are `key="value"`, the value's own quotes escaped.
                    while let Some((key, after)) = rest.trim_start().split_once("=\"") {
                        let (value, next) = after.split_once('"').unwrap_or((after, ""));
                        let ok = match key {
                            // Browsers trim a URL's surrounding blanks, as the sanitiser does.
                            "href" => {
                                let url = value.trim();
                                url.starts_with("https://") || url.starts_with("http://")
                            }
                            "rel" => value == "noopener noreferrer",
                            _ => false,
                        };
                        prop_assert!(ok, "{key}={value:?} in <{tag}>");
                        rest = next;
                    }
                }
            }
        }
    }

    /// The HTML check against the parser itself: whatever broken markup a vendor sends, what
    /// the check lets through the parser builds no deeper than `MAX_NESTING` and with no more
    /// than `MAX_TAGS` elements; the audit's shapes fall back to plain text.
    mod tree_shape {
        use super::*;
        use lookout_core::sources::feed::html::{MAX_NESTING, MAX_TAGS};
        use proptest::prelude::*;

        /// Every tag the pieces use kept, so the cleaned tree is the tree the parser built; its
        /// serialisation writes each element's start and end tag (text `<` is escaped).
        fn parsed_depth_and_elements(html: &str) -> (usize, usize) {
            let names = [
                "span", "div", "p", "b", "i", "li", "ul", "table", "td", "tr", "a", "em",
            ];
            let built = ammonia::Builder::empty()
                .tags(names.into_iter().collect())
                .clean(html)
                .to_string();
            let (mut depth, mut deepest, mut elements) = (0usize, 0, 0);
            for tag in built.split('<').skip(1) {
                if tag.starts_with('/') {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                    elements += 1;
                    deepest = deepest.max(depth);
                }
            }
            (deepest, elements)
        }

        fn broken_markup() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "<span>",
                "</span>",
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<b>",
                "<b id=1>",
                "<b id=2>",
                "</b>",
                "<i>",
                "</i>",
                "<em>",
                "</em>",
                "<li>",
                "<ul>",
                "</ul>",
                "<table>",
                "</table>",
                "<tr>",
                "<td>",
                "</td>",
                "<a href=x>",
                "</a>",
                "x",
                " ",
            ]);
            // A short unit repeated (broken markup a page repeats), then random pieces.
            (
                prop::collection::vec(piece.clone(), 1..6),
                1..2_000usize,
                prop::collection::vec(piece, 0..300),
            )
                .prop_map(|(unit, times, tail)| unit.concat().repeat(times) + &tail.concat())
        }

        #[test]
        fn the_audit_shapes_are_shown_as_plain_text() {
            for seed in [
                include_str!("../../../tests/fixtures/hostile/html-mismatched-end-tag.html"),
                include_str!("../../../tests/fixtures/hostile/html-reopened-formatting.html"),
            ] {
                let page: String = (0..1_666)
                    .map(|n| seed.replace('N', &n.to_string()))
                    .collect();
                assert!(!simple_enough(&page), "{seed} passed the check");
                assert!(!body_html(&page).contains('<'), "{seed} went to the parser");
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: lookout_core::fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn what_passes_the_check_the_parser_builds_within_its_limits(html in broken_markup()) {
                if simple_enough(&html) {
                    let (depth, elements) = parsed_depth_and_elements(&html);
                    prop_assert!(depth <= MAX_NESTING, "{depth} deep: {html}");
                    prop_assert!(elements <= MAX_TAGS, "{elements} elements: {html}");
                }
            }
        }
    }
}
