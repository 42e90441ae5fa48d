//! Configuration as code: the whole configuration (providers, rules, quiet hours, lasting
//! snoozes, sinks, probes) written as one TOML file (`lookout config export`), and a file made
//! the database's configuration (`lookout config apply`): what it adds, changes and removes,
//! applied in one transaction or not at all. Secrets never appear in a file: a sink's URL or
//! secret is a `${ENV_NAME}` placeholder, read from the environment when applied; a provider's
//! or a probe's URL is written with its credentials and query values masked (`••••`), which
//! applying to the same database reads as "the URL stored" (see [`plan`]).

pub mod document;
mod masked;
mod place;
mod plan;
mod read;
mod services;
mod setup;

pub use place::MAX_FILE_BYTES;
pub use plan::{apply, plan, Change, ChangeKind};
pub use read::{read, Env};
pub use services::{save_services_text, services_text, specs_text, ComponentPlace, ServicePlaces};
pub use setup::{current, ProbeSetup, ProviderSetup, RulesSetup, Setup, SinkSetup};

use crate::error::{AlertError, Result};
use crate::reminders::lead_words;
use crate::rules::{EventChoices, QuietHours, DEFAULT_REMIND_BEFORE_MINUTES};
use chrono::{DateTime, SecondsFormat, Utc};
use document::{
    unplaced, Document, ProbeEntry, ProviderEntry, ProviderRulesEntry, QuietHoursEntry, RulesEntry,
    SinkEntry,
};
use lookout_core::masked_url::{masked_url, MASK};
use lookout_store::Store;

/// The event choices naming exactly `names` (`incident_opened`, …).
pub(crate) fn events_from_names(names: &[String]) -> std::result::Result<EventChoices, String> {
    let mut choices = serde_json::to_value(EventChoices::default()).map_err(|e| e.to_string())?;
    let map = choices
        .as_object_mut()
        .ok_or_else(|| "event choices are not an object".to_string())?;
    let known: Vec<String> = map.keys().cloned().collect();
    for value in map.values_mut() {
        *value = false.into();
    }
    for name in names {
        match map.get_mut(name.trim()) {
            Some(value) => *value = true.into(),
            None => {
                return Err(format!(
                    "unknown event {name:?}; known: {}",
                    known.join(", ")
                ))
            }
        }
    }
    serde_json::from_value(choices).map_err(|e| e.to_string())
}

/// The names of the events `choices` turns on, in their declared order.
pub(crate) fn event_names(choices: &EventChoices) -> Vec<String> {
    let value = serde_json::to_value(choices).unwrap_or_default();
    value
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| v.as_bool() == Some(true))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The variable a `${NAME}` value names; `None` for any other text; `Err` for a placeholder
/// that is not well formed.
pub fn placeholder(value: &str) -> std::result::Result<Option<&str>, String> {
    let Some(inner) = value.trim().strip_prefix("${") else {
        return Ok(None);
    };
    let name = inner
        .strip_suffix('}')
        .ok_or_else(|| "a placeholder is written ${ENV_NAME}".to_string())?;
    let mut chars = name.chars();
    let well_formed = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if well_formed {
        Ok(Some(name))
    } else {
        Err(format!(
            "{name:?} is not an environment variable's name (letters, digits, _)"
        ))
    }
}

/// The variable a sink added with a literal value is exported as:
/// `LOOKOUT_SINK_<NAME>_<WHAT>` (`WHAT` is `URL` or `SECRET`).
pub fn derived_env_name(sink_name: &str, what: &str) -> String {
    let name: String = sink_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("LOOKOUT_SINK_{}_{what}", name.trim_matches('_'))
}

fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The configuration the database holds at `now`, as a TOML file.
pub fn export(store: &Store, now: DateTime<Utc>) -> Result<String> {
    render(&current(store, now)?)
}

