//! The alert sinks subcommand (`sinks`) and the webhook deliveries that `poll` and `watch`
//! make: the same rules and ledger as the desktop app, so Lookout can alert from a server.

use crate::output;
use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use lookout_alerts::{
    add_sink, deliver_webhooks, delivery_rows, run_alert_loop, send_test, sink_views, AlertLoop,
    DeliveryReport, NewSink, Sender,
};
use lookout_poller::EventsStored;
use lookout_store::{SharedStore, Store};

/// `lookout sinks …`
#[derive(Debug, Subcommand)]
pub enum SinksCommand {
    /// Send alerts to a Slack, Discord or Teams webhook, or to any URL as signed JSON. Keep the
    /// URL and the secret out of the process list: give `-` to read one of them from standard
    /// input, or set LOOKOUT_SINK_URL / LOOKOUT_SINK_SECRET.
    Add {
        /// slack, discord, teams or webhook.
        kind: String,
        /// The webhook URL (https; http only to this machine); `-` reads it from standard input.
        #[arg(env = "LOOKOUT_SINK_URL", hide_env_values = true)]
        url: String,
        /// A name for it (default: the kind).
        #[arg(long)]
        name: Option<String>,
        /// For `webhook`: sign each body, `X-Lookout-Signature: sha256=<HMAC-SHA256 hex>`;
        /// `-` reads it from standard input.
        #[arg(long, env = "LOOKOUT_SINK_SECRET", hide_env_values = true)]
        secret: Option<String>,
    },
    /// List the sinks (URLs shown without their secret path).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stop sending alerts to a sink.
    Remove {
        /// Its id (see `lookout sinks list`).
        id: i64,
    },
    /// Send a test alert to a sink now.
    Test {
        /// Its id.
        id: i64,
    },
    /// The delivery log: every message sent, pending a retry, or given up.
    Log {
        /// How many (newest first).
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `lookout sinks …`.
pub async fn sinks(mut store: Store, command: SinksCommand, now: DateTime<Utc>) -> Result<u8> {
    match command {
        SinksCommand::Add {
            kind,
            url,
            name,
            secret,
        } => {
            let new = NewSink {
                kind,
                name: name.unwrap_or_default(),
                url,
                secret,
            };
            let sink = add_sink(&mut store, &from_stdin(new)?, now)?;
            say!(
                "added sink #{} {} ({}, {})",
                sink.id,
                sink.name,
                sink.kind,
                sink.url
            );
        }
        SinksCommand::List { json } => list(&store, json)?,
        SinksCommand::Remove { id } => {
            let sink = store.remove_sink(id)?;
            say!("removed sink #{} {}", sink.id, sink.name);
        }
        SinksCommand::Test { id } => {
            let fetcher = lookout_poller::Fetcher::new(lookout_poller::FetchConfig::default())?;
            send_test(&SharedStore::new(store), &Sender::new(&fetcher), id, now).await?;
            say!("test alert sent to sink #{id}");
        }
        SinksCommand::Log { limit, json } => delivery_log(&store, limit, json)?,
    }
    Ok(0)
}

/// A new sink whose URL or secret is `-`, read from standard input (only one of them may be).
fn from_stdin(mut new: NewSink) -> Result<NewSink> {
    if new.url == "-" && new.secret.as_deref() == Some("-") {
        return Err(anyhow::anyhow!(
            "only one of the URL and --secret can be read from standard input; \
             give the other in LOOKOUT_SINK_URL or LOOKOUT_SINK_SECRET"
        ));
    }
    if new.url == "-" {
        new.url = read_stdin("the URL")?;
    }
    if new.secret.as_deref() == Some("-") {
        new.secret = Some(read_stdin("the secret")?);
    }
    Ok(new)
}

/// `lookout sinks list`.
fn list(store: &Store, json: bool) -> Result<()> {
    let list = sink_views(store)?;
    if json {
        return Ok(output::json(&list)?);
    }
    for s in &list {
        let signed = match &s.secret_hint {
            Some(hint) => format!(", signed (secret {hint})"),
            None => String::new(),
        };
        say!(
            "#{:<3} {:<8} {:<20} {}{signed}",
            s.id,
            s.kind,
            s.name,
            s.url
        );
    }
    Ok(())
}

/// `lookout sinks log`.
fn delivery_log(store: &Store, limit: u32, json: bool) -> Result<()> {
    let rows = delivery_rows(store, limit)?;
    if json {
        return Ok(output::json(&rows)?);
    }
    for r in &rows {
        let error = r.record.last_error.as_deref().unwrap_or("");
        say!(
            "{}  {:<8} {:<22} {} ({} attempt{}) {error}",
            r.record.updated_at.format("%Y-%m-%d %H:%M:%S"),
            r.record.state,
            r.sink_name,
            r.record.title,
            r.record.attempts,
            if r.record.attempts == 1 { "" } else { "s" },
        );
    }
    Ok(())
}

/// One value from standard input (a line; its trailing newline removed).
fn read_stdin(what: &str) -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_line(&mut text)
        .map_err(|e| anyhow::anyhow!("cannot read {what} from standard input: {e}"))?;
    let value = text.trim_end_matches(['\n', '\r']).to_string();
    if value.is_empty() {
        return Err(anyhow::anyhow!("{what} read from standard input is empty"));
    }
    Ok(value)
}

/// Delivers what the webhook sinks are owed (new changes and retries), reporting on stderr.
pub async fn deliver(store: &SharedStore, sender: &Sender, now: DateTime<Utc>) {
    lookout_alerts::reminders::record_due_shared(store, now).await;
    report(&deliver_webhooks(store, sender, now, &chrono::Local).await);
}

/// `lookout watch`'s alert loop (the same as the app's, without OS notifications), reporting
/// what each pass delivered on stderr.
pub async fn deliver_on_change(store: SharedStore, sender: Sender, events: EventsStored) {
    let setup = AlertLoop {
        store,
        sender,
        events,
        clock: std::sync::Arc::new(lookout_core::SystemClock),
        tz: chrono::Local,
        os_notifications: false,
    };
    run_alert_loop(setup, |pass| report(&pass.webhooks)).await;
}

fn report(outcome: &lookout_alerts::Result<DeliveryReport>) {
    match outcome {
        Ok(report) if *report != DeliveryReport::default() => complain!(
            "alerts: {} sent, {} to retry, {} given up",
            report.sent,
            report.retrying,
            report.failed
        ),
        Ok(_) => {}
        Err(error) => complain!("lookout: alerts: {error}"),
    }
}
