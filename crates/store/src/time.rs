//! How instants are written to and read from SQLite: UTC RFC 3339 text with milliseconds, which
//! sorts in time order.

use crate::error::StoreError;
use chrono::{DateTime, SecondsFormat, Utc};

/// `2026-01-02T03:04:05.000Z`.
pub fn to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// [`to_text`] over an option.
pub fn opt_to_text(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(to_text)
}

/// Reads a stored instant.
pub fn from_text(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|e| StoreError::Decode(format!("time {text:?}: {e}")))
}

/// Reads an optional stored instant.
pub fn opt_from_text(text: Option<String>) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.as_deref().map(from_text).transpose()
}
