//! The planned window a maintenance notice states in its text (tags already removed), in the
//! forms vendors write it: labelled (`Start: … End: …`), Statuspage's `THIS IS A SCHEDULED
//! EVENT May 7, 13:00 - 17:00 UTC`, or prose (`on 2026-03-16 between 14:00 and 23:45 UTC`,
//! `between 3:30 pm EST on Friday, July 17th through 4 pm EST on Saturday, July 18th`,
//! `Date: Saturday, May 16, 2026 Time: 22:00 - 02:00 UTC`).
//!
//! Decisions worth knowing:
//! - Each end is a date-time as [`super::written_time`] reads it; a start needs a date and a
//!   time.
//! - One end of a range lends the other what it lacks (the date, the zone); no zone is UTC; an
//!   end with no date of its own that would come before its start is on the next day.
//! - A year left out is the one that puts the date nearest the entry's own time; a date-time
//!   outside Lookout's range (1970–2100) is not read.
//! - Labels win over prose; a label after `original`/`old`/`previous` is not the plan. In prose,
//!   a window is read after words that introduce one (`event`, `window`, `on`, `for`, `from`,
//!   `between`…), a whole range before a start alone. A postponed notice's window is read only
//!   after a phrase announcing the new one (`new window`, `rescheduled to`, `moved to`…).
//! - Only the first [`MAX_TOKENS`] words are read, and each date-time from at most
//!   [`super::written_time::MAX_MOMENT_TOKENS`]: linear in the text, whatever it holds.

use super::html::html_to_text;
use super::written_time::{is_weekday, moment, Day, Moment};
use crate::sources::date_range::in_range;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// How many words of a notice are read for its window: notices state it near the top.
pub const MAX_TOKENS: usize = 2_000;

/// The planned start and end a notice states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub starts: DateTime<Utc>,
    pub ends: Option<DateTime<Utc>>,
}

/// The window `text` states, if any; `reference` (the entry's time) dates year-less days.
/// `postponed`: only a window announced as the new one counts (or a labelled one).
pub(super) fn read(text: &str, reference: DateTime<Utc>, postponed: bool) -> Option<Window> {
    let words = tokens(text);
    let near = reference.date_naive();
    if let Some(window) = labelled(&words, near) {
        return Some(window);
    }
    let window = if postponed {
        let from = new_window_at(&words)?;
        let tries = std::iter::once(from).chain(anchors(&words, from, from + 6));
        first(&words, tries, near)
    } else {
        let tries = || anchors(&words, 0, words.len());
        first(
            &words,
            tries().filter(|at| is_range(&words, *at, near)),
            near,
        )
        .or_else(|| first(&words, tries(), near))
    }?;
    Some(
        window
            .ends
            .map_or_else(|| with_end_label(&words, window), |_| window),
    )
}

/// `window`, ended where an `End:` label says when it states no end itself.
fn with_end_label(words: &[&str], window: Window) -> Window {
    let Some(at) = label_end(words, END_LABELS) else {
        return window;
    };
    let (finish, _) = moment(words, at);
    let near = window.starts.date_naive();
    let ends = finish.time.and_then(|time| {
        let day = finish.day.map_or(Some(near), |day| day_near(day, near))?;
        instant(day, time, finish.zone)
    });
    Window {
        ends: ends.filter(|end| *end > window.starts),
        ..window
    }
}

/// The first window read at one of `positions`.
fn first(
    words: &[&str],
    positions: impl Iterator<Item = usize>,
    near: NaiveDate,
) -> Option<Window> {
    positions.into_iter().find_map(|at| range(words, at, near))
}

fn is_range(words: &[&str], at: usize, near: NaiveDate) -> bool {
    range(words, at, near).is_some_and(|w| w.ends.is_some())
}

/// How much of a notice's HTML is made text for [`read`] (its first [`MAX_TOKENS`] words are
/// well within).
const MAX_HTML_BYTES: usize = 64 * 1024;

