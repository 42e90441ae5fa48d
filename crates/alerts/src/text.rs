//! Vendor text made plain for alerts (OS notifications, chat messages, one-line summaries): no
//! markup (parsed by ammonia, not by hand), entities decoded, blank space squeezed, length capped.

use lookout_core::sources::feed::html::decode_entities;
use std::sync::OnceLock;

/// The deepest tag nesting a vendor's HTML may have to be given to the HTML parser.
pub const MAX_NESTING: usize = 128;
/// The most tags a vendor's HTML may have to be given to the HTML parser.
pub const MAX_TAGS: usize = 5_000;

/// Elements that never hold others (they do not deepen the nesting).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Whether `html` is simple enough for the HTML parser (whose work grows faster than the input
/// on deep nesting): at most [`MAX_NESTING`] deep and [`MAX_TAGS`] tags. One linear pass.
pub fn simple_enough(html: &str) -> bool {
    let bytes = html.as_bytes();
    let (mut depth, mut tags) = (0usize, 0usize);
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|b| *b == b'<') {
        at += found + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_at = at + usize::from(closing);
        let name: String = bytes[name_at..]
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        tags += 1;
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) {
            depth += 1;
        }
        if depth > MAX_NESTING || tags > MAX_TAGS {
            return false;
        }
    }
    true
}

/// `html` with every tag removed, in one linear pass: the fallback for bodies too deep or too
/// long for the HTML parser (their text is still shown, as text).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
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
    // ammonia writes text escaped; the feeds' decoder undoes it (and any entity it kept). A body
    // too deep or too long for the parser has its tags stripped by a linear pass instead.
    let escaped = if simple_enough(text) {
        stripper.clean(text).to_string()
    } else {
        strip_tags(text)
    };
    let decoded = decode_entities(&escaped);
    let squeezed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.chars().count() <= max_chars {
        return squeezed;
    }
    let cut: String = squeezed.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn deep_or_huge_html_is_made_plain_without_the_parser() {
        let deep = format!("{}Down{}", "<div>".repeat(40_000), "</div>".repeat(40_000));
        assert!(!simple_enough(&deep));
        assert_eq!(plain_text(&deep, 50), "Down");
        let flat = "<p>a</p>".repeat(MAX_TAGS);
        assert!(!simple_enough(&flat));
        assert!(simple_enough(&format!("{}<p>x</p>", "<br>".repeat(1_000))));
        assert!(simple_enough("a < b and 3<4 </ >"));
    }

    /// Fuzz target: any HTML-ish text becomes plain text without panic, never longer than
    /// asked, with no tag left (`LOOKOUT_FUZZ_CASES` cases; see `scripts/fuzz`).
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn cases() -> u32 {
            std::env::var("LOOKOUT_FUZZ_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(48)
        }

        pub(crate) fn html_like() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<b>",
                "<br>",
                "<script>",
                "</script>",
                "<a href=\"",
                "javascript:alert(1)",
                "\">",
                "<img src=x onerror=alert(1)>",
                "&amp;",
                "&lt;",
                "&#0;",
                "<!--",
                "-->",
                "<",
                ">",
                "text",
                " ",
                "\u{1b}[2J",
                "é",
                "<style>",
                "</style>",
            ]);
            prop::collection::vec(piece, 0..200).prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn any_body_becomes_plain_text(html in html_like(), max in 1usize..300) {
                let plain = plain_text(&html, max);
                prop_assert!(plain.chars().count() <= max);
                prop_assert!(!plain.contains("<script"));
                let stripped = strip_tags(&html);
                prop_assert!(!stripped.contains('<'));
            }
        }
    }
}
