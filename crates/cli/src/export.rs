//! `lookout export` and the history filters of `lookout incidents` (`--search`, `--since`,
//! `--until`): incidents to standard output as CSV (RFC 4180) or as the JSON of
//! `incidents --json`.

use crate::output;
use anyhow::{anyhow, Context, Result};
use chrono::{DateTime, Days, Local, NaiveDate, Utc};
use lookout_api::IncidentRow;
use lookout_core::ProviderId;
use lookout_engine::operations::incidents::{write_csv, IncidentFilter, StoredIncident};
use lookout_engine::Lookout;

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

/// The objects `incidents --json` prints, made one at a time as they are written (a year of
/// history is thousands of incidents: no second copy of it is built).
pub fn json_rows(list: &[StoredIncident]) -> impl Iterator<Item = IncidentRow> + '_ {
    list.iter().map(IncidentRow::new)
}

/// `lookout export`.
pub async fn export(
    lookout: &Lookout,
    csv: bool,
    provider_id: Option<ProviderId>,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<u8> {
    let filter = IncidentFilter {
        provider_id,
        ..dated(since, until)?
    };
    let list = lookout.incidents(filter).await?;
    if csv {
        write_csv(&list, std::io::stdout().lock())?;
    } else {
        output::json_array(json_rows(&list))?;
    }
    Ok(0)
}
