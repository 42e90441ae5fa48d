//! What the window's overview shows: each provider's card (status, why it is unknown, active
//! incidents, maintenances, components grouped), made from the engine's provider details at a
//! given time.

use crate::badges::{badges, time_left, Badge};
use crate::incidents::{incident_rows, IncidentRow};
use chrono::{DateTime, TimeZone, Utc};
use lookout_core::provider_status::Unknown;
use lookout_core::{Component, ComponentStatus, Maintenance, MaintenanceStatus, ProviderId};
use lookout_engine::operations::maintenance::{component_names, ProviderMaintenance};
use lookout_engine::operations::providers::{Provider, ProviderDetail, SuspectedNow};
use serde::Serialize;

/// The overview: every provider and the worst status over them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct Overview {
    /// Every provider, worst status first, then by name.
    pub providers: Vec<ProviderCard>,
    /// The worst status over the providers (`unknown` when nothing is watched).
    pub worst: ComponentStatus,
    /// One line saying what is wrong (the tray's tooltip says the same).
    pub summary: String,
    /// Nothing is watched yet.
    pub first_run: bool,
    /// Notifications are paused until then.
    pub notifications_paused_until: Option<DateTime<Utc>>,
}

/// One provider as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ProviderCard {
    /// Local id.
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// Its status page.
    pub url: String,
    /// Platform word (`statuspage`…).
    pub platform: String,
    /// Platform name for people.
    pub platform_label: String,
    /// Worst status over its watched components; `unknown` when it cannot be read.
    pub status: ComponentStatus,
    /// The page could not be read for long enough to be unknown.
    pub unreachable: bool,
    /// Why the status is `unknown`: the last error when unreachable, "not read yet", or "last
    /// read 14 min ago" when no read succeeded for three intervals.
    pub unknown_reason: Option<String>,
    /// What the last read left out of the page ("1 update ignored: date out of range").
    pub warnings: Vec<String>,
    /// Why the last poll failed, if it did.
    pub last_error: Option<String>,
    /// Last poll attempt.
    pub last_checked_at: Option<DateTime<Utc>>,
    /// Last successful poll.
    pub last_success_at: Option<DateTime<Utc>>,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
    /// Incidents not yet over, newest first.
    pub active_incidents: Vec<IncidentRow>,
    /// Maintenances in progress or upcoming.
    pub maintenances: Vec<MaintenanceRow>,
    /// Components in page order, grouped.
    pub groups: Vec<ComponentGroup>,
    /// Every component is watched (none chosen).
    pub watched_all: bool,
    /// Lookout's probes fail while the page says operational or degraded: a suspected outage
    /// (`null` otherwise).
    pub suspected: Option<SuspectedNow>,
    /// What the user set on it that changes its alerts (snoozed, following, muted, paused).
    pub badges: Vec<Badge>,
}

/// A run of components under one group heading (`name` is `None` for top-level components).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ComponentGroup {
    /// The group's name.
    pub name: Option<String>,
    /// Worst status of its components.
    pub status: ComponentStatus,
    /// Its components, in page order.
    pub components: Vec<ComponentView>,
}

/// One component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ComponentView {
    /// Vendor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Current status.
    pub status: ComponentStatus,
    /// Whether it counts for the provider's status and notifications.
    pub watched: bool,
}

/// A maintenance, with its provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct MaintenanceRow {
    /// Provider id.
    pub provider_id: ProviderId,
    /// Provider name.
    pub provider: String,
    /// Vendor id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub status: MaintenanceStatus,
    /// Started and not finished.
    pub in_progress: bool,
    /// Planned start.
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Planned end.
    pub scheduled_until: Option<DateTime<Utc>>,
    /// "ends in 2 h" while in progress with a planned end (`null` otherwise).
    pub ends_in: Option<String>,
    /// The names of the components it covers (none named: the vendor did not say).
    pub components: Vec<String>,
    /// The vendor's page for it.
    pub url: Option<String>,
}

