//! What the feed reader checks and converts before `feed-rs` builds anything: a UTF-16 feed is
//! decoded to UTF-8 first (so the budget's byte scans see its markup), then the parse budget —
//! `xml:base` attributes, and how many elements an XML feed opens — or, for a JSON Feed, how many
//! items and authors it lists and how many bytes of feed-level author `feed-rs` would copy into
//! every item that has none.

use crate::error::SourceError;
use crate::sources::budget::{self, over};
use crate::sources::encoding;
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::borrow::Cow;

/// Elements one XML feed may open (each becomes a record, link, category or text `feed-rs`
/// keeps): far above a real feed's (a few thousand), far below what would outgrow the page.
pub const MAX_FEED_ELEMENTS: usize = 50_000;
/// Authors one JSON Feed or item may list (`feed-rs` compares each with those before it).
pub const MAX_AUTHORS: usize = 100;

/// The feed `body` as `feed-rs` should read it (UTF-8), once it passed the budget.
pub fn checked(body: &[u8]) -> Result<Cow<'_, [u8]>, SourceError> {
    let body = match encoding::utf16_text("RSS/Atom feed", body) {
        Some(text) => Cow::Owned(without_declared_encoding(text?).into_bytes()),
        None => Cow::Borrowed(body),
    };
    let first = body.iter().find(|b| **b == b'<' || **b == b'{');
    if first == Some(&b'{') {
        budget::json::check(&body)?;
        json_feed(&body)?;
    } else {
        budget::xml::check(&body)?;
        over("elements", elements(&body), MAX_FEED_ELEMENTS)?;
    }
    Ok(body)
}

/// A decoded feed's XML declaration no longer names UTF-16 (the text is UTF-8 now).
fn without_declared_encoding(text: String) -> String {
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with("<?xml") {
        return text;
    }
    match text[start..].find("?>") {
        Some(end) => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>{}"#,
            &text[start + end + 2..]
        ),
        None => text,
    }
}

/// How many elements an XML body opens: each `<` followed by a name (one linear pass).
fn elements(body: &[u8]) -> usize {
    body.windows(2)
        .filter(|pair| pair[0] == b'<' && pair[1].is_ascii_alphabetic())
        .count()
}

/// What of a JSON Feed `feed-rs` copies or compares: the feed's author(s) and its items'.
#[derive(Deserialize)]
struct JsonFeed {
    author: Option<Author>,
    authors: Option<Vec<Author>>,
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Author {
    name: Option<String>,
    url: Option<String>,
    avatar: Option<String>,
}

impl Author {
    fn bytes(&self) -> usize {
        [&self.name, &self.url, &self.avatar]
            .into_iter()
            .map(|field| field.as_ref().map_or(0, |text| text.len() + 64))
            .sum::<usize>()
            + 64
    }
}

#[derive(Deserialize)]
struct Item {
    author: Option<IgnoredAny>,
    authors: Option<Vec<IgnoredAny>>,
}

/// Refuses a JSON Feed with too many items or authors, or whose feed-level authors, copied into
/// every item without its own, would come to more than four times the page and a megabyte. A body that is
/// not a JSON Feed passes (the reader says what is wrong with it).
fn json_feed(body: &[u8]) -> Result<(), SourceError> {
    let Ok(feed) = serde_json::from_slice::<JsonFeed>(body) else {
        return Ok(());
    };
    over("items", feed.items.len(), budget::MAX_INCIDENTS)?;
    let authors: Vec<&Author> = feed
        .author
        .iter()
        .chain(feed.authors.iter().flatten())
        .collect();
    over("feed authors", authors.len(), MAX_AUTHORS)?;
    let inheriting = feed
        .items
        .iter()
        .filter(|item| item.author.is_none() && item.authors.as_ref().is_none_or(Vec::is_empty))
        .count();
    for item in &feed.items {
        over(
            "authors of one item",
            item.authors.as_ref().map_or(0, Vec::len),
            MAX_AUTHORS,
        )?;
    }
    let copied = authors.iter().map(|a| a.bytes()).sum::<usize>() * inheriting;
    over(
        "bytes of feed authors copied into its items",
        copied,
        4 * body.len() + (1 << 20),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf16_feed_is_read_as_utf8_and_its_bases_are_counted() {
        let xml = r#"<?xml version="1.0" encoding="UTF-16"?><feed xml:base="a/"></feed>"#;
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let read = checked(&utf16).unwrap();
        assert_eq!(
            std::str::from_utf8(&read).unwrap(),
            r#"<?xml version="1.0" encoding="UTF-8"?><feed xml:base="a/"></feed>"#
        );
        let many = r#"<e xml:base="a/">"#.repeat(101);
        let utf16: Vec<u8> = many.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            checked(&utf16).unwrap_err().to_string(),
            "page too complex: 101 xml:base attributes (limit 100)"
        );
    }

    #[test]
    fn a_json_feed_whose_author_would_outgrow_the_page_is_too_complex() {
        let feed = |items: usize| {
            format!(
                r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t",
                "author":{{"name":"n","avatar":"{}"}},"items":[{}]}}"#,
                "a".repeat(100_000),
                vec![r#"{"id":"1"}"#; items].join(",")
            )
        };
        assert!(
            checked(feed(2).as_bytes()).is_ok(),
            "{:?}",
            checked(feed(2).as_bytes()).err()
        );
        let error = checked(feed(100).as_bytes()).unwrap_err().to_string();
        assert!(
            error.starts_with("page too complex: ") && error.contains("bytes of feed authors"),
            "{error}"
        );
    }

    #[test]
    fn an_xml_feed_of_too_many_elements_is_too_complex() {
        let xml = format!("<rss>{}</rss>", "<item/>".repeat(MAX_FEED_ELEMENTS));
        assert_eq!(
            checked(xml.as_bytes()).unwrap_err().to_string(),
            "page too complex: 50001 elements (limit 50000)"
        );
    }
}