/// The text of a notice's HTML for [`read`]: its first [`MAX_HTML_BYTES`], tags removed, and a
/// `|` where a paragraph, list item, heading or table row ends, so that no date-time is read
/// across two of them.
pub(super) fn text_of(html: &str) -> String {
    let mut cut = html.len().min(MAX_HTML_BYTES);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut rest = &html[..cut];
    let mut marked = String::with_capacity(rest.len() + 64);
    while let Some(at) = rest.find("</") {
        marked.push_str(&rest[..at]);
        rest = &rest[at + 2..];
        let length = rest
            .bytes()
            .take(3)
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &rest[..length];
        let block = ["p", "li", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6"]
            .iter()
            .any(|tag| name.eq_ignore_ascii_case(tag));
        if block {
            marked.push_str(" | ");
        }
        marked.push_str("</");
    }
    marked.push_str(rest);
    html_to_text(&marked)
}

/// The words of `text`, punctuation around them trimmed, dashes between times split off.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        if out.len() >= MAX_TOKENS {
            break;
        }
        let word = raw.trim_matches(|c: char| ",;!?\"'()".contains(c));
        let word = word.strip_suffix('.').unwrap_or(word);
        if word.is_empty() {
            continue;
        }
        let dated = word.get(4..5) == Some("-") && word.bytes().take(4).all(|b| b.is_ascii_digit());
        let zone = word.starts_with(['+', '-']) || word.get(..3).is_some_and(is_zone_prefix);
        if dated || zone || word.len() == 1 {
            out.push(word);
            continue;
        }
        let mut parts = word.split(['-', '–', '—']);
        if let Some(head) = parts.next().filter(|h| !h.is_empty()) {
            out.push(head);
        }
        for part in parts {
            out.push("-");
            if !part.is_empty() {
                out.push(part);
            }
        }
    }
    out
}

fn is_zone_prefix(head: &str) -> bool {
    head.eq_ignore_ascii_case("gmt") || head.eq_ignore_ascii_case("utc")
}

/// Positions in `from..to` right after a word that introduces a window, or at a weekday's name
/// ("Saturday, February 7th from 9AM EST until 12PM EST").
fn anchors<'a>(words: &'a [&str], from: usize, to: usize) -> impl Iterator<Item = usize> + 'a {
    const INTRODUCERS: [&str; 16] = [
        "event",
        "window",
        "from",
        "between",
        "on",
        "for",
        "when",
        "date",
        "starting",
        "start",
        "starts",
        "begin",
        "begins",
        "beginning",
        "at",
        "during",
    ];
    (from..to.min(words.len())).filter(move |at| {
        let before = words[*at - usize::from(*at > 0)].trim_end_matches(':');
        let introduced = *at > 0 && INTRODUCERS.iter().any(|w| before.eq_ignore_ascii_case(w));
        introduced || is_weekday(words[*at])
    })
}

/// Where the window a postponed notice announces is stated: after its last "new window",
/// "rescheduled to", "moved to"… phrase.
fn new_window_at(words: &[&str]) -> Option<usize> {
    const PHRASES: [(&str, &[&str]); 6] = [
        (
            "new",
            &[
                "window", "date", "time", "schedule", "start", "dates", "times",
            ],
        ),
        ("rescheduled", &["to", "for"]),
        ("postponed", &["to", "until"]),
        ("moved", &["to"]),
        ("now", &["scheduled", "planned"]),
        ("will", &["now"]),
    ];
    words
        .windows(2)
        .enumerate()
        .rev()
        .find(|(_, pair)| {
            PHRASES.iter().any(|(head, next)| {
                pair[0].eq_ignore_ascii_case(head)
                    && next
                        .iter()
                        .any(|n| pair[1].trim_end_matches(':').eq_ignore_ascii_case(n))
            })
        })
        .map(|(at, _)| at + 2)
}

const START_LABELS: &[&str] = &["start", "starts", "started", "begin", "begins"];
const END_LABELS: &[&str] = &["end", "ends", "until", "finish"];

