//! What applying a configuration changes, item by item ("added sink Ops", "removed provider X
//! (its 12 incidents deleted)"), and applying it: everything in one transaction, so a failure
//! changes nothing.

use super::masked::unmasked;
use super::services::{apply_services, service_changes};
use super::setup::{current, ProbeSetup, ProviderSetup, RulesSetup, Setup, SinkSetup};
use crate::error::Result;
use crate::rules::{AlertSettings, ProviderRules};
use chrono::{DateTime, Utc};
use lookout_core::{masked_urls_in, ProbeId, ProviderId};
use lookout_store::{NewProbe, NewProvider, SinkPlaceholders, Store};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Whether an item is added, changed or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// In the file, not in the database.
    Added,
    /// In both, different.
    Changed,
    /// In the database, not in the file.
    Removed,
}

/// One item applying changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Added, changed or removed.
    pub kind: ChangeKind,
    /// Which item, and what about it (`provider GitHub (interval 60 → 120)`).
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.kind {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Removed => "removed",
        };
        write!(f, "{verb} {}", self.what)
    }
}

/// A change, any URL in its words masked (`http://••••@host/h?api_key=••••`): it is printed.
pub(super) fn change(kind: ChangeKind, what: String) -> Change {
    let what = masked_urls_in(&what);
    Change { kind, what }
}

/// A name as the store compares names (ASCII case ignored): the key of the maps below, which
/// keep planning and applying linear in the number of items.
fn name_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// `items` by [`name_key`] of `name`.
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> HashMap<String, &T> {
    items
        .iter()
        .map(|item| (name_key(name(item)), item))
        .collect()
}

/// What applying `wanted` to `store` at `now` would change (nothing is changed). A provider's or
/// a probe's URL written masked (`••••`, as `config export` writes one) stands for the URL
/// stored that it masks.
pub fn plan(store: &Store, wanted: &Setup, now: DateTime<Utc>) -> Result<Vec<Change>> {
    let have = current(store, now)?;
    let wanted = &unmasked(&have, wanted)?;
    let mut changes = Vec::new();
    let mut global = Vec::new();
    if have.events != wanted.events {
        global.push("events");
    }
    if have.paused_until != wanted.paused_until {
        global.push("pause");
    }
    if have.remind_before_minutes != wanted.remind_before_minutes {
        global.push("maintenance reminders");
    }
    if !global.is_empty() {
        let what = format!("rules ({})", global.join(", "));
        changes.push(change(ChangeKind::Changed, what));
    }
    match (&have.quiet_hours, &wanted.quiet_hours) {
        (None, Some(_)) => changes.push(change(ChangeKind::Added, "quiet hours".into())),
        (Some(_), None) => changes.push(change(ChangeKind::Removed, "quiet hours".into())),
        (Some(a), Some(b)) if a != b => {
            changes.push(change(ChangeKind::Changed, "quiet hours".into()))
        }
        _ => {}
    }
    sink_changes(&have.sinks, &wanted.sinks, &mut changes);
    provider_changes(store, &have.providers, &wanted.providers, &mut changes)?;
    probe_changes(&have.probes, &wanted.probes, &mut changes);
    service_changes(store, &have.services, wanted, &mut changes)?;
    Ok(changes)
}

fn sink_changes(have: &[SinkSetup], wanted: &[SinkSetup], changes: &mut Vec<Change>) {
    let (had, kept) = (by_name(have, |s| &s.name), by_name(wanted, |s| &s.name));
    for w in wanted {
        match had.get(&name_key(&w.name)) {
            None => changes.push(change(
                ChangeKind::Added,
                format!("sink {} ({})", w.name, w.kind),
            )),
            Some(h) if *h != w => {
                let mut what = Vec::new();
                if h.kind != w.kind {
                    what.push(format!("kind {} → {}", h.kind, w.kind));
                }
                if h.url != w.url || h.url_env != w.url_env {
                    what.push("url".to_string());
                }
                if h.secret != w.secret || h.secret_env != w.secret_env {
                    what.push("secret".to_string());
                }
                if h.name != w.name {
                    what.push("name".to_string());
                }
                let what = format!("sink {} ({})", w.name, what.join(", "));
                changes.push(change(ChangeKind::Changed, what));
            }
            Some(_) => {}
        }
    }
    for h in have {
        if !kept.contains_key(&name_key(&h.name)) {
            let what = format!("sink {} ({})", h.name, h.kind);
            changes.push(change(ChangeKind::Removed, what));
        }
    }
}

