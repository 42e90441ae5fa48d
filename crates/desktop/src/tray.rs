//! What the tray shows: the icon for the worst watched status, a one-line summary of what is
//! wrong (the tooltip, and the first line of the menu where tooltips are not shown), and one menu
//! entry per provider with a problem.

use crate::views::{Overview, ProviderCard};
use chrono::TimeZone;
use lookout_core::event::clock_time;
use lookout_core::{ComponentStatus, ProviderId};
use serde::Serialize;

/// The tray's state for one overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayState {
    /// The status whose icon is shown.
    pub status: ComponentStatus,
    /// The icon's file stem in `icons/tray/` (`partial_outage`…).
    pub icon: &'static str,
    /// Tooltip: what is wrong, or that all is well.
    pub summary: String,
    /// Each provider with a problem, worst first.
    pub problems: Vec<TrayProblem>,
}

/// A provider with a problem, as the tray's menu lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayProblem {
    /// The provider.
    pub provider: ProviderId,
    /// Its name.
    pub name: String,
    /// Its menu entry: "Acme: partial outage".
    pub label: String,
}

impl TrayState {
    /// The tray for `overview`.
    pub fn from_overview(overview: &Overview) -> TrayState {
        TrayState {
            status: overview.worst.clone(),
            icon: tray_icon(overview),
            summary: overview.summary.clone(),
            problems: overview
                .providers
                .iter()
                .filter(|p| has_problem(p))
                .map(|p| TrayProblem {
                    provider: p.id,
                    name: p.name.clone(),
                    label: format!("{}: {}", p.name, status_label(p)),
                })
                .collect(),
        }
    }
}

/// The tray's icon: the worst watched status, except that a suspected outage shows its own icon
/// over anything better than a partial outage.
fn tray_icon(overview: &Overview) -> &'static str {
    let suspected = overview.providers.iter().any(|p| p.suspected.is_some());
    if suspected && overview.worst.rank() < ComponentStatus::PartialOutage.rank() {
        SUSPECTED_ICON
    } else {
        icon_for(&overview.worst)
    }
}

/// The icon of a suspected outage (Lookout's probes fail while the page says all is well).
pub const SUSPECTED_ICON: &str = "suspected";

fn has_problem(p: &ProviderCard) -> bool {
    !p.status.is_operational() || p.suspected.is_some()
}

/// "suspected outage" for a suspected provider, else its status in words.
fn status_label(p: &ProviderCard) -> String {
    if p.suspected.is_some() {
        "suspected outage".to_string()
    } else {
        p.status.label()
    }
}

/// The icon for a status; words Lookout does not know show the unknown icon.
pub fn icon_for(status: &ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Operational => "operational",
        ComponentStatus::UnderMaintenance => "under_maintenance",
        ComponentStatus::DegradedPerformance => "degraded_performance",
        ComponentStatus::PartialOutage => "partial_outage",
        ComponentStatus::MajorOutage => "major_outage",
        ComponentStatus::Unknown | ComponentStatus::Other(_) => "unknown",
    }
}

/// The payload of the `status-changed` event the window listens to (it then re-reads through
/// its commands): the worst watched status now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct StatusChanged {
    /// A status word (`operational`, `partial_outage`, `unknown`…).
    pub worst: String,
}

/// The event's name.
pub const STATUS_CHANGED: &str = "status-changed";

/// One line on `providers` (sorted worst first): "All 3 services operational", or what is wrong
/// with each provider that has a problem ("Clerk: partial outage — Elevated 500 rates; …").
/// Times of day are written in `tz`.
pub fn summary<Tz: TimeZone>(providers: &[ProviderCard], tz: &Tz) -> String {
    if providers.is_empty() {
        return "Nothing watched yet — add a service".to_string();
    }
    let problems: Vec<String> = providers
        .iter()
        .filter(|p| has_problem(p))
        .map(|p| problem_line(p, tz))
        .collect();
    if problems.is_empty() {
        return match providers.len() {
            1 => format!("{} is operational", providers[0].name),
            n => format!("All {n} services operational"),
        };
    }
    problems.join("; ")
}

fn problem_line<Tz: TimeZone>(p: &ProviderCard, tz: &Tz) -> String {
    let status = status_label(p);
    let unknown = matches!(p.status, ComponentStatus::Unknown);
    let why = if let Some(suspected) = &p.suspected {
        Some(format!(
            "your probes fail since {}; the status page says {}",
            clock_time(&suspected.since, tz),
            p.status.label()
        ))
    } else if unknown && p.unreachable {
        Some("cannot read its status page".to_string())
    } else if unknown {
        // "not read yet", or "last read 14 min ago" (never a stale green).
        Some(
            p.unknown_reason
                .clone()
                .unwrap_or_else(|| "not read yet".to_string()),
        )
    } else if let Some(incident) = p.active_incidents.first() {
        Some(incident.title.clone())
    } else {
        p.maintenances
            .iter()
            .find(|m| m.in_progress)
            .map(|m| m.title.clone())
    };
    match why {
        Some(why) => format!("{}: {status} — {why}", p.name),
        None => format!("{}: {status}", p.name),
    }
}
