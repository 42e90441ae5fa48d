//! `lookout probe add|list|suggest|remove`: Lookout's own probes of a vendor's endpoints, run by
//! `lookout watch` (and the app) beside the status page, to notice an outage the page does not
//! admit yet.

use crate::output;
use anyhow::{anyhow, Result};
use clap::Subcommand;
use lookout_core::probe::suggested;
use lookout_core::probe::{Expect, DEFAULT_EVERY_SECS, DEFAULT_TIMEOUT_SECS, MIN_EVERY_SECS};
use lookout_core::{masked_url, masked_urls_in, ProbeId};
use lookout_engine::operations::probes::{NewProbe, Probe};
use lookout_engine::Lookout;
use serde_json::json;

/// `lookout probe …`.
#[derive(Debug, Subcommand)]
pub enum ProbeCommand {
    /// Probe a URL for a provider: an HTTP(S) GET every few seconds that must answer with the
    /// expected status (and hold the text, if given) within the time limit. A link-local or
    /// cloud metadata address (169.254.0.0/16, fe80::/10, 169.254.169.254, fd00:ec2::254,
    /// metadata.google.internal, …) is refused unless --allow-private; a name that resolves to
    /// one when the probe runs fails that run. Loopback and private ranges are allowed.
    Add {
        /// The provider (id or name).
        provider: String,
        /// The URL to request (http or https).
        url: String,
        /// The status expected: a class such as 2xx or a code such as 204.
        #[arg(long, default_value = "2xx")]
        expect: String,
        /// Text the answer must hold (in its first 64 KiB).
        #[arg(long)]
        contains: Option<String>,
        /// Seconds between runs (at least 10).
        #[arg(long, default_value_t = DEFAULT_EVERY_SECS)]
        every: u32,
        /// Seconds before a run counts as failed.
        #[arg(long, default_value_t = DEFAULT_TIMEOUT_SECS)]
        timeout: u32,
        /// Allow a link-local or cloud metadata address (what the answer holds reaches every
        /// sink through --contains: never for a URL you did not choose).
        #[arg(long)]
        allow_private: bool,
    },
    /// List probes.
    List {
        /// Print JSON: a list of {id, provider, url, every, expect, contains, timeout}. A URL's
        /// credentials and query values are shown as •••• here and everywhere else.
        #[arg(long)]
        json: bool,
    },
    /// The probes the catalogue suggests for a provider: public endpoints its vendor documents
    /// (each with where it says so); `--add` adds those not probed yet.
    Suggest {
        /// The provider (id or name).
        provider: String,
        /// Add the suggested probes (with their defaults: every 30 s, 10 s time limit).
        #[arg(long)]
        add: bool,
        /// Print JSON: a list of {url, expect, contains, source}.
        #[arg(long, conflicts_with = "add")]
        json: bool,
    },
    /// Remove a probe.
    Remove {
        /// Its id (see `lookout probe list`).
        id: i64,
    },
}

/// Runs one `lookout probe` subcommand.
pub async fn probes(lookout: &Lookout, command: ProbeCommand) -> Result<u8> {
    match command {
        ProbeCommand::Add {
            provider,
            url,
            expect,
            contains,
            every,
            timeout,
            allow_private,
        } => {
            if every < MIN_EVERY_SECS {
                return Err(anyhow!(
                    "--every {every} is too often: a probe runs at most every {MIN_EVERY_SECS} s"
                ));
            }
            let expect = Expect::parse(&expect).map_err(|why| anyhow!("--expect: {why}"))?;
            let provider = crate::provider_arg::provider(lookout, &provider).await?;
            let new = NewProbe {
                provider_id: provider.id,
                url,
                every_secs: every,
                expect,
                contains: contains.filter(|t| !t.is_empty()),
                timeout_secs: timeout.min(every),
                allow_private,
            };
            let added = lookout.add_probe(new).await?;
            say!(
                "probe #{} of {} added: {} every {} s, expecting {}",
                added.id,
                added.provider,
                masked_url(&added.url),
                added.every_secs,
                added.expect
            );
            Ok(0)
        }
        ProbeCommand::List { json } => list(lookout, json).await,
        ProbeCommand::Suggest {
            provider,
            add,
            json,
        } => suggest(lookout, &provider, add, json).await,
        ProbeCommand::Remove { id } => {
            let removed = lookout.remove_probe(ProbeId::new(id)).await?;
            say!(
                "removed probe #{} ({})",
                removed.id,
                masked_url(&removed.url)
            );
            Ok(0)
        }
    }
}

async fn suggest(lookout: &Lookout, provider: &str, add: bool, json: bool) -> Result<u8> {
    let provider = crate::provider_arg::provider(lookout, provider).await?;
    let suggestions = suggested::for_provider(&provider.name, &provider.url);
    if json {
        output::json(&suggestions)?;
        return Ok(0);
    }
    if suggestions.is_empty() {
        say!(
            "no suggestion for {}: its vendor documents no public endpoint Lookout knows of; \
             add any URL with: lookout probe add {:?} <URL>",
            provider.name,
            provider.name
        );
        return Ok(0);
    }
    let probed: Vec<String> = lookout
        .probes(Some(provider.id))
        .await?
        .into_iter()
        .map(|p| p.url)
        .collect();
    for s in suggestions {
        let expect = s.expectation().map_err(|why| anyhow!("{}: {why}", s.url))?;
        if probed.contains(&s.url) {
            say!("{} (expect {expect}) — probed already", s.url);
        } else if add {
            let new = NewProbe {
                provider_id: provider.id,
                url: s.url.clone(),
                every_secs: DEFAULT_EVERY_SECS,
                expect,
                contains: s.contains.clone(),
                timeout_secs: DEFAULT_TIMEOUT_SECS,
                allow_private: false,
            };
            let added = lookout.add_probe(new).await?;
            say!("probe #{} added: {} (expect {expect})", added.id, added.url);
        } else {
            say!("{} (expect {expect})", s.url);
        }
        say!("  source: {}", s.source);
    }
    if !add {
        say!(
            "add them with: lookout probe suggest {:?} --add",
            provider.name
        );
    }
    Ok(0)
}

async fn list(lookout: &Lookout, json: bool) -> Result<u8> {
    let probes = lookout.probes(None).await?;
    if json {
        let rows: Vec<serde_json::Value> = probes.iter().map(row).collect();
        output::json(&rows)?;
    } else if probes.is_empty() {
        say!("no probes yet: lookout probe add <provider> <URL>");
    }
    if !json {
        for p in &probes {
            let state = match (&p.last_error, p.failures) {
                (Some(error), failures) if failures > 0 => {
                    format!("failing ({failures} in a row): {}", masked_urls_in(error))
                }
                _ if p.last_run_at.is_some() => "passing".to_string(),
                _ => "not run yet".to_string(),
            };
            say!(
                "#{:<3} {:<20} {} every {} s, expect {} — {state}",
                p.id,
                p.provider,
                masked_url(&p.url),
                p.every_secs,
                p.expect
            );
        }
    }
    Ok(0)
}

/// `{id, provider, url, every, expect, contains, timeout}`, the URL's secrets masked.
fn row(p: &Probe) -> serde_json::Value {
    json!({
        "id": p.id, "provider": p.provider, "url": masked_url(&p.url), "every": p.every_secs,
        "expect": p.expect, "contains": p.contains, "timeout": p.timeout_secs,
    })
}