fn provider_changes(
    store: &Store,
    have: &[ProviderSetup],
    wanted: &[ProviderSetup],
    changes: &mut Vec<Change>,
) -> Result<()> {
    let (had, kept) = (by_name(have, |p| &p.name), by_name(wanted, |p| &p.name));
    for w in wanted {
        match had.get(&name_key(&w.name)) {
            None => changes.push(change(
                ChangeKind::Added,
                format!("provider {} ({}, every {} s)", w.name, w.url, w.interval),
            )),
            Some(h) if *h != w => {
                let mut what = Vec::new();
                if h.name != w.name {
                    what.push(format!("name {} → {}", h.name, w.name));
                }
                if h.url != w.url {
                    what.push(format!("url {} → {}", h.url, w.url));
                }
                if h.platform != w.platform {
                    what.push(format!("platform {} → {}", h.platform, w.platform));
                }
                if h.interval != w.interval {
                    what.push(format!("interval {} → {}", h.interval, w.interval));
                }
                if h.components != w.components {
                    what.push("watched components".to_string());
                }
                if h.rules != w.rules {
                    what.push("rules".to_string());
                }
                let what = format!("provider {} ({})", w.name, what.join(", "));
                changes.push(change(ChangeKind::Changed, what));
            }
            Some(_) => {}
        }
    }
    for h in have {
        if !kept.contains_key(&name_key(&h.name)) {
            let n = match store.providers_named(&h.name)?.first() {
                Some(p) => store.incident_count(p.id)?,
                None => 0,
            };
            let incidents = if n == 1 { "incident" } else { "incidents" };
            let what = format!("provider {} (its {n} {incidents} deleted)", h.name);
            changes.push(change(ChangeKind::Removed, what));
        }
    }
    Ok(())
}

fn probe_key(p: &ProbeSetup) -> (String, &str) {
    (name_key(&p.provider), p.url.as_str())
}

fn probe_changes(have: &[ProbeSetup], wanted: &[ProbeSetup], changes: &mut Vec<Change>) {
    let had: HashMap<_, &ProbeSetup> = have.iter().map(|h| (probe_key(h), h)).collect();
    let kept: HashSet<_> = wanted.iter().map(probe_key).collect();
    for w in wanted {
        let what = format!("probe of {} {} (every {} s)", w.provider, w.url, w.every);
        match had.get(&probe_key(w)) {
            None => changes.push(change(ChangeKind::Added, what)),
            Some(h) if *h != w => changes.push(change(ChangeKind::Changed, what)),
            Some(_) => {}
        }
    }
    for h in have {
        if !kept.contains(&probe_key(h)) {
            let what = format!("probe of {} {}", h.provider, h.url);
            changes.push(change(ChangeKind::Removed, what));
        }
    }
}

/// Makes the database's configuration `wanted`, in one transaction (nothing changes when any
/// step fails); returns what changed, as [`plan`] says it.
pub fn apply(store: &mut Store, wanted: &Setup, now: DateTime<Utc>) -> Result<Vec<Change>> {
    store.atomically(|store| {
        let wanted = &unmasked(&current(store, now)?, wanted)?;
        let changes = plan(store, wanted, now)?;
        if changes.is_empty() {
            return Ok(changes);
        }
        let have = current(store, now)?;
        remove_probes(store, &have.probes, &wanted.probes, now)?;
        let kept = by_name(&wanted.providers, |p| &p.name);
        let ids = provider_ids(store)?;
        for h in &have.providers {
            let id = ids.get(&name_key(&h.name));
            if let Some(id) = id.filter(|_| !kept.contains_key(&name_key(&h.name))) {
                store.remove_provider(*id)?;
            }
        }
        apply_sinks(store, &have.sinks, &wanted.sinks, now)?;
        apply_providers(store, &have.providers, &wanted.providers, now)?;
        add_probes(store, &have.probes, wanted, now)?;
        apply_services(store, &have.services, &wanted.services)?;
        AlertSettings {
            events: wanted.events.clone(),
            paused_until: wanted.paused_until,
            quiet_hours: wanted.quiet_hours.clone(),
            remind_before_minutes: wanted.remind_before_minutes,
        }
        .save(store)?;
        Ok(changes)
    })
}

/// Every stored provider's id, by [`name_key`] of its name.
fn provider_ids(store: &Store) -> Result<HashMap<String, ProviderId>> {
    Ok(store
        .providers()?
        .into_iter()
        .map(|p| (name_key(&p.name), p.id))
        .collect())
}

