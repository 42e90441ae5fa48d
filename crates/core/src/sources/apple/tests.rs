//! The Apple reader's own rules: the JSONP wrapper, its words and its times.

use super::*;
use crate::status::ComponentStatus;

#[test]
fn the_wrapper_comes_off_only_a_call_with_json_inside() {
    assert_eq!(
        unwrap_jsonp(b"jsonCallback({\"a\":1});"),
        Some(&b"{\"a\":1}"[..])
    );
    assert_eq!(unwrap_jsonp(b"\xEF\xBB\xBF cb ( [] ) \n"), Some(&b"[]"[..]));
    assert_eq!(unwrap_jsonp(b"a.b$_1({})"), Some(&b"{}"[..]));
    for body in [
        &b""[..],
        b"{\"services\": []}",
        b"jsonCallback({}",
        b"jsonCallback()",
        b"(1)",
        b"1cb({})",
        b"<html>cb({})</html>",
    ] {
        assert_eq!(
            unwrap_jsonp(body),
            None,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let long = format!("{}({{}})", "c".repeat(65));
    assert_eq!(unwrap_jsonp(long.as_bytes()), None);
}

#[test]
fn event_words_map_onto_the_vocabulary_and_unknown_ones_are_never_operational() {
    assert_eq!(effect(Some("Outage")), ComponentStatus::MajorOutage);
    assert_eq!(effect(Some("issue")), ComponentStatus::PartialOutage);
    assert_eq!(
        effect(Some("Performance")),
        ComponentStatus::DegradedPerformance
    );
    assert_eq!(
        effect(Some("Maintenance")),
        ComponentStatus::UnderMaintenance
    );
    assert_eq!(effect(None), ComponentStatus::Unknown);
    assert_eq!(effect(Some("Blip")), ComponentStatus::Other("Blip".into()));
    assert_eq!(phase(Some("Resolved")), Phase::Over);
    assert_eq!(phase(Some("upcoming")), Phase::Planned);
    assert_eq!(phase(Some("paused")), Phase::Ongoing);
    assert_eq!(phase(None), Phase::Ongoing);
}

#[test]
fn times_are_epoch_milliseconds() {
    let at = epoch_millis(Some(&serde_json::json!(1_658_940_000_000_i64))).unwrap();
    assert_eq!(at.to_rfc3339(), "2022-07-27T16:40:00+00:00");
    assert_eq!(
        epoch_millis(Some(&serde_json::json!("1658940000000"))),
        Some(at)
    );
    for bad in [
        serde_json::json!(null),
        serde_json::json!(-5),
        serde_json::json!(1e300),
    ] {
        assert_eq!(epoch_millis(Some(&bad)), None, "{bad}");
    }
}
