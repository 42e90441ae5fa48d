//! The alert rule subcommands (`rules`, `snooze`, `pause`): the same rules the desktop app
//! edits, stored in the shared database.

use crate::output;
use anyhow::{anyhow, bail, Result};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use lookout_alerts::reminders::parse_lead;
use lookout_alerts::{
    pause_alerts, pause_end, snooze_provider, AlertSettings, EventChoices, ProviderRules,
    QuietHours, Snooze,
};
use lookout_core::{ComponentStatus, ProviderId, SinkId};
use lookout_store::Store;

/// `lookout rules …`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show the global alert settings and every provider's rules.
    Show {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change one provider's rules (only the options given).
    Set {
        /// The provider (id or name).
        provider: String,
        /// Ignore changes below this status: any, degraded_performance, partial_outage, major_outage.
        #[arg(long)]
        min_severity: Option<String>,
        /// Which changes alert, comma-separated (incident_opened, incident_updated,
        /// incident_resolved, maintenance_scheduled, maintenance_soon, maintenance_started,
        /// maintenance_completed, component_changed, provider_unreachable, provider_recovered,
        /// suspected_outage, suspected_cleared), or `default`.
        #[arg(long)]
        events: Option<String>,
        /// Where its alerts go: `all`, or a list of `os` and sink ids (e.g. `os,2`).
        #[arg(long)]
        sinks: Option<String>,
        /// The components that count (for its status, the tray and alerts): names or ids,
        /// comma-separated, or `all`.
        #[arg(long)]
        components: Option<String>,
    },
    /// Which changes alert by default, comma-separated (see `rules set --events`).
    Events {
        /// The list.
        events: String,
    },
    /// How long before a watched component's maintenance starts to remind of it
    /// (`maintenance_soon`): 1h (the default), 30m, 2h30m, or off.
    RemindBefore {
        /// The lead time.
        length: String,
    },
    /// Quiet hours in local time, e.g. `22:00-07:00 --days mon-fri`, or `off`.
    QuietHours {
        /// `HH:MM-HH:MM` or `off`.
        window: String,
        /// mon-fri, weekdays, weekends, all, or a list (sat,sun).
        #[arg(long, default_value = "all")]
        days: String,
        /// Let major outages through.
        #[arg(long)]
        allow_major: bool,
    },
}

fn events_from(list: &str) -> Result<EventChoices> {
    let mut choices = serde_json::to_value(EventChoices::default())?;
    let map = choices
        .as_object_mut()
        .ok_or_else(|| anyhow!("event choices are not an object"))?;
    let known: Vec<String> = map.keys().cloned().collect();
    for value in map.values_mut() {
        *value = false.into();
    }
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match map.get_mut(name) {
            Some(value) => *value = true.into(),
            None => bail!("unknown event {name:?}; known: {}", known.join(", ")),
        }
    }
    Ok(serde_json::from_value(choices)?)
}

fn chosen(events: &EventChoices) -> String {
    let value = serde_json::to_value(events).unwrap_or_default();
    let on: Vec<&str> = value
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| v.as_bool() == Some(true))
                .map(|(k, _)| k.as_str())
                .collect()
        })
        .unwrap_or_default();
    on.join(",")
}

