//! What each `lookout` subcommand does, on top of the store and the poller.

use crate::output;
use crate::report::{self, CheckReport, ProviderInfo};
use crate::Command;
use crate::{
    alerting, catalogue, config, export, follow, history, probes, provider_arg, rules, watching,
};
use anyhow::{anyhow, Context, Result};
use lookout_core::ComponentStatus;
use lookout_core::{catalog, masked_url};
use lookout_core::{Clock, SystemClock};
use lookout_poller::{detect, find, read_history, read_page, FetchConfig, Fetcher, PageRead};
use lookout_store::{IncidentFilter, Store};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;

/// The per-user database the desktop app also uses: `<data dir>/dev.lookout.app/lookout.db`.
pub fn default_db() -> Result<PathBuf> {
    lookout_store::default_path().ok_or_else(|| anyhow!("no home directory; pass --db"))
}

fn open(db: Option<PathBuf>) -> Result<Store> {
    open_with(db, Store::open)
}

/// Opens the database for a command that only reports (see [`Store::open_for_reports`]).
fn open_for_reports(db: Option<PathBuf>) -> Result<Store> {
    open_with(db, Store::open_for_reports)
}

fn open_with(
    db: Option<PathBuf>,
    opening: fn(&std::path::Path) -> Result<Store, lookout_store::StoreError>,
) -> Result<Store> {
    let path = match db {
        Some(path) => path,
        None => default_db()?,
    };
    let store = match opening(&path) {
        Ok(store) => store,
        // "notes.txt is not a Lookout database" says it all.
        Err(error @ lookout_store::StoreError::NotADatabase { .. }) => return Err(error.into()),
        Err(error) => return Err(error).with_context(|| format!("opening {}", path.display())),
    };
    if let Some(aside) = store.moved_aside() {
        complain!(
            "lookout: the database was damaged; it was moved to {} and a new one started",
            aside.display()
        );
    }
    Ok(store)
}

/// Runs one subcommand; returns the process exit code.
pub async fn run(db: Option<PathBuf>, command: Command) -> Result<u8> {
    let clock = SystemClock;
    let fetcher = Fetcher::new(FetchConfig::default())?;
    match command {
        Command::Check { url, json } => {
            check(&fetcher, &clock, &catalog::resolve(&url).1, json).await
        }
        Command::Add {
            url,
            name,
            interval,
        } => add(open(db)?, &fetcher, &url, name.as_deref(), interval).await,
        Command::Remove { provider } => remove(open(db)?, &provider),
        Command::List { json } => list(&open_for_reports(db)?, json, clock.now()),
        Command::Poll { json } => watching::poll(open(db)?, &fetcher, json).await,
        Command::Watch {
            json,
            metrics,
            metrics_token_file,
        } => {
            let metrics = crate::metrics::endpoint(metrics, metrics_token_file.as_deref())?;
            watching::watch(open(db)?, fetcher, json, metrics).await
        }
        Command::Sinks { command } => alerting::sinks(open(db)?, command, clock.now()).await,
        Command::Rules { command } => rules::rules(&mut open(db)?, command),
        Command::Snooze { provider, length } => {
            rules::snooze(&mut open(db)?, &provider, &length, clock.now())
        }
        Command::Pause { length } => rules::pause(&mut open(db)?, &length, clock.now()),
        Command::Catalog { command } => catalogue::run(command),
        Command::Incidents {
            provider,
            active,
            search,
            since,
            until,
            json,
        } => {
            let store = open_for_reports(db)?;
            let dated = export::dated(since.as_deref(), until.as_deref())?;
            let filter = incident_filter(&store, provider.as_deref(), active, search, dated)?;
            incidents(&store, &filter, json)
        }
        Command::Export {
            format,
            provider,
            since,
            until,
        } => export_incidents(&open_for_reports(db)?, format, provider, since, until),
        Command::Follow { args } => follow::follow(&mut open(db)?, &args, clock.now()),
        Command::Config { command } => config::config(&mut open(db)?, command, clock.now()),
        Command::Probe { command } => probes::probes(&mut open(db)?, command, clock.now()),
        Command::Uptime { args } => history::uptime(&open_for_reports(db)?, &args, clock.now()),
        Command::Stats { args } => history::stats(&open_for_reports(db)?, &args, clock.now()),
    }
}

/// `lookout remove`.
fn remove(mut store: Store, provider: &str) -> Result<u8> {
    let id = provider_arg::provider_id(&store, provider)?;
    let removed = store.remove_provider(id)?;
    say!("removed {} (#{})", removed.name, removed.id);
    Ok(0)
}

