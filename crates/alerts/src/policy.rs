//! The alert policy, pure: whether one recorded change goes to one sink now, given the user's
//! rules, the local time and what is known of the provider. Every "no" has a reason, kept in the
//! ledger so the delivery log can say why something was not sent.

use crate::rules::{AlertSettings, ProviderRules};
use chrono::{DateTime, NaiveDateTime, Utc};
use lookout_core::{ComponentStatus, EventKind};

/// What is known when judging one change for one sink.
#[derive(Debug, Clone)]
pub struct Situation<'a> {
    /// The global settings.
    pub settings: &'a AlertSettings,
    /// The provider's rules.
    pub rules: &'a ProviderRules,
    /// The sink's ledger name (`os`, `sink:3`).
    pub sink: &'a str,
    /// Now.
    pub now: DateTime<Utc>,
    /// Now on the user's wall clock (for quiet hours).
    pub local_now: NaiveDateTime,
    /// How bad the change is (see [`severity`]).
    pub severity: ComponentStatus,
    /// Components the change names (empty when it names none).
    pub components: &'a [String],
    /// The components the user watches on this provider (empty: all).
    pub watched: &'a [String],
    /// The provider has an incident that is not over.
    pub has_open_incident: bool,
    /// The change is about an incident the user follows: told whatever the event choices,
    /// watched components, minimum severity and snoozes say (pause, quiet hours and the
    /// provider's choice of sinks still hold).
    pub followed: bool,
    /// The change concerns one of your services whose rule is `alert = true` ("tell me when
    /// Checkout is affected"): told as a followed incident is, whatever that vendor's rules say,
    /// when it is a change that can affect a service (see [`can_affect_a_service`]).
    pub service_alert: bool,
}

/// The decision for one change and one sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Send it.
    Send,
    /// Do not, for this reason.
    Skip(&'static str),
}

/// How bad a change is: an incident's impact or the provider's status (whichever is worse), the
/// worse end of a component change, maintenance for maintenances, unknown for unreachable.
pub fn severity(kind: &EventKind, implied_by_incident: Option<ComponentStatus>) -> ComponentStatus {
    match kind {
        EventKind::ComponentChanged { from, to, .. } => from.clone().worse(to.clone()),
        EventKind::MaintenanceScheduled { .. }
        | EventKind::MaintenanceSoon { .. }
        | EventKind::MaintenanceStarted { .. }
        | EventKind::MaintenanceCompleted { .. } => ComponentStatus::UnderMaintenance,
        EventKind::ProviderUnreachable { .. } | EventKind::ProviderRecovered => {
            ComponentStatus::Unknown
        }
        // A suspected outage is as bad as an outage the page would admit.
        EventKind::SuspectedOutage { .. } | EventKind::SuspectedCleared { .. } => {
            ComponentStatus::PartialOutage
        }
        EventKind::NetworkOffline { .. } => ComponentStatus::Unknown,
        EventKind::IncidentOpened { impact, .. } => impact
            .implied_status()
            .worse(implied_by_incident.unwrap_or(ComponentStatus::Operational)),
        EventKind::IncidentUpdated { .. } | EventKind::IncidentResolved { .. } => {
            implied_by_incident.unwrap_or(ComponentStatus::DegradedPerformance)
        }
    }
}

fn is_incident(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::IncidentOpened { .. }
            | EventKind::IncidentUpdated { .. }
            | EventKind::IncidentResolved { .. }
    )
}

/// Whether a change of this kind can make a service affected or clear it: incidents, component
/// changes, maintenance starting or ending, a page unreadable or read again, suspected outages
/// and their clearing (not an announcement, a reminder or the network's own outage).
pub fn can_affect_a_service(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::MaintenanceScheduled { .. }
            | EventKind::MaintenanceSoon { .. }
            | EventKind::NetworkOffline { .. }
    )
}

/// Whether `kind` goes to the situation's sink now.
pub fn judge(kind: &EventKind, s: &Situation<'_>) -> Verdict {
    if let Some(sinks) = &s.rules.sinks {
        if !sinks.iter().any(|name| name == s.sink) {
            return Verdict::Skip("this provider's alerts do not go to this sink");
        }
    }
    if s.settings.paused_at(s.now) {
        return Verdict::Skip("alerts paused");
    }
    let told_anyway =
        (s.followed && is_incident(kind)) || (s.service_alert && can_affect_a_service(kind));
    if !told_anyway {
        if let Some(skip) = rules_skip(kind, s) {
            return skip;
        }
    }
    if let Some(quiet) = &s.settings.quiet_hours {
        let let_through = quiet.allow_major && s.severity == ComponentStatus::MajorOutage;
        if quiet.contains(s.local_now) && !let_through {
            return Verdict::Skip("quiet hours");
        }
    }
    Verdict::Send
}

/// What the event choices, watched components, minimum severity and snoozes say against it.
fn rules_skip(kind: &EventKind, s: &Situation<'_>) -> Option<Verdict> {
    let events = s.rules.events.as_ref().unwrap_or(&s.settings.events);
    if !events.wants(kind) {
        return Some(Verdict::Skip("this kind of change is not chosen"));
    }
    if !s.watched.is_empty()
        && !s.components.is_empty()
        && !s.components.iter().any(|c| s.watched.contains(c))
    {
        return Some(Verdict::Skip("no watched component is concerned"));
    }
    if let Some(min) = &s.rules.min_severity {
        let graded = is_incident(kind) || matches!(kind, EventKind::ComponentChanged { .. });
        if graded && s.severity.rank() < min.rank() {
            return Some(Verdict::Skip("below the provider's minimum severity"));
        }
    }
    if s.rules.snoozed_until.is_some_and(|until| until > s.now) {
        return Some(Verdict::Skip("provider snoozed"));
    }
    if s.rules.snoozed_until_resolved
        && s.has_open_incident
        && !matches!(kind, EventKind::IncidentResolved { .. })
    {
        return Some(Verdict::Skip(
            "provider snoozed until its incident is resolved",
        ));
    }
    None
}
