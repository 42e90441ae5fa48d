//! `lookout serve`'s status page against the fake status server on 127.0.0.1: the worst
//! provider first with its open incident and latest update, a vendor's hostile title and body
//! shown as text (the body through the window's sanitiser), the CSP on every page, a provider's
//! and an incident's page with the whole timeline, 404 pages, the token rules of the page (a
//! browser's Basic credentials, `--public`), and the page's outline under snapshot.

use crate::lookout;
use crate::serve::{get, request, serve, Answer};
use base64::Engine as _;
use chrono::{TimeZone, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use std::path::{Path, PathBuf};

const HOSTILE_TITLE: &str = "<script>alert('title')</script> Payments & \"cards\" down";
const HOSTILE_BODY: &str =
    "Fix <b>rolled</b> out <img src=x onerror=alert(1)><script>alert('body')</script>";
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Alpha (calm) and Zulu (an incident identified after investigating, its title and newest
/// body hostile) watched and polled: Zulu must come first although it sorts last by name.
fn watched(dir: &Path) -> (FakeStatusServer, PathBuf) {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base_time = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let page = |stage| {
        let mut page = incident_life_for(Dialect::Statuspage, stage, base_time);
        if let Some(incident) = page.incidents.first_mut() {
            incident.title = HOSTILE_TITLE.into();
            if let Some(update) = incident.updates.last_mut().filter(|_| stage == 2) {
                update.body = HOSTILE_BODY.into();
            }
        }
        page
    };
    let db = dir.join("lookout.db");
    for (slug, name) in [("alpha", "Alpha"), ("zulu", "Zulu")] {
        server.set_page(slug, Dialect::Statuspage, page(0));
        let added = lookout(Some(&db), &["add", &server.page_url(slug), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page("zulu", Dialect::Statuspage, page(1));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    server.set_page("zulu", Dialect::Statuspage, page(2));
    assert!(lookout(Some(&db), &["poll"]).status.success());
    (server, db)
}

/// An HTML page: 200 or `status`, with the page's security headers.
fn assert_page(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(answer.header("content-security-policy"), Some(CSP));
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert!(answer
        .body
        .starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
}

/// The `href` of the first link whose attribute starts with `prefix`.
fn first_link<'a>(html: &'a str, prefix: &str) -> &'a str {
    let needle = format!("href=\"{prefix}");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("{needle} in {html}"))
        + 6;
    &html[at..at + html[at..].find('"').unwrap()]
}

#[test]
fn the_page_shows_the_worst_provider_first_with_its_open_incident_and_vendor_text_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db) = watched(dir.path());
    let served = serve(&db, &[]);
    let page = get(served.port, "/");
    assert_page(&page, 200);
    let html = &page.body;
    let (zulu, alpha) = (
        html.find(">Zulu</a>").unwrap(),
        html.find(">Alpha</a>").unwrap(),
    );
    assert!(zulu < alpha, "the worst first");
    assert!(html.contains("1 service has trouble."));
    // The title escaped, as text; the body through the sanitiser: formatting kept, the rest gone.
    assert!(html.contains(
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Payments &amp; &quot;cards&quot; down"
    ));
    assert!(
        html.contains("Fix <b>rolled</b> out"),
        "the latest update's body"
    );
    assert!(html.contains("Latest update, identified"));
    for never in ["<script>alert", "onerror", "<img"] {
        assert!(!html.contains(never), "{never} in {html}");
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "the page's own script alone"
    );
    assert!(html.contains("class=\"bars\""), "the 90-day bars");
    assert_eq!(html.matches("<span class=\"day ").count(), 2 * 90);
    // Its stylesheet, script and icon, served by the binary.
    for (path, kind) in [
        ("/assets/page.css", "text/css; charset=utf-8"),
        ("/assets/page.js", "text/javascript; charset=utf-8"),
        ("/assets/icon.svg", "image/svg+xml"),
    ] {
        let asset = get(served.port, path);
        assert_eq!(
            (asset.status, asset.header("content-type")),
            (200, Some(kind))
        );
    }
    assert_page(&get(served.port, "/assets/nothing.js"), 404);
}

#[test]
fn a_providers_page_and_an_incidents_page_show_the_whole_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db) = watched(dir.path());
    let served = serve(&db, &[]);
    let overview = get(served.port, "/").body;
    let provider_path = first_link(&overview, "/providers/2");
    let provider = get(served.port, provider_path);
    assert_page(&provider, 200);
    let incident_path = first_link(&overview, "/incidents/2/").to_string();
    let incident = get(served.port, &incident_path);
    assert_page(&incident, 200);
    let updates = get(served.port, "/api/v1/incidents?provider=2").json()[0]["updates"].clone();
    let updates = updates.as_array().unwrap();
    assert_eq!(
        updates.len(),
        2,
        "investigating, then identified: {updates:?}"
    );
    for page in [&provider.body, &incident.body] {
        assert!(page.contains("<h1>") && page.contains("class=\"timeline\""));
        assert!(page.contains("<strong>identified</strong>"), "{page}");
        assert!(page.contains("<strong>investigating</strong>"), "{page}");
        let first = updates[0]["body"].as_str().unwrap();
        assert!(page.contains(first), "the first update's body: {first}");
        assert!(page.contains("Fix <b>rolled</b> out") && !page.contains("onerror"));
    }
    let newest = incident.body.find("<strong>identified</strong>").unwrap();
    let oldest = incident
        .body
        .find("<strong>investigating</strong>")
        .unwrap();
    assert!(newest < oldest, "newest first");
    assert!(incident.body.contains("<h1>&lt;script&gt;alert("));
    // The vendor's id percent-encoded in the link, and taken as is too.
    let id = get(served.port, "/api/v1/incidents?provider=2").json()[0]["id"].clone();
    let raw = format!("/incidents/2/{}", id.as_str().unwrap());
    assert_eq!(get(served.port, &raw).status, 200, "{raw}");
}

