//! Incidents as a table for people: `lookout export`'s and the window's "Export CSV" — RFC 4180
//! CSV with a header row, one incident per row, spreadsheet formulas neutralised.

use crate::error::{Result, StoreError};
use crate::StoredIncident;
use chrono::{DateTime, SecondsFormat, Utc};
use lookout_core::ComponentStatus;
use std::collections::HashSet;
use std::io::Write;

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "provider",
    "id",
    "title",
    "impact",
    "status",
    "started_at",
    "resolved_at",
    "duration_seconds",
    "components",
    "updates",
    "url",
];

/// Writes `list` as CSV (a header row, then one row per incident) to `out`.
pub fn write_csv<W: Write>(list: &[StoredIncident], out: W) -> Result<()> {
    let failed = |error: csv::Error| StoreError::Export(error.to_string());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_COLUMNS).map_err(failed)?;
    for stored in list {
        writer.write_record(csv_row(stored)).map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|error| StoreError::Export(error.to_string()))
}

/// One incident's CSV cells, in [`CSV_COLUMNS`] order.
pub fn csv_row(stored: &StoredIncident) -> [String; 11] {
    let incident = &stored.incident;
    let time = |at: DateTime<Utc>| at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    [
        cell(&stored.provider),
        cell(&incident.id),
        cell(&incident.title),
        incident.impact.to_string(),
        incident.status.to_string(),
        time(incident.started_at),
        incident.resolved_at.map(time).unwrap_or_default(),
        incident
            .duration()
            .map(|d| d.num_seconds().to_string())
            .unwrap_or_default(),
        cell(&affected_components(incident).join("; ")),
        incident.updates.len().to_string(),
        cell(incident.url.as_deref().unwrap_or_default()),
    ]
}

/// Names of the components some update lists with a status other than operational, in the order
/// they first appear.
pub fn affected_components(incident: &lookout_core::Incident) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    incident
        .updates
        .iter()
        .flat_map(|u| u.components.iter())
        .filter(|c| c.status != ComponentStatus::Operational)
        .filter(|c| seen.insert(c.name.as_str()))
        .map(|c| c.name.clone())
        .collect()
}

/// Vendor text as a cell a spreadsheet shows as text: one that would begin a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
