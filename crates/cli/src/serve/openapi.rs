//! The OpenAPI 3.1 document of `/api/v1/`, derived from the routes' `#[utoipa::path]` and
//! `lookout_api`'s types (the very types the answers are serialised from).

use super::routes;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lookout",
        description = "The read-only API of `lookout serve`: the vendors' status pages it watches, \
            their incidents, uptime, figures and maintenance. The same JSON as the `lookout` \
            command's `--json` outputs. Every answer carries a strong ETag (send it back in \
            If-None-Match for a 304); errors are `{code, message}`. A server started with \
            --token-file needs `Authorization: Bearer <token>` on every request.",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        routes::providers,
        routes::provider,
        routes::incidents,
        routes::incident,
        routes::uptime,
        routes::stats,
        routes::maintenance,
        routes::services,
        routes::openapi,
        super::events::events
    ),
    modifiers(&BearerToken),
    security((), ("bearer" = []))
)]
pub struct ApiDoc;

/// The bearer token of a server started with --token-file.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The document as JSON.
pub fn document() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}
