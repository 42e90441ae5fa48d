//! Planned-maintenance notices among feed items, told apart from incidents by the notice's own
//! markers, and their stage and planned window.
//!
//! Decisions worth knowing:
//! - Markers: a title segment made only of notice words — bracketed or before a separator at
//!   its start (`Initial Notification: … Live Site Maintenance`, `[Maintenance in progress] …`),
//!   after one at its end (`… Maintenance - Completed`), or its leading words when they name
//!   the maintenance and stop at a connector (`Scheduled maintenance for …`); a `Type:` label
//!   saying maintenance; a `maintenance` category; Statuspage's `THIS IS A SCHEDULED EVENT`.
//!   A segment without the word "maintenance" (`Postponed: …`) counts only when the title
//!   names a maintenance. The word "maintenance" elsewhere in an incident's text is no marker:
//!   "Errors after scheduled maintenance" stays an incident.
//! - An item whose layout declares what it is (Instatus' `Type:` header, IBM's labels) keeps
//!   the layout's reading, window included.
//! - Stage: the notice words' most advanced (cancelled, completed, in progress, postponed,
//!   announced); without one, the updates' status words decide, and a notice whose item has no
//!   status word of its own is `scheduled`.
//! - Window: read from the text by [`planned_window`] for every other maintenance (by markers,
//!   or by its updates' maintenance words); a postponed notice only takes a window announced as
//!   the new one, and without one has no planned start at all (the old one no longer holds).

use super::layouts::Content;
use super::planned_window;
use crate::status::MaintenanceStatus;
use chrono::{DateTime, Utc};

/// What an entry says about itself beyond its content's layout.
pub(super) struct Notice<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub categories: &'a [&'a str],
    /// The entry's latest time, which dates year-less days.
    pub reference: DateTime<Utc>,
}

/// How far a notice says the work has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Announced,
    Postponed,
    InProgress,
    Completed,
    Cancelled,
}

/// A marker found: `stage` when it says one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    stage: Option<Stage>,
}

/// `content` with what the notice's markers say: a maintenance, its stage and its window.
pub(super) fn apply(notice: &Notice<'_>, mut content: Content) -> Content {
    if content.maintenance.is_some() {
        return content;
    }
    let text = planned_window::text_of(notice.body);
    let marker = title_marker(notice.title)
        .or_else(|| type_label_marker(&text))
        .or_else(|| {
            notice
                .categories
                .iter()
                .find_map(|c| segment_marker(c, false))
        })
        .or_else(|| scheduled_event_marker(&text));
    if marker.is_some() {
        content.maintenance = Some(true);
    }
    if !super::is_maintenance(notice.id, &content) {
        return content;
    }
    let stage = marker.and_then(|m| m.stage);
    content.stage = match stage {
        Some(stage) => Some(status(stage)),
        None if marker.is_some() && content.guessed => Some(MaintenanceStatus::Scheduled),
        None => None,
    };
    if content.starts.is_none() {
        let postponed = stage == Some(Stage::Postponed);
        match planned_window::read(&text, notice.reference, postponed) {
            Some(window) => {
                content.starts = Some(window.starts);
                content.ends = content.ends.or(window.ends);
            }
            None => content.undated = postponed,
        }
    }
    content
}

fn status(stage: Stage) -> MaintenanceStatus {
    match stage {
        Stage::Announced | Stage::Postponed => MaintenanceStatus::Scheduled,
        Stage::InProgress => MaintenanceStatus::InProgress,
        Stage::Completed => MaintenanceStatus::Completed,
        Stage::Cancelled => MaintenanceStatus::Other("cancelled".to_string()),
    }
}

/// What one notice word says: `None` for a word that is not one.
enum Word {
    Maintenance,
    Stage(Stage),
    /// "update", "notification": part of a notice's heading, saying nothing more.
    Neutral,
}

fn notice_word(word: &str) -> Option<Word> {
    Some(match word {
        "maintenance" => Word::Maintenance,
        "initial" | "notification" | "notice" | "reminder" | "scheduled" | "planned"
        | "upcoming" => Word::Stage(Stage::Announced),
        "postponed" | "rescheduled" | "delayed" => Word::Stage(Stage::Postponed),
        "progress" | "started" | "underway" | "ongoing" => Word::Stage(Stage::InProgress),
        "completed" | "complete" | "finished" | "ended" => Word::Stage(Stage::Completed),
        "cancelled" | "canceled" => Word::Stage(Stage::Cancelled),
        "update" | "updated" | "in" => Word::Neutral,
        _ => return None,
    })
}

/// The words of a segment, lower case, punctuation around them trimmed.
fn words(segment: &str) -> impl Iterator<Item = String> + '_ {
    segment
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// The marker a segment is when every word of it is a notice word ("in" only before
/// "progress") and it names a maintenance, or a stage in a title that does
/// (`title_names_maintenance`).
fn segment_marker(segment: &str, title_names_maintenance: bool) -> Option<Marker> {
    let list: Vec<String> = words(segment).take(8).collect();
    let (named, stage, length) = notice_prefix(&list);
    let whole = length == list.len() && length > 0;
    (whole && (named || (stage.is_some() && title_names_maintenance))).then_some(Marker { stage })
}

