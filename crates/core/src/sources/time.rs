//! Vendor timestamps into UTC instants: RFC 3339 with any offset and 0–9 fractional digits,
//! and bare dates. Never assumes `Z`.

use chrono::{DateTime, NaiveDate, Utc};

/// Reads a vendor timestamp; `None` for null, empty or unreadable values.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
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

/// [`parse_time`] over an optional field.
pub fn parse_opt(text: Option<&str>) -> Option<DateTime<Utc>> {
    text.and_then(parse_time)
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
}
