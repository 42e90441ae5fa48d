//! What each `lookout` subcommand does: its arguments translated into the engine's operations
//! (`lookout_engine`), their results rendered.

use crate::output;
use crate::report;
use crate::Command;
use crate::{
    alerting, catalogue, config, export, follow, history, probes, provider_arg, rules, suggest,
    watching,
};
use anyhow::{anyhow, Context, Result};
use lookout_api::{CheckReport, ProviderInfo, ProviderRow};
use lookout_core::{catalog, masked_url, Clock, SystemClock};
use lookout_engine::operations::incidents::IncidentFilter;
use lookout_engine::operations::providers::{check_page, Added, PageRead, ProviderBoard};
use lookout_engine::{Access, FetchConfig, Fetcher, Lookout};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

/// The per-user database the desktop app also uses: `<data dir>/dev.lookout.app/lookout.db`.
pub fn default_db() -> Result<PathBuf> {
    lookout_engine::default_db_path().ok_or_else(|| anyhow!("no home directory; pass --db"))
}

/// The engine over the database at `db` (the per-user one by default), opened for `access`.
fn open(db: Option<PathBuf>, access: Access, fetcher: &Fetcher) -> Result<Lookout> {
    let path = match db {
        Some(path) => path,
        None => default_db()?,
    };
    let clock = Arc::new(SystemClock);
    let opened = match Lookout::open_once(&path, access, fetcher.clone(), clock) {
        Ok(opened) => opened,
        // "notes.txt is not a Lookout database" says it all.
        Err(error) if error.is_not_a_database() => return Err(error.into()),
        Err(error) => return Err(error).with_context(|| format!("opening {}", path.display())),
    };
    if let Some(damaged) = opened.damaged {
        complain!(
            "lookout: the database was damaged; it was moved to {} and a new one started",
            damaged.moved_to.display()
        );
    }
    Ok(opened.lookout)
}

/// Runs one subcommand; returns the process exit code.
pub async fn run(db: Option<PathBuf>, command: Command) -> Result<u8> {
    let fetcher = Fetcher::new(FetchConfig::default())?;
    let catalogue = catalogue::use_installed(db.as_deref());
    let write = |db| open(db, Access::Write, &fetcher);
    let report = |db| open(db, Access::Reports, &fetcher);
    match command {
        Command::Check { url, json } => check(&fetcher, &url, json).await,
        Command::Add {
            url,
            name,
            interval,
        } => add(&write(db)?, &url, name.as_deref(), interval).await,
        Command::Remove { provider } => remove(&write(db)?, &provider).await,
        Command::List { json } => list(&report(db)?, json).await,
        Command::Poll { json } => watching::poll(&write(db)?, json).await,
        Command::Watch {
            json,
            metrics,
            metrics_token_file,
        } => watch(db, &fetcher, json, metrics, metrics_token_file).await,
        Command::Serve { args } => {
            let prepared = crate::serve::prepare(args)?;
            crate::serve::serve(write(db)?, prepared).await
        }
        Command::Mcp { args } => crate::mcp::run(open(db, args.access(), &fetcher)?, args).await,
        Command::Sinks { command } => alerting::sinks(&write(db)?, command).await,
        Command::Rules { command } => rules::rules(&write(db)?, command).await,
        Command::Snooze { provider, length } => {
            rules::snooze(&write(db)?, &provider, &length).await
        }
        Command::Pause { length } => rules::pause(&write(db)?, &length).await,
        Command::Catalog { command } => catalogue::run(command, catalogue, &fetcher).await,
        Command::Suggest { args } => suggest::run(&open(db, args.access(), &fetcher)?, args).await,
        Command::Incidents {
            provider,
            active,
            search,
            since,
            until,
            json,
        } => {
            let lookout = report(db)?;
            let dated = export::dated(since.as_deref(), until.as_deref())?;
            let filter = incident_filter(&lookout, provider.as_deref(), active, search, dated);
            incidents(&lookout, filter.await?, json).await
        }
        Command::Export {
            format,
            provider,
            since,
            until,
        } => export_incidents(&report(db)?, format, provider, since, until).await,
        Command::Follow { args } => follow::follow(&write(db)?, &args).await,
        Command::Config { command } => config::config(&write(db)?, command).await,
        Command::Probe { command } => probes::probes(&write(db)?, command).await,
        Command::Uptime { args } => history::uptime(&report(db)?, &args).await,
        Command::Stats { args } => history::stats(&report(db)?, &args).await,
        Command::Services { json } => crate::services::services(&report(db)?, json).await,
    }
}

/// `lookout watch`: its metrics endpoint (and token) read before the database is opened.
async fn watch(
    db: Option<PathBuf>,
    fetcher: &Fetcher,
    json: bool,
    metrics: Option<std::net::SocketAddr>,
    token_file: Option<PathBuf>,
) -> Result<u8> {
    let metrics = crate::metrics::endpoint(metrics, token_file.as_deref())?;
    watching::watch(open(db, Access::Write, fetcher)?, json, metrics).await
}

