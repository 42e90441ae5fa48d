//! `GET /maintenance.ics`: the vendors' maintenance still to come or under way, as an iCalendar
//! (RFC 5545) a calendar app subscribes to. One VEVENT per maintenance, its UID made of the
//! provider's id, the vendor's id and this server's name (so it never changes) and its SEQUENCE
//! the stored revision (so it grows each time the vendor moves it). Text values escaped and long
//! lines folded at 75 octets here, by the two small functions at the end.

use super::feed::{is_web_url, percent_encoded, server_name};
use super::http::ApiError;
use super::routes::Served;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use lookout_engine::operations::feeds::CalendarEntry;
use std::sync::Arc;

const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// `GET /maintenance.ics`.
pub async fn maintenance(State(served): State<Arc<Served>>) -> Result<Response, ApiError> {
    let entries = served.lookout.maintenance_calendar().await?;
    let text = calendar(&entries, &server_name(&served.access.public_url));
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response())
}

/// The calendar of `entries`, the UIDs in `domain`.
fn calendar(entries: &[CalendarEntry], domain: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Lookout//lookout serve//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escaped("Vendors' maintenance (Lookout)")),
        "REFRESH-INTERVAL;VALUE=DURATION:PT15M".into(),
        "X-PUBLISHED-TTL:PT15M".into(),
    ];
    for entry in entries {
        lines.extend(event(entry, domain));
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| folded(line)).collect()
}

/// One maintenance's VEVENT, unfolded.
fn event(entry: &CalendarEntry, domain: &str) -> Vec<String> {
    let (provider, m) = (&entry.stored.provider, &entry.stored.maintenance);
    let uid = format!(
        "{}-{}@{domain}",
        entry.stored.provider_id,
        percent_encoded(&m.id)
    );
    let status = m.status.as_str().replace('_', " ");
    let mut description = format!("Planned maintenance of {provider}, {status}.");
    if let Some(url) = m.url.as_deref().filter(|url| is_web_url(url)) {
        description.push_str(&format!("\n{url}"));
    }
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", utc(entry.updated_at)),
        format!("LAST-MODIFIED:{}", utc(entry.updated_at)),
        format!("SEQUENCE:{}", entry.revision.max(0)),
        format!("DTSTART:{}", utc(entry.starts)),
    ];
    if let Some(until) = m.scheduled_until.filter(|until| *until > entry.starts) {
        lines.push(format!("DTEND:{}", utc(until)));
    }
    lines.push(format!(
        "SUMMARY:{}",
        escaped(&format!("{provider}: {}", m.title))
    ));
    lines.push(format!("DESCRIPTION:{}", escaped(&description)));
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:TRANSPARENT".into());
    if let Some(url) = m.url.as_deref().filter(|url| is_web_url(url)) {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VEVENT".into());
    lines
}

/// A UTC DATE-TIME: `20260701T120000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `text` as an iCalendar TEXT value: backslash, semicolon and comma escaped, each line break
/// written `\n`, and the other control characters (which TEXT cannot hold) left out.
fn escaped(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The most octets of a content line, its line break not counted.
const LINE_OCTETS: usize = 75;

/// `line` folded as RFC 5545 says: no line longer than 75 octets, each continuation starting
/// with a space, never inside a UTF-8 character; every line ending in CRLF.
fn folded(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_controls_left_out() {
        assert_eq!(
            escaped("a\\b;c,d\r\ne\nf\u{1b}[0m\tg"),
            "a\\\\b\\;c\\,d\\ne\\nf[0m g"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_never_inside_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let text = folded(&line);
        assert!(text.ends_with("\r\n"));
        let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.len() <= LINE_OCTETS), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(folded("SHORT:x"), "SHORT:x\r\n");
        assert_eq!(
            folded(&"x".repeat(75)).len(),
            77,
            "75 octets fit on one line"
        );
    }
}
