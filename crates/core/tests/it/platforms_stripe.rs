//! Stripe status parser (`status.stripe.com/current`): the project's own fixtures
//! (`tests/fixtures/stripe/`), read fact by fact; hostile and odd input; its URL rules.

use lookout_core::sources::endpoints::{base_url, endpoints};
use lookout_core::sources::{stripe, Document};
use lookout_core::{ComponentStatus, Platform, SourceError};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// (id, name, status) of each component, in page order.
fn rows(snapshot: &lookout_core::Snapshot) -> Vec<(&str, &str, &ComponentStatus)> {
    snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), &c.status))
        .collect()
}

#[test]
fn an_all_up_page_is_the_rollup_and_the_four_parts_in_the_documented_order() {
    let snapshot = Document::StripeCurrent
        .parse(&fixture("stripe/acme-current-up.json"))
        .unwrap();
    let up = &ComponentStatus::Operational;
    assert_eq!(
        rows(&snapshot),
        [
            ("largestatus", "Overall", up),
            ("api", "API", up),
            ("webhooks", "Webhooks", up),
            ("dashboard", "Dashboard", up),
            ("checkout", "Checkout", up),
        ],
        "the fixture lists the parts alphabetically; they are shown as documented"
    );
    let positions: Vec<(i64, i64)> = snapshot.components.iter().map(|c| c.position).collect();
    assert_eq!(positions, [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)]);
    assert_eq!(snapshot.status(&[]), ComponentStatus::Operational);
    assert_eq!(snapshot.page.name.as_deref(), Some("Stripe"));
    assert_eq!(snapshot.page.url.as_deref(), Some(stripe::SITE));
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());
    assert!(snapshot.warnings.is_empty());
}

#[test]
fn a_degraded_page_maps_each_word_and_makes_no_incident_of_its_message() {
    let snapshot = Document::StripeCurrent
        .parse(&fixture("stripe/acme-current-degraded.json"))
        .unwrap();
    assert_eq!(
        rows(&snapshot),
        [
            (
                "largestatus",
                "Overall",
                &ComponentStatus::DegradedPerformance
            ),
            ("api", "API", &ComponentStatus::Operational),
            ("webhooks", "Webhooks", &ComponentStatus::MajorOutage),
            (
                "dashboard",
                "Dashboard",
                &ComponentStatus::DegradedPerformance
            ),
            (
                "checkout",
                "Checkout",
                &ComponentStatus::Other("pending".into())
            ),
        ]
    );
    let pending = &snapshot.components[4].status;
    assert!(!pending.is_operational(), "a word of unstated meaning");
    assert_eq!(pending.rank(), ComponentStatus::Unknown.rank());
    assert_eq!(snapshot.status(&[]), ComponentStatus::MajorOutage);
    assert_eq!(
        snapshot.status(&["api".to_string()]),
        ComponentStatus::Operational,
        "watching the API alone"
    );
    assert!(
        snapshot.incidents.is_empty() && snapshot.maintenances.is_empty(),
        "the banner message has no id, start or state: no incident is made of it"
    );
}

