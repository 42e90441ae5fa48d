//! Your own services and the vendor parts they depend on ([`ServiceSpec`]), and which of them a
//! vendor's trouble affects ([`affected`]): a service is affected when a component it depends on
//! is degraded or worse, under maintenance, suspected (Lookout's own probes failing) or unknown.
//! Pure: the engine gathers each provider's picture ([`ProviderPicture`]) and the time asked.

mod affected;
mod closest;
mod concerned;

pub use affected::{affected, DependencyState, ProviderPicture, ServiceState};
pub use closest::closest_names;
pub use concerned::{concerned, parts_named};

use serde::{Deserialize, Serialize};
use std::fmt;

/// How much a service matters to its team: it orders the services (high first) and labels
/// the metrics, so the team's own alerting can page for one and not another.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub enum Criticality {
    /// Pages someone.
    High,
    /// The default.
    #[default]
    Normal,
    /// Can wait.
    Low,
}

impl Criticality {
    /// The word used in files, JSON and metrics: `high`, `normal`, `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Criticality::High => "high",
            Criticality::Normal => "normal",
            Criticality::Low => "low",
        }
    }

    /// Reads `high`, `normal` or `low` (ASCII case ignored).
    pub fn parse(text: &str) -> Result<Criticality, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "high" => Ok(Criticality::High),
            "normal" => Ok(Criticality::Normal),
            "low" => Ok(Criticality::Low),
            _ => Err(format!(
                "unknown criticality {text:?}; one of high, normal, low"
            )),
        }
    }
}

impl fmt::Display for Criticality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of your services and what it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct ServiceSpec {
    /// Its name, unique (ASCII case ignored).
    pub name: String,
    /// How much it matters.
    #[serde(default)]
    pub criticality: Criticality,
    /// The vendor parts it uses.
    pub depends_on: Vec<Dependency>,
    /// Alert whenever a change on a part it uses comes, whatever that vendor's own rules say
    /// (`alert = true` in the file): "tell me when Checkout is affected".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alert: bool,
}

/// A provider a service uses, optionally narrowed to components and regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct Dependency {
    /// The provider's name, as Lookout stores it (ASCII case ignored).
    pub provider: String,
    /// Component or group names on its page (ASCII case ignored); the whole provider when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// Regions as the vendor names them in components' or groups' names (`us-east-1`): only
    /// the components whose name or group holds one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
}

/// Whether the component `name` in `group` is what `asked` names: its name or its group's
/// name, ASCII case and surrounding spaces ignored.
pub fn names_component(asked: &str, name: &str, group: Option<&str>) -> bool {
    let asked = asked.trim();
    name.trim().eq_ignore_ascii_case(asked)
        || group.is_some_and(|g| g.trim().eq_ignore_ascii_case(asked))
}

/// Whether a component `name` in `group` sits in one of `regions` (its name or group's name
/// holds the region's, ASCII case ignored); every component does when `regions` is empty.
pub fn in_regions(regions: &[String], name: &str, group: Option<&str>) -> bool {
    let holds = |text: &str, region: &str| {
        text.to_ascii_lowercase()
            .contains(&region.trim().to_ascii_lowercase())
    };
    regions.is_empty()
        || regions
            .iter()
            .any(|r| holds(name, r) || group.is_some_and(|g| holds(g, r)))
}
