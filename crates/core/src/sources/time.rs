//! Vendor timestamps into UTC instants: RFC 3339 with any offset and 0–9 fractional digits,
//! and bare dates. Never assumes `Z`.
//!
//! The parsers read with `parse_unbounded`, so that an instant outside Lookout's range reaches
//! [`super::date_range::keep_in_range`], which drops its record and says so; [`parse_time`] is
//! the bounded reader for everyone else.

use crate::sources::date_range::in_range;
use chrono::{DateTime, NaiveDate, Utc};

/// Reads a vendor timestamp; `None` for null, empty or unreadable values, and for instants
/// outside [`in_range`] (before 1970 or after 2100).
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    parse_unbounded(text).filter(|at| in_range(*at))
}

/// [`parse_time`] over an optional field.
pub fn parse_opt(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.and_then(parse_time)
}

/// Reads a vendor timestamp whatever its year; `None` for null, empty or unreadable values.
/// For the parsers only: what they return goes through [`super::date_range::keep_in_range`].
pub(crate) fn parse_unbounded(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    None
}

/// [`parse_unbounded`] over an optional field.
pub(crate) fn parse_opt_unbounded(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.and_then(parse_unbounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_converted_to_utc() {
        let at = parse_time("2026-05-08T10:49:55.936-04:00").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-05-08T14:49:55.936+00:00");
    }

    #[test]
    fn one_fractional_digit_and_none_both_parse() {
        assert!(parse_time("2026-01-30T11:21:05.2Z").is_some());
        assert!(parse_time("2026-01-30T11:21:05Z").is_some());
        assert!(parse_time("2021-08-11").is_some());
        assert!(parse_time("yesterday").is_none());
        assert!(parse_time("").is_none());
    }

    #[test]
    fn instants_outside_the_range_are_not_read() {
        assert_eq!(parse_time("1969-12-31T23:59:59Z"), None);
        assert!(parse_time("1970-01-01T00:00:00Z").is_some());
        assert!(parse_time("2100-12-31T23:59:59Z").is_some());
        assert_eq!(parse_time("2101-01-01T00:00:00Z"), None);
        assert_eq!(parse_time("1969-12-31"), None);
        // 9999-12-31 in the vendor's zone, but year 10000 in UTC.
        assert_eq!(parse_opt(Some("9999-12-31T23:59:59-01:00")), None);
        let far = parse_unbounded("9999-12-31T23:59:59-01:00").unwrap();
        assert_eq!(far.to_rfc3339(), "+10000-01-01T00:59:59+00:00");
    }
}
