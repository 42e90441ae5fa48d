//! What every answer of `lookout serve` goes through: the token, reads only (GET and HEAD, no
//! request body), errors as `{code, message}` with their status, a strong `ETag` on every read
//! (`If-None-Match` → 304), and CORS headers for the one origin allowed.

use super::routes::Served;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lookout_api::ErrorBody;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// An error answer: its status and `{code, message}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 400 `bad_request`.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 503 with `code`: the server cannot take this request now.
    pub fn unavailable(code: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, code, message)
    }

    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody::new(code, message),
        }
    }
}

/// A failure of the engine (the database unreadable): logged whole, answered 500 without its
/// details.
impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> ApiError {
        log::error!("an API request failed: {error:#}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server could not read its database; see its log",
        )
    }
}

impl From<lookout_engine::EngineError> for ApiError {
    fn from(error: lookout_engine::EngineError) -> ApiError {
        ApiError::from(anyhow::Error::from(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

/// The routes' fallback: 404 for any other path.
pub async fn no_such_route() -> ApiError {
    ApiError::not_found(
        "no such route; the status page is at /, the API under /api/v1/ (see \
         /api/v1/openapi.json), the feeds at /feed.atom and /maintenance.ics, the badges under \
         /badge/",
    )
}

/// Before a request reaches its route: a CORS preflight answered; the token required; anything
/// but GET and HEAD refused (405), and any request body (413).
pub async fn guard(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let access = &served.access;
    let origin_allowed = allowed_origin(access.cors.as_ref(), request.headers());
    if request.method() == Method::OPTIONS && origin_allowed.is_some() {
        return with_cors(preflight(), origin_allowed);
    }
    // The status page, the feeds, the calendar and the badges may be public; the API (with the
    // providers' Statuspage documents, `/providers/{id}/api/v2/…`) and the events never are.
    // The page's stylesheet, script and icon hold no data: never guarded.
    let path = request.uri().path();
    let api = path.starts_with("/api/") || path.contains("/api/v2/");
    let asset = path.starts_with("/assets/");
    let token_ok = asset || (access.public && !api) || holds_token(access, request.headers());
    let refused = if !token_ok {
        Some(unauthorized(!api))
    } else if !matches!(*request.method(), Method::GET | Method::HEAD) {
        Some(method_not_allowed())
    } else if has_body(request.headers()) {
        Some(
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_not_allowed",
                "requests carry no body: this server only reads",
            )
            .into_response(),
        )
    } else {
        None
    };
    let response = match refused {
        Some(response) => response,
        None => next.run(request).await,
    };
    with_cors(response, origin_allowed)
}

/// Whether the request says it carries a body (a length above 0, or chunks).
fn has_body(headers: &HeaderMap) -> bool {
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim() != "0");
    length.unwrap_or(false) || headers.contains_key(header::TRANSFER_ENCODING)
}

/// Whether the request may read what the token guards: no token is set, or it carries it as
/// `Authorization: Bearer <token>` or (from a browser) as HTTP Basic credentials' password.
pub fn holds_token(access: &super::Access, headers: &HeaderMap) -> bool {
    access
        .token
        .as_ref()
        .is_none_or(|t| t.allows(headers) || t.allows_basic(headers))
}

/// The answer without the token (401); outside the API (the status page, the feeds) with a
/// Basic challenge as well: a browser then asks its reader for the token (as the password) and
/// sends it by itself afterwards.
pub(super) fn unauthorized(for_browsers: bool) -> Response {
    let mut response = ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "this server needs its token: send `Authorization: Bearer <token>`",
    )
    .into_response();
    let headers = response.headers_mut();
    headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    if for_browsers {
        headers.append(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"Lookout\", charset=\"UTF-8\""),
        );
    }
    response
}

fn method_not_allowed() -> Response {
    let mut response = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this server only reads: GET or HEAD",
    )
    .into_response();
    let allow = HeaderValue::from_static("GET, HEAD");
    response.headers_mut().insert(header::ALLOW, allow);
    response
}

/// The request's `Origin` when it is the one allowed.
fn allowed_origin(allowed: Option<&HeaderValue>, headers: &HeaderMap) -> Option<HeaderValue> {
    let allowed = allowed?;
    (headers.get(header::ORIGIN) == Some(allowed)).then(|| allowed.clone())
}

/// The answer to a CORS preflight of the allowed origin.
fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD"),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "authorization, if-none-match",
        ),
        (header::ACCESS_CONTROL_MAX_AGE, "600"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// `response` with the CORS headers of `origin` (none without one). Every answer varies by
/// `Origin` when CORS is on.
fn with_cors(mut response: Response, origin: Option<HeaderValue>) -> Response {
    let Some(origin) = origin else {
        return response;
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("etag, link"),
    );
    response
}

/// The most bytes of one answer the ETag layer reads (the incident pages are capped far below).
const BODY_CAP: usize = 64 << 20;

/// A strong `ETag` (a hash of the body) on every 200 but a stream of events; 304 without a
/// body when the request's `If-None-Match` names it (or is `*`).
pub async fn etag(request: Request, next: Next) -> Response {
    let asked = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let streamed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"));
    if response.status() != StatusCode::OK || streamed {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_CAP).await else {
        return ApiError::from(anyhow::anyhow!("an answer could not be read back")).into_response();
    };
    let digest = Sha256::digest(&bytes);
    let tag = format!("\"{}\"", hex(&digest[..16]));
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::ETAG, value);
    if asked.is_some_and(|asked| matches_tag(&asked, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether an `If-None-Match` list names `tag` (compared weakly, as RFC 9110 says for it).
fn matches_tag(asked: &HeaderValue, tag: &str) -> bool {
    let Ok(asked) = asked.to_str() else {
        return false;
    };
    asked
        .split(',')
        .map(str::trim)
        .any(|one| one == "*" || one.strip_prefix("W/").unwrap_or(one) == tag)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak_tags_match_and_others_do_not() {
        let tag = "\"abc\"";
        for asked in ["\"abc\"", "\"x\", \"abc\"", "W/\"abc\"", "*"] {
            assert!(
                matches_tag(&HeaderValue::from_static(asked), tag),
                "{asked}"
            );
        }
        for asked in ["\"abd\"", "abc", ""] {
            assert!(
                !matches_tag(&HeaderValue::from_static(asked), tag),
                "{asked}"
            );
        }
    }

    #[test]
    fn a_body_is_told_by_its_length_or_its_chunks() {
        let mut headers = HeaderMap::new();
        assert!(!has_body(&headers));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        assert!(!has_body(&headers));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("12"));
        assert!(has_body(&headers));
        let mut chunked = HeaderMap::new();
        chunked.insert(
            header::TRANSFER_ENCODING,
            HeaderValue::from_static("chunked"),
        );
        assert!(has_body(&chunked));
    }
}
