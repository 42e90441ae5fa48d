//! The AWS Health `currentevents` parser: the project's own constructed UTF-16 fixture, the same
//! events in every encoding AWS might use, and hostile input.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::aws_health::parse_current_events;
use lookout_core::sources::encoding::decode_text;
use lookout_core::{ComponentStatus, Impact, IncidentStatus, SourceError};
use proptest::prelude::*;

const FIXTURE: &str = "aws/aws-currentevents-constructed-utf16le.json";

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// `text` as UTF-16, little- or big-endian, with or without a byte-order mark.
fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
    }
    for unit in text.encode_utf16() {
        out.extend(if big {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn aws_constructed_current_events() {
    let body = fixture(FIXTURE);
    assert_eq!(
        &body[..2],
        [0xFF, 0xFE],
        "the fixture is UTF-16 LE with a BOM"
    );
    let snapshot = parse_current_events(&body).unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("AWS"));
    let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    // Newest first; no service name, no time and a bad event_log are skipped.
    assert_eq!(
        ids,
        [
            "Amazon Elastic Compute Cloud-N. Virginia-1775030400",
            "lambda-sa-east-1-1774995000000",
            "Amazon Elastic Compute Cloud-N. Virginia-1774872000",
            "Amazon Simple Storage Service-Ireland-1774774800",
        ]
    );
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }

    let open = &snapshot.incidents[0];
    assert_eq!(open.title, "Increased API error rates");
    assert_eq!(open.status, IncidentStatus::Investigating);
    assert_eq!(open.impact, Impact::Major, "worst code 2");
    assert_eq!(
        open.started_at,
        utc("2026-04-01T07:55:00Z"),
        "the first log entry is earlier than `date`"
    );
    assert_eq!(open.resolved_at, None);
    assert_eq!(open.updates.len(), 2);
    assert_eq!(open.updates[1].at, utc("2026-04-01T08:40:00Z"));
    assert_eq!(
        open.updates[1].body,
        "We have identified the cause & are working towards mitigation."
    );
    assert_eq!(
        open.updates[0].id,
        "Amazon Elastic Compute Cloud-N. Virginia-1775030400/1775030100"
    );
    assert_eq!(
        open.component_ids,
        ["Amazon Elastic Compute Cloud-N. Virginia"]
    );

    let lambda = incident(&snapshot, "lambda-sa-east-1-1774995000000");
    assert_eq!(lambda.title, "Invocation failures — São Paulo");
    assert_eq!(lambda.impact, Impact::Critical);
    assert_eq!(
        lambda.started_at,
        utc("2026-03-31T22:10:00Z"),
        "milliseconds"
    );
    assert!(lambda.updates[0].body.contains("🚧"), "a surrogate pair");

    let done = incident(
        &snapshot,
        "Amazon Elastic Compute Cloud-N. Virginia-1774872000",
    );
    assert_eq!(done.title, "Instance launch delays", "without `[RESOLVED]`");
    assert_eq!(done.status, IncidentStatus::Resolved);
    assert_eq!(done.impact, Impact::Minor, "worst code 1");
    assert_eq!(done.resolved_at, Some(utc("2026-03-30T13:15:00Z")));
    assert_eq!(done.updates[1].status, IncidentStatus::Resolved);

    let odd = incident(
        &snapshot,
        "Amazon Simple Storage Service-Ireland-1774774800",
    );
    assert_eq!(odd.status, IncidentStatus::Other("7".into()));
    assert_eq!(odd.impact, Impact::Other("7".into()));
    assert!(odd.updates.is_empty());

    type Row<'a> = (&'a str, &'a str, Option<&'a str>, ComponentStatus);
    let components: Vec<Row> = snapshot
        .components
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.name.as_str(),
                c.group.as_deref(),
                c.status.clone(),
            )
        })
        .collect();
    assert_eq!(
        components,
        [
            (
                "Amazon Simple Storage Service-Ireland",
                "Amazon Simple Storage Service",
                Some("Ireland"),
                ComponentStatus::Other("7".into())
            ),
            (
                "Amazon Elastic Compute Cloud-N. Virginia",
                "Amazon Elastic Compute Cloud",
                Some("N. Virginia"),
                ComponentStatus::PartialOutage
            ),
            (
                "lambda-sa-east-1",
                "AWS Lambda",
                Some("São Paulo"),
                ComponentStatus::MajorOutage
            ),
        ],
        "the open event's status wins over the resolved one's operational"
    );
    assert_eq!(snapshot.worst_status(), ComponentStatus::MajorOutage);
}

