//! The one error type of the poller: why a page could not be read, in words a user can act on.
//! Every URL in them is shown masked ([`lookout_core::masked_url`]): a page's or a probe's
//! credentials and query values never reach a message, a log line or a sink.

use lookout_core::{masked_url, masked_urls_in, SourceError};
use std::time::Duration;

/// Why a poll failed.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    /// The URL is not a usable status-page URL.
    #[error(transparent)]
    Url(SourceError),
    /// No connection could be made (DNS, refused, TLS…).
    #[error("cannot connect to {}: {}", masked_url(.url), masked_urls_in(.detail))]
    Connect {
        /// The URL.
        url: String,
        /// The cause.
        detail: String,
    },
    /// The server did not answer in time.
    #[error("{} did not answer within {secs} s", masked_url(.url))]
    Timeout {
        /// The URL.
        url: String,
        /// The limit.
        secs: u64,
    },
    /// The server answered with an error status.
    #[error("{} answered HTTP {status}", masked_url(.url))]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The server asked us to slow down (HTTP 429 or 503 with `Retry-After`).
    #[error("{} is rate limiting (HTTP {status}){}", masked_url(.url), retry_after.map(|d| format!(", retry after {} s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// How long the server asked us to wait.
        retry_after: Option<Duration>,
    },
    /// The body was larger than the cap.
    #[error("{} sent more than {limit} bytes; refused", masked_url(.url))]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap.
        limit: u64,
    },
    /// A redirect pointed somewhere Lookout will not follow.
    #[error("{}: redirect refused: {}", masked_url(.url), masked_urls_in(.reason))]
    BadRedirect {
        /// The URL.
        url: String,
        /// Which redirect and why ("a 6th redirect, to …: at most 5 are followed").
        reason: String,
    },
    /// The body was read but is not the expected document.
    #[error("{}: {source}", masked_url(.url))]
    Unreadable {
        /// The URL.
        url: String,
        /// What the parser said.
        source: SourceError,
    },
    /// Nothing at the URL looks like a supported status page.
    #[error("no supported status page found at {}: {} (tried {}); for a status.io page, use its API URL https://api.status.io/1.0/status/<page id>", masked_url(.url), masked_urls_in(.found), masked_urls_in(.tried))]
    NotDetected {
        /// The URL.
        url: String,
        /// What the page showed, in words a user can act on: the platform its HTML names, a feed
        /// it links, or that its format is not one Lookout reads.
        found: String,
        /// What was tried and why each failed.
        tried: String,
    },
    /// The catalogue knows the service, and that its vendor publishes nothing Lookout reads.
    #[error("{name} cannot be watched: {reason}")]
    NotWatchable {
        /// The service's catalogue name.
        name: String,
        /// Why, and what to watch instead (the catalogue's words).
        reason: String,
    },
    /// The reader failed unexpectedly on this page (a bug in Lookout, kept to this provider).
    #[error("reading {} failed unexpectedly; this provider is unknown until it reads again", masked_url(.url))]
    Crashed {
        /// The URL.
        url: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] lookout_store::StoreError),
}

impl PollError {
    /// A short word for what went wrong, for counting (`lookout_poll_errors_total{reason}`).
    pub fn reason(&self) -> &'static str {
        match self {
            PollError::Url(_) => "bad_url",
            PollError::Connect { .. } => "connect",
            PollError::Timeout { .. } => "timeout",
            PollError::Status { .. } => "http_status",
            PollError::RateLimited { .. } => "rate_limited",
            PollError::TooLarge { .. } => "too_large",
            PollError::BadRedirect { .. } => "bad_redirect",
            PollError::Unreadable { .. } => "unreadable",
            PollError::NotDetected { .. } => "not_detected",
            PollError::NotWatchable { .. } => "not_watchable",
            PollError::Crashed { .. } => "crashed",
            PollError::Store(_) => "store",
        }
    }

    /// How long the server asked us to wait before the next try, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            PollError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}
