//! `lookout services`: your services (from the configuration file's `[[services]]`), the
//! affected first, each with since when and why; or their JSON (`--json`).

use crate::output;
use crate::report;
use anyhow::Result;
use lookout_api::ServiceRow;
use lookout_engine::Lookout;

/// Prints every service; exit code 0 (an affected service is a report, not a failure).
pub async fn services(lookout: &Lookout, json: bool) -> Result<u8> {
    let rows: Vec<ServiceRow> = lookout
        .services()
        .await?
        .iter()
        .map(ServiceRow::new)
        .collect();
    if json {
        output::json(&rows)?;
        return Ok(0);
    }
    if rows.is_empty() {
        say!("no services yet: describe them under [[services]] in a file for `lookout config apply`");
    }
    for row in &rows {
        say!("{}", report::plain_text(&service_line(row)));
        for warning in &row.warnings {
            say!("  ! {}", report::plain_text(warning));
        }
    }
    Ok(0)
}

/// "Checkout (high)  affected since 10:05 — Stripe API partial outage" or "Signup  fine".
fn service_line(row: &ServiceRow) -> String {
    let name = match row.criticality.as_str() {
        "normal" => row.name.clone(),
        other => format!("{} ({other})", row.name),
    };
    if !row.affected {
        return format!("{name:<24} fine");
    }
    let since = row
        .since
        .map(|at| format!(" since {}", report::short_time(at)))
        .unwrap_or_default();
    format!("{name:<24} affected{since} — {}", row.reasons.join("; "))
}
