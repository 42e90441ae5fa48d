//! The alert sinks subcommand (`sinks`) and the webhook deliveries that `poll` and `watch`
//! make: the same rules and ledger as the desktop app, so Lookout can alert from a server.

use crate::output;
use anyhow::Result;
use clap::{Args, Subcommand};
use lookout_core::SinkId;
use lookout_engine::operations::alerts::{
    email_sink_url as stored_url, DeliveryReport, NewSink, SinkKind,
};
use lookout_engine::Lookout;

/// `lookout sinks add`'s arguments (their Debug output hides the URL, key and password).
#[derive(Args)]
pub struct AddSink {
    /// slack, discord, teams, webhook, pagerduty, opsgenie or email.
    kind: String,
    /// The webhook URL (https; http only to this machine); for pagerduty the ROUTING_KEY
    /// (the integration key of an Events API v2 integration), for opsgenie the API_KEY (of
    /// an API integration), for email the mail server: smtps://[USER@]HOST[:PORT] (TLS, 465),
    /// smtp+starttls://[USER@]HOST[:PORT] (STARTTLS required, 587) or smtp://HOST[:PORT]
    /// (no encryption: a relay on this machine only). `-` reads it from standard input.
    #[arg(
        env = "LOOKOUT_SINK_URL",
        hide_env_values = true,
        value_name = "URL_OR_KEY"
    )]
    url: String,
    /// A name for it (default: the kind).
    #[arg(long)]
    name: Option<String>,
    /// For `webhook`: sign each body, `X-Lookout-Signature: sha256=<HMAC-SHA256 hex>`;
    /// `-` reads it from standard input.
    #[arg(long, env = "LOOKOUT_SINK_SECRET", hide_env_values = true)]
    secret: Option<String>,
    /// For pagerduty and opsgenie: the API's address instead of the vendor's
    /// (https://events.pagerduty.com/v2/enqueue, https://api.opsgenie.com; e.g.
    /// https://api.eu.opsgenie.com for Opsgenie's EU region).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// For email: who receives the alerts (several: comma-separated).
    #[arg(long, value_name = "ADDR")]
    to: Option<String>,
    /// For email: who sends them (default: the user when it is an address, else
    /// lookout@HOST).
    #[arg(long, value_name = "ADDR")]
    from: Option<String>,
    /// For email: the user to log in as (default: the URL's).
    #[arg(long)]
    user: Option<String>,
    /// For email: the password (default: the URL's); `-` reads it from standard input.
    #[arg(long, env = "LOOKOUT_SINK_PASSWORD", hide_env_values = true)]
    password: Option<String>,
}

impl std::fmt::Debug for AddSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |v: &Option<String>| v.as_ref().map(|_| "<redacted>");
        f.debug_struct("AddSink")
            .field("kind", &self.kind)
            .field("url", &"<redacted>")
            .field("name", &self.name)
            .field("secret", &hidden(&self.secret))
            .field("endpoint", &self.endpoint)
            .field("to", &self.to)
            .field("from", &self.from)
            .field("user", &self.user)
            .field("password", &hidden(&self.password))
            .finish()
    }
}

