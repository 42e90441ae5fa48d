//! Fetching one document safely: one shared client (rustls), connect and total timeouts, http(s)
//! redirects only, a size cap enforced while streaming, conditional requests, `Retry-After`.

use crate::error::PollError;
use crate::probe_request::GuardedDns;
use chrono::{DateTime, Utc};
use lookout_core::probe::address;
use lookout_http::{HttpClient, HttpError};
use lookout_store::Validators;
use reqwest::header::{
    HeaderMap, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::StatusCode;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Limits and identity for every request.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub total_timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_body_bytes: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: lookout_http::CONNECT_TIMEOUT,
            total_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
        }
    }
}

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The server says it has not changed since the validators were given.
    NotModified,
    /// A new body, with the validators to send next time.
    Body {
        /// The bytes.
        bytes: Vec<u8>,
        /// `ETag` / `Last-Modified` as sent, and the body's [`body_hash`].
        validators: Validators,
    },
}

/// Fetches over the process's one HTTP client ([`HttpClient`], shared with the alert sinks), and
/// the probes' own client, made when a probe first runs.
#[derive(Debug, Clone)]
pub struct Fetcher {
    pub(crate) http: HttpClient,
    /// The probes' client: the same, but its names resolved through [`GuardedDns`].
    pub(crate) probe_client: Arc<OnceLock<Result<reqwest::Client, String>>>,
    pub(crate) dns: GuardedDns,
    config: FetchConfig,
}

impl Fetcher {
    /// A client with `config`'s limits. It follows no redirect by itself: [`Fetcher::fetch`]
    /// follows them one by one ([`redirect_verdict`]), and a POST (an alert to a sink, through
    /// [`Fetcher::http`]) is never redirected.
    pub fn new(config: FetchConfig) -> Result<Fetcher, PollError> {
        Fetcher::with_dns(config, GuardedDns::default())
    }

    /// [`Fetcher::new`] whose probes resolve names through `dns`.
    pub(crate) fn with_dns(config: FetchConfig, dns: GuardedDns) -> Result<Fetcher, PollError> {
        let http = HttpClient::new(config.connect_timeout).map_err(|e| match e {
            HttpError::Build { detail } => PollError::Connect {
                url: String::new(),
                detail,
            },
        })?;
        Ok(Fetcher {
            http,
            probe_client: Arc::default(),
            dns,
            config,
        })
    }

    /// The process's one HTTP client (rustls, connection pool), shared with the alert sinks.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// The limits in force.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// The same client (its connections shared) with other limits on a whole request and on a
    /// body: a download larger than a status page (a catalogue update) or one that may take less
    /// time.
    pub fn with_limits(&self, total_timeout: Duration, max_body_bytes: u64) -> Fetcher {
        Fetcher {
            config: FetchConfig {
                total_timeout,
                max_body_bytes,
                ..self.config.clone()
            },
            ..self.clone()
        }
    }

    /// GETs `url`, sending `validators` when given; `now` reads a `Retry-After` date.
    pub async fn fetch(
        &self,
        url: &str,
        validators: Option<&Validators>,
        now: DateTime<Utc>,
    ) -> Result<Fetched, PollError> {
        let mut response = self
            .get_following_redirects(self.http.client(), url, validators, false)
            .await?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::SERVICE_UNAVAILABLE
                && response.headers().contains_key(RETRY_AFTER))
        {
            return Err(PollError::RateLimited {
                url: url.to_string(),
                status: status.as_u16(),
                retry_after: retry_after(response.headers(), now),
            });
        }
        if !status.is_success() {
            return Err(PollError::Status {
                url: url.to_string(),
                status: status.as_u16(),
            });
        }
        let (etag, last_modified) = (
            header_text(response.headers(), ETAG),
            header_text(response.headers(), LAST_MODIFIED),
        );
        let bytes = self.read_capped(url, &mut response).await?;
        let validators = Validators {
            etag,
            last_modified,
            body_hash: Some(body_hash(&bytes)),
        };
        Ok(Fetched::Body { bytes, validators })
    }

    /// The body, refused as soon as it is known to pass the cap (declared, or while streaming).
    async fn read_capped(
        &self,
        url: &str,
        response: &mut reqwest::Response,
    ) -> Result<Vec<u8>, PollError> {
        let limit = self.config.max_body_bytes;
        let too_large = || PollError::TooLarge {
            url: url.to_string(),
            limit,
        };
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(url, &e))? {
            if bytes.len() as u64 + chunk.len() as u64 > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    /// GETs `url` with `client`, following up to [`MAX_REDIRECTS`] redirects that
    /// [`redirect_verdict`] allows (when `guarded`, none to a link-local or metadata address),
    /// each request under the total timeout.
    pub(crate) async fn get_following_redirects(
        &self,
        client: &reqwest::Client,
        url: &str,
        validators: Option<&Validators>,
        guarded: bool,
    ) -> Result<reqwest::Response, PollError> {
        let refused = |reason: String| PollError::BadRedirect {
            url: url.to_string(),
            reason,
        };
        let mut target = url::Url::parse(url).map_err(|e| refused(e.to_string()))?;
        let mut visited: Vec<url::Url> = Vec::new();
        loop {
            let mut request = client
                .get(target.clone())
                .timeout(self.config.total_timeout)
                .header(reqwest::header::ACCEPT, "application/json, */*;q=0.5");
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(modified) = &v.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, modified);
                }
            }
            let response = request.send().await.map_err(|e| self.classify(url, &e))?;
            let status = response.status();
            if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
                return Ok(response);
            }
            let number = visited.len() + 1;
            let location = header_text(response.headers(), reqwest::header::LOCATION)
                .ok_or_else(|| refused(format!("redirect {number} has no location")))?;
            let next = target
                .join(&location)
                .map_err(|_| refused(format!("redirect {number} goes to {location}, not a URL")))?;
            visited.push(target);
            redirect_verdict(&visited, &next).map_err(refused)?;
            let private = next.host().and_then(|host| address::refused_host(&host));
            if let Some(why) = private.filter(|_| guarded) {
                let host = next.host_str().unwrap_or_default();
                return Err(refused(format!(
                    "redirect {number} goes to {host}, {why}, which a probe never asks"
                )));
            }
            target = next;
        }
    }

    pub(crate) fn classify(&self, url: &str, error: &reqwest::Error) -> PollError {
        if error.is_timeout() {
            PollError::Timeout {
                url: url.to_string(),
                secs: self.config.total_timeout.as_secs().max(1),
            }
        } else {
            PollError::Connect {
                url: url.to_string(),
                detail: innermost(error),
            }
        }
    }
}

