//! Feed items read as a person reads them (issue 31, findings 16 and 17): the status word
//! wherever the item states it, and planned-maintenance notices as maintenances with their
//! window, never incidents. One constructed "Acme" fixture per layout, each pinned by an insta
//! snapshot beside the facts asserted here.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::feed::parse_feed;
use lookout_core::{ComponentStatus, Snapshot};

/// `tests/fixtures/feeds/{name}`, parsed; its timelines checked.
fn read(name: &str) -> Snapshot {
    let full = format!(
        "{}/../../tests/fixtures/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let body = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let snapshot = parse_feed(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    for one in &snapshot.incidents {
        assert_timeline_rules(one);
    }
    snapshot
}

fn statuses(snapshot: &Snapshot) -> Vec<(&str, &str)> {
    snapshot
        .incidents
        .iter()
        .map(|i| (i.id.as_str(), i.status.as_str()))
        .collect()
}

#[test]
fn the_status_word_after_the_labels_closing_tag_is_read() {
    let snapshot = read("acme-status-after-tag.atom");
    assert_eq!(
        statuses(&snapshot),
        [
            ("urn:acme:change:2", "resolved"),
            ("urn:acme:change:1", "resolved")
        ]
    );
    // Two resolved incidents are no alarm.
    assert_eq!(snapshot.status(&[]), ComponentStatus::Operational);
    let api = incident(&snapshot, "urn:acme:change:2");
    assert_eq!(api.resolved_at, Some(utc("2026-05-06T00:00:00Z")));
    assert_eq!(
        api.updates[0].body,
        "<p>The API is responding normally again.</p>"
    );
    insta::assert_json_snapshot!("feed_status_after_tag_atom", snapshot);
}

#[test]
fn the_status_word_in_the_title_is_read() {
    let snapshot = read("acme-status-in-title.rss");
    assert_eq!(
        statuses(&snapshot),
        [
            ("mail-43", "identified"),
            ("mail-42", "monitoring"),
            ("mail-41", "resolved")
        ]
    );
    assert!(snapshot.maintenances.is_empty());
    insta::assert_json_snapshot!("feed_status_in_title_rss", snapshot);
}

#[test]
fn the_status_word_after_a_label_in_the_text_is_read() {
    let snapshot = read("acme-status-label.rss");
    assert_eq!(
        statuses(&snapshot),
        [
            ("build-7", "identified"),
            // "resolved" elsewhere in the text does not override the label.
            ("build-6", "investigating"),
            ("build-5", "resolved")
        ]
    );
    insta::assert_json_snapshot!("feed_status_label_rss", snapshot);
}