/// Removes the probes the file lacks or changes (a changed probe is added again).
fn remove_probes(
    store: &mut Store,
    have: &[ProbeSetup],
    wanted: &[ProbeSetup],
    now: DateTime<Utc>,
) -> Result<()> {
    let kept: HashSet<&ProbeSetup> = wanted.iter().collect();
    let stored: HashMap<_, ProbeId> = store
        .probes(None)?
        .into_iter()
        .map(|p| ((name_key(&p.provider), p.url), p.id))
        .collect();
    for h in have.iter().filter(|h| !kept.contains(h)) {
        if let Some(id) = stored.get(&(name_key(&h.provider), h.url.clone())) {
            store.remove_probe(*id, now)?;
        }
    }
    Ok(())
}

fn add_probes(
    store: &mut Store,
    have: &[ProbeSetup],
    wanted: &Setup,
    now: DateTime<Utc>,
) -> Result<()> {
    let had: HashSet<&ProbeSetup> = have.iter().collect();
    let ids = provider_ids(store)?;
    for w in wanted.probes.iter().filter(|w| !had.contains(w)) {
        let provider_id = *ids
            .get(&name_key(&w.provider))
            .ok_or_else(|| lookout_store::StoreError::NoSuchProvider(w.provider.clone()))?;
        let new = NewProbe {
            provider_id,
            url: w.url.clone(),
            every_secs: w.every,
            expect: w.expect,
            contains: w.contains.clone(),
            timeout_secs: w.timeout,
            allow_private: wanted.allow_private,
        };
        store.add_probe(&new, now)?;
    }
    Ok(())
}

fn apply_sinks(
    store: &mut Store,
    have: &[SinkSetup],
    wanted: &[SinkSetup],
    now: DateTime<Utc>,
) -> Result<()> {
    let stored = store.sinks()?;
    let id_of = |name: &str| {
        stored
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| s.id)
    };
    let kept = by_name(wanted, |s| &s.name);
    for h in have {
        if !kept.contains_key(&name_key(&h.name)) {
            if let Some(id) = id_of(&h.name) {
                store.remove_sink(id)?;
            }
        }
    }
    for w in wanted.iter().filter(|w| !have.contains(w)) {
        let id = match id_of(&w.name) {
            Some(id) => {
                store.update_sink(id, &w.kind, &w.name, &w.url, w.secret.as_deref())?;
                id
            }
            None => {
                store
                    .add_sink(&w.kind, &w.name, &w.url, w.secret.as_deref(), now)?
                    .id
            }
        };
        let placeholders = SinkPlaceholders {
            url_env: w.url_env.clone(),
            secret_env: w.secret_env.clone(),
        };
        store.set_sink_placeholders(id, &placeholders)?;
    }
    Ok(())
}

fn apply_providers(
    store: &mut Store,
    have: &[ProviderSetup],
    wanted: &[ProviderSetup],
    now: DateTime<Utc>,
) -> Result<()> {
    let had = by_name(have, |p| &p.name);
    let ids = provider_ids(store)?;
    // The sinks are applied already: a rule's sink is named by its ledger name.
    let sinks = store.sinks()?;
    let ledger = |name: &String| {
        sinks
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map_or_else(|| name.clone(), |s| s.ledger_name())
    };
    for w in wanted {
        let before = had.get(&name_key(&w.name)).copied();
        if before == Some(w) {
            continue;
        }
        let new = NewProvider {
            name: w.name.clone(),
            url: w.url.clone(),
            platform: w.platform,
            poll_interval_secs: w.interval,
        };
        let id = match before.and_then(|h| ids.get(&name_key(&h.name))) {
            None => {
                store
                    .add_provider_watching(&new, &w.components, None, now)?
                    .id
            }
            Some(&id) => {
                store.update_provider(id, &new)?;
                store.set_watched_components(id, &w.components)?;
                id
            }
        };
        let r: &RulesSetup = &w.rules;
        ProviderRules {
            events: r.events.clone(),
            min_severity: r.min_severity.clone(),
            sinks: r
                .sinks
                .as_ref()
                .map(|list| list.iter().map(ledger).collect()),
            snoozed_until: r.snoozed_until,
            snoozed_until_resolved: r.snoozed_until_resolved,
        }
        .save(store, id)?;
    }
    Ok(())
}
