//! `[[services]]` in the configuration file: read (each of the file's providers, names unique,
//! a criticality Lookout knows), checked against the components Lookout has read of each
//! provider (a name on no page is an error with its line and the closest names), and written.

use super::document::{unplaced, DependencyEntry, Document, ServiceEntry};
use super::place::Place;
use super::setup::{ProviderSetup, Setup};
use crate::error::{AlertError, Result};
use lookout_core::services::{
    closest_names, names_component, Criticality, Dependency, ServiceSpec,
};
use lookout_store::Store;
use std::collections::HashSet;

/// Where a dependency's component name was written, to place an error found against the store.
#[derive(Debug, Clone)]
pub struct ComponentPlace {
    /// The provider's name, as the file writes it.
    pub provider: String,
    /// The component or group name.
    pub component: String,
    /// The file.
    pub file: String,
    /// The line (from 1).
    pub line: usize,
    /// The column (from 1).
    pub column: usize,
}

/// Where the file wrote its services' component names. Never part of what a configuration is:
/// two [`Setup`]s are equal whatever their places.
#[derive(Debug, Clone, Default)]
pub struct ServicePlaces(pub Vec<ComponentPlace>);

impl PartialEq for ServicePlaces {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ServicePlaces {}

/// `[[services]]` of `doc`, each depending on providers of the file (`providers`).
pub(super) fn read_services(
    place: &Place,
    doc: &Document,
    providers: &[ProviderSetup],
) -> Result<(Vec<ServiceSpec>, ServicePlaces)> {
    read_services_of(place, doc, providers, "in this file")
}

/// `[[services]]` of `doc`, each depending on `providers` (`where_` says where they are: "in
/// this file", "watched").
fn read_services_of(
    place: &Place,
    doc: &Document,
    providers: &[ProviderSetup],
    where_: &str,
) -> Result<(Vec<ServiceSpec>, ServicePlaces)> {
    let mut services = Vec::new();
    let mut places = ServicePlaces::default();
    let mut names = HashSet::new();
    for entry in &doc.services {
        let name = entry.name.get_ref().trim();
        if name.is_empty() || name.chars().count() > 100 {
            let why = "a service's name is 1 to 100 characters";
            return Err(place.error(entry.name.span(), "services.name", why));
        }
        if !names.insert(name.to_ascii_lowercase()) {
            let why = "a second service of this name";
            return Err(place.error(entry.name.span(), "services.name", why));
        }
        let criticality = match &entry.criticality {
            Some(c) => Criticality::parse(c.get_ref())
                .map_err(|why| place.error(c.span(), "services.criticality", why))?,
            None => Criticality::default(),
        };
        if entry.depends_on.is_empty() {
            let why = "a service depends on at least one provider";
            return Err(place.error(entry.name.span(), "services.depends_on", why));
        }
        let depends_on = entry
            .depends_on
            .iter()
            .map(|d| read_dependency(place, d, providers, where_, &mut places))
            .collect::<Result<Vec<_>>>()?;
        services.push(ServiceSpec {
            name: name.to_string(),
            criticality,
            depends_on,
            alert: entry.alert,
        });
    }
    Ok((services, places))
}

fn read_dependency(
    place: &Place,
    entry: &DependencyEntry,
    providers: &[ProviderSetup],
    where_: &str,
    places: &mut ServicePlaces,
) -> Result<Dependency> {
    let asked = entry.provider.get_ref().trim();
    let Some(provider) = providers
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(asked))
    else {
        let names = closest_names(asked, providers.iter().map(|p| p.name.as_str()), 3);
        let why = match names.is_empty() {
            true => format!("no provider {asked:?} {where_}"),
            false => format!(
                "no provider {asked:?} {where_}; closest: {}",
                names.join(", ")
            ),
        };
        return Err(place.error(entry.provider.span(), "services.depends_on.provider", why));
    };
    for component in &entry.components {
        let (line, column) = place.line_column(component.span().start);
        places.0.push(ComponentPlace {
            provider: provider.name.clone(),
            component: component.get_ref().trim().to_string(),
            file: place.file().to_string(),
            line,
            column,
        });
    }
    Ok(Dependency {
        provider: provider.name.clone(),
        components: entry
            .components
            .iter()
            .map(|c| c.get_ref().trim().to_string())
            .collect(),
        regions: entry.regions.iter().map(|r| r.trim().to_string()).collect(),
    })
}