/// `lookout remove`.
async fn remove(lookout: &Lookout, provider: &str) -> Result<u8> {
    let id = provider_arg::provider_id(lookout, provider).await?;
    let removed = lookout.remove_provider(id).await?;
    say!("removed {} (#{})", removed.name, removed.id);
    Ok(0)
}

/// `lookout export`.
async fn export_incidents(
    lookout: &Lookout,
    format: crate::ExportFormat,
    provider: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> Result<u8> {
    let provider_id = provider_arg::optional_provider_id(lookout, provider.as_deref()).await?;
    let csv = format == crate::ExportFormat::Csv;
    export::export(
        lookout,
        csv,
        provider_id,
        since.as_deref(),
        until.as_deref(),
    )
    .await
}

/// `lookout add`: finds the page behind a name or URL and stores it, saying what was found.
async fn add(lookout: &Lookout, input: &str, name: Option<&str>, interval: u32) -> Result<u8> {
    let Added {
        provider,
        found,
        history,
    } = lookout.add_provider(input, name, interval).await?;
    let detected = &found.detected;
    for note in &detected.notes {
        say!("  {note}");
    }
    // The history the page publishes is stored with it (none of it alerts).
    match &history {
        Ok(history) => say!(
            "  {} incidents and {} maintenances of history stored",
            history.snapshot.incidents.len(),
            history.snapshot.maintenances.len()
        ),
        Err(error) => {
            say!("  its history could not be read now ({error}); the first poll will read it");
        }
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

/// `lookout check <name or URL>`.
async fn check(fetcher: &Fetcher, input: &str, json: bool) -> Result<u8> {
    let url = catalog::resolve(input).1;
    let report = match read_once(fetcher, &SystemClock, input).await {
        Ok(report) => report,
        Err(error) => {
            complain!("lookout: {error}");
            if json {
                say!(
                    "{}",
                    json!({"provider": {"url": masked_url(&url)}, "status": "unknown", "error": error})
                );
            }
            return Ok(3);
        }
    };
    if json {
        output::json(&report)?;
    } else {
        output::text(&report::render(&report));
    }
    Ok(report::check_exit_code(&report))
}

/// What `lookout check` reads at `url` (a catalogue name, or a status page: any page of it),
/// storing nothing: the page's report, or why it could not be read in the words `check` prints.
pub async fn read_once(
    fetcher: &Fetcher,
    clock: &dyn Clock,
    url: &str,
) -> Result<CheckReport, String> {
    let (detected, read) = check_page(fetcher, clock, url)
        .await
        .map_err(|error| error.to_string())?;
    let PageRead::Read { observation, .. } = read else {
        return Err("the server answered 'not modified' to an unconditional request".into());
    };
    let provider = ProviderInfo {
        name: detected.name(),
        url: masked_url(detected.base.as_str()),
        platform: detected.platform,
    };
    Ok(CheckReport::new(provider, &observation.snapshot))
}

async fn list(lookout: &Lookout, json: bool) -> Result<u8> {
    let now = lookout.clock.now();
    let boards = lookout.provider_boards().await?;
    let rows: Vec<ProviderRow> = boards.iter().map(|b| ProviderRow::new(b, now)).collect();
    if json {
        output::json(&rows)?;
        return Ok(0);
    }
    for (board, row) in boards.iter().zip(&rows) {
        say_listed(board, row);
    }
    if rows.is_empty() {
        say!("no providers yet: lookout add <status-page URL>");
    }
    Ok(0)
}

/// One provider's line of `lookout list`.
fn say_listed(board: &ProviderBoard, row: &ProviderRow) {
    let (p, state) = (&board.provider, &board.state);
    let why = row.unknown_reason.clone();
    let mut notes: Vec<String> = why.or(state.last_error.clone()).into_iter().collect();
    if let Some(s) = &row.suspected {
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
        board.status.as_str(),
        masked_url(&p.url),
        p.poll_interval_secs,
        report::plain_text(&notes)
    );
}

/// `lookout incidents`' filter: `dated`'s dates, and the provider named or numbered.
async fn incident_filter(
    lookout: &Lookout,
    provider: Option<&str>,
    active_only: bool,
    search: Option<String>,
    dated: IncidentFilter,
) -> Result<IncidentFilter> {
    Ok(IncidentFilter {
        provider_id: provider_arg::optional_provider_id(lookout, provider).await?,
        active_only,
        search,
        ..dated
    })
}

async fn incidents(lookout: &Lookout, filter: IncidentFilter, json: bool) -> Result<u8> {
    let list = lookout.incidents(filter).await?;
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
