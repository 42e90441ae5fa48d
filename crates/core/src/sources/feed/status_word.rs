//! Where a feed item states its status word, read as a person reads it: after a `Status:` label
//! anywhere in the item's text (the word inside the label's tag, `<b>Status: Resolved</b>`, or
//! after it, `<strong>Status:</strong> resolved`, `<h3>Status: RESOLVED</h3>`), else in its title
//! (`[Resolved] …`, `Resolved: …`, `… - Resolved`, `… (Monitoring)`).
//!
//! Decisions worth knowing:
//! - Only the incident and maintenance vocabulary is recognised (investigating, identified,
//!   monitoring, resolved, postmortem, update, scheduled, in progress, verifying, completed), in
//!   any case: an unknown word after a label is not taken for a status ("Status: we are looking").
//! - The label is matched as a word (`Status:`, `Current status:`), never inside another word.
//! - Every search is one forward pass over the text: no backtracking, whatever the input.

use super::html::{decode_entities, html_to_text};
use super::layouts::{Content, RawUpdate};
use chrono::{DateTime, Utc};

/// The recognised words, as returned (lower case). No entry is a prefix of a later one.
const WORDS: [&str; 10] = [
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
    "update",
    "scheduled",
    "in progress",
    "verifying",
    "completed",
];

/// The recognised word `text` starts with (any case, followed by a non-letter), if any.
pub(super) fn leading_word(text: &str) -> Option<&'static str> {
    WORDS.into_iter().find(|word| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
            && !text[word.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The recognised word after the first `Status:` label in tag-free `text` that is followed by
/// one.
pub(super) fn after_label(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    lower
        .match_indices("status:")
        .filter(|(at, _)| {
            lower[..*at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .find_map(|(at, label)| leading_word(text[at + label.len()..].trim_start()))
}

/// What separates a title's status word from the rest: `Resolved: …`, `… - Resolved`.
const SEPARATORS: [&str; 6] = [":", "]", ")", " - ", " – ", " | "];

/// The recognised word the title states: bracketed or before a separator at its start, or
/// after a separator or bracketed at its end.
pub(super) fn in_title(title: &str) -> Option<&'static str> {
    let title = title.trim();
    let head = title.strip_prefix(['[', '(']).unwrap_or(title).trim_start();
    if let Some(word) = leading_word(head) {
        let after = &head[word.len()..];
        let after = after.strip_prefix(' ').map_or(after, |rest| {
            // " - " needs its space, ":" does not.
            if rest.starts_with([':', ']', ')']) {
                rest
            } else {
                after
            }
        });
        if SEPARATORS
            .iter()
            .any(|sep| after.starts_with(sep.trim_end()))
        {
            return Some(word);
        }
    }
    let tail = title.strip_suffix([']', ')']).unwrap_or(title).trim_end();
    let start = ["[", "(", ":", " - ", " – ", " | "]
        .iter()
        .filter_map(|sep| tail.rfind(sep).map(|at| at + sep.len()))
        .max()?;
    let last = tail[start..].trim();
    leading_word(last).filter(|word| word.len() == last.len())
}

/// An item whose text labels its status, or whose title states it: one update with that word
/// and the item's whole body. `None` when neither says a recognised word.
pub(super) fn labelled_entry(title: &str, body: &str, at: DateTime<Utc>) -> Option<Content> {
    let word = after_label(&html_to_text(body)).or_else(|| in_title(title))?;
    Some(Content {
        updates: vec![RawUpdate {
            word: word.to_string(),
            body: decode_entities(body.trim()),
            at,
            components: Vec::new(),
        }],
        ..Content::default()
    })
}

/// The recognised word at the head of `html` (after white space and up to four tags), and the
/// markup after it: for `<strong>Status:</strong> resolved</p>…`, whose word follows the tag.
pub(super) fn word_after_tag(html: &str) -> Option<(&'static str, &str)> {
    let mut rest = html.trim_start();
    for _ in 0..4 {
        if !rest.starts_with('<') {
            break;
        }
        let end = rest.find('>')?;
        rest = rest[end + 1..].trim_start();
    }
    let word = leading_word(rest)?;
    Some((word, &rest[word.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_wherever_the_word_sits() {
        assert_eq!(
            after_label("Status: resolved We fixed it"),
            Some("resolved")
        );
        assert_eq!(
            after_label("Status: RESOLVED Severity: outage"),
            Some("resolved")
        );
        assert_eq!(
            after_label("Current status: In Progress"),
            Some("in progress")
        );
        assert_eq!(after_label("Substatus: resolved"), None);
        assert_eq!(after_label("Status: we are looking"), None);
        assert_eq!(after_label("Status: resolvedish"), None);
        assert_eq!(
            after_label("Component status: x. Status: monitoring"),
            Some("monitoring")
        );
        assert_eq!(after_label("status:"), None);
        assert_eq!(after_label("é status: identified"), Some("identified"));
    }

    #[test]
    fn titles_state_the_word_at_either_end() {
        assert_eq!(in_title("[Resolved] Webhook delays"), Some("resolved"));
        assert_eq!(in_title("Resolved: Webhook delays"), Some("resolved"));
        assert_eq!(in_title("(Monitoring) API"), Some("monitoring"));
        assert_eq!(in_title("Webhook delays - Identified"), Some("identified"));
        assert_eq!(in_title("Webhook delays [Resolved]"), Some("resolved"));
        assert_eq!(in_title("Webhook delays – résolu"), None);
        assert_eq!(in_title("Resolved issues with webhooks"), None);
        assert_eq!(in_title("Webhooks: resolved partly"), None);
        assert_eq!(in_title("Resolved"), None);
        assert_eq!(in_title(""), None);
        assert_eq!(in_title("-"), None);
    }

    #[test]
    fn the_word_after_a_tag_is_found() {
        assert_eq!(
            word_after_tag(" resolved</p><p>Done.</p>"),
            Some(("resolved", "</p><p>Done.</p>"))
        );
        assert_eq!(
            word_after_tag("</strong> <span class=\"s\">Monitoring</span>"),
            Some(("monitoring", "</span>"))
        );
        assert_eq!(word_after_tag("<a"), None);
        assert_eq!(word_after_tag("Degraded</p>"), None);
    }
}
