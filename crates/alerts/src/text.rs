//! Vendor text made plain for alerts (OS notifications, chat messages, one-line summaries): the
//! core's one HTML-to-text pass, then the length capped.

use lookout_core::sources::feed::html::html_to_text;

/// `text` without any markup, entities decoded and runs of blank space squeezed, cut to at most
/// `max_chars` characters (with an ellipsis): for notifications and one-line summaries.
pub fn plain_text(text: &str, max_chars: usize) -> String {
    let plain = html_to_text(text);
    if plain.chars().count() <= max_chars {
        return plain;
    }
    let cut: String = plain.chars().take(max_chars.saturating_sub(1)).collect();
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
    fn deep_html_is_made_plain_in_one_pass() {
        let deep = format!("{}Down{}", "<div>".repeat(40_000), "</div>".repeat(40_000));
        assert_eq!(plain_text(&deep, 50), "Down");
    }

    /// Fuzz target: any HTML-ish text becomes plain text without panic, never longer than
    /// asked, with no tag left (`LOOKOUT_FUZZ_CASES` cases; see `scripts/fuzz`).
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        pub(crate) fn html_like() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(lookout_core::HOSTILE_HTML_PIECES);
            prop::collection::vec(piece, 0..200).prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: lookout_core::fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn any_body_becomes_plain_text(html in html_like(), max in 1usize..300) {
                let plain = lookout_core::fuzz_timed(html.len(), || plain_text(&html, max))
                    .map_err(TestCaseError::fail)?;
                prop_assert!(plain.chars().count() <= max);
                prop_assert!(!plain.contains("<script"));
                prop_assert!(!plain.contains("<p>") && !plain.contains("<div>"));
            }
        }
    }
}
