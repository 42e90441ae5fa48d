//! The HTTP listener of `lookout watch --metrics` (and of any server Lookout runs later): one that
//! idle or slow clients cannot starve. A request's head must arrive within a few seconds, a
//! connection lives at most a minute, at most [`Limits::max_connections`] are open at once (more
//! are closed as soon as they are accepted, never queued), and with a [`Token`] every request
//! must carry `Authorization: Bearer <token>` (compared in constant time). An address other
//! machines can reach is refused without a token.

use anyhow::{bail, Context, Result};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// How long the listener waits for clients, and how many it serves at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request's head (request line and headers) must be in within this time of the server
    /// starting to wait for it, idle keep-alive time included; else the connection is closed.
    pub header_timeout: Duration,
    /// A connection is closed after this long whatever it is doing (a client that reads its
    /// answer a byte a minute, or sends a body that never ends).
    pub connection_lifetime: Duration,
    /// Connections open at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
}

impl Default for Limits {
    /// 5 s for a head (a scraper sends its request at once), 60 s per connection (a scrape takes
    /// well under a second; a scraper that keeps its connection simply reconnects), and 64
    /// connections: a few Prometheus replicas and a person's curl need a handful, and 64 file
    /// descriptors held by strangers leave the watch's own polls, probes and database thousands
    /// more even under the common soft limit of 1,024.
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(5),
            connection_lifetime: Duration::from_secs(60),
            max_connections: 64,
        }
    }
}

/// The bearer token every request must carry. Only its SHA-256 is kept, and its Debug output
/// shows nothing of it.
#[derive(Clone)]
pub struct Token([u8; 32]);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The longest token accepted (a file holding more is not a token).
const TOKEN_MAX_BYTES: usize = 4096;

impl Token {
    /// A token from its text (a trailing line break removed): printable ASCII without spaces, as
    /// an `Authorization` header carries it. The error never quotes it.
    pub fn new(text: &str) -> Result<Token> {
        let text = text.trim_end_matches(['\n', '\r']);
        if text.is_empty() {
            bail!("the token is empty");
        }
        if text.len() > TOKEN_MAX_BYTES || !text.bytes().all(|b| b.is_ascii_graphic()) {
            bail!(
                "the token must be printable ASCII without spaces, at most \
                 {TOKEN_MAX_BYTES} characters"
            );
        }
        Ok(Token(Sha256::digest(text.as_bytes()).into()))
    }

    /// The token held in `path` (its first line).
    pub fn from_file(path: &Path) -> Result<Token> {
        use std::io::Read;
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|file| {
                file.take(TOKEN_MAX_BYTES as u64 + 2)
                    .read_to_string(&mut text)
            })
            .with_context(|| format!("cannot read the token from {}", path.display()))?;
        Token::new(text.lines().next().unwrap_or_default())
            .with_context(|| format!("the token in {} is unusable", path.display()))
    }

    /// Whether `headers` carry this token as `Authorization: Bearer <token>`. The comparison
    /// takes the same time whatever the given token is (digests of equal length, compared
    /// without an early exit).
    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let given = headers
            .get(header::AUTHORIZATION)
            .map(|value| value.as_bytes())
            .and_then(|value| value.split_at_checked(7))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case(b"bearer "))
            .map_or(&b""[..], |(_, token)| token);
        self.is(given)
    }

    /// Whether `headers` carry this token as the password of HTTP Basic credentials (any user
    /// name): what a browser sends once its reader typed the token in when asked.
    pub fn allows_basic(&self, headers: &HeaderMap) -> bool {
        use base64::Engine as _;
        let decoded = headers
            .get(header::AUTHORIZATION)
            .map(|value| value.as_bytes())
            .and_then(|value| value.split_at_checked(6))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case(b"basic "))
            .and_then(|(_, encoded)| {
                base64::engine::general_purpose::STANDARD
                    .decode(encoded.trim_ascii())
                    .ok()
            })
            .unwrap_or_default();
        let password = match decoded.iter().position(|&b| b == b':') {
            Some(colon) => &decoded[colon + 1..],
            None => &b""[..],
        };
        self.is(password)
    }

    /// Whether `given` is this token, in the same time whatever it is.
    fn is(&self, given: &[u8]) -> bool {
        let digest: [u8; 32] = Sha256::digest(given).into();
        let differences = digest
            .iter()
            .zip(self.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(differences) == 0
    }
}

