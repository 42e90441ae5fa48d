//! Vendor HTML made text, the one place for it (feeds, notifications, chat messages, terminals):
//! entity decoding, tags removed in one linear pass, and the "month day, time zone" stamps of
//! feed update paragraphs. Not an HTML parser: it only finds the fixed markers vendors emit.

mod tree_shape;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
pub use tree_shape::{simple_enough, MAX_NESTING, MAX_TAGS};

/// Decodes HTML character references: the five XML ones, `&nbsp;`, and numeric `&#NN;` /
/// `&#xHH;`. Anything else (unknown names, invalid code points) is kept as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        // The `;` is looked for in the next 11 bytes only: a reference is never longer, and
        // looking further would read the rest of the text once per `&` (quadratic on "&&&&").
        let decoded = after
            .bytes()
            .take(11)
            .position(|b| b == b';')
            .and_then(|end| Some((reference(&after[..end])?, end)));
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

/// Inline elements: removing one leaves no gap ("elev<b>ated</b>" reads "elevated").
const INLINE: [&str; 12] = [
    "a", "b", "i", "u", "em", "strong", "span", "code", "small", "sub", "sup", "mark",
];

/// The text of vendor HTML, for notifications, terminals and one-line summaries: tags removed
/// (a block tag leaves a space), `<script>` and `<style>` contents dropped, entities decoded,
/// blank space folded. One linear pass, whatever the nesting: not an HTML parser.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start + 1..];
        // `a < b` is text: a tag starts with a letter, `/` or `!`.
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            out.push('<');
            rest = tag;
            continue;
        }
        let Some(end) = tag.find('>') else {
            rest = "";
            break;
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &tag[end + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            // Drop the element's contents up to its end tag (or everything, if none).
            rest = &rest[end_tag(rest, &name).unwrap_or(rest.len())..];
            continue;
        }
        if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `</name` starts in `text` (any case), looking forward only.
fn end_tag(text: &str, name: &str) -> Option<usize> {
    text.match_indices("</").map(|(at, _)| at).find(|at| {
        text.get(at + 2..at + 2 + name.len())
            .is_some_and(|found| found.eq_ignore_ascii_case(name))
    })
}

/// Plain text of a feed fragment: [`html_to_text`].
pub(super) fn plain(text: &str) -> String {
    html_to_text(text)
}

/// The part of `text` between the first `open` and the next `close` after it.
pub(super) fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

/// Reads an update stamp such as "Aug 21, 00:37 UTC" or "Jun 5, 01:40:38 GMT+0" (tags already
/// stripped). Stamps carry no year unless one is written: it is inferred from `reference` (the
/// entry's latest time), going back a year when the month lies after the reference month.
/// An unknown zone label is read as UTC.
pub(super) fn parse_stamp(text: &str, reference: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut tokens = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty() && *t != "-");
    let month = month_number(tokens.next()?)?;
    let day: u32 = tokens.next()?.parse().ok()?;
    let mut next = tokens.next()?;
    let mut year = None;
    if next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit()) {
        year = next.parse::<i32>().ok();
        next = tokens.next()?;
    }
    let time = NaiveTime::parse_from_str(next, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(next, "%H:%M"))
        .ok()?;
    let offset = tokens.next().map_or(Some(0), zone_offset_seconds)?;
    let year = year.unwrap_or_else(|| {
        if month > reference.month() {
            reference.year() - 1
        } else {
            reference.year()
        }
    });
    let local = NaiveDate::from_ymd_opt(year, month, day)?.and_time(time);
    let zone = FixedOffset::east_opt(offset)?;
    zone.from_local_datetime(&local)
        .single()
        .map(|at| at.with_timezone(&Utc))
}

pub(super) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = word.get(..3)?.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    u32::try_from(index + 1).ok()
}

/// Seconds east of UTC for a zone label: any [`written_time::zone_offset`] knows; another
/// label counts as UTC, but `GMT`/`UTC` with an unreadable offset is `None`.
fn zone_offset_seconds(label: &str) -> Option<i32> {
    if let Some(offset) = super::written_time::zone_offset(label) {
        return Some(offset);
    }
    let upper = label.to_ascii_uppercase();
    (!upper.starts_with("GMT") && !upper.starts_with("UTC")).then_some(0)
}

/// "", "+0", "+2", "-05:30", "+0530" → seconds.
pub(super) fn signed_offset(text: &str) -> Option<i32> {
    if text.is_empty() {
        return Some(0);
    }
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.split_at(2)
        }
        None => (digits, "0"),
    };
    let hours: i32 = hours.parse().ok().filter(|h| (0..=14).contains(h))?;
    let minutes: i32 = minutes.parse().ok().filter(|m| (0..60).contains(m))?;
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {

    #[test]
    fn html_becomes_text_in_one_pass() {
        assert_eq!(
            html_to_text("<p>5xx &amp; <b>time</b>outs</p>\n\n on  <i>API</i><script>x()</script>"),
            "5xx & timeouts on API"
        );
        assert_eq!(html_to_text("a < b > c \"d\" 'e'"), "a < b > c \"d\" 'e'");
        assert_eq!(html_to_text("<STYLE>p{}</Style>Up<br>again"), "Up again");
        assert_eq!(html_to_text("cut <div"), "cut");
        let deep = format!("{}Down{}", "<div>".repeat(40_000), "</div>".repeat(40_000));
        assert_eq!(html_to_text(&deep), "Down");
        let ampersands = "&".repeat(500_000);
        assert_eq!(html_to_text(&ampersands).len(), 500_000);
        assert!(!simple_enough(&ampersands));
        let scripts = "<script>x".repeat(20_000);
        assert_eq!(html_to_text(&scripts), "");
    }

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("a &amp; b &lt;i&gt; &#39;x&#x27; &bogus; & &#0; &#xFFFFFFFF;"),
            "a & b <i> 'x' &bogus; & &#0; &#xFFFFFFFF;"
        );
    }

    #[test]
    fn stamps_infer_their_year() {
        let reference = at("2026-01-02T00:00:00Z");
        assert_eq!(
            parse_stamp("Dec 31, 23:00 UTC", reference),
            Some(at("2025-12-31T23:00:00Z"))
        );
        assert_eq!(
            parse_stamp("Jan 1, 01:40:38 GMT+0", reference),
            Some(at("2026-01-01T01:40:38Z"))
        );
        assert_eq!(
            parse_stamp("Jan 1, 2024 - 10:00 PST", reference),
            Some(at("2024-01-01T18:00:00Z"))
        );
        assert_eq!(
            parse_stamp("Jan 1, 10:00 GMT+05:30", reference),
            Some(at("2026-01-01T04:30:00Z"))
        );
        assert_eq!(parse_stamp("Feb 30, 10:00 UTC", reference), None);
        assert_eq!(parse_stamp("Foo 3, 10:00", reference), None);
        assert_eq!(parse_stamp("Jan 3, 10:00 GMT+99", reference), None);
    }
}
