//! The JSON contract of `lookout check --json` (architecture.md), and its plain-text rendering.

use crate::output::one_line;
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Incident, Maintenance, Platform, Snapshot};
use serde::Serialize;
use std::collections::HashMap;

/// `{provider, status, components, incidents, maintenances}`.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Who.
    pub provider: ProviderInfo,
    /// Worst component status.
    pub status: ComponentStatus,
    /// Components in page order.
    pub components: Vec<ComponentReport>,
    /// Recent incidents, newest first.
    pub incidents: Vec<IncidentReport>,
    /// Maintenances.
    pub maintenances: Vec<MaintenanceReport>,
}

/// `{name, url, platform}`.
#[derive(Debug, Serialize)]
pub struct ProviderInfo {
    /// Display name.
    pub name: String,
    /// Base URL.
    pub url: String,
    /// Platform.
    pub platform: Platform,
}

/// `{id, name, group, status}`.
#[derive(Debug, Serialize)]
pub struct ComponentReport {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group name.
    pub group: Option<String>,
    /// Status.
    pub status: ComponentStatus,
}

/// One incident with its timeline (updates oldest first).
#[derive(Debug, Serialize)]
pub struct IncidentReport {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Impact.
    pub impact: lookout_core::Impact,
    /// Status.
    pub status: lookout_core::IncidentStatus,
    /// Start.
    pub started_at: DateTime<Utc>,
    /// End.
    pub resolved_at: Option<DateTime<Utc>>,
    /// End − start.
    pub duration_seconds: Option<i64>,
    /// Vendor page.
    pub url: Option<String>,
    /// Timeline.
    pub updates: Vec<UpdateReport>,
}

/// `{status, body, at, components}`.
#[derive(Debug, Serialize)]
pub struct UpdateReport {
    /// Status.
    pub status: lookout_core::IncidentStatus,
    /// Text.
    pub body: String,
    /// Time.
    pub at: DateTime<Utc>,
    /// Components touched.
    pub components: Vec<lookout_core::UpdateComponent>,
}

/// `{id, title, status, scheduled_for, scheduled_until, components}`.
#[derive(Debug, Serialize)]
pub struct MaintenanceReport {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: lookout_core::MaintenanceStatus,
    /// Start.
    pub scheduled_for: Option<DateTime<Utc>>,
    /// End.
    pub scheduled_until: Option<DateTime<Utc>>,
    /// Component ids.
    pub components: Vec<String>,
}

impl IncidentReport {
    /// From the model, naming update components by the page's names where the update lacks one.
    pub fn new(incident: &Incident, names: &HashMap<&str, &str>) -> IncidentReport {
        IncidentReport {
            id: incident.id.clone(),
            title: incident.title.clone(),
            impact: incident.impact.clone(),
            status: incident.status.clone(),
            started_at: incident.started_at,
            resolved_at: incident.resolved_at,
            duration_seconds: incident.duration().map(|d| d.num_seconds()),
            url: incident.url.clone(),
            updates: incident
                .updates
                .iter()
                .map(|u| UpdateReport {
                    status: u.status.clone(),
                    body: u.body.clone(),
                    at: u.at,
                    components: u
                        .components
                        .iter()
                        .map(|c| {
                            let mut c = c.clone();
                            if c.name == c.id {
                                if let Some(name) = names.get(c.id.as_str()) {
                                    c.name = (*name).to_string();
                                }
                            }
                            c
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl MaintenanceReport {
    fn new(m: &Maintenance) -> MaintenanceReport {
        MaintenanceReport {
            id: m.id.clone(),
            title: m.title.clone(),
            status: m.status.clone(),
            scheduled_for: m.scheduled_for,
            scheduled_until: m.scheduled_until,
            components: m.component_ids.clone(),
        }
    }
}

impl CheckReport {
    /// Builds the report of a page read just now.
    pub fn new(provider: ProviderInfo, snapshot: &Snapshot) -> CheckReport {
        let names: HashMap<&str, &str> = snapshot
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let mut incidents: Vec<&Incident> = snapshot.incidents.iter().collect();
        incidents.sort_by(|a, b| {
            b.started_at
                .cmp(&a.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        CheckReport {
            provider,
            status: snapshot.status(&[]),
            components: snapshot
                .components
                .iter()
                .map(|c| ComponentReport {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    group: c.group.clone(),
                    status: c.status.clone(),
                })
                .collect(),
            incidents: incidents
                .iter()
                .map(|i| IncidentReport::new(i, &names))
                .collect(),
            maintenances: snapshot
                .maintenances
                .iter()
                .map(MaintenanceReport::new)
                .collect(),
        }
    }
}

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