pub use crate::probe_request::{ProbeAnswer, PROBE_BODY_BYTES};

/// The hash by which a body is recognised when it comes back unchanged: SipHash-1-3 (128 bits)
/// with fixed keys, as 32 hex digits. Not cryptographic (a vendor gains nothing by a collision:
/// its own page would look unchanged), but stable across releases and platforms, since it is
/// stored, and fast: a few microseconds for a large page, against milliseconds to parse it.
pub fn body_hash(bytes: &[u8]) -> String {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut hasher = SipHasher13::new_with_keys(0x6c6f_6f6b_6f75_7421, 0x626f_6479_2d68_6173);
    hasher.write(bytes);
    format!("{:032x}", u128::from(hasher.finish128()))
}

/// Redirects followed at most for one request.
pub const MAX_REDIRECTS: usize = 5;

/// Whether to follow a redirect to `next`, after the URLs in `previous` (the first request's
/// URL, then each redirect's): at most [`MAX_REDIRECTS`], http(s) only, never from https down to
/// http. The error names the redirect and why.
pub fn redirect_verdict(previous: &[url::Url], next: &url::Url) -> Result<(), String> {
    let number = previous.len();
    if number > MAX_REDIRECTS {
        return Err(format!(
            "redirect {number} (to {next}) is one too many: at most {MAX_REDIRECTS} are followed"
        ));
    }
    if !matches!(next.scheme(), "http" | "https") {
        return Err(format!(
            "redirect {number} goes to {next}, which is not http(s)"
        ));
    }
    if next.scheme() == "http" && previous.iter().any(|u| u.scheme() == "https") {
        return Err(format!(
            "redirect {number} goes from https down to http ({next})"
        ));
    }
    Ok(())
}

/// The innermost cause of a client error: the one a person can act on ("Connection refused").
fn innermost(error: &reqwest::Error) -> String {
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        detail = cause.to_string();
        source = cause.source();
    }
    detail
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Reads `Retry-After` as seconds or as an HTTP date (relative to `now`), capped at one day.
pub fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let text = header_text(headers, RETRY_AFTER)?;
    let text = text.trim();
    let secs = if let Ok(secs) = text.parse::<u64>() {
        secs
    } else {
        let at = DateTime::parse_from_rfc2822(text).ok()?.with_timezone(&Utc);
        u64::try_from((at - now).num_seconds()).unwrap_or(0)
    };
    Some(Duration::from_secs(secs.min(86_400)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use reqwest::header::HeaderValue;

    #[test]
    fn five_redirects_are_followed_a_sixth_is_refused_and_never_https_to_http() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        let chain: Vec<url::Url> = (0..6)
            .map(|i| url(&format!("http://127.0.0.1/r{i}")))
            .collect();
        for redirects in 1..=5 {
            assert_eq!(
                redirect_verdict(&chain[..redirects], &url("http://127.0.0.1/next")),
                Ok(())
            );
        }
        assert_eq!(
            redirect_verdict(&chain, &url("http://127.0.0.1/r6")),
            Err(
                "redirect 6 (to http://127.0.0.1/r6) is one too many: at most 5 are followed"
                    .into()
            )
        );
        let secure = [url("https://status.acme.test/")];
        assert_eq!(
            redirect_verdict(&secure, &url("http://status.acme.test/")),
            Err("redirect 1 goes from https down to http (http://status.acme.test/)".into())
        );
        assert_eq!(
            redirect_verdict(&secure, &url("https://other.test/")),
            Ok(())
        );
        assert!(redirect_verdict(&secure, &url("file:///etc/passwd"))
            .unwrap_err()
            .contains("not http(s)"));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 0).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("120"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }
}
