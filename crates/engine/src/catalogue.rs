//! Catalogue updates without a release: a newer catalogue fetched (`lookout catalog update`, the
//! app's weekly check), its minisign signature verified against the trusted key, refused when it
//! is not newer than the one in use (no rollback), too large, too slow or malformed; else
//! written beside the database and made the one in use at once. At start, a front end makes the
//! installed file the one in use ([`load_installed`]) when it is newer than the built-in one (the
//! floor). The format and the maintainers' side: `docs/catalogue.md`.

pub(crate) mod check;
mod document;
mod key;

pub use check::{CatalogueCheck, CatalogueChecked, CatalogueSettings, WEEK};
pub use document::{changes, read, verify, Changes, Read};
pub use key::{TrustedKey, KEY_VARIABLE, PUBLIC_KEY};

use crate::error::{CatalogueRefusal, EngineError};
use chrono::{DateTime, Utc};
use lookout_core::catalog_in_use;
use lookout_core::masked_url;
use lookout_poller::{Fetched, Fetcher, PollError};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where catalogue updates are published: the `catalogue` release's two assets,
/// `catalogue.json` and `catalogue.json.minisig`.
pub const DEFAULT_URL: &str =
    "https://github.com/lookout-status/lookout/releases/download/catalogue/catalogue.json";

/// The largest catalogue file accepted (16 MiB: 5,000 entries take about 1.5 MiB). A larger
/// one is refused as soon as it is known to be larger, without reading the rest.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The largest signature file accepted (a minisign signature takes about 300 bytes).
pub const SIGNATURE_MAX_BYTES: u64 = 4 * 1024;

/// The time allowed for each of the two downloads, unless the caller chooses another.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The installed catalogue's files: `catalogue.json` and `catalogue.json.minisig` in the data
/// folder, beside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFiles {
    folder: PathBuf,
}

impl CatalogueFiles {
    /// The files beside the database file `db`.
    pub fn beside(db: &Path) -> CatalogueFiles {
        let folder = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        CatalogueFiles {
            folder: folder.to_path_buf(),
        }
    }

    /// The catalogue file.
    pub fn catalogue(&self) -> PathBuf {
        self.folder.join("catalogue.json")
    }

    /// Its signature.
    pub fn signature(&self) -> PathBuf {
        self.folder.join("catalogue.json.minisig")
    }
}

/// Where to fetch an update from and how.
#[derive(Debug, Clone)]
pub struct UpdateRequest {
    /// The catalogue file's URL; its signature is this URL with `.minisig` added.
    pub url: String,
    /// The key it must be signed with.
    pub key: TrustedKey,
    /// The time allowed for each download.
    pub timeout: Duration,
}

/// A catalogue update installed and in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    /// Its version.
    pub version: u64,
    /// The version it replaces.
    pub previous: u64,
    /// What it changes.
    pub changes: Changes,
    /// Its entries this Lookout cannot use, left out.
    pub left_out: usize,
    /// The key it was verified with, in words ("key 1A2B… (built into Lookout)").
    pub verified_with: String,
    /// Where it was written.
    pub path: PathBuf,
}

/// Fetches the catalogue at `request.url` and its signature, and installs it in `files` and
/// makes it the one in use when it is signed by `request.key`, well formed, and newer than the
/// one in use; `now` reads a `Retry-After` date. Refused otherwise, the catalogue in use
/// unchanged.
pub async fn update(
    fetcher: &Fetcher,
    files: &CatalogueFiles,
    request: &UpdateRequest,
    now: DateTime<Utc>,
) -> Result<Updated, EngineError> {
    let body = download(fetcher, &request.url, MAX_BYTES, request.timeout, now).await?;
    let signature_url = format!("{}.minisig", request.url);
    let signature = download(
        fetcher,
        &signature_url,
        SIGNATURE_MAX_BYTES,
        request.timeout,
        now,
    )
    .await?;
    accept(files, &body, &signature, &request.key)
}