/// Refuses to serve without a token on an address other machines can reach (anything but
/// 127.0.0.0/8 and ::1, IPv4-mapped loopback included).
pub fn check_exposure(addr: SocketAddr, token: Option<&Token>) -> Result<()> {
    if token.is_none() && is_exposed(addr) {
        bail!(
            "--metrics {addr} can be reached from other machines: give a token \
             (--metrics-token-file PATH or LOOKOUT_METRICS_TOKEN), which every request must then \
             carry as `Authorization: Bearer <token>`, or serve on a loopback address such as \
             127.0.0.1:{}",
            addr.port()
        );
    }
    Ok(())
}

/// Whether other machines can reach `addr`: anything but 127.0.0.0/8 and ::1 (IPv4-mapped
/// loopback included).
pub fn is_exposed(addr: SocketAddr) -> bool {
    !addr.ip().to_canonical().is_loopback()
}

/// Binds `addr` to serve `what` there ("metrics", "the API"), failing at once when it cannot.
pub async fn bind(addr: SocketAddr, what: &str) -> Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot serve {what} on {addr}"))
}

/// A listener being served: stopping it closes its socket (no new connection is accepted);
/// the requests under way are answered.
#[derive(Debug)]
pub struct Serving(tokio::task::JoinHandle<()>);

impl Serving {
    /// Stops accepting connections.
    pub fn stop(self) {
        self.0.abort();
    }
}

/// Serves `app` on `listener` within `limits` (with `token`, only to requests carrying it) until
/// the process ends or it is stopped.
pub fn spawn(listener: TcpListener, app: Router, token: Option<Token>, limits: Limits) -> Serving {
    let app = match token {
        Some(token) => {
            let token = Arc::new(token);
            app.layer(axum::middleware::from_fn(
                move |request: Request, next: Next| {
                    let allowed = token.allows(request.headers());
                    async move {
                        if allowed {
                            next.run(request).await
                        } else {
                            unauthorized()
                        }
                    }
                },
            ))
        }
        None => app,
    };
    Serving(tokio::spawn(accept_loop(listener, app, limits)))
}

/// 401 with the scheme the client must use.
fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        "a bearer token is required\n",
    )
        .into_response()
}

/// Accepts connections for ever: each within the cap is served on its own task; one over the
/// cap is answered 503 if its socket takes it at once, and closed.
async fn accept_loop(listener: TcpListener, app: Router, limits: Limits) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of file descriptors, or a connection reset before it was accepted: wait a
                // little rather than spin (and log at most once a second).
                log::warn!("the server cannot accept a connection: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            refuse(&stream);
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            serve_connection(stream, app, limits).await;
            drop(slot);
        });
    }
}

/// Tells a client over the cap to come back later, without waiting for it; the socket closes
/// when `stream` is dropped. What the client already sent is read first (a few KiB at most),
/// so that the close is a clean one the client reads the answer before, not a reset.
fn refuse(stream: &TcpStream) {
    let mut sent = [0u8; 4096];
    for _ in 0..4 {
        if !matches!(stream.try_read(&mut sent), Ok(n) if n > 0) {
            break;
        }
    }
    let _ = stream.try_write(
        b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\nretry-after: 5\r\n\
          content-length: 0\r\n\r\n",
    );
}

/// Given to every request (as an extension): a route whose answer is a stream meant to last
/// (server-sent events) marks its connection with it, and the connection then outlives
/// [`Limits::connection_lifetime`] (the route bounds how many such connections there are).
#[derive(Debug, Clone, Default)]
pub struct LongLived(Arc<AtomicBool>);

impl LongLived {
    /// Exempts this request's connection from the lifetime.
    pub fn mark(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    fn marked(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// HTTP/1.1 on one connection, within the header timeout and the connection's lifetime (unless
/// a route marked it [`LongLived`]).
async fn serve_connection(stream: TcpStream, app: Router, limits: Limits) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let long_lived = LongLived::default();
    let marker = long_lived.clone();
    let service = TowerToHyperService::new(app);
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(marker.clone());
        service.call(request)
    });
    let connection = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let ended = match tokio::time::timeout(limits.connection_lifetime, &mut connection).await {
        Ok(ended) => Some(ended),
        Err(_) if long_lived.marked() => Some(connection.await),
        Err(_) => None,
    };
    match ended {
        Some(Ok(())) => {}
        Some(Err(error)) => log::debug!("a connection ended: {error}"),
        None => log::debug!("a connection was closed at the end of its lifetime"),
    }
}

#[cfg(test)]
#[path = "listener_tests.rs"]
mod tests;
