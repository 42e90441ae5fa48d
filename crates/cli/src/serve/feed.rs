//! The Atom feeds (RFC 4287) of `lookout serve`: `/feed.atom`, every incident update of every
//! watched provider, and `/providers/{id}/feed.atom`, one provider's; newest first, each entry
//! with an id that never changes. Written with quick-xml's writer: vendor text is escaped as
//! text (never passed on as markup), and characters XML cannot hold are left out.

use super::http::ApiError;
use super::query::provider_named;
use super::routes::Served;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use lookout_engine::operations::feeds::UpdateEntry;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io;
use std::sync::Arc;

/// How many entries a feed holds: the newest updates (a feed reader keeps what it saw).
pub const FEED_ENTRIES: u32 = 200;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// What names a feed and where it is.
struct FeedHead {
    id: String,
    title: String,
    self_path: String,
}

/// `GET /feed.atom`.
pub async fn all_providers(State(served): State<Arc<Served>>) -> Result<Response, ApiError> {
    let entries = served.lookout.latest_updates(None, FEED_ENTRIES).await?;
    let head = FeedHead {
        id: format!("{}:feed", tag_base(&served.access.public_url)),
        title: "Lookout: the vendors' incident updates".into(),
        self_path: "/feed.atom".into(),
    };
    answer(&head, &entries, &served.access.public_url)
}

/// `GET /providers/{id}/feed.atom` (the provider by its id or its name).
pub async fn one_provider(
    State(served): State<Arc<Served>>,
    Path(typed): Path<String>,
) -> Result<Response, ApiError> {
    let lookout = &served.lookout;
    let id = provider_named(lookout, &typed).await?;
    let provider = lookout.provider(id).await?;
    let provider = provider.ok_or_else(|| ApiError::not_found(format!("no provider #{id}")))?;
    let entries = lookout.latest_updates(Some(id), FEED_ENTRIES).await?;
    let head = FeedHead {
        id: format!("{}:provider/{id}/feed", tag_base(&served.access.public_url)),
        title: format!("Lookout: {}'s incident updates", provider.name),
        self_path: format!("/providers/{id}/feed.atom"),
    };
    answer(&head, &entries, &served.access.public_url)
}

fn answer(head: &FeedHead, entries: &[UpdateEntry], base: &str) -> Result<Response, ApiError> {
    let xml = atom(head, entries, base).map_err(|error| {
        ApiError::from(anyhow::anyhow!("the feed could not be written: {error}"))
    })?;
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], xml).into_response())
}

/// The feed's document. `base` is `--public-url` (empty: links relative to the server).
fn atom(head: &FeedHead, entries: &[UpdateEntry], base: &str) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let updated = entries
        .first()
        .map_or(DateTime::UNIX_EPOCH, |e| e.update.at);
    w.create_element("feed")
        .with_attribute(("xmlns", ATOM))
        .write_inner_content(|w| {
            text(w, "id", &head.id)?;
            text(w, "title", &head.title)?;
            text(w, "updated", &rfc3339(updated))?;
            let self_url = format!("{base}{}", head.self_path);
            w.create_element("link")
                .with_attributes([("rel", "self"), ("href", self_url.as_str())])
                .write_empty()?;
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", "Lookout"))?;
            text(w, "generator", "Lookout")?;
            for entry in entries {
                write_entry(w, entry, base)?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// One update as an entry: its vendor text as plain text, a link to the vendor's page of the
/// incident (an http(s) one) and to the incident in this server's API.
fn write_entry(w: &mut Writer<Vec<u8>>, entry: &UpdateEntry, base: &str) -> io::Result<()> {
    let api = format!(
        "{base}/api/v1/incidents/{}/{}",
        entry.provider_id,
        percent_encoded(&entry.incident_id)
    );
    let vendor = entry.incident_url.as_deref().filter(|url| is_web_url(url));
    let status = entry.update.status.as_str().replace('_', " ");
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &entry_id(base, entry))?;
        let title = format!("{}: {} ({status})", entry.provider, entry.title);
        text(w, "title", &title)?;
        text(w, "updated", &rfc3339(entry.update.at))?;
        text(w, "published", &rfc3339(entry.update.at))?;
        w.create_element("author")
            .write_inner_content(|w| text(w, "name", &entry.provider))?;
        let alternate = vendor.unwrap_or(&api);
        w.create_element("link")
            .with_attributes([("rel", "alternate"), ("href", alternate)])
            .write_empty()?;
        if vendor.is_some() {
            w.create_element("link")
                .with_attributes([
                    ("rel", "related"),
                    ("type", "application/json"),
                    ("href", api.as_str()),
                ])
                .write_empty()?;
        }
        w.create_element("category")
            .with_attribute(("term", entry.update.status.as_str()))
            .write_empty()?;
        let body = if entry.update.body.trim().is_empty() {
            status.as_str()
        } else {
            entry.update.body.as_str()
        };
        w.create_element("content")
            .with_attribute(("type", "text"))
            .write_text_content(BytesText::new(&xml_safe(body)))?;
        Ok(())
    })?;
    Ok(())
}