#[test]
fn the_rollup_and_the_parts_never_hide_each_other() {
    let status = |body: &str| stripe::parse_current(body.as_bytes()).unwrap().status(&[]);
    assert_eq!(
        status(r#"{"largestatus": "down", "statuses": {"api": "up", "webhooks": "up"}}"#),
        ComponentStatus::MajorOutage,
        "the rollup says more than the parts listed"
    );
    assert_eq!(
        status(r#"{"largestatus": "up", "statuses": {"api": "up", "webhooks": "degraded"}}"#),
        ComponentStatus::DegradedPerformance,
        "a part is worse than the rollup"
    );
    assert_eq!(
        status(r#"{"largestatus": "paused", "statuses": {}}"#),
        ComponentStatus::Other("paused".into()),
        "an unknown rollup word is never operational"
    );
    assert_eq!(
        status(r#"{"largestatus": null, "statuses": {"api": "up"}}"#),
        ComponentStatus::Unknown,
        "a rollup that is not a word is unknown"
    );
}

#[test]
fn a_malformed_page_and_other_documents_are_refused() {
    let error = stripe::parse_current(&fixture("stripe/acme-current-malformed.json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        Document::StripeCurrent
            .parse(&fixture("stripe/acme-current-malformed.json"))
            .unwrap_err()
            .to_string()
    );
    assert!(matches!(error, SourceError::Malformed { .. }), "{error:?}");
    assert!(error.to_string().contains("`statuses`"), "{error}");
    for body in [
        br#"{"status": {"indicator": "none"}, "components": []}"#.as_slice(),
        br#"{"status": [{"system": "Apps", "status": "green"}]}"#,
        br#"{"message": "Stripe is working normally."}"#,
        br#"{"UptimeStatus": "up", "message": "ok"}"#,
        br#"{"statuses": {}}"#,
        br#"{"statuses": {"  ": "up"}, "message": "all clear"}"#,
        br#"{"statuses": null}"#,
        b"[]",
        br#""up""#,
        b"{}",
    ] {
        assert!(
            matches!(
                stripe::parse_current(body),
                Err(SourceError::Malformed { .. })
            ),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(matches!(
        Document::StripeCurrent.parse(b"<html><body>Stripe Status</body></html>"),
        Err(SourceError::Html)
    ));
    assert!(Document::StripeCurrent
        .parse(b"{\"largestatus\": ")
        .is_err());
}

#[test]
fn hostile_text_is_kept_as_data_and_odd_values_are_unknown() {
    let snapshot = Document::StripeCurrent
        .parse(&fixture("stripe/acme-current-hostile.json"))
        .unwrap();
    assert_eq!(
        rows(&snapshot),
        [
            (
                "largestatus",
                "Overall",
                &ComponentStatus::Other("<b>DOWN</b>".into())
            ),
            ("api", "API", &ComponentStatus::MajorOutage),
            ("dashboard", "Dashboard", &ComponentStatus::Unknown),
            ("checkout", "Checkout", &ComponentStatus::Unknown),
            (
                "\u{1b}[31mwebhooks\u{1b}[0m",
                "\u{1b}[31mwebhooks\u{1b}[0m",
                &ComponentStatus::DegradedPerformance
            ),
            (
                "<img src=x onerror=alert(1)>",
                "<img src=x onerror=alert(1)>",
                &ComponentStatus::Operational
            ),
        ],
        "a blank part is skipped; unknown parts follow by key; text is kept as it came (output \
         escapes it)"
    );
    assert!(
        snapshot.incidents.is_empty(),
        "the scripted banner is not read"
    );
}

#[test]
fn a_long_label_or_too_many_parts_are_refused() {
    let long = "n".repeat(513);
    for body in [
        serde_json::json!({"largestatus": "up", "statuses": {long.clone(): "up"}}),
        serde_json::json!({"largestatus": "up", "statuses": {"api": long.clone()}}),
        serde_json::json!({"largestatus": long, "statuses": {}}),
    ] {
        let error = Document::StripeCurrent
            .parse(body.to_string().as_bytes())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "page too complex: 513 bytes in one id, name or status (limit 512)"
        );
    }
    let parts: serde_json::Map<String, serde_json::Value> = (0..20_000)
        .map(|i| (format!("part{i}"), serde_json::json!("up")))
        .collect();
    let body = serde_json::json!({"largestatus": "up", "statuses": parts});
    let error = Document::StripeCurrent
        .parse(body.to_string().as_bytes())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "page too complex: 20001 components (limit 10000)"
    );
}

#[test]
fn stripe_urls_lead_to_its_site_and_a_pasted_document_is_cut_back() {
    for input in [
        "https://status.stripe.com",
        "status.stripe.com/current",
        "HTTP://Status.Stripe.com/current/full?x=1",
    ] {
        assert!(stripe::is_stripe_site(input), "{input}");
        let base = base_url(input).unwrap();
        assert_eq!(stripe::page_base(input, &base).as_str(), stripe::SITE);
    }
    for other in [
        "https://status.stripe.com.evil.test/",
        "https://stripe.com/",
        "ftp://status.stripe.com/",
        "",
    ] {
        assert!(!stripe::is_stripe_site(other), "{other}");
    }
    let pasted = "http://127.0.0.1:9/pages/acme/current";
    let base = base_url(pasted).unwrap();
    assert_eq!(
        stripe::page_base(pasted, &base).as_str(),
        "http://127.0.0.1:9/pages/acme/"
    );
    let full = base_url("http://127.0.0.1:9/current/full").unwrap();
    assert_eq!(stripe::page_base("", &full).as_str(), "http://127.0.0.1:9/");
    let page = base_url("http://127.0.0.1:9/pages/concurrent").unwrap();
    assert_eq!(
        stripe::page_base("", &page),
        page,
        "only a whole `current` segment is cut"
    );
    let site = url::Url::parse(stripe::SITE).unwrap();
    let rows: Vec<(Document, String, bool)> = endpoints(Platform::Stripe, &site)
        .into_iter()
        .map(|e| (e.document, e.url.to_string(), e.required))
        .collect();
    assert_eq!(
        rows,
        [(
            Document::StripeCurrent,
            "https://status.stripe.com/current".to_string(),
            true
        )]
    );
    assert_eq!(Platform::from_name("stripe"), Some(Platform::Stripe));
    assert_eq!(Platform::Stripe.as_str(), "stripe");
    assert_eq!(Platform::Stripe.label(), "Stripe Status");
}
