//! Hostile input: empty, HTML, garbage and wrongly shaped bodies are errors, never panics.

use crate::PARSERS;
use lookout_core::sources::{incidentio, statuspage};
use lookout_core::SourceError;
use proptest::prelude::*;

#[test]
fn empty_bodies_are_empty() {
    for (name, parse) in PARSERS {
        for body in [&b""[..], b"   \n\t"] {
            assert!(matches!(parse(body), Err(SourceError::Empty)), "{name}");
        }
    }
}

#[test]
fn html_pages_are_html() {
    let page =
        b"<!doctype html><html><head><title>Just a moment...</title></head><body></body></html>";
    for (name, parse) in PARSERS {
        assert!(matches!(parse(page), Err(SourceError::Html)), "{name}");
        assert!(
            matches!(parse(b"\n  <html>"), Err(SourceError::Html)),
            "{name}"
        );
    }
}

#[test]
fn garbage_is_malformed() {
    for (name, parse) in PARSERS {
        for body in [
            &b"not json at all"[..],
            b"{\"page\":",
            b"\xff\xfe\x00",
            b"{\"incidents\":[}",
        ] {
            assert!(
                matches!(parse(body), Err(SourceError::Malformed { .. })),
                "{name}: {body:?}"
            );
        }
    }
}

#[test]
fn valid_json_of_the_wrong_shape_is_malformed_not_a_panic() {
    for (name, parse) in PARSERS {
        for body in ["{}", "null", "\"x\"", "1", "true", "{\"foo\":1}"] {
            assert!(
                matches!(parse(body.as_bytes()), Err(SourceError::Malformed { .. })),
                "{name}: {body}"
            );
        }
    }
    // Right keys, wrong types.
    for body in [
        r#"{"components":5}"#,
        r#"{"components":[{"id":5}]}"#,
        r#"{"page":"x"}"#,
    ] {
        assert!(
            matches!(
                statuspage::parse_summary(body.as_bytes()),
                Err(SourceError::Malformed { .. })
            ),
            "{body}"
        );
    }
    let wrong =
        r#"{"summary":{"structure":{"items":[{"group":{"name":"Codex","components":{}}}]}}}"#;
    assert!(matches!(
        incidentio::parse_summary(wrong.as_bytes()),
        Err(SourceError::Malformed { .. })
    ));
}

#[test]
fn arrays_and_minimal_documents() {
    // `[]`: Statuspage documents and the incident.io summary are objects; the incident.io
    // history accepts a bare array of incidents.
    for (name, parse) in &PARSERS[..4] {
        assert!(
            matches!(parse(b"[]"), Err(SourceError::Malformed { .. })),
            "{name}"
        );
    }
    assert!(incidentio::parse_incidents(b"[]")
        .unwrap()
        .incidents
        .is_empty());
    // Present-but-null keys are empty lists.
    let snapshot =
        statuspage::parse_summary(br#"{"page":null,"components":null,"incidents":null}"#).unwrap();
    assert!(snapshot.components.is_empty());
    assert!(statuspage::parse_incidents(br#"{"incidents":[]}"#)
        .unwrap()
        .incidents
        .is_empty());
    assert!(statuspage::parse_maintenances(br#"{"scheduled_maintenances":null}"#).is_ok());
    assert!(incidentio::parse_summary(br#"{"summary":{}}"#).is_ok());
    // A record without an id or without any time does not panic; both are skipped.
    let odd =
        br#"{"incidents":[{"name":"no id"},{"id":"x","incident_updates":[{"body":"no time"}]}]}"#;
    let snapshot = statuspage::parse_incidents(odd).unwrap();
    assert!(snapshot.incidents.is_empty());
    let timed = br#"{"incidents":[{"id":"x","incident_updates":[{"id":"u","body":"b","created_at":"2026-01-01T00:00:00Z"}]}]}"#;
    assert_eq!(
        statuspage::parse_incidents(timed).unwrap().incidents.len(),
        1
    );
}

/// Keys the parsers look for, so random documents reach deep into them.
const KEYS: &[&str] = &[
    "page",
    "status",
    "components",
    "incidents",
    "scheduled_maintenances",
    "id",
    "name",
    "url",
    "position",
    "group",
    "group_id",
    "incident_updates",
    "affected_components",
    "code",
    "new_status",
    "display_at",
    "created_at",
    "started_at",
    "resolved_at",
    "shortlink",
    "impact",
    "scheduled_for",
    "scheduled_until",
    "summary",
    "structure",
    "items",
    "hidden",
    "component",
    "component_id",
    "ongoing_incidents",
    "updates",
    "published_at",
    "to_status",
    "component_statuses",
    "component_impacts",
    "status_summaries",
    "start_at",
    "end_at",
    "type",
    "message",
    "message_string",
    "text_node",
    "content",
    "text",
    "public_url",
    "body",
];

/// Vendor words and times the random documents use as values.
const WORDS: &[&str] = &[
    "operational",
    "full_outage",
    "resolved",
    "postmortem",
    "maintenance",
    "incident",
    "maintenance_complete",
    "2026-01-30T11:21:05.2Z",
    "2026-05-08T10:49:55.936-04:00",
    "2021-08-11",
    "",
    "x",
];

fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    crate::json_document(KEYS, WORDS)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..256)) {
        for (_, parse) in PARSERS {
            let _ = parse(&body);
        }
    }

    #[test]
    fn json_ish_strings_never_panic(body in r#"[\[\]{}":,a-z_0-9. \-]{0,96}"#) {
        for (_, parse) in PARSERS {
            let _ = parse(body.as_bytes());
        }
    }

    #[test]
    fn random_documents_never_panic(value in json_value()) {
        let body = serde_json::to_vec(&value).unwrap();
        for (_, parse) in PARSERS {
            if let Ok(snapshot) = parse(&body) {
                for incident in &snapshot.incidents {
                    prop_assert!(incident.updates.windows(2).all(|p| p[0].at <= p[1].at));
                    prop_assert!(incident.updates.iter().all(|u| incident.started_at <= u.at));
                }
            }
        }
    }
}