/// The overview of `providers` at `now`, its summary's times of day in UTC.
pub fn overview(
    providers: Vec<ProviderDetail>,
    paused_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Overview {
    overview_in(providers, paused_until, now, &Utc)
}

/// The overview of `providers` at `now`, its summary's times of day in `tz` (the user's time
/// zone, as the window shows them).
pub fn overview_in<Tz: TimeZone>(
    providers: Vec<ProviderDetail>,
    paused_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Overview {
    let paused_until = paused_until.filter(|until| *until > now);
    let mut providers: Vec<ProviderCard> = providers
        .into_iter()
        .map(|p| card(p, paused_until, now))
        .collect();
    providers.sort_by(|a, b| {
        b.status
            .rank()
            .cmp(&a.status.rank())
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let worst = if providers.is_empty() {
        ComponentStatus::Unknown
    } else {
        ComponentStatus::worst(providers.iter().map(|p| &p.status))
    };
    Overview {
        summary: crate::tray::summary(&providers, tz),
        first_run: providers.is_empty(),
        providers,
        worst,
        notifications_paused_until: paused_until,
    }
}

/// One provider's card at `now` (notifications not paused).
pub fn provider_card(detail: ProviderDetail, now: DateTime<Utc>) -> ProviderCard {
    card(detail, None, now)
}

/// One provider's card at `now`, notifications paused until `paused_until`.
fn card(
    detail: ProviderDetail,
    paused_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ProviderCard {
    let ProviderDetail {
        board,
        active_incidents,
        maintenances,
        rules,
        followed,
    } = detail;
    let (provider, state, status) = (board.provider, board.state, board.status);
    // Suspected only while the page says all is (mostly) well: else the vendor says more.
    let calm = matches!(
        status,
        ComponentStatus::Operational | ComponentStatus::DegradedPerformance
    );
    ProviderCard {
        id: provider.id,
        name: provider.name.clone(),
        url: provider.url.clone(),
        platform: provider.platform.as_str().to_string(),
        platform_label: provider.platform.label().to_string(),
        status,
        unreachable: state.unreachable,
        unknown_reason: board.unknown.map(|why| match (why, &state.last_error) {
            (Unknown::Unreachable, Some(error)) => error.clone(),
            (why, _) => why.describe(now),
        }),
        warnings: state.warnings,
        last_error: state.last_error,
        last_checked_at: state.last_attempt_at,
        last_success_at: state.last_success_at,
        poll_interval_secs: provider.poll_interval_secs,
        active_incidents: incident_rows(&active_incidents, now),
        maintenances: maintenance_rows(&provider, maintenances, &board.components, now),
        groups: group_components(&board.components, &board.watched),
        watched_all: board.watched.is_empty(),
        suspected: board.suspected.filter(|_| calm),
        badges: badges(&rules, followed.len(), paused_until, now),
    }
}

/// Components in page order, consecutive ones with the same group under one heading.
pub fn group_components(components: &[Component], watched: &[String]) -> Vec<ComponentGroup> {
    let mut groups: Vec<ComponentGroup> = Vec::new();
    for c in components {
        let view = ComponentView {
            id: c.id.clone(),
            name: c.name.clone(),
            status: c.status.clone(),
            watched: watched.is_empty() || watched.contains(&c.id),
        };
        match groups.last_mut() {
            Some(group) if group.name == c.group && c.group.is_some() => {
                group.status = group.status.clone().worse(c.status.clone());
                group.components.push(view);
            }
            _ => groups.push(ComponentGroup {
                name: c.group.clone(),
                status: c.status.clone(),
                components: vec![view],
            }),
        }
    }
    groups
}

fn maintenance_rows(
    provider: &Provider,
    list: Vec<Maintenance>,
    components: &[Component],
    now: DateTime<Utc>,
) -> Vec<MaintenanceRow> {
    list.into_iter()
        .filter_map(|m| {
            let names = component_names(&m, components);
            maintenance_row(provider.id, &provider.name, m, names, now)
        })
        .collect()
}

/// The row of maintenance `m` of provider `provider_id` (`name`), covering the components named
/// `components`, at `now`; none when it is over.
fn maintenance_row(
    provider_id: ProviderId,
    name: &str,
    m: Maintenance,
    components: Vec<String>,
    now: DateTime<Utc>,
) -> Option<MaintenanceRow> {
    if matches!(m.status, MaintenanceStatus::Completed)
        || m.scheduled_until.is_some_and(|until| until <= now)
    {
        return None;
    }
    let in_progress = matches!(
        m.status,
        MaintenanceStatus::InProgress | MaintenanceStatus::Verifying
    );
    Some(MaintenanceRow {
        provider_id,
        provider: name.to_string(),
        in_progress,
        ends_in: m
            .scheduled_until
            .filter(|_| in_progress)
            .map(|until| format!("ends in {}", time_left(until, now))),
        components,
        id: m.id,
        title: m.title,
        status: m.status,
        scheduled_for: m.scheduled_for,
        scheduled_until: m.scheduled_until,
        url: m.url,
    })
}

/// Every provider's maintenances in progress, then upcoming ones, soonest first.
pub fn maintenances(list: Vec<ProviderMaintenance>, now: DateTime<Utc>) -> Vec<MaintenanceRow> {
    let mut rows: Vec<MaintenanceRow> = list
        .into_iter()
        .filter_map(|m| {
            let (id, name) = (m.provider_id, m.provider);
            maintenance_row(id, &name, m.maintenance, m.component_names, now)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.in_progress
            .cmp(&a.in_progress)
            .then_with(|| a.scheduled_for.cmp(&b.scheduled_for))
    });
    rows
}
