//! Which services a vendor's trouble affects, why, and since when: each service's dependencies
//! resolved against the providers' pictures, in the services' order of criticality.

use super::{names_component, Dependency, ServiceSpec};
use crate::model::Component;
use crate::status::ComponentStatus;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// One provider as the services see it, at the time asked.
#[derive(Debug, Clone)]
pub struct ProviderPicture {
    /// Its name.
    pub name: String,
    /// Its status by the one status rule (`unknown` when its page cannot be believed).
    pub status: ComponentStatus,
    /// Why it is unknown, for people ("unreachable", "last read 14 min ago").
    pub unknown: Option<String>,
    /// Since when it is unknown, when it is and that is known.
    pub unknown_since: Option<DateTime<Utc>>,
    /// Since when the page has shown its current trouble (no components: its open incidents).
    pub status_since: Option<DateTime<Utc>>,
    /// Its components as last read.
    pub components: Vec<Component>,
    /// When each component's current non-operational status began, by component id.
    pub component_since: HashMap<String, DateTime<Utc>>,
    /// Since when Lookout's probes suspect an outage the page does not show.
    pub suspected_since: Option<DateTime<Utc>>,
}

/// One vendor part a service uses, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct DependencyState {
    /// The provider's name.
    pub provider: String,
    /// The component's name (`Group / Name` inside a group); `None` for the whole provider.
    pub component: Option<String>,
    /// Its status (`unknown` when the provider's page cannot be believed).
    pub status: ComponentStatus,
    /// Whether Lookout's probes suspect the provider.
    pub suspected: bool,
}

/// One service at the time asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ServiceState {
    /// Its name.
    pub name: String,
    /// How much it matters.
    pub criticality: super::Criticality,
    /// Whether any part it uses is in trouble.
    pub affected: bool,
    /// Since when (the earliest start among the parts in trouble now); `None` when not affected.
    pub since: Option<DateTime<Utc>>,
    /// Every part it uses.
    pub dependencies: Vec<DependencyState>,
    /// Why it is affected, one per part in trouble: "Stripe API partial outage".
    pub reasons: Vec<String>,
    /// Dependencies that no longer match the vendor's page (renamed or removed) or a provider
    /// no longer watched.
    pub warnings: Vec<String>,
}

/// Every service in `specs` against `pictures` (matched by provider name, ASCII case ignored):
/// the affected ones first, then by criticality (high first), then as listed.
pub fn affected(specs: &[ServiceSpec], pictures: &[ProviderPicture]) -> Vec<ServiceState> {
    let by_name: HashMap<String, &ProviderPicture> = pictures
        .iter()
        .map(|p| (p.name.to_ascii_lowercase(), p))
        .collect();
    let mut states: Vec<ServiceState> = specs.iter().map(|s| service(s, &by_name)).collect();
    states.sort_by_key(|s| (!s.affected, s.criticality));
    states
}

/// A part in trouble: its state and when its trouble began.
struct Trouble {
    reason: String,
    since: Option<DateTime<Utc>>,
}

fn service(spec: &ServiceSpec, by_name: &HashMap<String, &ProviderPicture>) -> ServiceState {
    let mut state = ServiceState {
        name: spec.name.clone(),
        criticality: spec.criticality,
        affected: false,
        since: None,
        dependencies: Vec::new(),
        reasons: Vec::new(),
        warnings: Vec::new(),
    };
    let mut troubles = Vec::new();
    for dependency in &spec.depends_on {
        match by_name.get(&dependency.provider.to_ascii_lowercase()) {
            Some(picture) => resolve(dependency, picture, &mut state, &mut troubles),
            None => state
                .warnings
                .push(format!("{:?} is no longer watched", dependency.provider)),
        }
    }
    state.affected = !troubles.is_empty();
    state.since = troubles.iter().filter_map(|t| t.since).min();
    state.reasons = troubles.into_iter().map(|t| t.reason).collect();
    state
}

/// `dependency`'s parts on `picture` into `state`, with any trouble.
fn resolve(
    dependency: &Dependency,
    picture: &ProviderPicture,
    state: &mut ServiceState,
    troubles: &mut Vec<Trouble>,
) {
    let parts = parts(dependency, picture, &mut state.warnings);
    let suspected = picture.suspected_since.is_some();
    if parts.is_empty() {
        // The whole provider: its status by the one rule.
        state.dependencies.push(DependencyState {
            provider: picture.name.clone(),
            component: None,
            status: picture.status.clone(),
            suspected,
        });
        // Since its page's trouble began: its open incidents (no components), else its
        // components' earliest run of trouble.
        let since = picture
            .status_since
            .or_else(|| picture.component_since.values().min().copied());
        if let Some(trouble) = trouble(picture, None, &picture.status, since) {
            troubles.push(trouble);
        }
        return;
    }
    for component in parts {
        let label = component_label(component);
        // A page that cannot be believed says nothing of its components.
        let status = match picture.unknown {
            Some(_) => ComponentStatus::Unknown,
            None => component.status.clone(),
        };
        let since = picture.component_since.get(&component.id).copied();
        if let Some(trouble) = trouble(picture, Some(&label), &status, since) {
            troubles.push(trouble);
        }
        state.dependencies.push(DependencyState {
            provider: picture.name.clone(),
            component: Some(label),
            status,
            suspected,
        });
    }
}

/// The components `dependency` names on `picture`, in page order; empty for the whole
/// provider. A name or region matching nothing on a page that lists components is a warning.
fn parts<'a>(
    dependency: &Dependency,
    picture: &'a ProviderPicture,
    warnings: &mut Vec<String>,
) -> Vec<&'a Component> {
    if dependency.components.is_empty() && dependency.regions.is_empty() {
        return Vec::new();
    }
    let group = |c: &'a Component| c.group.as_deref();
    let chosen = super::parts_named(dependency, &picture.components);
    if !picture.components.is_empty() {
        for asked in &dependency.components {
            let found = picture
                .components
                .iter()
                .any(|c| names_component(asked, &c.name, group(c)));
            if !found {
                warnings.push(format!(
                    "{} {asked:?} is no longer on the vendor's page",
                    picture.name
                ));
            }
        }
        if chosen.is_empty() && !dependency.regions.is_empty() {
            warnings.push(format!(
                "{} has no component in {}",
                picture.name,
                dependency.regions.join(", ")
            ));
        }
    }
    chosen
}

fn component_label(component: &Component) -> String {
    match &component.group {
        Some(group) => format!("{group} / {}", component.name),
        None => component.name.clone(),
    }
}

/// The trouble of one part (`component`, or the whole provider), if it has any: suspected,
/// unknown, or any status but operational.
fn trouble(
    picture: &ProviderPicture,
    component: Option<&str>,
    status: &ComponentStatus,
    status_since: Option<DateTime<Utc>>,
) -> Option<Trouble> {
    let part = match component {
        Some(name) => format!("{} {name}", picture.name),
        None => picture.name.clone(),
    };
    if let Some(why) = &picture.unknown {
        return Some(Trouble {
            reason: format!("{part} unknown ({why})"),
            since: picture.unknown_since,
        });
    }
    if !status.is_operational() {
        return Some(Trouble {
            reason: format!("{part} {}", status.label().to_lowercase()),
            since: status_since,
        });
    }
    picture.suspected_since.map(|since| Trouble {
        reason: format!("{part} suspected (Lookout's probes fail)"),
        since: Some(since),
    })
}
