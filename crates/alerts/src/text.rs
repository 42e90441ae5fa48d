//! Vendor text made plain for alerts (OS notifications, chat messages, one-line summaries): no
//! markup (parsed by ammonia, not by hand), entities decoded, blank space squeezed, length capped.

use lookout_core::sources::feed::html::decode_entities;
use std::sync::OnceLock;

/// `text` without any markup, entities decoded and runs of blank space squeezed, cut to at most
/// `max_chars` characters (with an ellipsis): for notifications and one-line summaries.
pub fn plain_text(text: &str, max_chars: usize) -> String {
    static STRIPPER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let stripper = STRIPPER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder.clean_content_tags(["script", "style"].into_iter().collect());
        builder
    });
    // ammonia writes text escaped; the feeds' decoder undoes it (and any entity it kept).
    let escaped = stripper.clean(text).to_string();
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
}
