//! `lookout catalog search|list`: the built-in catalogue searched (best match first) or browsed
//! by category, as text for people or JSON.

use crate::output;
use crate::CatalogCommand;
use anyhow::Result;
use lookout_core::catalog::{self, Entry};
use serde_json::json;

/// Runs `lookout catalog …`; exit code 1 when nothing is shown.
pub fn run(command: CatalogCommand) -> Result<u8> {
    let shown = match command {
        CatalogCommand::Search { text, json } => search(&text, json)?,
        CatalogCommand::List { category, json } => list(category, json)?,
    };
    Ok(if shown == 0 { 1 } else { 0 })
}

/// The best 20 matches: `{name, url, platform, category}` each in JSON, one line each in text.
fn search(text: &str, json: bool) -> Result<usize> {
    let entries = catalog::search(text, 20);
    if json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| json!({"name": e.name, "url": e.url, "platform": e.platform, "category": e.category}))
            .collect();
        output::json(&rows)?;
    } else if entries.is_empty() {
        say!("nothing in the catalogue matches; paste the status page's URL instead");
    } else {
        for e in &entries {
            say!(
                "{:<28} {:<20} {:<12} {}",
                e.name,
                e.category,
                e.platform,
                e.url
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
            say!("  {:<32} {:<12} {}", e.name, e.platform, e.url);
        }
    }
    Ok(count)
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
