//! `lookout export` and the history filters of `lookout incidents` (`--search`, `--since`,
//! `--until`): incidents to standard output as CSV (RFC 4180) or as the JSON of
//! `incidents --json`.

use crate::output;
use crate::report::IncidentReport;
use anyhow::{anyhow, Context, Result};
use chrono::{DateTime, Days, Local, NaiveDate, SecondsFormat, Utc};
use lookout_core::ComponentStatus;
use lookout_store::{IncidentFilter, StoredIncident};
use serde_json::json;
use std::collections::{HashMap, HashSet};

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

/// A `--since` / `--until` bound: a local date (`2026-03-04`: its start for `--since`, its end
/// for `--until`, so both days are included) or an RFC 3339 time.
pub fn bound(text: &str, end_of_day: bool) -> Result<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("{text:?} is neither a date (2026-03-04) nor an RFC 3339 time"))?;
    let day = if end_of_day {
        date.checked_add_days(Days::new(1))
            .ok_or_else(|| anyhow!("{text:?} is too far in the future"))?
    } else {
        date
    };
    Ok(lookout_core::history::start_of_day(&Local, day))
}

/// The filter of `--since` / `--until` (and nothing else).
pub fn dated(since: Option<&str>, until: Option<&str>) -> Result<IncidentFilter> {
    Ok(IncidentFilter {
        since: since.map(|s| bound(s, false)).transpose()?,
        until: until.map(|u| bound(u, true)).transpose()?,
        ..IncidentFilter::default()
    })
}

/// The objects `incidents --json` prints: each incident with its provider and when Lookout
/// first saw it.
pub fn json_rows(list: &[StoredIncident]) -> Result<Vec<serde_json::Value>> {
    list.iter()
        .map(|stored| {
            let names = HashMap::new();
            let mut row = serde_json::to_value(IncidentReport::new(&stored.incident, &names))?;
            row["provider"] = json!(stored.provider);
            row["detected_at"] = json!(stored.detected_at);
            Ok(row)
        })
        .collect()
}

/// Writes `list` as CSV to standard output.
pub fn write_csv(list: &[StoredIncident]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(std::io::stdout().lock());
    writer.write_record(CSV_COLUMNS)?;
    for stored in list {
        writer.write_record(csv_row(stored))?;
    }
    writer.flush()?;
    Ok(())
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

/// `lookout export`.
pub fn export(
    store: &lookout_store::Store,
    csv: bool,
    provider_id: Option<i64>,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<u8> {
    let list = store.incidents(&IncidentFilter {
        provider_id,
        ..dated(since, until)?
    })?;
    if csv {
        write_csv(&list)?;
    } else {
        output::json(&json_rows(&list)?)?;
    }
    Ok(0)
}