/// `<name>text</name>`, the text escaped.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

/// An update's entry id: a `tag:` URI (RFC 4151) of this server's name, the provider's id, and
/// the vendor's ids of the incident and the update — none of which ever changes.
fn entry_id(base: &str, entry: &UpdateEntry) -> String {
    format!(
        "{}:provider/{}/incident/{}/update/{}",
        tag_base(base),
        entry.provider_id,
        percent_encoded(&entry.incident_id),
        percent_encoded(&entry.update.id)
    )
}

/// `tag:<host>,2026`: the start of every id this server mints (its `--public-url`'s host, else
/// `localhost`).
fn tag_base(public_url: &str) -> String {
    format!("tag:{},2026", server_name(public_url))
}

/// The host of `--public-url` (no port), else `localhost`: the domain of the ids this server
/// mints (feed entries, calendar entries).
pub fn server_name(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match (host.find(']'), host.rsplit_once(':')) {
        (Some(end), _) if host.starts_with('[') => &host[..=end],
        (_, Some((name, port))) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_ascii_lowercase()
    }
}

/// A vendor's id as one URL segment (the one rule: [`lookout_core::percent_encoded`]).
pub use lookout_core::percent_encoded;

/// Whether a vendor's URL is one to link to: http(s), with nothing a document could mistake.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `text` without the characters XML 1.0 cannot hold, even escaped (C0 controls but tab and
/// line breaks, U+FFFE, U+FFFF).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| !matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::{Impact, IncidentStatus, IncidentUpdate, ProviderId};

    fn entry(body: &str) -> UpdateEntry {
        UpdateEntry {
            provider_id: ProviderId::new(3),
            provider: "Acme & Co".into(),
            incident_id: "https://status.acme.test/incidents/42".into(),
            title: "<b>API</b> errors".into(),
            impact: Impact::Major,
            incident_url: Some("javascript:alert(1)".into()),
            update: IncidentUpdate {
                id: "u 1".into(),
                status: IncidentStatus::Identified,
                body: body.into(),
                at: DateTime::UNIX_EPOCH,
                components: Vec::new(),
            },
        }
    }

    #[test]
    fn vendor_text_is_escaped_text_and_ids_and_links_are_safe() {
        let head = FeedHead {
            id: "tag:x,2026:feed".into(),
            title: "t".into(),
            self_path: "/feed.atom".into(),
        };
        let xml = atom(
            &head,
            &[entry("<script>x</script>\u{1b}[31m")],
            "https://s.example",
        )
        .unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains("&lt;script&gt;x&lt;/script&gt;[31m"), "{xml}");
        assert!(!xml.contains('\u{1b}') && !xml.contains("<script"));
        assert!(xml.contains("Acme &amp; Co: &lt;b&gt;API&lt;/b&gt; errors (identified)"));
        assert!(!xml.contains("javascript:"), "only http(s) vendor links");
        assert!(xml.contains(
            "href=\"https://s.example/api/v1/incidents/3/https%3A%2F%2Fstatus.acme.test%2Fincidents%2F42\""
        ));
        assert!(xml.contains("<id>tag:s.example,2026:provider/3/incident/https%3A%2F%2Fstatus.acme.test%2Fincidents%2F42/update/u%201</id>"));
    }

    #[test]
    fn the_server_name_is_the_public_urls_host() {
        assert_eq!(server_name(""), "localhost");
        assert_eq!(
            server_name("https://Status.Example.com:8443/x"),
            "status.example.com"
        );
        assert_eq!(server_name("http://[::1]:80"), "[::1]");
    }
}