/// Every component name `setup`'s services give that matches no component or group on the
/// page Lookout last read of its provider: an error with its place and the closest names. A
/// provider not read yet is not checked (its page is what the service will be checked against).
fn check_components(store: &Store, setup: &Setup) -> Result<()> {
    let providers = store.providers()?;
    for at in &setup.service_places.0 {
        let Some(provider) = providers
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&at.provider))
        else {
            continue;
        };
        let components = store.components(provider.id)?;
        let named = components
            .iter()
            .any(|c| names_component(&at.component, &c.name, c.group.as_deref()));
        if components.is_empty() || named {
            continue;
        }
        let candidates = components
            .iter()
            .flat_map(|c| std::iter::once(c.name.as_str()).chain(c.group.as_deref()));
        let closest = closest_names(&at.component, candidates, 3);
        let mut message = format!(
            "no component or group {:?} on {}'s page",
            at.component, provider.name
        );
        if !closest.is_empty() {
            message.push_str(&format!("; closest: {}", closest.join(", ")));
        }
        return Err(AlertError::Config {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            key: "services.depends_on.components".into(),
            message,
        });
    }
    Ok(())
}

/// A service as the file writes it.
pub(super) fn service_entry(service: &ServiceSpec) -> ServiceEntry {
    ServiceEntry {
        name: unplaced(service.name.clone()),
        criticality: (service.criticality != Criticality::default())
            .then(|| unplaced(service.criticality.as_str().to_string())),
        depends_on: service
            .depends_on
            .iter()
            .map(|d| DependencyEntry {
                provider: unplaced(d.provider.clone()),
                components: d.components.iter().cloned().map(unplaced).collect(),
                regions: d.regions.clone(),
            })
            .collect(),
        alert: service.alert,
    }
}

/// What applying `setup`'s services changes of those `have`: each added, changed or removed,
/// and their order when only that moved; its component names checked against `store` first.
pub(super) fn service_changes(
    store: &Store,
    have: &[ServiceSpec],
    setup: &Setup,
    changes: &mut Vec<super::Change>,
) -> Result<()> {
    check_components(store, setup)?;
    let wanted = &setup.services;
    use super::ChangeKind::{Added, Changed, Removed};
    let key = |s: &ServiceSpec| s.name.to_ascii_lowercase();
    let before = changes.len();
    for w in wanted {
        let what = format!("service {}", w.name);
        match have.iter().find(|h| key(h) == key(w)) {
            None => changes.push(super::plan::change(Added, what)),
            Some(h) if h != w => changes.push(super::plan::change(Changed, what)),
            Some(_) => {}
        }
    }
    for h in have {
        if !wanted.iter().any(|w| key(w) == key(h)) {
            changes.push(super::plan::change(Removed, format!("service {}", h.name)));
        }
    }
    if changes.len() == before && have != wanted.as_slice() {
        changes.push(super::plan::change(Changed, "the services' order".into()));
    }
    Ok(())
}

/// Stores `wanted` as the services when they differ from those `have`.
pub(super) fn apply_services(
    store: &mut Store,
    have: &[ServiceSpec],
    wanted: &[ServiceSpec],
) -> Result<()> {
    if have != wanted {
        store.replace_services(wanted)?;
    }
    Ok(())
}

/// Only `[[services]]`, as the window's editor shows and takes them.
#[derive(serde::Serialize)]
struct ServicesOnly {
    services: Vec<ServiceEntry>,
}

/// The services `store` holds as `[[services]]` TOML (empty text when there are none).
pub fn services_text(store: &Store) -> Result<String> {
    specs_text(&store.services()?)
}

/// `specs` as `[[services]]` TOML (empty text when there are none).
pub fn specs_text(specs: &[ServiceSpec]) -> Result<String> {
    let services: Vec<ServiceEntry> = specs.iter().map(service_entry).collect();
    if services.is_empty() {
        return Ok(String::new());
    }
    toml::to_string(&ServicesOnly { services }).map_err(|e| AlertError::InvalidInput(e.to_string()))
}

/// Makes `text` (`[[services]]` only, named `file` in errors) the services: each of a provider
/// Lookout watches, its component names checked against the pages read; stored whole, or
/// nothing changes. Returns the services stored.
pub fn save_services_text(
    store: &mut Store,
    file: &str,
    text: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<ServiceSpec>> {
    let (place, doc) = super::place::document(file, text.as_bytes())?;
    let only_services = doc.providers.is_empty()
        && doc.sinks.is_empty()
        && doc.probes.is_empty()
        && doc.quiet_hours.is_none()
        && doc.rules.events.is_none()
        && doc.rules.paused_until.is_none()
        && doc.rules.remind_before.is_none();
    if !only_services {
        return Err(AlertError::InvalidInput(
            "only [[services]] here: providers, rules and sinks are set elsewhere".into(),
        ));
    }
    let providers = super::current(store, now)?.providers;
    let (services, service_places) = read_services_of(&place, &doc, &providers, "watched")?;
    let setup = Setup {
        services,
        service_places,
        ..Setup::default()
    };
    check_components(store, &setup)?;
    store.replace_services(&setup.services)?;
    Ok(setup.services)
}
