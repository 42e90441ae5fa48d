//! The configuration file's TOML shape, both ways: what `lookout config export` writes and
//! `lookout config apply` reads. Values that are checked after parsing keep their place in the
//! file ([`Spanned`]), so an error names the line and the key.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A whole configuration file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The global alert settings.
    #[serde(default)]
    pub rules: RulesEntry,
    /// Quiet hours, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHoursEntry>,
    /// Where alerts go besides the desktop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinks: Vec<SinkEntry>,
    /// The watched status pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<ProviderEntry>,
    /// Lookout's own probes of the providers' endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<ProbeEntry>,
    /// Your own services and the vendor parts they use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceEntry>,
}

/// `[rules]`: which changes alert unless a provider says otherwise, a pause that lasts, and the
/// maintenance reminders' lead time.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesEntry {
    /// The events that alert (`incident_opened`, …); the defaults when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Spanned<Vec<String>>>,
    /// Every alert paused until then (RFC 3339); a time already past is no pause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_until: Option<Spanned<String>>,
    /// How long before a maintenance starts its reminder comes: `1h` (the default when
    /// absent), `30m`, `2h30m` or `off`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind_before: Option<Spanned<String>>,
}

/// `[quiet_hours]`, in local time.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHoursEntry {
    /// The days a quiet period starts on (`mon`, `weekdays`, `all`, …).
    pub days: Spanned<Vec<String>>,
    /// `HH:MM`.
    pub start: Spanned<String>,
    /// `HH:MM`; before `start` means the next morning.
    pub end: Spanned<String>,
    /// Let major outages through anyway.
    #[serde(default)]
    pub allow_major: bool,
}

/// One `[[sinks]]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkEntry {
    /// `slack`, `discord`, `teams`, `webhook`, … (what the alerts crate knows).
    pub kind: Spanned<String>,
    /// Its name: unique in the file, how providers' rules name it.
    pub name: Spanned<String>,
    /// The URL, or `${ENV_NAME}` to read it from the environment when applying.
    pub url: Spanned<String>,
    /// The signing secret (webhooks), or `${ENV_NAME}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Spanned<String>>,
}

/// One `[[providers]]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderEntry {
    /// Its name: unique in the file (case-insensitive), how probes name it.
    pub name: Spanned<String>,
    /// The status page.
    pub url: Spanned<String>,
    /// Its platform (`statuspage`, `incident_io`, `instatus`, …): applying reads no page.
    pub platform: Spanned<String>,
    /// Seconds between polls (10 to 86400; 60 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Spanned<u32>>,
    /// The ids of the components watched; every component when absent or empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// Its own alert rules, when it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<ProviderRulesEntry>,
}

/// `[providers.rules]`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderRulesEntry {
    /// The events that alert for it (the global `[rules] events` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Spanned<Vec<String>>>,
    /// Changes below this status do not alert (`degraded_performance`, `partial_outage`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Spanned<String>>,
    /// Where its alerts go: `os` and sink names (every destination when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinks: Option<Spanned<Vec<String>>>,
    /// Snoozed until then (RFC 3339); a time already past is no snooze.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<Spanned<String>>,
    /// Snoozed until it has no open incident.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub snoozed_until_resolved: bool,
}

/// One `[[probes]]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeEntry {
    /// The provider's name (one of the file's providers).
    pub provider: Spanned<String>,
    /// What it requests (http or https).
    pub url: Spanned<String>,
    /// Seconds between runs (at least 10; 30 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<Spanned<u32>>,
    /// The status expected: `2xx` or a code (`2xx` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Spanned<String>>,
    /// Text the answer must hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    /// Seconds before a run counts as failed (at most `every`; 10 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Spanned<u32>>,
}

/// One `[[services]]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceEntry {
    /// Its name: unique in the file (case-insensitive).
    pub name: Spanned<String>,
    /// `high`, `normal` (when absent) or `low`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Spanned<String>>,
    /// Alert whenever a change on a part it uses comes, whatever that vendor's own rules say.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alert: bool,
    /// The providers it uses, each optionally narrowed to components and regions.
    pub depends_on: Vec<DependencyEntry>,
}

/// One of a service's `depends_on`: `{ provider = "Stripe", components = ["API"] }`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyEntry {
    /// A provider of the file, by name.
    pub provider: Spanned<String>,
    /// Component or group names on its page; the whole provider when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Spanned<String>>,
    /// Regions as the vendor names them (`us-east-1`): only components whose name holds one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
}

/// A value written by Lookout (it has no place in any file yet).
pub(crate) fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
