//! `lookout check`: its exit code, and the plain-text rendering of its report (the JSON contract
//! of `check --json` is `lookout_api::CheckReport`).

use crate::output::one_line;
use chrono::{DateTime, Utc};
use lookout_api::CheckReport;
use lookout_core::ComponentStatus;

/// The exit code for a status: 0 operational or maintenance, 1 degraded — or a status word
/// Lookout does not know (status.io's "Security Issue"): the page was read and says something is
/// not operational —, 2 outage, 3 unknown.
pub fn exit_code(status: &ComponentStatus) -> u8 {
    match status {
        ComponentStatus::Operational | ComponentStatus::UnderMaintenance => 0,
        ComponentStatus::DegradedPerformance | ComponentStatus::Other(_) => 1,
        ComponentStatus::PartialOutage | ComponentStatus::MajorOutage => 2,
        ComponentStatus::Unknown => 3,
    }
}

/// The exit code of a check: [`exit_code`] of its status, except that a page whose worst is
/// `unknown` while a component carries a word Lookout does not know (they rank alike) exits 1:
/// the page was read, and that word is at least degraded. 3 stays for a page not read.
pub fn check_exit_code(report: &CheckReport) -> u8 {
    let unknown_word = report
        .components
        .iter()
        .any(|c| matches!(c.status, ComponentStatus::Other(_)));
    match exit_code(&report.status) {
        3 if unknown_word => 1,
        code => code,
    }
}

/// Vendor text for a terminal: the core's one HTML-to-text pass (tags dropped, entities decoded,
/// blank space folded); control characters are escaped when it is printed.
pub fn plain_text(body: &str) -> String {
    lookout_core::sources::feed::html::html_to_text(body)
}

/// `2026-01-02 03:04 UTC`.
pub fn short_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The plain-text form of a check: one line per item, each vendor field on its line (see
/// [`one_line`]).
pub fn render(report: &CheckReport) -> String {
    let mut out = format!(
        "{} ({}, {}): {}\n",
        one_line(&report.provider.name),
        report.provider.platform,
        one_line(&report.provider.url),
        one_line(report.status.as_str())
    );
    for c in &report.components {
        let name = match &c.group {
            Some(group) => format!("{group} / {}", c.name),
            None => c.name.clone(),
        };
        out.push_str(&format!(
            "  {:<22} {}\n",
            one_line(c.status.as_str()),
            one_line(&name)
        ));
    }
    if !report.incidents.is_empty() {
        out.push_str("Incidents (newest first):\n");
    }
    for i in &report.incidents {
        let length = match i.duration_seconds {
            Some(secs) => lookout_core::event::human_duration(secs),
            None => "ongoing".to_string(),
        };
        out.push_str(&format!(
            "  [{}] {} — started {}, {length}\n",
            one_line(i.status.as_str()),
            one_line(&plain_text(&i.title)),
            short_time(i.started_at)
        ));
        if let Some(latest) = i.updates.last() {
            let text: String = plain_text(&latest.body).chars().take(160).collect();
            out.push_str(&format!(
                "      {}: {}\n",
                one_line(latest.status.as_str()),
                one_line(&text)
            ));
        }
    }
    for m in &report.maintenances {
        let when = m.scheduled_for.map(short_time).unwrap_or_default();
        out.push_str(&format!(
            "  maintenance [{}] {} {when}\n",
            one_line(m.status.as_str()),
            one_line(&plain_text(&m.title))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_html_is_flattened_for_the_terminal() {
        assert_eq!(
            plain_text("We are <b>investigating</b>.<br /><br />More &amp; more\r\nsoon"),
            "We are investigating. More & more soon"
        );
        // Control characters are the printer's business (`output` shows them escaped).
        assert_eq!(plain_text("\u{1b}[31mred"), "\u{1b}[31mred");
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(exit_code(&ComponentStatus::UnderMaintenance), 0);
        assert_eq!(exit_code(&ComponentStatus::DegradedPerformance), 1);
        assert_eq!(exit_code(&ComponentStatus::MajorOutage), 2);
        assert_eq!(exit_code(&ComponentStatus::parse("Security Issue")), 1);
        assert_eq!(exit_code(&ComponentStatus::Unknown), 3);
    }
}