/// `lookout export`.
fn export_incidents(
    store: &Store,
    format: crate::ExportFormat,
    provider: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> Result<u8> {
    let provider_id = provider_arg::optional_provider_id(store, provider.as_deref())?;
    let csv = format == crate::ExportFormat::Csv;
    export::export(store, csv, provider_id, since.as_deref(), until.as_deref())
}

/// `lookout add`: finds the page behind a name or URL and stores it, saying what was found.
async fn add(
    mut store: Store,
    fetcher: &Fetcher,
    input: &str,
    name: Option<&str>,
    interval: u32,
) -> Result<u8> {
    let now = SystemClock.now();
    let found = find(fetcher, input, now).await?;
    let detected = &found.detected;
    for note in &detected.notes {
        say!("  {note}");
    }
    // The history the page publishes is stored with it (none of it alerts).
    let history = match read_history(fetcher, detected.platform, &detected.base, now).await {
        Ok(history) => Some(history),
        Err(error) => {
            say!("  its history could not be read now ({error}); the first poll will read it");
            None
        }
    };
    let new = found.new_provider(name, interval);
    let provider = store.add_provider_watching(&new, &[], history.as_ref(), now)?;
    if let Some(history) = &history {
        say!(
            "  {} incidents and {} maintenances of history stored",
            history.snapshot.incidents.len(),
            history.snapshot.maintenances.len()
        );
    }
    say!(
        "added {} (#{}, {}, {} components) at {}",
        provider.name,
        provider.id,
        provider.platform,
        detected.snapshot.components.len(),
        masked_url(&provider.url)
    );
    Ok(0)
}

async fn check(fetcher: &Fetcher, clock: &dyn Clock, url: &str, json: bool) -> Result<u8> {
    let result = async {
        let detected = detect(fetcher, url, clock.now()).await?;
        let read = read_page(
            fetcher,
            detected.platform,
            &detected.base,
            &HashMap::new(),
            clock.now(),
        )
        .await?;
        Ok::<_, lookout_poller::PollError>((detected, read))
    }
    .await;
    let (detected, read) = match result {
        Ok(ok) => ok,
        Err(error) => {
            complain!("lookout: {error}");
            if json {
                say!(
                    "{}",
                    json!({"provider": {"url": masked_url(url)}, "status": "unknown", "error": error.to_string()})
                );
            }
            return Ok(3);
        }
    };
    let PageRead::Read { observation, .. } = read else {
        return Err(anyhow!(
            "the server answered 'not modified' to an unconditional request"
        ));
    };
    let report = CheckReport::new(
        ProviderInfo {
            name: detected.name(),
            url: masked_url(detected.base.as_str()),
            platform: detected.platform,
        },
        &observation.snapshot,
    );
    if json {
        output::json(&report)?;
    } else {
        output::text(&report::render(&report));
    }
    Ok(report::check_exit_code(&report))
}

fn list(store: &Store, json: bool, now: chrono::DateTime<chrono::Utc>) -> Result<u8> {
    let mut rows = Vec::new();
    for p in store.providers()? {
        let (status, unknown) = store.provider_health(p.id, now)?;
        let state = store.poll_state(p.id)?;
        // Suspected while the page says operational or degraded (else the vendor says more).
        let calm = matches!(
            status,
            ComponentStatus::Operational | ComponentStatus::DegradedPerformance
        );
        let suspected = if calm { store.suspected(p.id)? } else { None };
        let why = unknown.map(|why| match (&why, &state.last_error) {
            (lookout_core::provider_status::Unknown::Unreachable, Some(error)) => error.clone(),
            _ => why.describe(now),
        });
        rows.push(json!({
            "id": p.id, "name": p.name, "url": masked_url(&p.url), "platform": p.platform,
            "poll_interval_secs": p.poll_interval_secs, "enabled": p.enabled,
            "status": status, "unknown_reason": why, "warnings": state.warnings,
            "last_success_at": state.last_success_at, "last_error": state.last_error,
            "watched_components": store.watched_components(p.id)?,
            "suspected": suspected,
        }));
        if !json {
            let mut notes: Vec<String> = why.or(state.last_error).into_iter().collect();
            if let Some(s) = &suspected {
                notes.push(format!(
                    "suspected outage: {} of its probes fail since {}",
                    s.failing_probes,
                    report::short_time(s.since)
                ));
            }
            notes.extend(state.warnings.iter().cloned());
            let notes: String = notes.iter().map(|n| format!(" — {n}")).collect();
            say!(
                "#{:<3} {:<24} {:<20} {} every {} s{}",
                p.id,
                p.name,
                status.as_str(),
                masked_url(&p.url),
                p.poll_interval_secs,
                report::plain_text(&notes)
            );
        }
    }
    if json {
        output::json(&rows)?;
    } else if rows.is_empty() {
        say!("no providers yet: lookout add <status-page URL>");
    }
    Ok(0)
}

/// `lookout incidents`' filter: `dated`'s dates, and the provider named or numbered.
fn incident_filter(
    store: &Store,
    provider: Option<&str>,
    active_only: bool,
    search: Option<String>,
    dated: IncidentFilter,
) -> Result<IncidentFilter> {
    Ok(IncidentFilter {
        provider_id: provider_arg::optional_provider_id(store, provider)?,
        active_only,
        search,
        ..dated
    })
}

fn incidents(store: &Store, filter: &IncidentFilter, json: bool) -> Result<u8> {
    let list = store.incidents(filter)?;
    if json {
        output::json_array(export::json_rows(&list))?;
        return Ok(0);
    }
    for stored in &list {
        let i = &stored.incident;
        let length = i.duration().map_or_else(
            || "ongoing".to_string(),
            |d| lookout_core::event::human_duration(d.num_seconds()),
        );
        say!(
            "{} [{}] {} — {} (started {}, {length})",
            stored.provider,
            i.status,
            report::plain_text(&i.title),
            i.impact,
            report::short_time(i.started_at)
        );
    }
    if list.is_empty() {
        say!("no incidents");
    }
    Ok(0)
}
