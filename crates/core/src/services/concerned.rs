//! Which services a change on one provider concerns: those depending on the whole provider, or
//! on a component the change names (by name or group, within the dependency's regions), or on
//! any part of it when the change names none (the page is unreadable, the probes fail, an
//! incident marks no component). The alert rules use it to alert by service.

use super::{in_regions, names_component, Dependency, ServiceSpec};
use crate::model::Component;

/// The components of `components` (a page, in its order) that `dependency` names; every one
/// when it names no component or region.
pub fn parts_named<'a>(dependency: &Dependency, components: &'a [Component]) -> Vec<&'a Component> {
    components
        .iter()
        .filter(|c| {
            let group = c.group.as_deref();
            let named = dependency.components.is_empty()
                || dependency
                    .components
                    .iter()
                    .any(|asked| names_component(asked, &c.name, group));
            named && in_regions(&dependency.regions, &c.name, group)
        })
        .collect()
}

/// The services of `specs` that a change on `provider` (its name; ASCII case ignored) naming
/// the component ids `changed` concerns, given the provider's `components` as last read; in
/// `specs`' order.
pub fn concerned<'a>(
    specs: &'a [ServiceSpec],
    provider: &str,
    components: &[Component],
    changed: &[String],
) -> Vec<&'a ServiceSpec> {
    specs
        .iter()
        .filter(|spec| {
            spec.depends_on
                .iter()
                .filter(|d| d.provider.eq_ignore_ascii_case(provider))
                .any(|d| depends_on_change(d, components, changed))
        })
        .collect()
}

fn depends_on_change(
    dependency: &Dependency,
    components: &[Component],
    changed: &[String],
) -> bool {
    let whole = dependency.components.is_empty() && dependency.regions.is_empty();
    whole
        || changed.is_empty()
        || parts_named(dependency, components)
            .iter()
            .any(|c| changed.contains(&c.id))
}
