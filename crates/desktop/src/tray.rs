//! What the tray shows: the icon for the worst watched status, a one-line summary of what is
//! wrong (the tooltip, and the first line of the menu where tooltips are not shown), one menu
//! entry per provider with a problem (with what the user set on it), the providers snoozed (to
//! unsnooze), and how long notifications stay paused.

use crate::badges::{Badge, BadgeKind};
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
    /// Each provider snoozed, in the overview's order.
    pub snoozed: Vec<TraySnoozed>,
    /// How long notifications stay paused ("2 h left"); `None` when they are not.
    pub paused_left: Option<String>,
    /// Your services a vendor affects, a line each ("Checkout affected — Stripe API partial
    /// outage"), first in the menu (see [`TrayState::leading_with`]).
    pub services: Vec<String>,
}

/// A provider whose alerts are snoozed, as the tray offers to unsnooze it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraySnoozed {
    /// The provider.
    pub provider: ProviderId,
    /// Its menu entry: "Unsnooze Slack (7 h left)".
    pub label: String,
}

/// A provider with a problem, as the tray's menu lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayProblem {
    /// The provider.
    pub provider: ProviderId,
    /// Its name.
    pub name: String,
    /// Its menu entry: "Acme: partial outage", then what the user set on it ("Acme: partial
    /// outage · snoozed, muted").
    pub label: String,
    /// Its alerts are snoozed (the menu offers to unsnooze it instead of snoozing it).
    pub snoozed: bool,
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
                    label: problem_label(p),
                    snoozed: badge(p, BadgeKind::Snoozed).is_some(),
                })
                .collect(),
            snoozed: overview
                .providers
                .iter()
                .filter_map(|p| {
                    let left = badge(p, BadgeKind::Snoozed)?.left.as_deref();
                    Some(TraySnoozed {
                        provider: p.id,
                        label: format!("Unsnooze {} ({})", p.name, left.unwrap_or("snoozed")),
                    })
                })
                .collect(),
            paused_left: overview
                .providers
                .iter()
                .find_map(|p| badge(p, BadgeKind::Paused)?.left.clone()),
            services: Vec::new(),
        }
    }
}

fn badge(p: &ProviderCard, kind: BadgeKind) -> Option<&Badge> {
    p.badges.iter().find(|b| b.kind == kind)
}

/// "Acme: partial outage", then the words of what the user set on it except a pause (which the
/// menu says once): "Acme: partial outage · snoozed, muted".
fn problem_label(p: &ProviderCard) -> String {
    let set: Vec<&str> = p
        .badges
        .iter()
        .filter(|b| b.kind != BadgeKind::Paused)
        .map(|b| match b.kind {
            BadgeKind::Snoozed => "snoozed",
            BadgeKind::Followed => "following",
            BadgeKind::Muted => "muted",
            BadgeKind::Paused => "paused",
        })
        .collect();
    let head = format!("{}: {}", p.name, status_label(p));
    if set.is_empty() {
        head
    } else {
        format!("{head} · {}", set.join(", "))
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

/// The longest summary, in characters: the tray menu's first item, and the window's header.
pub const SUMMARY_MAX_CHARS: usize = 80;

/// One line of at most [`SUMMARY_MAX_CHARS`] on `providers` (sorted worst first): "All 3 services
/// operational"; what is wrong with the one provider that has a problem ("Clerk: partial outage
/// — Elevated 500 rates", cut at a word); or, for several, how many of each and who, worst first
/// ("1 major · 2 partial · 1 degraded — Stripe, GitHub, Bitbucket…"). Times of day in `tz`.
pub fn summary<Tz: TimeZone>(providers: &[ProviderCard], tz: &Tz) -> String {
    if providers.is_empty() {
        return "Nothing watched yet — add a service".to_string();
    }
    let problems: Vec<&ProviderCard> = providers.iter().filter(|p| has_problem(p)).collect();
    match problems.as_slice() {
        [] => match providers.len() {
            1 => fit(&format!("{} is operational", providers[0].name)),
            n => format!("All {n} services operational"),
        },
        [one] => fit(&problem_line(one, tz)),
        several => counts_line(several),
    }
}

/// "1 major · 2 partial — Stripe, GitHub, Bitbucket…": the count of each kind of problem, worst
/// first, then as many names as fit.
fn counts_line(problems: &[&ProviderCard]) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for p in problems {
        let word = short_word(p);
        match counts.iter_mut().find(|(w, _)| *w == word) {
            Some((_, n)) => *n += 1,
            None => counts.push((word, 1)),
        }
    }
    let head: Vec<String> = counts.iter().map(|(w, n)| format!("{n} {w}")).collect();
    let mut line = head.join(" · ");
    let names: Vec<&str> = problems.iter().map(|p| p.name.as_str()).collect();
    for (i, name) in names.iter().enumerate() {
        let joiner = if i == 0 { " — " } else { ", " };
        let rest = if i + 1 < names.len() { "…" } else { "" };
        let next = format!("{line}{joiner}{name}");
        if next.chars().count() + rest.chars().count() > SUMMARY_MAX_CHARS {
            line.push('…');
            return fit(&line);
        }
        line = next;
    }
    fit(&line)
}

/// One word for a provider's problem, as the counts say it.
fn short_word(p: &ProviderCard) -> &'static str {
    if p.suspected.is_some() {
        return "suspected";
    }
    match p.status {
        ComponentStatus::MajorOutage => "major",
        ComponentStatus::PartialOutage => "partial",
        ComponentStatus::DegradedPerformance => "degraded",
        ComponentStatus::UnderMaintenance => "maintenance",
        ComponentStatus::Operational => "operational",
        ComponentStatus::Unknown | ComponentStatus::Other(_) => "unknown",
    }
}

/// `text` as a menu item shows it literally: the menu library reads `&` as the mark of a
/// keyboard mnemonic ("Service & Fargate" showed as "Service _ Fargate"), `&&` as one `&`; it
/// escapes GTK's `_` itself.
pub fn menu_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// `line` cut to [`SUMMARY_MAX_CHARS`] characters at the last space before the limit, with "…"
/// (never in the middle of a word); as it is when it fits.
pub fn fit(line: &str) -> String {
    if line.chars().count() <= SUMMARY_MAX_CHARS {
        return line.to_string();
    }
    let kept: String = line.chars().take(SUMMARY_MAX_CHARS - 1).collect();
    let cut = kept.rfind(' ').filter(|&at| at > 0).unwrap_or(kept.len());
    let mut out = kept[..cut]
        .trim_end_matches([' ', ',', ';', '—', '·'])
        .to_string();
    out.push('…');
    out
}

fn problem_line<Tz: TimeZone>(p: &ProviderCard, tz: &Tz) -> String {
    let status = status_label(p);
    let unknown = matches!(p.status, ComponentStatus::Unknown);
    let why = if let Some(suspected) = &p.suspected {
        Some(format!(
            "probes fail since {}, the page says {}",
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
