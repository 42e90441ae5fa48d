//! `lookout config export|apply`: the whole configuration as a TOML file, and a file made the
//! database's configuration (the engine's `operations::config`).

use anyhow::{Context, Result};
use clap::Subcommand;
use lookout_engine::operations::config;
use lookout_engine::Lookout;
use std::io::Read;
use std::path::{Path, PathBuf};

/// `lookout config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the whole configuration as TOML: [rules] (default events, a pause still running),
    /// [quiet_hours], [[sinks]] (kind, name, url, secret), [[providers]] (name, url, platform,
    /// interval, components, [providers.rules] with snoozes still running), [[probes]]. A sink's
    /// URL and secret are never printed: they are `${ENV_NAME}` placeholders (the ones the
    /// applied file named, else `${LOOKOUT_SINK_<NAME>_URL}` / `_SECRET`, said in a comment). A
    /// provider's or a probe's URL is printed with its credentials and query values masked
    /// (`http://••••@host/h?api_key=••••`, said in a comment): applied to the same database, a
    /// masked URL keeps the one stored; to apply the file elsewhere, write the URL out.
    Export,
    /// Make the database's configuration the file's: add, change and remove (what the file lacks
    /// is removed, a provider with its history) and print one line per item changed, or "no
    /// changes". `${ENV_NAME}` values are read from the environment (one not set is an error).
    /// A bad file is an error naming FILE:LINE:COLUMN and the key; nothing is changed then. At
    /// most 10 MB are read; a file that is larger, not UTF-8 or not TOML at all is refused as
    /// "FILE: not a Lookout configuration file", none of its content quoted. A probe of a
    /// link-local or cloud metadata address is refused unless --allow-private.
    Apply {
        /// The TOML file (as `lookout config export` writes it).
        file: PathBuf,
        /// Print what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Allow the file's probes to ask link-local and cloud metadata addresses (169.254.0.0/16,
        /// fe80::/10, metadata.google.internal, …): only for a file you wrote.
        #[arg(long)]
        allow_private: bool,
    },
}

/// Runs `lookout config …`.
pub async fn config(lookout: &Lookout, command: ConfigCommand) -> Result<u8> {
    let now = lookout.clock.now();
    match command {
        ConfigCommand::Export => {
            crate::output::text(&lookout.export_config().await?);
        }
        ConfigCommand::Apply {
            file,
            dry_run,
            allow_private,
        } => {
            let bytes = read_capped(&file)?;
            let env = |name: &str| std::env::var(name).ok();
            let name = file.display().to_string();
            let wanted = config::read(&name, &bytes, &env, now, allow_private)?;
            let changes = if dry_run {
                lookout.plan_config(wanted).await?
            } else {
                lookout.apply_config(wanted).await?
            };
            for change in &changes {
                say!("{change}");
            }
            if changes.is_empty() {
                say!("no changes");
            }
            if dry_run {
                complain!("(dry run: nothing was changed)");
            }
        }
    }
    Ok(0)
}

/// The file's first [`config::MAX_FILE_BYTES`] bytes and one more (enough to know it is too
/// large: `/dev/zero` is refused after 10 MB, not read until memory runs out).
fn read_capped(file: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(config::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("reading {}", file.display()))?;
    Ok(bytes)
}
