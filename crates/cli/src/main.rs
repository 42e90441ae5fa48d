//! `lookout`: the command line over Lookout's engine — check a status page once, manage the
//! watched providers, poll them, watch them, list incidents, and alert through webhooks with the
//! same rules as the app. Shares its database with the app.

#[macro_use]
mod output;
mod alerting;
mod catalogue;
mod commands;
mod config;
mod export;
mod follow;
mod history;
mod listener;
mod logging;
mod mcp;
mod metrics;
mod probes;
mod provider_arg;
mod report;
mod rules;
mod serve;
mod services;
mod suggest;
mod watching;

use clap::{Parser, Subcommand};
use lookout_core::{Clock, SystemClock};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Watch vendors' status pages from the command line.
#[derive(Debug, Parser)]
#[command(name = "lookout", version, about, long_about = None)]
struct Cli {
    /// The database file (default: the per-user data file the desktop app uses).
    #[arg(long, global = true, env = "LOOKOUT_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a status page once and print its state (no database). Exit code: 0 operational or
    /// maintenance, 1 degraded (or a status word Lookout does not know, such as status.io's
    /// "Security Issue"), 2 partial or major outage, 3 unknown (unreachable or unreadable).
    Check {
        /// The status page's URL (e.g. https://www.githubstatus.com) or a catalogue name ("GitHub").
        /// A service `catalog list` marks "not readable" is refused with the reason (exit 3).
        url: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Watch a status page (its platform is detected).
    Add {
        /// The status page's URL, or a catalogue name ("GitHub", "OpenAI"). A service `catalog
        /// list` marks "not readable" is refused with the reason and what to watch instead.
        url: String,
        /// Display name (default: the page's own name).
        #[arg(long)]
        name: Option<String>,
        /// Seconds between polls.
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(10..=86_400))]
        interval: u32,
    },
    /// Stop watching a provider.
    Remove {
        /// Its id or name.
        provider: String,
    },
    /// List watched providers with their current status.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Poll every watched provider once, store what changed, and print the events.
    Poll {
        /// One JSON object per event, one per line.
        #[arg(long)]
        json: bool,
    },
    /// Poll every watched provider on its schedule until interrupted, printing events.
    ///
    /// Ctrl-C or SIGTERM stops it in order and exits 0 within 5 s: no new poll starts, polls in
    /// flight are given 2 s to be stored, every read already made is written; a second signal
    /// leaves at once.
    ///
    /// When standard error is not a terminal (a service's journal, a file), every line written
    /// there is one JSON object: {time, level, target, provider, message}.
    Watch {
        /// One JSON object per event, one per line.
        #[arg(long)]
        json: bool,
        /// Serve /metrics (Prometheus text format: lookout_provider_status,
        /// lookout_component_status {provider, group, component, component_id},
        /// lookout_incident_open, lookout_provider_suspected,
        /// lookout_last_success_timestamp_seconds, lookout_poll_errors_total,
        /// lookout_events_total, lookout_metrics_series_omitted) and /healthz on this address,
        /// e.g. 127.0.0.1:9464. A response holds at most 4 MiB of series (component statuses
        /// are left out first; lookout_metrics_series_omitted counts them). A request's head
        /// must arrive within 5 s, a connection lasts at most 60 s, and at most 64 are open at
        /// once (more are closed at once). An address other machines can reach (0.0.0.0, a
        /// LAN address) is refused without a token.
        #[arg(long, value_name = "ADDR")]
        metrics: Option<std::net::SocketAddr>,
        /// A file whose first line is the token every request to --metrics must carry as
        /// `Authorization: Bearer <token>` (printable ASCII, no spaces); or set it in
        /// LOOKOUT_METRICS_TOKEN. Needed to serve on an address other than loopback; never
        /// printed or logged.
        #[arg(long, value_name = "PATH", requires = "metrics")]
        metrics_token_file: Option<PathBuf>,
    },
    /// Watch every provider as `watch` does (polls, probes, alerts) and answer HTTP: a read-only
    /// JSON API of what Lookout knows under /api/v1/ (providers, providers/{id}, incidents,
    /// incidents/{provider_id}/{incident_id}, uptime, stats, maintenance; the same JSON as the
    /// --json outputs), described by /api/v1/openapi.json (OpenAPI 3.1), and a status page for
    /// people: / (every provider, the worst first), /providers/{id} and
    /// /incidents/{provider_id}/{incident_id} (HTML, under a strict Content-Security-Policy).
    /// Each provider is also republished as Statuspage v2 documents,
    /// /providers/{id}/api/v2/summary.json and incidents.json, so another Lookout follows it:
    /// `lookout add http://HOST:8787/providers/{id}/` (503 while this server cannot read it).
    ///
    /// Every answer carries a strong ETag (If-None-Match → 304); errors are {code, message}.
    /// Only GET and HEAD, no request body. A request's head must arrive within 5 s, a
    /// connection lasts at most 60 s, at most 256 are open at once. On loopback (the default)
    /// no token is needed; any other address is refused without --token-file, and with a token
    /// every request carries it (a browser as the password of Basic credentials, which it asks
    /// for). No CORS headers without --cors.
    ///
    /// Ctrl-C or SIGTERM stops it in order and exits 0: the server stops answering, then the
    /// engine stops as `watch` does.
    Serve {
        #[command(flatten)]
        args: serve::ServeArgs,
    },
    /// Answer an AI assistant (Claude, Cursor, VS Code…) over the Model Context Protocol on
    /// standard input and output: tools `vendor_status`, `is_it_them`, `list_providers`,
    /// `incidents`, `incident`, `uptime`, `stats`, `maintenance` (with --allow-changes also
    /// `watch`, `follow`, `snooze`) and resources lookout://providers/{id} and
    /// lookout://incidents/{provider}/{id}, answering the JSON of the --json outputs.
    ///
    /// The database is opened read-only (it runs beside the app and `lookout watch`) unless
    /// --allow-changes is given. Standard output carries only the protocol; logs go to standard
    /// error. Stops when the client closes standard input.
    Mcp {
        #[command(flatten)]
        args: mcp::McpArgs,
    },
    /// The vendors your code already uses: reads the manifests under each PATH (default: the
    /// current folder) — package.json, Cargo.toml, requirements*.txt, pyproject.toml, go.mod,
    /// Gemfile, composer.json, *.csproj, Terraform's required_providers, Dockerfiles' FROM,
    /// GitHub Actions' uses: (with their lock files' versions) — and names the catalogue's
    /// vendors their packages belong to: "Stripe — stripe 14.2.0 in package.json", "(watching)"
    /// after those watched already.
    ///
    /// Only run-time dependencies count (not devDependencies, [dev-dependencies], require-dev,
    /// development groups), never a comment. Nothing is read outside the paths given: no
    /// symbolic link is followed, node_modules, target, vendor, build and hidden folders are
    /// skipped (.github is read), at most 8 folders deep, no file over 4 MiB. Nothing is sent
    /// anywhere, except the status pages --add reads. Exit code 0.
    Suggest {
        #[command(flatten)]
        args: suggest::SuggestArgs,
    },
    /// Search or browse the catalogue of well-known services (the built-in one, or the newer
    /// one `catalog update` installed beside the database), or update it.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Alert sinks: Slack, Discord, Teams, signed JSON webhooks, PagerDuty, Opsgenie or e-mail
    /// (`poll` and `watch` deliver).
    Sinks {
        #[command(subcommand)]
        command: alerting::SinksCommand,
    },
    /// Alert rules: per provider, default events, quiet hours.
    Rules {
        #[command(subcommand)]
        command: rules::RulesCommand,
    },
    /// Snooze a provider's alerts: 1h, 8h, 24h, resolved (until its incident is), or off.
    Snooze {
        /// The provider (id or name).
        provider: String,
        /// How long.
        length: String,
    },
    /// Pause every alert: 1h, 30m, 2d, tomorrow (08:00 local), or off.
    Pause {
        /// How long.
        length: String,
    },
    /// Follow one incident: each of its updates is told (at the provider's sinks, and by the app
    /// as OS notifications) whatever the rules say — not while alerts are paused or in quiet
    /// hours — until it is resolved. Without an incident, list those followed.
    Follow {
        #[command(flatten)]
        args: follow::FollowArgs,
    },
    /// Configuration as code: `config export` prints the whole configuration (providers, rules,
    /// quiet hours, lasting snoozes, sinks, probes) as TOML; `config apply FILE [--dry-run]`
    /// makes the database match the file and prints what it adds, changes and removes.
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Lookout's own probes of a provider's endpoints (run by `watch` and the app): three
    /// failures in a row while the status page says operational or degraded make the provider
    /// a suspected outage.
    Probe {
        #[command(subcommand)]
        command: probes::ProbeCommand,
    },
    /// Each component's exact downtime over the last days, from the vendors' own timelines:
    /// seconds per status, uptime (time not in partial or major outage ÷ time known) and each
    /// day's worst status. Days are local (`TZ` honoured). --json prints {from, to, providers:
    /// [{id, name, components: [{id, name, group, uptime_percent, seconds: {degraded_performance,
    /// partial_outage, major_outage, under_maintenance, unknown}, days: [{date, worst}]}]}]}.
    Uptime {
        #[command(flatten)]
        args: history::HistoryArgs,
    },
    /// Each provider's incidents that started in the last days: how many, by impact, how long
    /// the resolved ones lasted (total, mean, median, longest), and the component down longest.
    /// --json prints {providers: [{id, name, incidents, by_impact: {none, minor, major,
    /// critical, maintenance}, total_seconds, mean_seconds, median_seconds, longest: {id, title,
    /// duration_seconds}, worst_component: {name, seconds}, median_lead_seconds,
    /// acknowledgement_median_seconds, acknowledgement_p90_seconds, unacknowledged_outages,
    /// incidents_without_components, grade}]}. The honesty figures: how long the vendor took to
    /// post after Lookout's first evidence (its probes failing, or a component turning
    /// non-operational before any incident said so), suspicions of 10 min or more it never
    /// posted, and a grade "A"…"F" (null with fewer than 3 outages; the rule is in the README).
    Stats {
        #[command(flatten)]
        args: history::HistoryArgs,
    },
    /// Your services (`[[services]]` in a file for `config apply`) and whether a vendor's trouble
    /// affects them: a service is affected when a component it depends on is degraded or worse,
    /// under maintenance, suspected (Lookout's probes fail) or unknown. The affected first, then
    /// by criticality. --json prints [{name, criticality, affected, since, dependencies:
    /// [{provider, component, status, suspected}], reasons, warnings}] (`since`: when it became
    /// affected, null when not).
    Services {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List stored incidents, newest first.
    Incidents {
        /// Only this provider (id or name).
        #[arg(long)]
        provider: Option<String>,
        /// Only incidents not yet resolved.
        #[arg(long)]
        active: bool,
        /// Only incidents whose title or updates hold these words (each a prefix, all required;
        /// punctuation only separates), best match first, across every incident ever seen.
        #[arg(long)]
        search: Option<String>,
        /// Only incidents that started on or after this local date (2026-03-04) or RFC 3339 time.
        #[arg(long)]
        since: Option<String>,
        /// Only incidents that started on or before this local date, or before this time.
        #[arg(long)]
        until: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write incidents to standard output: CSV (RFC 4180; columns provider, id, title, impact,
    /// status, started_at, resolved_at, duration_seconds, components, updates, url) or the JSON of
    /// `incidents --json`. A vendor's text that would start a spreadsheet formula (= + - @) gets a
    /// leading '.
    Export {
        /// csv or json.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Only this provider (id or name).
        #[arg(long)]
        provider: Option<String>,
        /// Only incidents that started on or after this local date (2026-03-04) or RFC 3339 time.
        #[arg(long)]
        since: Option<String>,
        /// Only incidents that started on or before this local date, or before this time.
        #[arg(long)]
        until: Option<String>,
    },
}

/// What `lookout export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// A JSON array, as `incidents --json`.
    Json,
}

#[derive(Debug, Subcommand)]
enum CatalogCommand {
    /// Services matching a name or alias (case-insensitive, typos forgiven), best match first.
    Search {
        /// What to look for.
        text: String,
        /// Print JSON: a list of {name, url, platform, category}.
        #[arg(long)]
        json: bool,
    },
    /// Browse the catalogue: every service (or one category's), grouped by category, by name.
    /// Exit code 1 when nothing is listed.
    List {
        /// Only this category, in any case, punctuation optional ("cloud & CDN", "cloud-cdn"):
        /// auth, payments, cloud & CDN, code hosting & CI, AI APIs, messaging & chat, email & SMS,
        /// observability, databases, productivity, devtools, hosting & PaaS, security, analytics,
        /// e-commerce, support & CRM, video & media.
        #[arg(long, value_name = "C", value_parser = catalogue::parse_category)]
        category: Option<&'static str>,
        /// Print JSON: a list of {name, aliases, category, url, platform, platform_id (where the
        /// platform needs one, e.g. a status.io page id), source (where the URL and platform were
        /// learned)}.
        #[arg(long)]
        json: bool,
    },
    /// Fetch a newer catalogue and use it from now on: its minisign signature (the file's URL
    /// with .minisig added) must be made by the key built into Lookout, or by the key in
    /// LOOKOUT_CATALOGUE_PUBLIC_KEY when that is set; its version must be above the one in use
    /// (no rollback; the built-in catalogue is the floor); at most 16 MiB. Installed as
    /// catalogue.json and catalogue.json.minisig beside the database (the folder of --db), where
    /// every later command and the app read it. Prints the version, what changed ("12 services
    /// added, 3 moved") and the key it was verified with. Exit code: 0 installed, 1 not newer
    /// than the one in use, 2 refused (bad signature, too large, malformed, too slow,
    /// unreachable), the catalogue in use unchanged.
    Update {
        /// The catalogue file's URL.
        #[arg(long, value_name = "URL", default_value = lookout_engine::catalogue::DEFAULT_URL)]
        from: String,
        /// Seconds allowed for each of the two downloads.
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    logging::init(clock.clone());
    let cli = Cli::parse();
    if matches!(cli.command, Command::Watch { .. } | Command::Serve { .. }) {
        logging::all_of_stderr_as_json_unless_a_terminal(clock);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            complain!("lookout: cannot start: {error}");
            return ExitCode::from(3);
        }
    };
    match runtime.block_on(commands::run(cli.db, cli.command)) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // A closed pipe (`lookout incidents | head -1`) is not an error worth a word.
            if let Some(io) = error
                .chain()
                .find_map(|e| e.downcast_ref::<std::io::Error>())
            {
                output::quit_if_closed(io);
            }
            complain!("lookout: {error:#}");
            ExitCode::from(3)
        }
    }
}
