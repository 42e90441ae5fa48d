//! The misbehaviours a page can be told to show ([`Fault`]) and the responses that carry them,
//! including a streamed huge body that is never held in memory.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How every request under one page misbehaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answers with this status code and a small HTML body (e.g. 500, 404, 503).
    Status(u16),
    /// 429 with a `Retry-After: <secs>` header.
    RateLimited {
        /// The `Retry-After` value, in seconds.
        retry_after_secs: u64,
    },
    /// 200 with a `text/html` login-wall page instead of JSON.
    Html,
    /// 200 `application/json` with an empty body.
    Empty,
    /// 200 `application/json` whose body is not JSON.
    Garbage,
    /// Waits this long, then answers normally.
    Slow(Duration),
    /// 200 `application/json`, streaming `bytes` bytes of JSON-looking filler in 64 KiB chunks,
    /// chunked (no `Content-Length`); memory use stays at one chunk whatever the size.
    Huge {
        /// The body's length.
        bytes: u64,
    },
    /// Like [`Fault::Huge`] but declaring `Content-Length: bytes` up front.
    HugeWithLength {
        /// The body's length.
        bytes: u64,
    },
    /// 302 to this `Location` (e.g. `ftp://example.invalid/x`, `file:///etc/passwd`).
    RedirectTo(String),
}

/// The filler chunk size.
const CHUNK: usize = 64 * 1024;

/// The page a "login wall" shows.
pub const LOGIN_WALL: &str = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\
<body><h1>Sign in to continue</h1><form method=\"post\" action=\"/login\">\
<input name=\"email\"><input name=\"password\" type=\"password\"><button>Sign in</button>\
</form></body></html>\n";

/// Not JSON, though it starts like it.
pub const GARBAGE: &str = "{\"page\":{\"id\":\"x\",\"name\":<<<\u{0}\u{1} not json at all ]]}";

/// A small HTML page for error statuses.
pub fn html_page(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>{code} {reason}</title></head><body><h1>{code} {reason}</h1></body></html>\n",
        code = status.as_u16()
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// One reusable chunk of filler: repeated component-like objects, so it looks like JSON.
fn filler_chunk() -> Bytes {
    let unit = b"{\"id\":\"fillerfiller\",\"name\":\"Filler\",\"status\":\"operational\"},";
    let mut chunk = Vec::with_capacity(CHUNK);
    let prefix = b"{\"page\":{\"id\":\"huge\"},\"components\":[";
    chunk.extend_from_slice(prefix);
    while chunk.len() < CHUNK {
        let room = CHUNK - chunk.len();
        chunk.extend_from_slice(&unit[..unit.len().min(room)]);
    }
    Bytes::from(chunk)
}

/// A body streaming exactly `total` bytes of filler, one shared chunk at a time.
pub fn huge_body(total: u64) -> Body {
    let chunk = filler_chunk();
    let stream = futures_util::stream::unfold(0_u64, move |sent| {
        let chunk = chunk.clone();
        async move {
            if sent >= total {
                return None;
            }
            let left = total - sent;
            let take = usize::try_from(left.min(CHUNK as u64)).unwrap_or(CHUNK);
            let piece = chunk.slice(..take);
            Some((Ok::<Bytes, std::io::Error>(piece), sent + take as u64))
        }
    });
    Body::from_stream(stream)
}

/// The response for a fault, or `None` when the fault lets the request through
/// (`Slow`, after its wait — the caller does the waiting).
pub fn respond(fault: &Fault) -> Option<Response> {
    let json = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
    let response = match fault {
        Fault::Slow(_) => return None,
        Fault::Status(code) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            html_page(status)
        }
        Fault::RateLimited { retry_after_secs } => {
            let mut response = html_page(StatusCode::TOO_MANY_REQUESTS);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            response
        }
        Fault::Html => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            LOGIN_WALL,
        )
            .into_response(),
        Fault::Empty => (StatusCode::OK, json, "").into_response(),
        Fault::Garbage => (StatusCode::OK, json, GARBAGE).into_response(),
        Fault::Huge { bytes } => (StatusCode::OK, json, huge_body(*bytes)).into_response(),
        Fault::HugeWithLength { bytes } => {
            let mut response = (StatusCode::OK, json, huge_body(*bytes)).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(*bytes));
            response
        }
        Fault::RedirectTo(location) => {
            let mut response = html_page(StatusCode::FOUND);
            match HeaderValue::from_str(location) {
                Ok(value) => {
                    response.headers_mut().insert(header::LOCATION, value);
                }
                Err(_) => return Some(html_page(StatusCode::INTERNAL_SERVER_ERROR)),
            }
            response
        }
    };
    Some(response)
}
