//! The window's reads and actions as the app's commands make them — the engine's query over the
//! database, then this crate's view of the answer — run here on a database set up by hand, at a
//! time the test chooses.

use chrono::{DateTime, TimeZone, Utc};
use lookout_core::{IncidentRef, ProbeId, ProviderId};
use lookout_desktop::{
    incident_detail, incident_rows, new_probe, probe_views, suggestions_for, AddProbe,
    DesktopError, IncidentDetail, IncidentQuery, IncidentRow, MaintenanceRow, Notification,
    Overview, ProbeSuggestion, ProbeView, ProviderHistory, Settings,
};
use lookout_engine::operations::history::HistoryWindow;
use lookout_engine::operations::{history, incidents, maintenance, probes, providers};
use lookout_store::Store;

type Result<T> = std::result::Result<T, DesktopError>;

/// The overview at `now` (times of day in UTC).
pub fn overview(
    store: &Store,
    paused: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Overview> {
    overview_in(store, paused, now, &Utc)
}

/// The overview at `now`, times of day in `tz`.
pub fn overview_in<Tz: TimeZone>(
    store: &Store,
    paused: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Overview> {
    let details = providers::details(store, now)?;
    Ok(lookout_desktop::overview_in(details, paused, now, tz))
}

/// Every maintenance still to come or in progress at `now`.
pub fn maintenances(store: &Store, now: DateTime<Utc>) -> Result<Vec<MaintenanceRow>> {
    Ok(lookout_desktop::maintenances(
        maintenance::maintenances(store, None)?,
        now,
    ))
}

/// The incident list `query` asks for, at `now`.
pub fn incidents(
    store: &Store,
    query: &IncidentQuery,
    now: DateTime<Utc>,
) -> Result<Vec<IncidentRow>> {
    Ok(incident_rows(&store.incidents(&query.filter())?, now))
}

/// One incident's page at `now`.
pub fn incident(store: &Store, which: &IncidentRef, now: DateTime<Utc>) -> Result<IncidentDetail> {
    let record = incidents::record(store, which)?.ok_or_else(|| {
        DesktopError::NotFound(format!(
            "no incident {} on provider #{}",
            which.incident, which.provider
        ))
    })?;
    Ok(incident_detail(record, now))
}

/// Follows (or stops following) an incident at `now`; answers its page.
pub fn follow_incident(
    store: &mut Store,
    which: &IncidentRef,
    follow: bool,
    now: DateTime<Utc>,
) -> Result<IncidentDetail> {
    let record = incidents::set_followed(store, which, follow, now)?;
    Ok(incident_detail(record, now))
}

/// "Export CSV": every incident `query` selects written to `out`; how many.
pub fn export_csv<W: std::io::Write>(
    store: &Store,
    query: &IncidentQuery,
    out: W,
) -> Result<usize> {
    let list = store.incidents(&query.export_filter())?;
    incidents::write_csv(&list, out)?;
    Ok(list.len())
}

/// A provider's history over the last `days` local days of `tz` at `now`.
pub fn provider_history<Tz: TimeZone>(
    store: &Store,
    id: ProviderId,
    days: u32,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<ProviderHistory> {
    let window = HistoryWindow::last_days(tz, now, days.clamp(1, 366));
    let record = history::history_record(store, id, window, tz)?
        .ok_or_else(|| DesktopError::NotFound(format!("provider {id}")))?;
    Ok(lookout_desktop::provider_history(id, record, tz, now))
}

/// The provider's probes.
pub fn provider_probes(store: &Store, id: ProviderId) -> Result<Vec<ProbeView>> {
    Ok(probe_views(store.probes(Some(id))?))
}

/// The probes the catalogue suggests for the provider.
pub fn probe_suggestions(store: &Store, id: ProviderId) -> Result<Vec<ProbeSuggestion>> {
    let provider = store
        .provider(id)?
        .ok_or_else(|| DesktopError::NotFound(format!("no provider #{id}")))?;
    Ok(suggestions_for(&provider, &store.probes(Some(id))?))
}

/// Adds the probe `request` asks for at `now`; answers the provider's probes.
pub fn add_probe(
    store: &mut Store,
    id: ProviderId,
    request: &AddProbe,
    now: DateTime<Utc>,
) -> Result<Vec<ProbeView>> {
    probes::add_probe(store, &new_probe(id, request)?, now)?;
    provider_probes(store, id)
}

/// Removes the provider's probe at `now`; answers its probes.
pub fn remove_probe(
    store: &mut Store,
    id: ProviderId,
    probe: ProbeId,
    now: DateTime<Utc>,
) -> Result<Vec<ProbeView>> {
    probes::remove_probe_of(store, id, probe, now)?;
    provider_probes(store, id)
}

/// Saves the Settings form's event choices (as its Save button does).
pub fn save_event_choices(store: &mut Store, settings: &Settings) {
    let mut alerts = lookout_alerts::AlertSettings::load(store).unwrap();
    settings.choose_events(&mut alerts.events);
    alerts.save(store).unwrap();
}

/// The OS notifications owed at `now`, as the app shows them.
pub fn take_notifications<Tz: TimeZone>(
    store: &mut Store,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Notification> {
    lookout_alerts::take_os_notifications(store, now, tz)
        .unwrap()
        .into_iter()
        .map(Notification::from)
        .collect()
}
