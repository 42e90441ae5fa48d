//! Reading a configuration file into a [`Setup`]: every value checked as the CLI and the window
//! check it, `${ENV_NAME}` placeholders read from the environment; the first problem is an error
//! naming the file, the line and column, and the key ([`super::place`]).

mod probes;

use super::document::{Document, ProviderEntry, ProviderRulesEntry, QuietHoursEntry, SinkEntry};
use super::events_from_names;
use super::place::{document, Place};
use super::services::read_services;
use super::setup::{lasting, sort_probes, ProviderSetup, RulesSetup, Setup, SinkSetup};
use crate::destinations::check_sink;
use crate::error::Result;
use crate::reminders::parse_lead;
use crate::rules::{QuietHours, DEFAULT_REMIND_BEFORE_MINUTES};
use crate::sinks::{check_url, SinkKind};
use chrono::{DateTime, Utc};
use lookout_core::masked_url::MASK;
use lookout_core::{ComponentStatus, Platform};
use lookout_store::POLL_INTERVAL_RANGE;
use probes::read_probes;
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// Looks up an environment variable (the process's environment, or a test's).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Reads the configuration file `file` (its `bytes`; more than [`super::MAX_FILE_BYTES`] are refused, so
/// a reader need read no more than one byte over) at `now`, its placeholders from `env`. A probe
/// of a link-local or cloud metadata address is refused unless `allow_private` (the person
/// applying the file says so: a shared file cannot).
pub fn read(
    file: &str,
    bytes: &[u8],
    env: Env,
    now: DateTime<Utc>,
    allow_private: bool,
) -> Result<Setup> {
    let (place, doc) = document(file, bytes)?;
    let mut setup = Setup {
        allow_private,
        ..Setup::default()
    };
    read_rules_entry(&place, &doc, &mut setup, now)?;
    setup.sinks = read_sinks(&place, &doc, env)?;
    let by_name = read_providers(&place, &doc, &mut setup, now)?;
    setup.probes = read_probes(&place, &doc, &setup.providers, &by_name, allow_private)?;
    (setup.services, setup.service_places) = read_services(&place, &doc, &setup.providers)?;
    setup.providers.sort_by_key(|p| p.name.to_lowercase());
    sort_probes(&mut setup.probes);
    Ok(setup)
}

/// `[[sinks]]`, by name; a second sink of a name is an error.
fn read_sinks(place: &Place, doc: &Document, env: Env) -> Result<Vec<SinkSetup>> {
    let mut sinks: Vec<SinkSetup> = Vec::new();
    let mut names = HashSet::new();
    for sink in &doc.sinks {
        let read = read_sink(place, sink, env)?;
        if !names.insert(read.name.to_ascii_lowercase()) {
            return Err(place.error(sink.name.span(), "sinks.name", "a second sink of this name"));
        }
        sinks.push(read);
    }
    sinks.sort_by_key(|s| s.name.to_lowercase());
    Ok(sinks)
}

/// `[[providers]]` into `setup.providers` in the file's order; answers where each stands, by
/// its name as the store compares names (ASCII case ignored). A second provider of a name or of
/// a URL is an error.
fn read_providers(
    place: &Place,
    doc: &Document,
    setup: &mut Setup,
    now: DateTime<Utc>,
) -> Result<HashMap<String, usize>> {
    let mut providers: HashMap<String, usize> = HashMap::new();
    let mut urls = HashSet::new();
    for provider in &doc.providers {
        let read = read_provider(place, provider, &setup.sinks, now)?;
        if providers.contains_key(&read.name.to_ascii_lowercase()) {
            return Err(place.error(
                provider.name.span(),
                "providers.name",
                "a second provider of this name",
            ));
        }
        // Masked URLs (`config export`'s) may look alike: each stands for its own stored one.
        let masked = read.url.contains(MASK);
        if !masked && !urls.insert(read.url.clone()) {
            return Err(place.error(
                provider.url.span(),
                "providers.url",
                "a second provider of this URL",
            ));
        }
        providers.insert(read.name.to_ascii_lowercase(), setup.providers.len());
        setup.providers.push(read);
    }
    Ok(providers)
}

