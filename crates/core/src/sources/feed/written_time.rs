//! A date-time as vendors write it in a notice's prose, read from a few words: a date
//! (`2026-05-16`, `May 16[th][, 2026]`, `16 May 2026`, or RFC 3339 with its time), a time
//! (`22:00[:00]`, `10 pm`, `9AM`) and a zone (`UTC`, `GMT+2`, `+05:30`, `EST`/`PDT`…,
//! `CET`/`CEST`/`BST`), in any order, with weekdays and `on`/`at`/`from`/`between` between them.
//! Any part may be missing: [`super::planned_window`] completes one end of a range from the
//! other. At most [`MAX_MOMENT_TOKENS`] words are read for one date-time.

use super::html::{month_number, signed_offset};
use chrono::{DateTime, NaiveDate, NaiveTime};

/// The most words one date-time is read from ("on Saturday, May 16th, 2026 at 10:00 pm UTC").
pub const MAX_MOMENT_TOKENS: usize = 12;

/// A date-time as written: any of its parts may be missing.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Moment {
    pub day: Option<Day>,
    pub time: Option<NaiveTime>,
    pub zone: Option<i32>,
}

/// A day as written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Day {
    Full(NaiveDate),
    /// Month and day, the year left out.
    Partial(u32, u32),
}

/// The date-time written from `at` on, and where it ends (the first word after it).
pub(super) fn moment(words: &[&str], mut at: usize) -> (Moment, usize) {
    let mut found = Moment::default();
    let mut end = at;
    let stop = words.len().min(at + MAX_MOMENT_TOKENS);
    while at < stop {
        let Some((part, used)) = part(&words[at..stop]) else {
            break;
        };
        match part {
            Part::Filler => {}
            Part::Day(day) if found.day.is_none() => found.day = Some(day),
            Part::Time(time) if found.time.is_none() => found.time = Some(time),
            Part::Zone(zone) if found.zone.is_none() => found.zone = Some(zone),
            Part::Full(day, time, zone) if found.day.is_none() && found.time.is_none() => {
                found = Moment {
                    day: Some(day),
                    time: Some(time),
                    zone: Some(zone),
                };
            }
            _ => break,
        }
        at += used;
        if !matches!(part, Part::Filler) {
            end = at;
        }
    }
    (found, end)
}

#[derive(Clone, Copy)]
enum Part {
    Day(Day),
    Time(NaiveTime),
    Zone(i32),
    Full(Day, NaiveTime, i32),
    Filler,
}

/// The part of a date-time `words` starts with, and how many words it takes.
fn part(words: &[&str]) -> Option<(Part, usize)> {
    let word = *words.first()?;
    let next = words.get(1).copied().unwrap_or_default();
    if let Ok(at) = DateTime::parse_from_rfc3339(word) {
        let day = Day::Full(at.date_naive());
        return Some((Part::Full(day, at.time(), at.offset().local_minus_utc()), 1));
    }
    if let Ok(date) = NaiveDate::parse_from_str(word, "%Y-%m-%d") {
        return Some((Part::Day(Day::Full(date)), 1));
    }
    if let Some((day, used)) = calendar_day(words) {
        return Some((Part::Day(day), used));
    }
    if let Some((time, used)) = clock_time(word, next) {
        return Some((Part::Time(time), used));
    }
    if let Some(zone) = zone_offset(word) {
        return Some((Part::Zone(zone), 1));
    }
    is_filler(word).then_some((Part::Filler, 1))
}

/// A weekday's name or abbreviation (`Saturday`, `Sat`).
pub(super) fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 14] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ];
    DAYS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

/// Words between a date-time's parts: weekdays, `on`, `at`, `from`, `between`, `Time:`…
fn is_filler(word: &str) -> bool {
    const FILLERS: [&str; 11] = [
        "on",
        "at",
        "the",
        "of",
        "from",
        "between",
        "starting",
        "beginning",
        "date:",
        "time:",
        "approximately",
    ];
    is_weekday(word) || FILLERS.iter().any(|f| word.eq_ignore_ascii_case(f))
}

/// `May 16[th] [2026]` or `16[th] May [2026]`, and how many words it takes.
fn calendar_day(words: &[&str]) -> Option<(Day, usize)> {
    let (month, day) = match (month(words[0]), words.get(1).and_then(|w| day_of_month(w))) {
        (Some(month), Some(day)) => (month, day),
        _ => (month(words.get(1)?)?, day_of_month(words[0])?),
    };
    let year = words
        .get(2)
        .filter(|w| w.len() == 4)
        .and_then(|w| w.parse::<i32>().ok())
        .filter(|y| (1970..=2100).contains(y));
    match year {
        Some(year) => Some((Day::Full(NaiveDate::from_ymd_opt(year, month, day)?), 3)),
        None => NaiveDate::from_ymd_opt(2000, month, day).map(|_| (Day::Partial(month, day), 2)),
    }
}

/// A month's name or its abbreviation (`Mar`, `Sept.`), never another word starting like one.
fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    let lower = word.to_ascii_lowercase();
    let known = lower.len() == 3 || lower == "sept" || NAMES.contains(&lower.as_str());
    known.then(|| month_number(word)).flatten()
}

/// `16`, `16th`, `1st`: a day of the month.
fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ordinal = ["", "st", "nd", "rd", "th"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(s));
    let day: u32 = digits
        .parse()
        .ok()
        .filter(|_| ordinal && digits.len() <= 2)?;
    (1..=31).contains(&day).then_some(day)
}

/// `22:00`, `22:00:00`, `3:30pm`, `3:30 pm`, `9AM`, `9 AM`, and how many words it takes.
fn clock_time(word: &str, next: &str) -> Option<(NaiveTime, usize)> {
    let lower = word.to_ascii_lowercase();
    let (clock, attached) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        Some(clock) => (clock.to_string(), Some(lower.ends_with("pm"))),
        None => (lower.clone(), None),
    };
    let spaced = match next.to_ascii_lowercase().trim_end_matches('.') {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    };
    let afternoon = attached.or(spaced);
    let mut fields = clock.split(':');
    let hour: u32 = number(fields.next()?)?;
    let minute: u32 = fields.next().map_or(Some(0), number)?;
    let second: u32 = fields.next().map_or(Some(0), number)?;
    let colon = clock.contains(':');
    let hour = match afternoon {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None if colon => hour,
        None => return None,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some((
        time,
        1 + usize::from(attached.is_none() && spaced.is_some()),
    ))
}

fn number(digits: &str) -> Option<u32> {
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Seconds east of UTC for a zone word: `UTC`, `GMT`, `Z`, `UTC+2`, `GMT-05:00`, `+0530`, and
/// the North American and Central European abbreviations. `None` for any other word.
pub(super) fn zone_offset(word: &str) -> Option<i32> {
    let upper = word.to_ascii_uppercase();
    let hours = match upper.as_str() {
        "UTC" | "GMT" | "Z" => 0,
        "CET" | "BST" => 1,
        "CEST" => 2,
        "PST" => -8,
        "PDT" | "MST" => -7,
        "MDT" | "CST" => -6,
        "CDT" | "EST" => -5,
        "EDT" => -4,
        _ => {
            let rest = upper
                .strip_prefix("UTC")
                .or_else(|| upper.strip_prefix("GMT"))
                .unwrap_or(&upper);
            return Some(rest)
                .filter(|r| r.starts_with(['+', '-']) && r.len() > 1)
                .and_then(signed_offset);
        }
    };
    Some(hours * 3600)
}
