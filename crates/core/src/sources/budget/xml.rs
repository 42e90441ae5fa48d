//! The parse budget's first look at a feed: `xml:base` attributes, which the XML reader joins
//! (each nested one against the one in force, so they grow) and copies into every element it
//! reads under them. A feed with more than [`MAX_XML_BASES`] of them, or one longer than
//! [`MAX_XML_BASE_BYTES`], is refused before it is parsed. Real feeds carry one or none.

use super::over;
use crate::error::SourceError;

/// `xml:base` attributes in one feed.
pub const MAX_XML_BASES: usize = 100;
/// Bytes of one `xml:base` value.
pub const MAX_XML_BASE_BYTES: usize = 256;

const ATTRIBUTE: &[u8] = b"xml:base";

/// Refuses a feed `body` with too many `xml:base` attributes or one too long (one pass).
pub fn check(body: &[u8]) -> Result<(), SourceError> {
    let mut found = 0;
    let mut at = 0;
    while let Some(offset) = find(&body[at..], ATTRIBUTE) {
        found += 1;
        over("xml:base attributes", found, MAX_XML_BASES)?;
        at += offset + ATTRIBUTE.len();
        let (value, end) = value_after(body, at);
        over("bytes in one xml:base", value, MAX_XML_BASE_BYTES)?;
        at = end;
    }
    Ok(())
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The length of the quoted value of the attribute whose name ends at `at` (`= "…"`), and where
/// reading may go on; zero when no quoted value follows.
fn value_after(body: &[u8], mut at: usize) -> (usize, usize) {
    let skip_space = |mut at: usize| {
        while body.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        at
    };
    at = skip_space(at);
    if body.get(at) != Some(&b'=') {
        return (0, at);
    }
    at = skip_space(at + 1);
    let Some(&quote) = body.get(at).filter(|q| matches!(q, b'"' | b'\'')) else {
        return (0, at);
    };
    let start = at + 1;
    let length = body[start..]
        .iter()
        .position(|&b| b == quote)
        .unwrap_or(body.len() - start);
    (length, start + length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_short_base_passes_and_a_long_or_repeated_one_is_too_complex() {
        assert!(check(br#"<feed xml:base="https://example.com/"><entry/></feed>"#).is_ok());
        let long = format!(r#"<feed xml:base = '{}'/>"#, "a".repeat(257));
        assert_eq!(
            check(long.as_bytes()).unwrap_err().to_string(),
            "page too complex: 257 bytes in one xml:base (limit 256)"
        );
        let many = r#"<e xml:base="a/">"#.repeat(101);
        assert_eq!(
            check(many.as_bytes()).unwrap_err().to_string(),
            "page too complex: 101 xml:base attributes (limit 100)"
        );
    }
}