/// `[rules]` and `[quiet_hours]`.
fn read_rules_entry(
    place: &Place,
    doc: &Document,
    setup: &mut Setup,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(events) = &doc.rules.events {
        setup.events = events_from_names(events.get_ref())
            .map_err(|why| place.error(events.span(), "rules.events", why))?;
    }
    setup.remind_before_minutes = match &doc.rules.remind_before {
        Some(lead) => parse_lead(lead.get_ref())
            .map_err(|why| place.error(lead.span(), "rules.remind_before", why))?,
        None => DEFAULT_REMIND_BEFORE_MINUTES,
    };
    if let Some(until) = &doc.rules.paused_until {
        setup.paused_until = lasting(Some(time(place, until, "rules.paused_until")?), now);
    }
    setup.quiet_hours = doc
        .quiet_hours
        .as_ref()
        .map(|q| quiet_hours(place, q))
        .transpose()?;
    Ok(())
}

fn time(place: &Place, text: &Spanned<String>, key: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.get_ref())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| place.error(text.span(), key, format!("not an RFC 3339 time ({e})")))
}

fn quiet_hours(place: &Place, q: &QuietHoursEntry) -> Result<QuietHours> {
    let window = format!("{}-{}", q.start.get_ref(), q.end.get_ref());
    let days = q.days.get_ref().join(",");
    if q.days.get_ref().is_empty() {
        return Err(place.error(q.days.span(), "quiet_hours.days", "name at least one day"));
    }
    QuietHours::parse(&window, &days, q.allow_major).map_err(|e| {
        let days_wrong = e.to_string().contains("day");
        let (span, key) = if days_wrong {
            (q.days.span(), "quiet_hours.days")
        } else {
            (q.start.span(), "quiet_hours.start")
        };
        place.error(span, key, e)
    })
}

/// The trimmed value of `url` when it is an http(s) URL with a host; else an error at its place.
fn web_url<'a>(place: &Place, url: &'a Spanned<String>, key: &str, why: &str) -> Result<&'a str> {
    let text = url.get_ref().trim();
    let web = url::Url::parse(text)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    match web {
        Some(_) => Ok(text),
        None => Err(place.error(url.span(), key, why)),
    }
}

fn read_sink(place: &Place, sink: &SinkEntry, env: Env) -> Result<SinkSetup> {
    let kind = SinkKind::parse(sink.kind.get_ref())
        .map_err(|e| place.error(sink.kind.span(), "sinks.kind", e))?;
    let name = sink.name.get_ref().trim();
    if name.is_empty() {
        return Err(place.error(sink.name.span(), "sinks.name", "the name cannot be empty"));
    }
    let (url, url_env) = place.resolve(&sink.url, "sinks.url", env)?;
    let url_error = |e| place.error(sink.url.span(), "sinks.url", e);
    if kind != SinkKind::Email && !url.trim().is_empty() {
        check_url(&url).map_err(url_error)?;
    }
    let (secret, secret_env) = match &sink.secret {
        Some(secret) => {
            let (value, env_name) = place.resolve(secret, "sinks.secret", env)?;
            (Some(value), env_name)
        }
        None => (None, None),
    };
    let wanted = secret.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // The URL is checked above: what check_sink refuses now is the secret (or its absence).
    let (url, secret) = check_sink(kind, url.trim(), wanted).map_err(|e| match &sink.secret {
        Some(given) if kind != SinkKind::Email => place.error(given.span(), "sinks.secret", e),
        _ => url_error(e),
    })?;
    Ok(SinkSetup {
        kind: kind.as_str().to_string(),
        name: name.to_string(),
        url: url.to_string(),
        url_env,
        secret,
        secret_env,
    })
}