/// `setup` as a TOML file; sinks' URLs and secrets as `${…}` placeholders only.
pub fn render(setup: &Setup) -> Result<String> {
    let mut notes = Vec::new();
    let sinks = sink_entries(setup, &mut notes);
    masked_url_notes(setup, &mut notes);
    let doc = Document {
        rules: RulesEntry {
            events: Some(unplaced(event_names(&setup.events))),
            paused_until: setup.paused_until.map(|t| unplaced(time_text(t))),
            remind_before: (setup.remind_before_minutes != DEFAULT_REMIND_BEFORE_MINUTES)
                .then(|| unplaced(lead_words(setup.remind_before_minutes))),
        },
        quiet_hours: setup.quiet_hours.as_ref().map(quiet_hours_entry),
        sinks,
        providers: setup.providers.iter().map(provider_entry).collect(),
        probes: setup.probes.iter().map(probe_entry).collect(),
        services: setup.services.iter().map(services::service_entry).collect(),
    };
    let body = toml::to_string(&doc).map_err(|e| AlertError::InvalidInput(e.to_string()))?;
    let mut out = String::from(
        "# Lookout's configuration (`lookout config export`); apply it with `lookout config apply`.\n",
    );
    for note in notes {
        out.push_str(&note);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&body);
    Ok(out)
}

/// The sinks as written in the file, their URLs and secrets as `${…}` placeholders: one named
/// by the sink's environment variable, or one derived from its name with a note in `notes`
/// (a secret written out is never exported).
fn sink_entries(setup: &Setup, notes: &mut Vec<String>) -> Vec<SinkEntry> {
    let mut secret_ref = |sink: &SinkSetup, env: &Option<String>, what: &str| match env {
        Some(name) => format!("${{{name}}}"),
        None => {
            let name = derived_env_name(&sink.name, what);
            notes.push(format!(
                "# Sink {:?} was added with its {what} written out, which is never exported:\n\
                 # it is written ${{{name}}} below; set {name} before applying this file.",
                sink.name,
            ));
            format!("${{{name}}}")
        }
    };
    setup
        .sinks
        .iter()
        .map(|s| SinkEntry {
            kind: unplaced(s.kind.clone()),
            name: unplaced(s.name.clone()),
            url: unplaced(secret_ref(s, &s.url_env, "URL")),
            secret: s
                .secret
                .as_ref()
                .map(|_| unplaced(secret_ref(s, &s.secret_env, "SECRET"))),
        })
        .collect()
}

fn quiet_hours_entry(q: &QuietHours) -> QuietHoursEntry {
    QuietHoursEntry {
        days: unplaced(
            q.days
                .iter()
                .map(|d| d.to_string().to_lowercase())
                .collect(),
        ),
        start: unplaced(q.start.format("%H:%M").to_string()),
        end: unplaced(q.end.format("%H:%M").to_string()),
        allow_major: q.allow_major,
    }
}

/// A note for each provider or probe whose URL is written masked.
fn masked_url_notes(setup: &Setup, notes: &mut Vec<String>) {
    let providers = setup
        .providers
        .iter()
        .map(|p| (format!("provider {:?}", p.name), &p.url));
    let probes = setup
        .probes
        .iter()
        .map(|p| (format!("a probe of {:?}", p.provider), &p.url));
    for (what, url) in providers.chain(probes) {
        if masked_url(url) != *url {
            notes.push(format!(
                "# The URL of {what} holds credentials or query values, which are never \
                 exported:\n# they are written {MASK} below. Applied to this database, a masked \
                 URL keeps the one stored;\n# to apply this file elsewhere, write the URL out.",
            ));
        }
    }
}

fn provider_entry(p: &ProviderSetup) -> ProviderEntry {
    let r = &p.rules;
    let rules = (*r != RulesSetup::default()).then(|| ProviderRulesEntry {
        events: r.events.as_ref().map(|e| unplaced(event_names(e))),
        min_severity: r
            .min_severity
            .as_ref()
            .map(|s| unplaced(s.as_str().to_string())),
        sinks: r.sinks.clone().map(unplaced),
        snoozed_until: r.snoozed_until.map(|t| unplaced(time_text(t))),
        snoozed_until_resolved: r.snoozed_until_resolved,
    });
    ProviderEntry {
        name: unplaced(p.name.clone()),
        url: unplaced(masked_url(&p.url)),
        platform: unplaced(p.platform.as_str().to_string()),
        interval: Some(unplaced(p.interval)),
        components: p.components.clone(),
        rules,
    }
}

fn probe_entry(p: &ProbeSetup) -> ProbeEntry {
    ProbeEntry {
        provider: unplaced(p.provider.clone()),
        url: unplaced(masked_url(&p.url)),
        every: Some(unplaced(p.every)),
        expect: Some(unplaced(p.expect.to_string())),
        contains: p.contains.clone(),
        timeout: Some(unplaced(p.timeout)),
    }
}