/// `lookout sinks …`
#[derive(Debug, Subcommand)]
pub enum SinksCommand {
    /// Send alerts to a Slack, Discord or Teams webhook, to any URL as signed JSON, to
    /// PagerDuty or Opsgenie (incidents and suspected outages page, and resolve when they end),
    /// or by e-mail. Keep URLs, keys and passwords out of the process list: give `-` to read one
    /// of them from standard input, or set LOOKOUT_SINK_URL / LOOKOUT_SINK_SECRET /
    /// LOOKOUT_SINK_PASSWORD.
    ///
    ///   lookout sinks add slack https://hooks.slack.com/services/…
    ///   lookout sinks add pagerduty - < routing-key.txt
    ///   lookout sinks add opsgenie - --endpoint https://api.eu.opsgenie.com < api-key.txt
    ///   lookout sinks add email smtp+starttls://bot@mail.example.com --to ops@example.com --password -
    #[command(verbatim_doc_comment)]
    Add(Box<AddSink>),
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
pub async fn sinks(lookout: &Lookout, command: SinksCommand) -> Result<u8> {
    match command {
        SinksCommand::Add(add) => {
            let AddSink {
                kind,
                url,
                name,
                secret,
                endpoint,
                to,
                from,
                user,
                password,
            } = *add;
            let mail = MailFlags {
                to,
                from,
                user,
                password,
            };
            let new = new_sink(kind, url, name, secret, endpoint, mail)?;
            let sink = lookout.add_sink(new).await?;
            say!(
                "added sink #{} {} ({}, {})",
                sink.id,
                sink.name,
                sink.kind,
                sink.url
            );
        }
        SinksCommand::List { json } => list(lookout, json).await?,
        SinksCommand::Remove { id } => {
            let sink = lookout.remove_sink(SinkId::new(id)).await?;
            say!("removed sink #{} {}", sink.id, sink.name);
        }
        SinksCommand::Test { id } => {
            lookout.test_sink(SinkId::new(id)).await?;
            say!("test alert sent to sink #{id}");
        }
        SinksCommand::Log { limit, json } => delivery_log(lookout, limit, json).await?,
    }
    Ok(0)
}

/// `sinks add email`'s flags.
struct MailFlags {
    to: Option<String>,
    from: Option<String>,
    user: Option<String>,
    password: Option<String>,
}

/// Refuses the flags that do not fit a sink of `kind`.
fn check_flags(kind: SinkKind, secret: bool, endpoint: bool, mail: &MailFlags) -> Result<()> {
    let is_mail = kind == SinkKind::Email;
    let mail_flag = [&mail.to, &mail.from, &mail.user, &mail.password]
        .iter()
        .any(|f| f.is_some());
    if mail_flag && !is_mail {
        anyhow::bail!("--to, --from, --user and --password are for email sinks");
    }
    if endpoint && !kind.pages() {
        anyhow::bail!("--endpoint is for pagerduty and opsgenie sinks");
    }
    if secret && (kind.pages() || is_mail) {
        anyhow::bail!(
            "--secret is for webhooks: give the {} key as the argument{}",
            kind.label(),
            if is_mail { " (e-mail: --password)" } else { "" }
        );
    }
    Ok(())
}

/// The sink `sinks add` asks for: the positional is a URL or (pagerduty, opsgenie) a key; flags
/// that do not fit the kind are refused; values given as `-` are read from standard input.
fn new_sink(
    kind: String,
    given: String,
    name: Option<String>,
    secret: Option<String>,
    endpoint: Option<String>,
    mail: MailFlags,
) -> Result<NewSink> {
    let parsed = SinkKind::parse(&kind)?;
    let is_mail = parsed == SinkKind::Email;
    check_flags(parsed, secret.is_some(), endpoint.is_some(), &mail)?;
    let stdin_wanted = [Some(&given), secret.as_ref(), mail.password.as_ref()]
        .iter()
        .filter(|v| v.is_some_and(|v| v == "-"))
        .count();
    if stdin_wanted > 1 {
        anyhow::bail!(
            "only one value can be read from standard input; give the other in \
             LOOKOUT_SINK_URL, LOOKOUT_SINK_SECRET or LOOKOUT_SINK_PASSWORD"
        );
    }
    let read = |value: Option<String>, what: &str| match value.as_deref() {
        Some("-") => read_stdin(what).map(Some),
        _ => Ok(value),
    };
    let what = if parsed.pages() { "the key" } else { "the URL" };
    let given = read(Some(given), what)?.unwrap_or_default();
    let secret = read(secret, "the secret")?;
    let password = read(mail.password, "the password")?;
    let (url, secret) = if parsed.pages() {
        (endpoint.unwrap_or_default(), Some(given))
    } else if is_mail {
        stored_url(
            &given,
            mail.to.as_deref(),
            mail.from.as_deref(),
            mail.user.as_deref(),
            password.as_deref(),
        )?
    } else {
        (given, secret)
    };
    Ok(NewSink {
        kind,
        name: name.unwrap_or_default(),
        url,
        secret,
    })
}

/// `lookout sinks list`.
async fn list(lookout: &Lookout, json: bool) -> Result<()> {
    let list = lookout.sinks().await?;
    if json {
        return Ok(output::json(&list)?);
    }
    for s in &list {
        let what = match SinkKind::parse(&s.kind) {
            Ok(SinkKind::PagerDuty) => "routing key",
            Ok(SinkKind::Opsgenie) => "API key",
            Ok(SinkKind::Email) => "password",
            _ => "signed (secret",
        };
        let signed = match (&s.secret_hint, what.starts_with("signed")) {
            (Some(hint), true) => format!(", {what} {hint})"),
            (Some(hint), false) => format!(", {what} {hint}"),
            (None, _) => String::new(),
        };
        say!(
            "#{:<3} {:<9} {:<20} {}{signed}",
            s.id,
            s.kind,
            s.name,
            s.url
        );
    }
    Ok(())
}

/// `lookout sinks log`.
async fn delivery_log(lookout: &Lookout, limit: u32, json: bool) -> Result<()> {
    let rows = lookout.delivery_log(limit).await?;
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

/// Tells what the sinks' deliveries did, on standard error.
pub fn report<E: std::fmt::Display>(outcome: &Result<DeliveryReport, E>) {
    match outcome {
        Ok(report) if *report != DeliveryReport::default() => output::stderr_line(
            log::Level::Info,
            format_args!(
                "alerts: {} sent, {} to retry, {} given up",
                report.sent, report.retrying, report.failed
            ),
        ),
        Ok(_) => {}
        Err(error) => complain!("lookout: alerts: {error}"),
    }
}