#[test]
fn unknown_providers_and_incidents_get_a_404_page() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db) = watched(dir.path());
    let served = serve(&db, &[]);
    for path in [
        "/providers/99",
        "/providers/zulu",
        "/providers/2x",
        "/incidents/2/no-such-incident",
        "/incidents/99/x",
        "/incidents/x/y",
    ] {
        let answer = get(served.port, path);
        assert_page(&answer, 404);
        assert!(answer.body.contains("<h1>Not found</h1>"), "{path}");
    }
    let html = &get(served.port, "/incidents/2/%3Cb%3Ex%3C%2Fb%3E").body;
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x"));
    // An unknown route is still the API's JSON error.
    assert_eq!(get(served.port, "/nothing").json()["code"], "not_found");
}

#[test]
fn the_page_needs_the_token_as_the_feeds_do_and_a_browser_sends_it_as_basic_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db) = watched(dir.path());
    let secret = "p4ge-t0ken-of-the-test";
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{secret}\n")).unwrap();
    let token = token_file.to_str().unwrap();
    let served = serve(&db, &["--token-file", token]);
    let port = served.port;
    let none = get(port, "/");
    assert_eq!(none.status, 401);
    let challenges: Vec<&str> = none
        .headers
        .iter()
        .filter(|(name, _)| name == "www-authenticate")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(
        challenges,
        ["Bearer", "Basic realm=\"Lookout\", charset=\"UTF-8\""]
    );
    let basic = |password: &str| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("me:{password}"));
        format!("Basic {encoded}")
    };
    let bearer = format!("Bearer {secret}");
    for (authorization, status) in [
        (bearer.as_str(), 200),
        (basic(secret).as_str(), 200),
        (basic("wrong").as_str(), 401),
        ("Basic !!!", 401),
    ] {
        let answer = request(port, "GET /", &[("Authorization", authorization)], "");
        assert_eq!(answer.status, status, "{authorization}");
        if status == 200 {
            assert!(answer.body.contains("data-live=\"events\""));
            assert!(!answer.body.contains(secret), "the token never in a page");
        }
    }
    let events = request(
        port,
        "GET /api/v1/providers",
        &[("Authorization", &basic(secret))],
        "",
    );
    assert_eq!(events.status, 200, "the same token, however sent");
    assert_eq!(get(port, "/providers/2").status, 401);
    assert_eq!(
        get(port, "/assets/page.css").status,
        200,
        "no data in the assets"
    );
    drop(served);

    let public = serve(&db, &["--token-file", token, "--public"]);
    let page = get(public.port, "/");
    assert_page(&page, 200);
    assert!(
        page.body.contains("data-live=\"reload\""),
        "no events without the token"
    );
    assert_eq!(get(public.port, "/providers/2").status, 200);
    assert_eq!(get(public.port, "/api/v1/providers").status, 401);
}

/// The page's structure: each element as `tag.class` (text, times and ids left out), indented by
/// depth, a run of identical siblings said once with its count.
fn outline(html: &str) -> String {
    const VOID: [&str; 5] = ["meta", "link", "br", "img", "input"];
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            assert!(depth > 0, "</{closing}> closes nothing");
            depth -= 1;
            continue;
        }
        let name = tag.split_whitespace().next().unwrap().to_string();
        let class = tag
            .split("class=\"")
            .nth(1)
            .map(|c| format!(".{}", c[..c.find('"').unwrap()].replace(' ', ".")))
            .unwrap_or_default();
        let line = format!("{name}{class}");
        match lines.last_mut() {
            Some((d, last)) if *d == depth && last.split(" ×").next() == Some(&line) => {
                let count: usize = last.split(" ×").nth(1).map_or(1, |n| n.parse().unwrap());
                *last = format!("{line} ×{}", count + 1);
            }
            _ => lines.push((depth, line)),
        }
        if !VOID.contains(&name.as_str()) {
            depth += 1;
        }
    }
    assert_eq!(depth, 0, "every element closed");
    let lines = lines.iter().map(|(d, l)| format!("{}{l}", "  ".repeat(*d)));
    lines.collect::<Vec<_>>().join("\n")
}

#[test]
fn the_pages_structure_stays_as_it_is_under_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db) = watched(dir.path());
    let served = serve(&db, &[]);
    insta::assert_snapshot!("serve_page_overview", outline(&get(served.port, "/").body));
    let incident = first_link(&get(served.port, "/").body, "/incidents/2/").to_string();
    insta::assert_snapshot!(
        "serve_page_incident",
        outline(&get(served.port, &incident).body)
    );
    insta::assert_snapshot!(
        "serve_page_provider",
        outline(&get(served.port, "/providers/2").body)
    );
}
