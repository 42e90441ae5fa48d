//! `lookout catalog search|list|update`: the catalogue in use (the built-in one, or the newer
//! one installed beside the database) searched (best match first) or browsed by category, as
//! text for people or JSON; and updated from a signed file.

use crate::output;
use crate::CatalogCommand;
use anyhow::Result;
use lookout_core::catalog::{self, Entry};
use lookout_core::{Clock, SystemClock};
use lookout_engine::catalogue::{self as updates, CatalogueFiles, TrustedKey, UpdateRequest};
use lookout_engine::{CatalogueRefusal, EngineError, Fetcher};
use serde_json::json;
use std::path::Path;
use std::time::Duration;

/// The installed catalogue's files (beside `db`, or the per-user database) and the key it is
/// checked with.
pub struct Installed {
    files: Option<CatalogueFiles>,
    key: Result<TrustedKey, EngineError>,
}

/// Makes the catalogue installed beside the database (`db`, or the per-user one) the one in use
/// when it is newer than the built-in one; says why on standard error when it cannot be used.
pub fn use_installed(db: Option<&Path>) -> Installed {
    let files = match db {
        Some(path) => Some(CatalogueFiles::beside(path)),
        None => lookout_engine::default_db_path().map(|path| CatalogueFiles::beside(&path)),
    };
    let key = TrustedKey::from_environment();
    let Some(installed) = files.as_ref() else {
        return Installed { files, key };
    };
    let why = match &key {
        Ok(key) => updates::load_installed(installed, key)
            .err()
            .map(|error| reason(&error)),
        Err(_) if !installed.catalogue().exists() => None,
        Err(error) => Some(reason(error)),
    };
    if let Some(why) = why {
        complain!(
            "lookout: the installed catalogue {} is not used: {why}",
            installed.catalogue().display()
        );
    }
    Installed { files, key }
}

/// A refusal's reason alone ("it is signed by another key than …"), any other error in full.
fn reason(error: &EngineError) -> String {
    match error {
        EngineError::CatalogueRefused { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

/// Runs `lookout catalog …`; exit code 1 when nothing is shown (see `update` for its own).
pub async fn run(command: CatalogCommand, installed: Installed, fetcher: &Fetcher) -> Result<u8> {
    let shown = match command {
        CatalogCommand::Search { text, json } => search(&text, json)?,
        CatalogCommand::List { category, json } => list(category, json)?,
        CatalogCommand::Update { from, timeout } => {
            return update(installed, fetcher, from, timeout).await
        }
    };
    Ok(if shown == 0 { 1 } else { 0 })
}

/// `lookout catalog update`: 0 installed, 1 not newer than the one in use, 2 refused.
async fn update(installed: Installed, fetcher: &Fetcher, from: String, timeout: u64) -> Result<u8> {
    let files = installed
        .files
        .ok_or_else(|| anyhow::anyhow!("no home directory; pass --db"))?;
    let request = UpdateRequest {
        url: from,
        key: installed.key?,
        timeout: Duration::from_secs(timeout),
    };
    let now = SystemClock.now();
    match updates::update(fetcher, &files, &request, now).await {
        Ok(updated) => {
            say!(
                "catalogue updated to version {} (was {}): {}",
                updated.version,
                updated.previous,
                updated.changes
            );
            if updated.left_out > 0 {
                say!(
                    "{} entries this Lookout cannot use were left out",
                    updated.left_out
                );
            }
            say!("verified with {}", updated.verified_with);
            say!("installed in {}", updated.path.display());
            Ok(0)
        }
        Err(error @ EngineError::CatalogueRefused { refusal, .. }) => {
            complain!("lookout: {error}; the catalogue in use is unchanged");
            Ok(if refusal == CatalogueRefusal::NotNewer {
                1
            } else {
                2
            })
        }
        Err(other) => Err(other.into()),
    }
}

/// The best 20 matches: `{name, url, platform, category}` each in JSON (with `readable: false`
/// and the `reason` for a service that cannot be watched), one line each in text.
fn search(text: &str, json: bool) -> Result<usize> {
    let entries = catalog::search(text, 20);
    if json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                let mut row = json!({"name": e.name, "url": e.url, "platform": e.platform, "category": e.category});
                if !e.readable {
                    row["readable"] = json!(false);
                    row["reason"] = json!(e.reason);
                }
                row
            })
            .collect();
        output::json(&rows)?;
    } else if entries.is_empty() {
        say!("nothing in the catalogue matches; paste the status page's URL instead");
    } else {
        for e in &entries {
            say!(
                "{:<28} {:<20} {:<12} {}{}",
                e.name,
                e.category,
                e.platform,
                e.url,
                not_readable(e)
            );
        }
    }
    Ok(entries.len())
}

/// Every entry (or one category's), by category then name: every field in JSON; in text, a
/// heading per category with its count, then one indented line per service.
fn list(category: Option<&'static str>, json: bool) -> Result<usize> {
    let groups = catalog::by_category(category);
    let count = groups.iter().map(|(_, members)| members.len()).sum();
    if json {
        let entries: Vec<&Entry> = groups.into_iter().flat_map(|(_, m)| m).collect();
        output::json(&entries)?;
        return Ok(count);
    }
    for (index, (name, members)) in groups.iter().enumerate() {
        if index > 0 {
            say!("");
        }
        say!("{name} ({})", members.len());
        for e in members {
            say!(
                "  {:<32} {:<12} {}{}",
                e.name,
                e.platform,
                e.url,
                not_readable(e)
            );
        }
    }
    Ok(count)
}

/// The mark of a service that cannot be watched, with why, after its line; nothing otherwise.
fn not_readable(entry: &Entry) -> String {
    match (entry.readable, entry.reason.as_deref()) {
        (true, _) => String::new(),
        (false, Some(reason)) => format!("  [not readable: {reason}]"),
        (false, None) => "  [not readable]".to_string(),
    }
}

/// `--category`: a catalogue category as typed (any case, punctuation optional), or an error
/// naming the categories there are.
pub fn parse_category(typed: &str) -> Result<&'static str, String> {
    catalog::category(typed).ok_or_else(|| {
        format!(
            "no such category; one of: {}",
            catalog::CATEGORIES.join(", ")
        )
    })
}