/// How many of `list`'s first words are notice words, whether they name a maintenance, and the
/// most advanced stage they say.
fn notice_prefix(list: &[String]) -> (bool, Option<Stage>, usize) {
    let (mut named, mut stage, mut length) = (false, None, 0);
    for (at, word) in list.iter().enumerate() {
        if word == "in" && list.get(at + 1).map(String::as_str) != Some("progress") {
            break;
        }
        match notice_word(word) {
            Some(Word::Maintenance) => named = true,
            Some(Word::Stage(found)) => stage = stage.max(Some(found)),
            Some(Word::Neutral) => {}
            None => break,
        }
        length = at + 1;
    }
    (named, stage, length)
}

/// The separators between a title's notice heading and its subject.
const SEPARATORS: [&str; 4] = [":", " - ", " – ", " | "];

/// The marker a title carries, in its heading, its ending or its leading words.
fn title_marker(title: &str) -> Option<Marker> {
    let title = title.trim();
    let names = title.to_lowercase().contains("maintenance");
    let bracketed = title
        .strip_prefix(['[', '('])
        .and_then(|rest| rest.split([']', ')']).next());
    let head = SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .map(|at| &title[..at]);
    let tail = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| &title[at + sep.len()..]))
        .min_by_key(|tail| tail.len());
    let closing = title
        .strip_suffix([']', ')'])
        .and_then(|rest| rest.rsplit(['[', '(']).next());
    [bracketed, head, tail, closing]
        .into_iter()
        .flatten()
        .find_map(|segment| segment_marker(segment, names))
        .or_else(|| leading_marker(title))
}

/// `Scheduled maintenance for …`, `Planned maintenance on …`: the title's leading notice words
/// naming a maintenance, then the end of the title or a connector (never "Scheduled
/// maintenance caused errors").
fn leading_marker(title: &str) -> Option<Marker> {
    let list: Vec<String> = words(title).take(12).collect();
    let (named, stage, length) = notice_prefix(&list);
    let connector = list.get(length).is_none_or(|next| {
        [
            "for", "on", "of", "in", "at", "to", "window", "tonight", "today",
        ]
        .contains(&next.as_str())
    });
    (named && connector).then_some(Marker { stage })
}

/// `Type: Maintenance`, `Event type: Scheduled maintenance` in the item's text.
fn type_label_marker(text: &str) -> Option<Marker> {
    let lower = text.to_lowercase();
    lower
        .match_indices("type:")
        .take(8)
        .find_map(|(at, label)| {
            let before = lower[..at].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                return None;
            }
            let value: Vec<String> = words(&lower[at + label.len()..]).take(4).collect();
            let (named, stage, length) = notice_prefix(&value);
            (named && length > 0).then_some(Marker { stage })
        })
}

/// Statuspage writes `THIS IS A SCHEDULED EVENT <window>` atop a maintenance's content.
fn scheduled_event_marker(text: &str) -> Option<Marker> {
    let head = text.get(..text.len().min(200)).unwrap_or(text);
    head.to_ascii_lowercase()
        .contains("this is a scheduled event")
        .then_some(Marker { stage: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage_of(title: &str) -> Option<Option<Stage>> {
        title_marker(title).map(|m| m.stage)
    }

    #[test]
    fn titles_mark_notices_by_their_heading() {
        use Stage::*;
        let cases = [
            (
                "Initial Notification: Acme Live Site Maintenance",
                Some(Some(Announced)),
            ),
            (
                "Postponed: Acme Live Site Maintenance",
                Some(Some(Postponed)),
            ),
            (
                "[Maintenance in progress] Search index rebuild",
                Some(Some(InProgress)),
            ),
            (
                "Acme Live Site Maintenance - Completed",
                Some(Some(Completed)),
            ),
            (
                "Scheduled maintenance: database upgrade",
                Some(Some(Announced)),
            ),
            (
                "Scheduled Maintenance for the EU cluster",
                Some(Some(Announced)),
            ),
            ("Maintenance: network work", Some(None)),
            ("Acme maintenance (Cancelled)", Some(Some(Cancelled))),
            ("Errors after scheduled maintenance", None),
            ("Scheduled maintenance caused login errors", None),
            ("Investigating: errors after maintenance", None),
            ("Update: login failures during the maintenance window", None),
            ("Resolved: API errors following maintenance", None),
            ("Postponed: the launch party", None),
            ("Completed: nothing", None),
            ("", None),
        ];
        for (title, want) in cases {
            assert_eq!(stage_of(title), want, "{title}");
        }
    }

    #[test]
    fn labels_and_categories_mark_notices() {
        assert!(type_label_marker("Type: Scheduled Maintenance Regions: eu").is_some());
        assert!(type_label_marker("Event type: maintenance").is_some());
        assert!(type_label_marker("Type: Incident. Cause: maintenance").is_none());
        assert!(type_label_marker("Subtype: maintenance").is_none());
        assert!(segment_marker("Planned Maintenance", false).is_some());
        assert!(segment_marker("outage", false).is_none());
        assert!(scheduled_event_marker("THIS IS A SCHEDULED EVENT Apr 7, 13:00").is_some());
    }
}