/// The window stated by `Start:` / `End:` labels (`Start time:`, `Scheduled start:`, `Ends:`…),
/// or by `Date:` and `Time:` labels (`Date: May 16, 2026` … `Time: 22:00 - 02:00 UTC`).
fn labelled(words: &[&str], near: NaiveDate) -> Option<Window> {
    let Some(start) = label_end(words, START_LABELS) else {
        let (date, _) = moment(words, label_end(words, &["date"])?);
        let (mut begin, next) = moment(words, label_end(words, &["time"])?);
        begin.day = begin.day.or(date.day);
        let finish = match words.get(next) {
            Some(word) if is_separator(word) => moment(words, next + 1).0,
            _ => Moment::default(),
        };
        return resolve(begin, finish, near);
    };
    let (begin, next) = moment(words, start);
    let end = if words.get(next).is_some_and(|w| is_separator(w)) {
        Some(next + 1)
    } else {
        label_end(words, END_LABELS)
    };
    let (finish, _) = end.map_or((Moment::default(), 0), |at| moment(words, at));
    resolve(begin, finish, near)
}

/// Where the value of the first of `labels` (`Label:` or `Label time:`) starts, skipping the
/// ones after `original`, `old` or `previous`.
fn label_end(words: &[&str], labels: &[&str]) -> Option<usize> {
    (0..words.len()).find_map(|at| {
        let word = words[at];
        let (name, value) = match word.strip_suffix(':') {
            Some(name) => (name, at + 1),
            None if words.get(at + 1).is_some_and(|n| {
                n.eq_ignore_ascii_case("time:") || n.eq_ignore_ascii_case("date:")
            }) =>
            {
                (word, at + 2)
            }
            None => return None,
        };
        let former = at > 0
            && ["original", "originally", "old", "previous", "former"]
                .iter()
                .any(|w| words[at - 1].eq_ignore_ascii_case(w));
        (!former && labels.iter().any(|l| name.eq_ignore_ascii_case(l))).then_some(value)
    })
}

/// The window read at `at`: a date-time, and another after a range word if one follows.
fn range(words: &[&str], at: usize, near: NaiveDate) -> Option<Window> {
    let (begin, next) = moment(words, at);
    let finish = match words.get(next) {
        Some(word) if is_separator(word) => moment(words, next + 1).0,
        _ => Moment::default(),
    };
    resolve(begin, finish, near)
}

fn is_separator(word: &str) -> bool {
    [
        "-", "–", "—", "to", "until", "till", "through", "thru", "and",
    ]
    .iter()
    .any(|s| word.eq_ignore_ascii_case(s))
}

/// Both ends made instants (see the module's rules); `None` without a dated, timed start.
fn resolve(begin: Moment, finish: Moment, near: NaiveDate) -> Option<Window> {
    let start_day = day_near(begin.day.or(finish.day)?, near)?;
    let starts = instant(start_day, begin.time?, begin.zone.or(finish.zone))?;
    let ends = finish.time.and_then(|time| {
        let day = finish
            .day
            .map_or(Some(start_day), |d| day_near(d, start_day))?;
        let ends = instant(day, time, finish.zone.or(begin.zone))?;
        if finish.day.is_none() && ends <= starts {
            return ends
                .checked_add_signed(Duration::days(1))
                .filter(|at| in_range(*at));
        }
        Some(ends)
    });
    Some(Window {
        starts,
        ends: ends.filter(|end| *end > starts),
    })
}

/// The instant, when it is in Lookout's range (a window dated outside it is not read).
fn instant(day: NaiveDate, time: NaiveTime, zone: Option<i32>) -> Option<DateTime<Utc>> {
    FixedOffset::east_opt(zone.unwrap_or(0))?
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|at| at.with_timezone(&Utc))
        .filter(|at| in_range(*at))
}

/// The day, its year (when left out) the one nearest `near`.
fn day_near(day: Day, near: NaiveDate) -> Option<NaiveDate> {
    match day {
        Day::Full(date) => Some(date),
        Day::Partial(month, day) => [near.year() - 1, near.year(), near.year() + 1]
            .into_iter()
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
            .min_by_key(|date| (*date - near).num_days().abs()),
    }
}

#[cfg(test)]
#[path = "planned_window_tests.rs"]
mod tests;