/// The ids of the components named in `list` (names, ids, or `Group / Name`; `all` = none
/// chosen, which means every component).
fn watched_ids(store: &Store, provider: ProviderId, list: &str) -> Result<Vec<String>> {
    if list.trim() == "all" {
        return Ok(Vec::new());
    }
    let components = store.components(provider)?;
    let mut ids = Vec::new();
    for wanted in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let found = components.iter().find(|c| {
            let full = match &c.group {
                Some(group) => format!("{group} / {}", c.name),
                None => c.name.clone(),
            };
            c.id == wanted
                || c.name.eq_ignore_ascii_case(wanted)
                || full.eq_ignore_ascii_case(wanted)
        });
        match found {
            Some(c) => ids.push(c.id.clone()),
            None => bail!(
                "no component {wanted:?}; it has: {}",
                components
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    Ok(ids)
}

/// Runs `lookout rules …`.
pub fn rules(store: &mut Store, command: RulesCommand) -> Result<u8> {
    match command {
        RulesCommand::Show { json } => show(store, json)?,
        RulesCommand::Set {
            provider,
            min_severity,
            events,
            sinks,
            components,
        } => set(store, &provider, min_severity, events, sinks, components)?,
        RulesCommand::Events { events } => {
            let mut settings = AlertSettings::load(store)?;
            settings.events = events_from(&events)?;
            settings.save(store)?;
            say!("default events: {}", chosen(&settings.events));
        }
        RulesCommand::RemindBefore { length } => {
            let mut settings = AlertSettings::load(store)?;
            settings.remind_before_minutes = parse_lead(&length)?;
            settings.save(store)?;
            say!("{}", reminder_words(settings.remind_before_minutes));
        }
        RulesCommand::QuietHours {
            window,
            days,
            allow_major,
        } => {
            let mut settings = AlertSettings::load(store)?;
            settings.quiet_hours = match window.as_str() {
                "off" | "none" => None,
                window => Some(QuietHours::parse(window, &days, allow_major)?),
            };
            settings.save(store)?;
            say!(
                "quiet hours {}",
                if settings.quiet_hours.is_some() {
                    "set"
                } else {
                    "off"
                }
            );
        }
    }
    Ok(0)
}

/// `lookout rules show`.
fn show(store: &Store, json: bool) -> Result<()> {
    let settings = AlertSettings::load(store)?;
    let mut providers = Vec::new();
    for p in store.providers()? {
        providers.push((p.name.clone(), ProviderRules::load(store, p.id)?));
    }
    if json {
        let rules: serde_json::Map<String, serde_json::Value> = providers
            .iter()
            .map(|(n, r)| Ok((n.clone(), serde_json::to_value(r)?)))
            .collect::<Result<_>>()?;
        output::json(&serde_json::json!({"settings": settings, "providers": rules}))?;
        return Ok(());
    }
    say!("events: {}", chosen(&settings.events));
    match &settings.quiet_hours {
        Some(q) => say!(
            "quiet hours: {}-{} on {:?}{}",
            q.start.format("%H:%M"),
            q.end.format("%H:%M"),
            q.days,
            if q.allow_major {
                " (major outages let through)"
            } else {
                ""
            }
        ),
        None => say!("quiet hours: off"),
    }
    say!("{}", reminder_words(settings.remind_before_minutes));
    if let Some(until) = settings.paused_until {
        say!("paused until {until}");
    }
    for (name, r) in providers {
        let events = r.events.as_ref().map_or("default".into(), chosen);
        let severity = r
            .min_severity
            .as_ref()
            .map_or("any", |s| s.as_str())
            .to_string();
        let sinks = r.sinks.as_ref().map_or("all".into(), |s| s.join(","));
        let mut line = format!("{name}: events {events}; min severity {severity}; sinks {sinks}");
        if let Some(until) = r.snoozed_until {
            line.push_str(&format!("; snoozed until {until}"));
        }
        if r.snoozed_until_resolved {
            line.push_str("; snoozed until resolved");
        }
        say!("{line}");
    }
    Ok(())
}

/// "maintenance reminders: 1 h before" or "… off".
fn reminder_words(minutes: u32) -> String {
    match minutes {
        0 => "maintenance reminders: off".to_string(),
        m => format!(
            "maintenance reminders: {} before",
            lookout_core::event::human_duration(i64::from(m) * 60)
        ),
    }
}

/// `lookout rules set`.
fn set(
    store: &mut Store,
    provider: &str,
    min_severity: Option<String>,
    events: Option<String>,
    sinks: Option<String>,
    components: Option<String>,
) -> Result<()> {
    let id = crate::provider_arg::provider_id(store, provider)?;
    if let Some(list) = components {
        let chosen = watched_ids(store, id, &list)?;
        store.set_watched_components(id, &chosen)?;
    }
    let mut rules = ProviderRules::load(store, id)?;
    if let Some(severity) = min_severity {
        rules.min_severity = match severity.as_str() {
            "any" | "none" => None,
            word => match ComponentStatus::parse(word) {
                ComponentStatus::Other(_) | ComponentStatus::Unknown => {
                    bail!("unknown severity {word:?}: any, degraded_performance, partial_outage, major_outage")
                }
                status => Some(status),
            },
        };
    }
    if let Some(events) = events {
        rules.events = (events != "default")
            .then(|| events_from(&events))
            .transpose()?;
    }
    if let Some(sinks) = sinks {
        rules.sinks = (sinks != "all")
            .then(|| sinks.split(',').map(str::trim).map(sink_name).collect())
            .transpose()?;
    }
    rules.save(store, id)?;
    say!("rules of {provider} saved");
    Ok(())
}

/// `os`, or a sink's id as its ledger name (`sink:<id>`).
fn sink_name(text: &str) -> Result<String> {
    if text == lookout_alerts::OS_SINK {
        return Ok(text.to_string());
    }
    let id: i64 = text
        .parse()
        .map_err(|_| anyhow!("--sinks takes os, sink ids (see `lookout sinks list`) or all"))?;
    Ok(lookout_store::sink_ledger_name(SinkId::new(id)))
}

/// Runs `lookout snooze PROVIDER LENGTH`.
pub fn snooze(store: &mut Store, provider: &str, length: &str, now: DateTime<Utc>) -> Result<u8> {
    let id = crate::provider_arg::provider_id(store, provider)?;
    let rules = snooze_provider(store, id, Snooze::parse(length)?, now)?;
    match (rules.snoozed_until, rules.snoozed_until_resolved) {
        (Some(until), _) => say!(
            "{provider} snoozed until {}",
            until.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
        ),
        (None, true) => say!("{provider} snoozed until its incident is resolved"),
        (None, false) => say!("{provider} no longer snoozed"),
    }
    Ok(0)
}

/// Runs `lookout pause LENGTH` (`1h`, `30m`, `tomorrow`, `off`).
pub fn pause(store: &mut Store, length: &str, now: DateTime<Utc>) -> Result<u8> {
    let until = pause_end(length, &now.with_timezone(&chrono::Local))?;
    match pause_alerts(store, until)?.paused_until {
        Some(until) => say!(
            "alerts paused until {}",
            until.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
        ),
        None => say!("alerts resumed"),
    }
    Ok(0)
}
