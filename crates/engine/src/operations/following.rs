//! Following a team's `lookout serve` instead of the vendors: the server's providers become this
//! engine's, each read from the Statuspage documents the server republishes
//! (`/providers/{id}/api/v2/`), so polling, history, rules and notifications work as for any
//! page while nothing but the server is read. The choice lives in `following.json` beside the
//! database the user watches locally, and following uses a database of its own beside it, so
//! watching locally again finds that one as it was.

use crate::{EngineError, Lookout};
use lookout_core::{masked_url, masked_urls_in, Platform};
use lookout_poller::Fetched;
use lookout_store::NewProvider;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use url::Url;

/// The most seconds between two reads of a followed provider (the server's own interval when
/// shorter): a follower hears of a change at most this long after its server.
pub const FOLLOW_INTERVAL_MAX_SECS: u32 = 60;

/// What `following.json` holds: the server's address and its token, if it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Following {
    /// The server's address (`http://lookout.internal:8787`).
    pub url: String,
    /// Its token (`--token-file` of `lookout serve`), when it asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// A server to follow, checked: its base address, with the token as Basic credentials (how
/// `lookout serve` takes it from a client that cannot send a header of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    base: Url,
}

impl Server {
    /// Checks `following`: an http or https address (nothing after its path but a slash) and a
    /// token of printable ASCII without spaces.
    pub fn new(following: &Following) -> Result<Server, EngineError> {
        let bad =
            |why: &str| EngineError::InvalidInput(format!("cannot follow this server: {why}"));
        let mut base = Url::parse(following.url.trim())
            .map_err(|e| bad(&format!("{e} (a URL such as http://lookout.internal:8787)")))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(bad("its address starts with http:// or https://"));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(bad("give the token apart from the address"));
        }
        base.set_query(None);
        base.set_fragment(None);
        let path = base.path().trim_end_matches('/').to_string();
        base.set_path(&format!("{path}/"));
        if let Some(token) = following.token.as_deref().map(str::trim) {
            if token.is_empty() || !token.chars().all(|c| c.is_ascii_graphic()) {
                return Err(bad("a token is printable ASCII without spaces"));
            }
            let _ = base.set_username("lookout");
            let _ = base.set_password(Some(token));
        }
        Ok(Server { base })
    }

    /// Its address for people and logs: the token masked.
    pub fn masked(&self) -> String {
        masked_url(self.base.as_str())
    }

    /// Where one of its providers is read (a Statuspage page's base).
    fn provider_url(&self, id: i64) -> String {
        self.base
            .join(&format!("providers/{id}/"))
            .map_or_else(|_| self.base.to_string(), String::from)
    }

    fn providers_url(&self) -> String {
        self.base
            .join("api/v1/providers")
            .map_or_else(|_| self.base.to_string(), String::from)
    }

    /// Whether `url` is one of this server's providers.
    fn serves(&self, url: &str) -> bool {
        url.starts_with(self.base.as_str())
    }
}

/// `following.json` beside the database `db` the user watches locally.
pub fn following_file(db: &Path) -> PathBuf {
    db.with_file_name("following.json")
}

/// The database used while following, beside `db`: `<name>-following.db`.
pub fn following_database(db: &Path) -> PathBuf {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("lookout");
    db.with_file_name(format!("{stem}-following.db"))
}

