//! The running server: its shared state (pages, faults, hit counters, scenario stage), how it is
//! started (inside a test's tokio runtime or on its own background thread) and stopped on drop.

use crate::fault::Fault;
use crate::routes;
use crate::Dialect;
use chrono::{DateTime, Utc};
use lookout_core::Snapshot;
use std::collections::{HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// One page's current state.
#[derive(Debug, Clone)]
pub(crate) struct PageEntry {
    pub dialect: Dialect,
    pub snapshot: Snapshot,
    /// When a test last set it (`Last-Modified`).
    pub set_at: DateTime<Utc>,
}

/// The scripted scenario the control endpoints drive.
#[derive(Debug, Clone)]
pub(crate) struct ScenarioState {
    pub stage: u8,
    /// Which incident the stages play: `POST /_control/next-incident` starts another (new ids).
    pub round: u32,
    pub base_time: DateTime<Utc>,
    /// The pages it drives, with their dialects.
    pub pages: Vec<(String, Dialect)>,
}

/// State shared between the test's handle and the request handlers.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    pub base_url: String,
    pub pages: Mutex<HashMap<String, PageEntry>>,
    pub faults: Mutex<HashMap<String, Fault>>,
    pub page_hits: Mutex<HashMap<String, usize>>,
    pub path_hits: Mutex<HashMap<String, usize>>,
    pub scenario: Mutex<Option<ScenarioState>>,
    /// Raw documents served as they are, by full path: (content type, body).
    pub documents: Mutex<HashMap<String, (String, Vec<u8>)>>,
    /// Pages served with neither `ETag` nor `Last-Modified` (and never answered 304).
    pub without_validators: Mutex<HashSet<String>>,
}

/// Locks a mutex, ignoring poisoning (a panicking test thread must not wedge the server).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    /// Counts one request for its page (first path segment) and its exact path.
    pub fn count(&self, slug: &str, path: &str) {
        *lock(&self.page_hits).entry(slug.to_string()).or_default() += 1;
        *lock(&self.path_hits).entry(path.to_string()).or_default() += 1;
    }

    pub fn page(&self, slug: &str) -> Option<PageEntry> {
        lock(&self.pages).get(slug).cloned()
    }

    pub fn fault(&self, slug: &str) -> Option<Fault> {
        lock(&self.faults).get(slug).cloned()
    }

    /// Makes every request under `/<slug>/` misbehave (`None`: behave again).
    pub fn set_fault(&self, slug: &str, fault: Option<Fault>) {
        let mut faults = lock(&self.faults);
        match fault {
            Some(fault) => faults.insert(slug.to_string(), fault),
            None => faults.remove(slug),
        };
    }

    pub fn set_page(&self, slug: &str, dialect: Dialect, snapshot: Snapshot) {
        let entry = PageEntry {
            dialect,
            snapshot,
            set_at: Utc::now(),
        };
        lock(&self.pages).insert(slug.to_string(), entry);
    }

    pub fn page_url(&self, slug: &str) -> String {
        format!("{}/{slug}/", self.base_url)
    }

    pub fn document(&self, path: &str) -> Option<(String, Vec<u8>)> {
        lock(&self.documents).get(path).cloned()
    }

    pub fn sends_validators(&self, slug: &str) -> bool {
        !lock(&self.without_validators).contains(slug)
    }
}

#[derive(Debug)]
enum Runner {
    /// A task on the caller's runtime.
    Task(tokio::task::JoinHandle<()>),
    /// Its own runtime on a background thread.
    Thread {
        stop: Option<oneshot::Sender<()>>,
        thread: Option<std::thread::JoinHandle<()>>,
    },
}

/// A fake status-page server on `127.0.0.1:<port>`, serving any number of pages, each under its
/// own path prefix `/<slug>/`. It stops when dropped.
///
/// Started with [`FakeStatusServer::start`] it runs on the caller's tokio runtime (so an async
/// test must not block that runtime while talking to it); [`FakeStatusServer::start_blocking`]
/// gives it a runtime of its own for plain `#[test]`s and subprocess tests.
#[derive(Debug)]
pub struct FakeStatusServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    runner: Runner,
}

fn shared_for(addr: SocketAddr) -> Arc<Shared> {
    Arc::new(Shared {
        base_url: format!("http://{addr}"),
        ..Shared::default()
    })
}

