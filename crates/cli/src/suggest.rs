//! `lookout suggest [PATH…] [--add] [--json]`: the catalogue's vendors a project's manifests
//! depend on, each with the packages that point to it ("Stripe — stripe 14.2.0 in
//! package.json"), those watched already marked and those that cannot be watched said so, with
//! why; `--add` watches the others (never one that cannot be watched), each through the
//! catalogue as `lookout add <name>` does. Nothing is read outside the paths given, nothing is
//! sent anywhere but the status pages `--add` reads.

use crate::output;
use anyhow::Result;
use lookout_api::{SuggestionEvidence, SuggestionRow};
use lookout_engine::operations::suggestions::SuggestedVendor;
use lookout_engine::{Access, Lookout};
use std::path::PathBuf;

/// What `lookout suggest` is asked.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// Folders or files to read (default: .).
    paths: Vec<PathBuf>,
    /// Watch the vendors found that are not watched yet (as `lookout add <name>`), saying what
    /// was added; one whose page cannot be read now is said, the others still added.
    #[arg(long)]
    add: bool,
    /// Print JSON: [{vendor, catalogue_url, watching, cannot_watch (only when it cannot be
    /// watched: why), evidence: [{ecosystem, package, version, file}]}] (with --add, as it is
    /// after adding).
    #[arg(long)]
    json: bool,
}

impl SuggestArgs {
    /// The database is written only to add.
    pub fn access(&self) -> Access {
        if self.add {
            Access::Write
        } else {
            Access::Reports
        }
    }
}

/// Runs `lookout suggest`.
pub async fn run(lookout: &Lookout, args: SuggestArgs) -> Result<u8> {
    suggest(lookout, args.paths, args.add, args.json).await
}

/// Seconds between polls of a vendor `--add` watches (as `lookout add`'s default).
const INTERVAL: u32 = 60;

/// Prints what the manifests under `paths` (the current folder when none) suggest, and with
/// `add` watches the vendors not watched yet; exit code 0 (a page that cannot be read now is
/// said, the others still added).
async fn suggest(lookout: &Lookout, paths: Vec<PathBuf>, add: bool, json: bool) -> Result<u8> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let found = lookout.suggestions_from(paths.clone()).await?;
    for note in &found.notes {
        complain!("lookout: {note}");
    }
    let mut vendors = found.vendors;
    if !json {
        print_text(&vendors, &paths, add);
    }
    if add {
        let added = add_vendors(lookout, &vendors, &|vendor| vendor.to_string(), json).await;
        for vendor in vendors.iter_mut() {
            vendor.watching |= added.contains(&vendor.vendor);
        }
    }
    if json {
        let rows: Vec<SuggestionRow> = vendors.iter().map(SuggestionRow::new).collect();
        output::json(&rows)?;
    }
    Ok(0)
}

/// One line per vendor with its first piece of evidence, the others indented under it, and what
/// to do next.
fn print_text(vendors: &[SuggestedVendor], paths: &[PathBuf], add: bool) {
    if vendors.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        say!("no vendor from the catalogue found in {}", shown.join(", "));
        return;
    }
    for vendor in vendors {
        let rows = SuggestionRow::new(vendor).evidence;
        let watching = if vendor.watching { " (watching)" } else { "" };
        let mut lines = rows.iter().map(evidence_line);
        let first = lines.next().unwrap_or_default();
        say!("{}{watching} — {first}", vendor.vendor);
        for line in lines {
            say!("  {line}");
        }
        if let Some(reason) = &vendor.cannot_watch {
            say!("  cannot be watched: {reason}");
        }
    }
    let new = vendors
        .iter()
        .filter(|v| !v.watching && v.cannot_watch.is_none())
        .count();
    if new > 0 && !add {
        say!("{new} not watched yet: `lookout suggest --add` watches them");
    }
}

/// "stripe 14.2.0 in package.json" (the version left out when none is known).
fn evidence_line(evidence: &SuggestionEvidence) -> String {
    match &evidence.version {
        Some(version) => format!("{} {version} in {}", evidence.package, evidence.file),
        None => format!("{} in {}", evidence.package, evidence.file),
    }
}

/// Watches each vendor not watched yet, its page found from `page_of(vendor name)` (the name
/// itself: the catalogue's page, as `lookout add <name>` finds it), saying what was added and
/// what could not be (on standard error under `--json`); the names of those added.
async fn add_vendors(
    lookout: &Lookout,
    vendors: &[SuggestedVendor],
    page_of: &(dyn Fn(&str) -> String + Sync),
    json: bool,
) -> Vec<String> {
    let mut added = Vec::new();
    for vendor in vendors.iter().filter(|v| !v.watching) {
        if let Some(reason) = &vendor.cannot_watch {
            let line = format!(
                "{}: not added, it cannot be watched: {reason}",
                vendor.vendor
            );
            if json {
                complain!("lookout: {line}");
            } else {
                say!("{line}");
            }
            continue;
        }
        let page = page_of(&vendor.vendor);
        let line = match lookout
            .add_provider(&page, Some(&vendor.vendor), INTERVAL)
            .await
        {
            Ok(done) => {
                added.push(vendor.vendor.clone());
                format!(
                    "added {} (#{}, {}, {} components)",
                    done.provider.name,
                    done.provider.id,
                    done.provider.platform,
                    done.found.detected.snapshot.components.len()
                )
            }
            Err(error) => format!(
                "{}: not added, its page cannot be read now ({error})",
                vendor.vendor
            ),
        };
        if json {
            complain!("lookout: {line}");
        } else {
            say!("{line}");
        }
    }
    added
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod tests;
