//! IBM Cloud's notification feed (`cloud.ibm.com/status/api/notifications/feed.rss`): each
//! item's description ends with labelled lines — `Type:` (incident, maintenance, announcement,
//! release, security), `Regions:`, `Resources:`, and for outages `Outage Start:` /
//! `Outage End:` (JavaScript `Date.toString()` times such as `Tue Mar 04 2026 09:00:00 GMT+0000`,
//! or RFC 3339).
//!
//! Decisions worth knowing:
//! - An item is IBM's when its text has a `Type:` label and a `Regions:` or `Resources:` label.
//! - Announcements, releases and security bulletins are product news, not status: skipped.
//!   Maintenance items are maintenances, windowed by their outage times; anything else is an
//!   incident touching the `Resources:` listed.
//! - An incident is resolved when its `Outage End:` is no later than the item's own time (or its
//!   title says resolved or completed): then its one update is dated at that end, so the outage
//!   lasts from `Outage Start:` to `Outage End:`. Otherwise it is investigating, as of the item.

use super::html::{decode_entities, html_to_text};
use super::layouts::{Content, RawUpdate};
use chrono::{DateTime, Utc};

const LABELS: [&str; 7] = [
    "ID",
    "Type",
    "Regions",
    "Resources",
    "Outage Start",
    "Outage End",
    "Update Time",
];

/// Product news, not status.
const NEWS: [&str; 3] = ["announcement", "release", "security"];

/// Where `label:` starts in `text` as a label (not the tail of a longer word).
fn label_at(text: &str, label: &str) -> Option<usize> {
    let needle = format!("{label}:");
    text.match_indices(&needle).map(|(at, _)| at).find(|&at| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The value after `label:`, up to the next label (or the end of the text).
fn value<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let start = label_at(text, label)? + label.len() + 1;
    let rest = &text[start..];
    let end = LABELS
        .iter()
        .filter_map(|other| label_at(rest, other))
        .min()
        .unwrap_or(rest.len());
    super::non_empty(&rest[..end])
}

/// A time at the head of `text`: RFC 3339, or `Date.toString()` (its first six words).
fn time(text: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    words
        .first()
        .and_then(|first| crate::sources::instatus::parse_instatus_time(first))
        .or_else(|| crate::sources::instatus::parse_instatus_time(&words.join(" ")))
}

/// What an IBM item says: `None` unless it is one; `Some(None)` for product news to skip.
pub(super) fn ibm_cloud(title: &str, body: &str, at: DateTime<Utc>) -> Option<Option<Content>> {
    let text = html_to_text(body);
    let kind = value(&text, "Type")?
        .split_whitespace()
        .next()?
        .to_ascii_lowercase();
    if value(&text, "Regions").is_none() && value(&text, "Resources").is_none() {
        return None;
    }
    if NEWS.contains(&kind.as_str()) {
        return Some(None);
    }
    let starts = value(&text, "Outage Start").and_then(time);
    let ends = value(&text, "Outage End").and_then(time);
    let maintenance = kind == "maintenance";
    let lower = title.to_ascii_lowercase();
    let over = ends.is_some_and(|end| end <= at)
        || lower.contains("resolved")
        || lower.contains("completed");
    let (word, when) = match (maintenance, over) {
        (true, true) => ("completed", ends.unwrap_or(at)),
        (true, false) => ("scheduled", at),
        (false, true) => ("resolved", ends.filter(|end| *end <= at).unwrap_or(at)),
        (false, false) => ("investigating", at),
    };
    let affected = value(&text, "Resources")
        .map(|list| {
            let names = list
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|name| !name.is_empty());
            crate::sources::unique_ids(names)
        })
        .unwrap_or_default();
    Some(Some(Content {
        updates: vec![RawUpdate {
            word: word.to_string(),
            body: decode_entities(body.trim()),
            at: when,
            components: Vec::new(),
        }],
        affected,
        maintenance: Some(maintenance),
        starts,
        ends,
        ..Content::default()
    }))
}
