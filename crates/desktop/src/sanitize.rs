//! Vendor text is untrusted: the one HTML that reaches the webview (an update's body) goes
//! through an allow-list sanitiser (plain text for notifications: `lookout_alerts::text`).

pub use lookout_alerts::text::plain_text;
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
    html_cleaner().clean(body).to_string()
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
        assert!(clean.contains(r#"<a href="https://ok.test/x" rel="noopener noreferrer">b</a>"#));
    }
}