impl FakeStatusServer {
    /// Starts on an ephemeral port, on the current tokio runtime.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_on(0).await
    }

    /// Starts on `port` (0: ephemeral), on the current tokio runtime.
    pub async fn start_on(port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let shared = shared_for(addr);
        let app = routes::router(shared.clone());
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("fake-status-server: {error}");
            }
        });
        Ok(FakeStatusServer {
            shared,
            addr,
            runner: Runner::Task(task),
        })
    }

    /// Starts on an ephemeral port with its own tokio runtime on a background thread; usable
    /// from synchronous code.
    pub fn start_blocking() -> std::io::Result<Self> {
        Self::start_blocking_on(0)
    }

    /// [`FakeStatusServer::start_blocking`] on `port` (0: ephemeral).
    pub fn start_blocking_on(port: u16) -> std::io::Result<Self> {
        let (ready_tx, ready_rx) =
            std::sync::mpsc::channel::<std::io::Result<(SocketAddr, Arc<Shared>)>>();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("fake-status-server".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("fake-status-server")
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        let _ = ready_tx.send(Err(error));
                        return;
                    }
                };
                runtime.block_on(async move {
                    let bound = async {
                        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
                        let addr = listener.local_addr()?;
                        Ok::<_, std::io::Error>((listener, addr))
                    };
                    let (listener, addr) = match bound.await {
                        Ok(bound) => bound,
                        Err(error) => {
                            let _ = ready_tx.send(Err(error));
                            return;
                        }
                    };
                    let shared = shared_for(addr);
                    let app = routes::router(shared.clone());
                    if ready_tx.send(Ok((addr, shared))).is_err() {
                        return;
                    }
                    tokio::select! {
                        result = axum::serve(listener, app) => {
                            if let Err(error) = result {
                                eprintln!("fake-status-server: {error}");
                            }
                        }
                        _ = stop_rx => {}
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(500));
            })?;
        let (addr, shared) = ready_rx
            .recv()
            .map_err(|_| std::io::Error::other("the server thread died while starting"))??;
        Ok(FakeStatusServer {
            shared,
            addr,
            runner: Runner::Thread {
                stop: Some(stop_tx),
                thread: Some(thread),
            },
        })
    }

    /// The socket address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:PORT/<slug>/`: the page's base URL, as a user would enter it.
    pub fn page_url(&self, slug: &str) -> String {
        self.shared.page_url(slug)
    }

    /// Puts a page at `/<slug>/` (or replaces its state); its `Last-Modified` becomes now.
    pub fn set_page(&self, slug: &str, dialect: Dialect, state: Snapshot) {
        self.shared.set_page(slug, dialect, state);
    }

    /// Serves `body` as it is at `/<slug>/<path>` (for platforms the server does not render,
    /// such as a project fixture of another platform); faults still apply.
    pub fn set_document(&self, slug: &str, path: &str, content_type: &str, body: Vec<u8>) {
        let full = format!("/{slug}/{}", path.trim_start_matches('/'));
        lock(&self.shared.documents).insert(full, (content_type.to_string(), body));
    }

    /// Whether the page at `/<slug>/` sends `ETag` and `Last-Modified` and answers conditional
    /// requests with 304 (the default), or, like some vendors' servers, sends neither and
    /// always answers 200 with the whole body. Kept when the page is set again.
    pub fn send_validators(&self, slug: &str, send: bool) {
        let mut without = lock(&self.shared.without_validators);
        if send {
            without.remove(slug);
        } else {
            without.insert(slug.to_string());
        }
    }

    /// Takes a page down: its paths answer 404 from now on.
    pub fn remove_page(&self, slug: &str) {
        lock(&self.shared.pages).remove(slug);
    }

    /// Makes every request under `/<slug>/` misbehave (`None`: behave again). A fault works
    /// whether or not a page is set at that slug.
    pub fn set_fault(&self, slug: &str, fault: Option<Fault>) {
        self.shared.set_fault(slug, fault);
    }

    /// Requests received under `/<slug>/` (any path, any outcome, faults included).
    pub fn hits(&self, slug: &str) -> usize {
        lock(&self.shared.page_hits).get(slug).copied().unwrap_or(0)
    }

    /// Requests received for exactly this path (e.g. `/acme/api/v2/summary.json`; no query).
    pub fn hits_for(&self, path: &str) -> usize {
        lock(&self.shared.path_hits).get(path).copied().unwrap_or(0)
    }

    /// Forgets every hit counted so far.
    pub fn reset_hits(&self) {
        lock(&self.shared.page_hits).clear();
        lock(&self.shared.path_hits).clear();
    }

    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }
}

impl Drop for FakeStatusServer {
    fn drop(&mut self) {
        match &mut self.runner {
            Runner::Task(task) => task.abort(),
            Runner::Thread { stop, thread } => {
                if let Some(stop) = stop.take() {
                    let _ = stop.send(());
                }
                if let Some(thread) = thread.take() {
                    let _ = thread.join();
                }
            }
        }
    }
}
