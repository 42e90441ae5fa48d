//! The alert rule subcommands (`rules`, `snooze`, `pause`): the same rules the desktop app
//! edits, stored in the shared database.

use crate::output;
use anyhow::{anyhow, bail, Result};
use clap::Subcommand;
use lookout_core::{ComponentStatus, ProviderId, SinkId};
use lookout_engine::operations::alerts::{
    parse_lead, pause_end, sink_ledger_name, EventChoices, QuietHours, Snooze, OS_SINK,
};
use lookout_engine::Lookout;

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
async fn watched_ids(lookout: &Lookout, provider: ProviderId, list: &str) -> Result<Vec<String>> {
    if list.trim() == "all" {
        return Ok(Vec::new());
    }
    let components = lookout.components(provider).await?;
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
pub async fn rules(lookout: &Lookout, command: RulesCommand) -> Result<u8> {
    match command {
        RulesCommand::Show { json } => show(lookout, json).await?,
        RulesCommand::Set {
            provider,
            min_severity,
            events,
            sinks,
            components,
        } => {
            let changes = RuleChanges {
                min_severity,
                events,
                sinks,
                components,
            };
            set(lookout, &provider, changes).await?;
        }
        RulesCommand::Events { events } => {
            let events = events_from(&events)?;
            let settings = lookout
                .update_alert_settings(move |settings| {
                    settings.events = events;
                    Ok(())
                })
                .await?;
            say!("default events: {}", chosen(&settings.events));
        }
        RulesCommand::RemindBefore { length } => {
            let minutes = parse_lead(&length)?;
            let settings = lookout
                .update_alert_settings(move |settings| {
                    settings.remind_before_minutes = minutes;
                    Ok(())
                })
                .await?;
            say!("{}", reminder_words(settings.remind_before_minutes));
        }
        RulesCommand::QuietHours {
            window,
            days,
            allow_major,
        } => {
            let quiet = match window.as_str() {
                "off" | "none" => None,
                window => Some(QuietHours::parse(window, &days, allow_major)?),
            };
            let settings = lookout.set_quiet_hours(quiet).await?;
            let set = settings.quiet_hours.is_some();
            say!("quiet hours {}", if set { "set" } else { "off" });
        }
    }
    Ok(0)
}

/// `lookout rules show`.
async fn show(lookout: &Lookout, json: bool) -> Result<()> {
    let settings = lookout.alert_settings().await?;
    let mut providers = Vec::new();
    for p in lookout.providers().await? {
        providers.push((p.name.clone(), lookout.provider_rules(p.id).await?));
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

/// What `lookout rules set` changes (only what is given).
struct RuleChanges {
    min_severity: Option<String>,
    events: Option<String>,
    sinks: Option<String>,
    components: Option<String>,
}

/// `lookout rules set`.
async fn set(lookout: &Lookout, provider: &str, changes: RuleChanges) -> Result<()> {
    let id = crate::provider_arg::provider_id(lookout, provider).await?;
    if let Some(list) = changes.components {
        let chosen = watched_ids(lookout, id, &list).await?;
        lookout.set_watched_components(id, chosen).await?;
    }
    let mut rules = lookout.provider_rules(id).await?;
    if let Some(severity) = changes.min_severity {
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
    if let Some(events) = changes.events {
        rules.events = (events != "default")
            .then(|| events_from(&events))
            .transpose()?;
    }
    if let Some(sinks) = changes.sinks {
        rules.sinks = (sinks != "all")
            .then(|| sinks.split(',').map(str::trim).map(sink_name).collect())
            .transpose()?;
    }
    lookout.save_provider_rules(id, rules).await?;
    say!("rules of {provider} saved");
    Ok(())
}

/// `os`, or a sink's id as its ledger name (`sink:<id>`).
fn sink_name(text: &str) -> Result<String> {
    if text == OS_SINK {
        return Ok(text.to_string());
    }
    let id: i64 = text
        .parse()
        .map_err(|_| anyhow!("--sinks takes os, sink ids (see `lookout sinks list`) or all"))?;
    Ok(sink_ledger_name(SinkId::new(id)))
}

/// Runs `lookout snooze PROVIDER LENGTH`.
pub async fn snooze(lookout: &Lookout, provider: &str, length: &str) -> Result<u8> {
    let id = crate::provider_arg::provider_id(lookout, provider).await?;
    let rules = lookout.snooze(id, Snooze::parse(length)?).await?;
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
pub async fn pause(lookout: &Lookout, length: &str) -> Result<u8> {
    let now = lookout.clock.now().with_timezone(&chrono::Local);
    let until = pause_end(length, &now)?;
    match lookout.pause_alerts(until).await?.paused_until {
        Some(until) => say!(
            "alerts paused until {}",
            until.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
        ),
        None => say!("alerts resumed"),
    }
    Ok(0)
}