fn read_provider(
    place: &Place,
    p: &ProviderEntry,
    sinks: &[SinkSetup],
    now: DateTime<Utc>,
) -> Result<ProviderSetup> {
    let name = p.name.get_ref().trim();
    if name.is_empty() {
        return Err(place.error(p.name.span(), "providers.name", "the name cannot be empty"));
    }
    let url = web_url(
        place,
        &p.url,
        "providers.url",
        "a status page's URL starts with https:// or http://",
    )?;
    let platform = Platform::from_name(p.platform.get_ref()).ok_or_else(|| {
        place.error(p.platform.span(), "providers.platform", format!(
            "unknown platform {:?} (statuspage, incident_io, instatus, betterstack, cachet, statusio, gcp, slack, aws, feed)",
            p.platform.get_ref()
        ))
    })?;
    let interval = match &p.interval {
        Some(i) if !POLL_INTERVAL_RANGE.contains(i.get_ref()) => {
            return Err(place.error(
                i.span(),
                "providers.interval",
                "the poll interval is 10 to 86400 seconds",
            ))
        }
        Some(i) => *i.get_ref(),
        None => 60,
    };
    let mut components = p.components.clone();
    components.sort();
    components.dedup();
    let rules = match &p.rules {
        Some(rules) => read_rules(place, rules, sinks, now)?,
        None => RulesSetup::default(),
    };
    Ok(ProviderSetup {
        name: name.to_string(),
        url: url.to_string(),
        platform,
        interval,
        components,
        rules,
    })
}

fn read_rules(
    place: &Place,
    r: &ProviderRulesEntry,
    sinks: &[SinkSetup],
    now: DateTime<Utc>,
) -> Result<RulesSetup> {
    let events = r
        .events
        .as_ref()
        .map(|e| {
            events_from_names(e.get_ref())
                .map_err(|why| place.error(e.span(), "providers.rules.events", why))
        })
        .transpose()?;
    let min_severity = read_min_severity(place, &r.min_severity)?;
    let chosen = match &r.sinks {
        None => None,
        Some(list) => Some(read_rule_sinks(place, list, sinks)?),
    };
    let snoozed_until = match &r.snoozed_until {
        Some(t) => lasting(Some(time(place, t, "providers.rules.snoozed_until")?), now),
        None => None,
    };
    Ok(RulesSetup {
        events,
        min_severity,
        sinks: chosen,
        snoozed_until,
        snoozed_until_resolved: r.snoozed_until_resolved,
    })
}

/// A provider's `min_severity`: none for `any` or `none`, else a component status worse than
/// operational.
fn read_min_severity(
    place: &Place,
    min_severity: &Option<Spanned<String>>,
) -> Result<Option<ComponentStatus>> {
    match min_severity {
        None => Ok(None),
        Some(s) if matches!(s.get_ref().as_str(), "any" | "none") => Ok(None),
        Some(s) => match ComponentStatus::parse(s.get_ref()) {
            ComponentStatus::Other(_) | ComponentStatus::Unknown => Err(place.error(
                s.span(),
                "providers.rules.min_severity",
                "use any, degraded_performance, partial_outage or major_outage",
            )),
            status => Ok(Some(status)),
        },
    }
}

/// A provider's rules' `sinks`, each `os` or the name of a sink of this file (as the file
/// spells it in `[[sinks]]`).
fn read_rule_sinks(
    place: &Place,
    list: &Spanned<Vec<String>>,
    sinks: &[SinkSetup],
) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for wanted in list.get_ref() {
        let found = sinks.iter().find(|s| s.name.eq_ignore_ascii_case(wanted));
        match found {
            Some(sink) => names.push(sink.name.clone()),
            None if wanted == crate::OS_SINK => names.push(wanted.clone()),
            None => {
                return Err(place.error(
                    list.span(),
                    "providers.rules.sinks",
                    format!("no sink named {wanted:?} in this file (use os or a [[sinks]] name)"),
                ))
            }
        }
    }
    Ok(names)
}