/// The server followed, if `following.json` beside `db` names one.
pub fn read_following(db: &Path) -> Result<Option<Following>, EngineError> {
    let file = following_file(db);
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            EngineError::InvalidInput(format!("{} cannot be read: {e}", file.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(EngineError::Start(e)),
    }
}

/// Writes `following.json` beside `db` (readable by its owner alone: it holds the token), or
/// removes it when `following` is `None`.
pub fn write_following(db: &Path, following: Option<&Following>) -> Result<(), EngineError> {
    let file = following_file(db);
    let Some(following) = following else {
        return match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(EngineError::Start(e)),
            _ => Ok(()),
        };
    };
    let text = serde_json::to_vec_pretty(following)
        .map_err(|e| EngineError::InvalidInput(e.to_string()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    options.open(&file)?.write_all(&text)?;
    Ok(())
}

/// One provider as the server lists it (`/api/v1/providers`).
#[derive(Debug, Deserialize)]
struct Listed {
    id: i64,
    name: String,
    poll_interval_secs: u32,
}

/// What bringing the providers in line with the server did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    /// The server's providers now followed for the first time.
    pub added: Vec<String>,
    /// Providers the server no longer watches, removed.
    pub removed: Vec<String>,
}

/// How long the server's event stream may stay silent (it sends a heartbeat every 15 s) before
/// it is taken as lost and opened again.
const EVENTS_SILENT_AT_MOST: Duration = Duration::from_secs(45);

/// The longest wait before opening a lost event stream again (1 s, doubling, up to this).
const EVENTS_RETRY_AT_MOST: Duration = Duration::from_secs(60);

/// The settings that say who is told what, whatever is watched: the global alert rules (events
/// chosen, quiet hours, pause, reminders) and the app's own (`app`).
const CARRIED_SETTINGS: [&str; 2] = ["alerts", "app"];

impl Lookout {
    /// Copies this engine's global alert rules, quiet hours, pause and the app's settings into
    /// the database at `other` (the one following a server uses), so the same rules decide what
    /// notifies there. This engine's database is only read.
    pub async fn carry_settings_to(&self, other: PathBuf) -> Result<(), EngineError> {
        let values = self
            .reader
            .run(|store| {
                CARRIED_SETTINGS
                    .iter()
                    .map(|key| Ok((*key, store.setting::<serde_json::Value>(key)?)))
                    .collect::<Result<Vec<_>, lookout_store::StoreError>>()
            })
            .await?;
        let write = move || {
            let mut target = lookout_store::Store::open(&other)?;
            for (key, value) in values {
                if let Some(value) = value {
                    target.set_setting(key, &value)?;
                }
            }
            Ok::<_, lookout_store::StoreError>(())
        };
        // SQLite off the async threads, as every store operation.
        tokio::task::spawn_blocking(write)
            .await
            .map_err(|e| EngineError::Start(std::io::Error::other(e)))??;
        Ok(())
    }

    /// Follows the server's live events (`/api/v1/events`) until `stop`: every event it stores
    /// makes this engine read the server's documents at once, so a change reaches the follower
    /// seconds after the server sees it, not at its next read. A lost stream is opened again
    /// after 1 s, doubling up to a minute; the reads on their interval go on meanwhile.
    pub async fn follow_events(&self, server: &Server, stop: CancellationToken) {
        let url = server
            .base
            .join("api/v1/events")
            .map_or_else(|_| server.base.to_string(), String::from);
        let mut wait = Duration::from_secs(1);
        while !stop.is_cancelled() {
            match self.read_events(&url, &stop).await {
                Ok(()) => wait = Duration::from_secs(1),
                Err(why) => log::info!("{}: events: {why}", server.masked()),
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(wait) => {}
            }
            wait = (wait * 2).min(EVENTS_RETRY_AT_MOST);
        }
    }

    /// Reads one connection of the event stream, asking for a refresh at each event; `Ok` when
    /// it had events and then ended.
    async fn read_events(&self, url: &str, stop: &CancellationToken) -> Result<(), String> {
        let request = self.fetcher.http().client().get(url);
        let mut response = request
            .header("Accept", "text/event-stream")
            .send()
            .await
            .map_err(|e| masked_urls_in(&e.to_string()))?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status().as_u16()));
        }
        let mut had_events = false;
        loop {
            let chunk = tokio::select! {
                _ = stop.cancelled() => return Ok(()),
                next = tokio::time::timeout(EVENTS_SILENT_AT_MOST, response.chunk()) => next,
            };
            match chunk {
                Err(_) => return Err("silent for too long".into()),
                Ok(Err(e)) => return Err(masked_urls_in(&e.to_string())),
                Ok(Ok(None)) if had_events => return Ok(()),
                Ok(Ok(None)) => return Err("closed".into()),
                Ok(Ok(Some(bytes))) => {
                    let text = String::from_utf8_lossy(&bytes);
                    if text.starts_with("data:") || text.contains("\ndata:") {
                        had_events = true;
                        self.refresh.now();
                    }
                }
            }
        }
    }

    /// How many providers `server` watches: whether it answers as a Lookout server and takes
    /// the token, before it is followed.
    pub async fn check_server(&self, server: &Server) -> Result<usize, EngineError> {
        Ok(self.server_providers(server).await?.len())
    }

    async fn server_providers(&self, server: &Server) -> Result<Vec<Listed>, EngineError> {
        let url = server.providers_url();
        let Fetched::Body { bytes, .. } = self.fetcher.fetch(&url, None, self.clock.now()).await?
        else {
            return Err(EngineError::InvalidInput(format!(
                "{} answered no list of providers",
                server.masked()
            )));
        };
        serde_json::from_slice(&bytes).map_err(|e| {
            EngineError::InvalidInput(format!("{} is not a Lookout server: {e}", server.masked()))
        })
    }

    /// Makes this engine's providers the server's: one per provider it watches, read from its
    /// Statuspage documents; those it no longer watches removed. Refused (nothing changed) when
    /// the server cannot be read or refuses the token.
    pub async fn sync_with_server(&self, server: &Server) -> Result<Synced, EngineError> {
        let now = self.clock.now();
        let listed = self.server_providers(server).await?;
        let wanted: Vec<NewProvider> = listed
            .iter()
            .map(|p| NewProvider {
                name: p.name.clone(),
                url: server.provider_url(p.id),
                platform: Platform::Statuspage,
                poll_interval_secs: p.poll_interval_secs.clamp(10, FOLLOW_INTERVAL_MAX_SECS),
            })
            .collect();
        let server = server.clone();
        let synced = self
            .store
            .run(move |store| {
                let have = store.providers()?;
                let mut synced = Synced::default();
                for old in have.iter().filter(|p| server.serves(&p.url)) {
                    if !wanted.iter().any(|w| w.url == old.url) {
                        store.remove_provider(old.id)?;
                        synced.removed.push(old.name.clone());
                    }
                }
                for new in wanted
                    .iter()
                    .filter(|w| !have.iter().any(|h| h.url == w.url))
                {
                    store.add_provider(new, now)?;
                    synced.added.push(new.name.clone());
                }
                Ok::<_, lookout_store::StoreError>(synced)
            })
            .await?;
        if !synced.added.is_empty() || !synced.removed.is_empty() {
            self.refresh.now();
        }
        Ok(synced)
    }
}
