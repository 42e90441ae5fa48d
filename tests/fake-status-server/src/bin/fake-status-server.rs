//! `fake-status-server --port 0 --scenario incident-life`: serves the incident-life scenario on
//! pages `acme` (Statuspage) and `acme-io` (incident.io), stepped with `POST /_control/step`.
//! `--scenario fleet` serves the 42 made-up vendors of `fleet` instead (the window's
//! forty-vendor test).
//! `--quiet-pages N --incidents M` adds N unchanging Statuspage pages `quiet-000`… with M resolved
//! incidents each (for `scripts/bench`); `--components K` gives each of them K components (the
//! three of incident-life, then more in groups of four); `--without-validators` serves them with
//! neither `ETag` nor `Last-Modified` (never 304), as many vendors' servers do.

use chrono::{Duration, SubsecRound, Utc};
use lookout_fake_status_server::{fleet, quiet, scenario, Dialect, FakeStatusServer};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: fake-status-server [--port N] [--scenario incident-life|fleet|none]\n\
    [--quiet-pages N] [--incidents M] [--components K] [--without-validators]\n\
    serves pages `acme` (Statuspage) and `acme-io` (incident.io) on 127.0.0.1;\n\
    and N quiet pages `quiet-000`… with M resolved incidents each (default 10)\n\
    and K components each (default 3, fewer are not taken away),\n\
    sent without ETag or Last-Modified with --without-validators;\n\
    GET /_control/stage, POST /_control/step, POST /_control/stage/<n>, POST /_control/next-incident,\n\
    POST /_control/slow/<slug>/<seconds> (answers that late; 0: at once),\n\
    POST /_control/fail/<slug>/<status> (answers that HTTP status; 0: as before)";

struct Args {
    port: u16,
    scenario: String,
    quiet_pages: usize,
    incidents: usize,
    components: usize,
    without_validators: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        port: 0,
        scenario: "incident-life".to_string(),
        quiet_pages: 0,
        incidents: 10,
        components: 0,
        without_validators: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or(format!("{name} needs a value"))
        };
        match name.as_str() {
            "--port" => args.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--scenario" => args.scenario = value()?,
            "--quiet-pages" => args.quiet_pages = number(&name, value()?)?,
            "--incidents" => args.incidents = number(&name, value()?)?,
            "--components" => args.components = number(&name, value()?)?,
            "--without-validators" => args.without_validators = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !matches!(args.scenario.as_str(), "incident-life" | "fleet" | "none") {
        return Err(format!("unknown scenario {}", args.scenario));
    }
    Ok(args)
}

fn number(name: &str, value: String) -> Result<usize, String> {
    value.parse().map_err(|e| format!("{name}: {e}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("fake-status-server: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match FakeStatusServer::start_on(args.port).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("fake-status-server: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    if args.scenario == "incident-life" {
        // An hour ago, so every stage's timestamps are already in the past.
        let base_time = (Utc::now() - Duration::hours(1)).trunc_subsecs(0);
        server.run_incident_life(&scenario::INCIDENT_LIFE_PAGES, base_time);
    }
    let now = Utc::now().trunc_subsecs(0);
    if args.scenario == "fleet" {
        for (slug, page) in fleet::fleet_pages(now) {
            server.set_page(&slug, Dialect::Statuspage, page);
        }
    }
    for n in 0..args.quiet_pages {
        let page = quiet::resolved_history(n, args.incidents, now);
        let page = quiet::with_components(page, n, args.components);
        let slug = format!("quiet-{n:03}");
        server.set_page(&slug, Dialect::Statuspage, page);
        server.send_validators(&slug, !args.without_validators);
    }
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "listening on {}", server.base_url());
    let _ = stdout.flush();
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
