//! Vendor text is untrusted: the one HTML that reaches the webview (an update's body) goes
//! through an allow-list sanitiser, and text meant for OS notifications loses all markup.

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

/// `text` without any markup, entities decoded and runs of blank space squeezed, cut to at most
/// `max_chars` characters (with an ellipsis): for notifications and one-line summaries.
pub fn plain_text(text: &str, max_chars: usize) -> String {
    static STRIPPER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let stripper = STRIPPER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder.clean_content_tags(["script", "style"].into_iter().collect());
        builder
    });
    let escaped = stripper.clean(text).to_string();
    let decoded = decode_entities(&escaped);
    let squeezed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.chars().count() <= max_chars {
        return squeezed;
    }
    let cut: String = squeezed.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Undoes the escaping ammonia applies to text (it only ever writes these five, plus `&nbsp;`).
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
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

    #[test]
    fn plain_text_has_no_markup_decodes_entities_and_is_cut() {
        assert_eq!(
            plain_text(
                "<p>5xx &amp; <b>timeouts</b></p>\n\n on  <i>API</i><script>x()</script>",
                100
            ),
            "5xx & timeouts on API"
        );
        assert_eq!(
            plain_text("a < b > c \"d\" 'e'", 100),
            "a < b > c \"d\" 'e'"
        );
        assert_eq!(plain_text("abcdef ghij", 8), "abcdef…");
        assert_eq!(plain_text("", 10), "");
    }
}