#[test]
fn every_encoding_reads_the_same() {
    let expected = parse_current_events(&fixture(FIXTURE)).unwrap();
    let text = decode_text("t", &fixture(FIXTURE)).unwrap().into_owned();
    let utf8_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    for body in [
        text.as_bytes().to_vec(),
        utf8_bom,
        utf16(&text, false, false),
        utf16(&text, true, true),
        utf16(&text, true, false),
        utf16(&format!("{{\"events\":{text}}}"), false, true),
    ] {
        assert_eq!(parse_current_events(&body).unwrap(), expected);
    }
}

#[test]
fn hostile_bodies_are_errors_never_panics() {
    let empty_list = parse_current_events(&utf16("[]", false, true)).unwrap();
    assert!(empty_list.incidents.is_empty() && empty_list.components.is_empty());
    assert!(matches!(parse_current_events(b""), Err(SourceError::Empty)));
    assert!(matches!(
        parse_current_events(&[0xFF, 0xFE]),
        Err(SourceError::Empty)
    ));
    assert!(matches!(
        parse_current_events(&utf16("<html>rate limited</html>", false, true)),
        Err(SourceError::Html)
    ));
    // Odd length: a UTF-16 body cut in the middle of a code unit.
    let mut cut = fixture(FIXTURE);
    cut.truncate(cut.len() - 1);
    assert!(matches!(
        parse_current_events(&cut),
        Err(SourceError::Malformed { .. })
    ));
    // Cut at a code unit: valid UTF-16, broken JSON.
    let mut cut = fixture(FIXTURE);
    cut.truncate((cut.len() / 2) & !1);
    assert!(matches!(
        parse_current_events(&cut),
        Err(SourceError::Malformed { .. })
    ));
    for body in [
        &b"garbage"[..],
        b"\xc3\x28",
        b"\xfe\xff\xd8\x00",
        b"{}",
        b"{\"events\":{}}",
        b"7",
        b"null",
    ] {
        assert!(
            matches!(
                parse_current_events(body),
                Err(SourceError::Malformed { .. })
            ),
            "{body:?}"
        );
    }
    // Odd values inside are skipped or kept, never a panic.
    let odd = br#"[{"service_name":"S","date":"1e400"},{"service_name":"S","date":-5},
        {"service_name":"S","date":"99999999999999999999","status":[1]},
        {"service_name":"S","date":"1775030400","event_log":[null,7,{"timestamp":"x"},
        {"timestamp":1.5e12,"status":"0"}]}]"#;
    let snapshot = parse_current_events(odd).unwrap();
    assert_eq!(snapshot.incidents.len(), 1);
    assert_eq!(snapshot.incidents[0].updates.len(), 1);
    assert_timeline_rules(&snapshot.incidents[0]);
}

proptest! {
    #[test]
    fn aws_random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_current_events(&body);
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&body);
        let _ = parse_current_events(&with_bom);
    }

    #[test]
    fn aws_odd_fields_never_panic(date in ".{0,24}", status in ".{0,4}", stamp in any::<i64>()) {
        let doc = serde_json::json!([{"service_name": "S", "region_name": "R", "date": date,
            "status": status, "event_log": [{"timestamp": stamp, "status": status}]}]);
        if let Ok(snapshot) = parse_current_events(&utf16(&doc.to_string(), false, true)) {
            for one in &snapshot.incidents {
                assert_timeline_rules(one);
            }
        }
    }
}

// Decoding the body: every UTF-8 and UTF-16 form reads the same; broken ones are errors.

#[test]
fn every_form_reads_the_same() {
    let text = "[{\"summary\":\"Zürich – 東京 😀\"}]";
    for big in [false, true] {
        for bom in [false, true] {
            let body = utf16(text, big, bom);
            assert_eq!(
                decode_text("t", &body).unwrap(),
                text,
                "big {big} bom {bom}"
            );
        }
    }
    assert_eq!(decode_text("t", text.as_bytes()).unwrap(), text);
    let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    assert_eq!(decode_text("t", &with_bom).unwrap(), text);
    assert_eq!(decode_text("t", b"").unwrap(), "");
}

#[test]
fn broken_bodies_are_errors_or_replacements_never_panics() {
    let mut odd = utf16("[]", false, true);
    odd.push(b'x');
    assert!(matches!(
        decode_text("t", &odd),
        Err(SourceError::Malformed { .. })
    ));
    assert!(decode_text("t", &[0xFF, 0xFE, 0x00]).is_err());
    // A lone surrogate (0xD800) becomes U+FFFD.
    let lone = [0xFF, 0xFE, b'[', 0, 0x00, 0xD8, b']', 0];
    assert_eq!(decode_text("t", &lone).unwrap(), "[\u{FFFD}]");
    assert!(decode_text("t", &[0xC3, 0x28]).is_err());
    assert_eq!(decode_text("t", &[0xFF, 0xFE]).unwrap(), "");
}