/// Verifies, reads, compares, installs and makes active a downloaded catalogue.
fn accept(
    files: &CatalogueFiles,
    body: &[u8],
    signature: &[u8],
    key: &TrustedKey,
) -> Result<Updated, EngineError> {
    verify(body, signature, key)?;
    let read = read(body)?;
    let in_use = catalog_in_use::in_use();
    let offered = read.catalogue.version;
    if offered <= in_use.version {
        return Err(not_newer(offered, in_use.version));
    }
    let changes = changes(&in_use.entries, &read.catalogue.entries);
    install(files, body, signature)?;
    let active =
        catalog_in_use::make_active(read.catalogue).map_err(|now| not_newer(offered, now))?;
    Ok(Updated {
        version: active.version,
        previous: in_use.version,
        changes,
        left_out: read.left_out,
        verified_with: key.to_string(),
        path: files.catalogue(),
    })
}

fn not_newer(offered: u64, in_use: u64) -> EngineError {
    CatalogueRefusal::NotNewer.because(format!(
        "its version {offered} is not newer than version {in_use}, the one in use (no rollback)"
    ))
}

/// GETs `url` within `timeout`, refusing a body over `cap` bytes without reading it all.
async fn download(
    fetcher: &Fetcher,
    url: &str,
    cap: u64,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, EngineError> {
    let limited = fetcher.with_limits(timeout, cap);
    match limited.fetch(url, None, now).await {
        Ok(Fetched::Body { bytes, .. }) => Ok(bytes),
        Ok(Fetched::NotModified) => Err(CatalogueRefusal::Unreachable.because(format!(
            "{} answered \"not modified\" to a request that asked no such thing",
            masked_url(url)
        ))),
        Err(PollError::TooLarge { .. }) => Err(CatalogueRefusal::TooLarge.because(format!(
            "{} is larger than {} MiB, the most a catalogue file may be",
            masked_url(url),
            cap / (1024 * 1024)
        ))),
        Err(PollError::Timeout { .. }) => Err(CatalogueRefusal::TooSlow.because(format!(
            "{} did not send it within {} s",
            masked_url(url),
            timeout.as_secs_f64()
        ))),
        Err(other) => Err(CatalogueRefusal::Unreachable.because(other.to_string())),
    }
}

/// Writes the verified file and its signature (each to a temporary file renamed over the old
/// one: the signature first, so a reader never sees a new file with an old signature for long,
/// and one that does falls back to the built-in catalogue, never to an unverified one).
fn install(files: &CatalogueFiles, body: &[u8], signature: &[u8]) -> Result<(), EngineError> {
    let failed = |path: &Path, e: std::io::Error| {
        CatalogueRefusal::NotInstalled.because(format!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(&files.folder).map_err(|e| failed(&files.folder, e))?;
    for (path, bytes) in [(files.signature(), signature), (files.catalogue(), body)] {
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes).map_err(|e| failed(&partial, e))?;
        std::fs::rename(&partial, &path).map_err(|e| failed(&path, e))?;
    }
    Ok(())
}

/// Makes the installed catalogue in `files` the one in use when there is one, it is signed by
/// `key`, and it is newer than the one in use (the built-in one is the floor); its version then.
/// `Ok(None)` when there is none or it is not newer; refused when it cannot be verified or read
/// (the catalogue in use unchanged).
pub fn load_installed(
    files: &CatalogueFiles,
    key: &TrustedKey,
) -> Result<Option<u64>, EngineError> {
    let path = files.catalogue();
    let unreadable = |path: &Path, e: std::io::Error| {
        CatalogueRefusal::Malformed.because(format!("cannot read {}: {e}", path.display()))
    };
    let size = match std::fs::metadata(&path) {
        Ok(metadata) => metadata.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(&path, e)),
    };
    if size > MAX_BYTES {
        return Err(CatalogueRefusal::TooLarge.because(format!(
            "{} is larger than {} MiB",
            path.display(),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let body = std::fs::read(&path).map_err(|e| unreadable(&path, e))?;
    let signature_path = files.signature();
    let signature = std::fs::read(&signature_path).map_err(|e| unreadable(&signature_path, e))?;
    verify(&body, &signature, key)?;
    let read = read(&body)?;
    Ok(catalog_in_use::make_active(read.catalogue)
        .ok()
        .map(|c| c.version))
}
