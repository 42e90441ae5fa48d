//! What the store knows that an alert decision needs, read per change and per provider: the
//! components a change names and the status its incident implies, whether the user follows its
//! incident, a provider's rules, watched components and open incident, and whether a change
//! concerns one of your services that alerts whenever it is affected.

use crate::error::Result;
use crate::rules::ProviderRules;
use lookout_core::services::{concerned, ServiceSpec};
use lookout_core::{EventKind, IncidentRef, ProviderId};
use lookout_store::{IncidentFilter, Provider, RecordedEvent, Store};

/// What the store knows about the thing an event concerns: the components it names, the status
/// its incident implies, and whether the provider has an open incident.
pub(crate) fn facts(
    store: &Store,
    event: &RecordedEvent,
) -> Result<(Vec<String>, Option<lookout_core::ComponentStatus>)> {
    let p = event.provider_id;
    Ok(match &event.event.kind {
        EventKind::ComponentChanged { component_id, .. } => (vec![component_id.clone()], None),
        EventKind::IncidentOpened { incident_id, .. }
        | EventKind::IncidentUpdated { incident_id, .. }
        | EventKind::IncidentResolved { incident_id, .. } => {
            let found = store.incidents(&IncidentFilter {
                provider_id: Some(p),
                incident_id: Some(incident_id.clone()),
                ..IncidentFilter::default()
            })?;
            match found.into_iter().next() {
                Some(i) => (
                    i.incident.component_ids,
                    Some(i.incident.impact.implied_status()),
                ),
                None => (Vec::new(), None),
            }
        }
        EventKind::MaintenanceScheduled { maintenance_id, .. }
        | EventKind::MaintenanceSoon { maintenance_id, .. }
        | EventKind::MaintenanceStarted { maintenance_id, .. }
        | EventKind::MaintenanceCompleted { maintenance_id, .. } => (
            store
                .maintenances(p)?
                .into_iter()
                .filter(|m| &m.id == maintenance_id)
                .flat_map(|m| m.component_ids)
                .collect(),
            None,
        ),
        EventKind::ProviderUnreachable { .. }
        | EventKind::ProviderRecovered
        | EventKind::SuspectedOutage { .. }
        | EventKind::SuspectedCleared { .. }
        | EventKind::NetworkOffline { .. } => (Vec::new(), None),
    })
}

/// Whether the change is about an incident the user follows.
pub(crate) fn followed(store: &Store, record: &RecordedEvent) -> Result<bool> {
    Ok(match &record.event.kind {
        EventKind::IncidentOpened { incident_id, .. }
        | EventKind::IncidentUpdated { incident_id, .. }
        | EventKind::IncidentResolved { incident_id, .. } => {
            store.is_followed(&IncidentRef::new(record.provider_id, incident_id.as_str()))?
        }
        _ => false,
    })
}

/// A provider's rules, watched components and whether it has an open incident.
pub(crate) fn judged_against(
    store: &Store,
    provider_id: ProviderId,
) -> Result<(ProviderRules, Vec<String>, bool)> {
    let open = IncidentFilter {
        provider_id: Some(provider_id),
        active_only: true,
        limit: Some(1),
        ..IncidentFilter::default()
    };
    Ok((
        ProviderRules::load(store, provider_id)?,
        store.watched_components(provider_id)?,
        !store.incidents(&open)?.is_empty(),
    ))
}

/// The services whose rule is `alert = true` (alert whenever a part they use changes).
pub(crate) fn alerting_services(store: &Store) -> Result<Vec<ServiceSpec>> {
    Ok(store.services()?.into_iter().filter(|s| s.alert).collect())
}

/// Whether a change on `provider` naming the component ids `changed` concerns one of
/// `alerting` (see [`lookout_core::services::concerned`]).
pub(crate) fn concerns_alerting_service(
    store: &Store,
    alerting: &[ServiceSpec],
    provider: &Provider,
    changed: &[String],
) -> Result<bool> {
    if !alerting.iter().any(|s| {
        s.depends_on
            .iter()
            .any(|d| d.provider.eq_ignore_ascii_case(&provider.name))
    }) {
        return Ok(false);
    }
    let components = store.components(provider.id)?;
    Ok(!concerned(alerting, &provider.name, &components, changed).is_empty())
}
