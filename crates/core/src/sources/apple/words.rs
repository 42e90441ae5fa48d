//! The words and times of Apple's events: where an event stands, what it does to its service,
//! its impact, and its epoch-millisecond times.

use crate::sources::non_empty;
use crate::status::{ComponentStatus, Impact, MaintenanceStatus};
use chrono::{DateTime, Utc};
use serde_json::Value;

/// Where an event stands, by its `eventStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Ongoing,
    Over,
    Planned,
}

pub(super) fn phase(event_status: Option<&str>) -> Phase {
    match non_empty(event_status)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("resolved" | "completed" | "cancelled" | "canceled") => Phase::Over,
        Some("upcoming" | "scheduled") => Phase::Planned,
        _ => Phase::Ongoing,
    }
}

/// What an event going on does to its service.
pub(super) fn effect(status_type: Option<&str>) -> ComponentStatus {
    let Some(word) = non_empty(status_type) else {
        return ComponentStatus::Unknown;
    };
    match word.to_ascii_lowercase().as_str() {
        "outage" => ComponentStatus::MajorOutage,
        "issue" => ComponentStatus::PartialOutage,
        "performance" => ComponentStatus::DegradedPerformance,
        "maintenance" => ComponentStatus::UnderMaintenance,
        "available" => ComponentStatus::Operational,
        _ => ComponentStatus::Other(word.to_string()),
    }
}

pub(super) fn impact(status_type: Option<&str>) -> Impact {
    let Some(word) = non_empty(status_type) else {
        return Impact::None;
    };
    match word.to_ascii_lowercase().as_str() {
        "outage" => Impact::Major,
        "issue" | "performance" => Impact::Minor,
        "available" => Impact::None,
        _ => Impact::Other(word.to_string()),
    }
}

pub(super) fn maintenance_status(phase: Phase) -> MaintenanceStatus {
    match phase {
        Phase::Planned => MaintenanceStatus::Scheduled,
        Phase::Ongoing => MaintenanceStatus::InProgress,
        Phase::Over => MaintenanceStatus::Completed,
    }
}

/// A string or a number, as text (an id given either way).
pub(super) fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => non_empty(Some(text)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Epoch milliseconds (a number or a numeric string) as an instant; `None` when missing,
/// unreadable, not positive or beyond what an instant holds.
pub(super) fn epoch_millis(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let millis = match value? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 1e15)
                .map(|f| f.trunc() as i64)
        })?,
        Value::String(s) => s.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    (millis > 0)
        .then(|| DateTime::from_timestamp_millis(millis))
        .flatten()
}
