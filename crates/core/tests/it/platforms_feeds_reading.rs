//! Feed items read as a person reads them (issue 31, findings 16 and 17): the status word
//! wherever the item states it, and planned-maintenance notices as maintenances with their
//! window, never incidents. One constructed "Acme" fixture per layout, each pinned by an insta
//! snapshot beside the facts asserted here.

use crate::{assert_timeline_rules, incident, utc};
use lookout_core::sources::feed::parse_feed;
use lookout_core::{ComponentStatus, IncidentStatus, Maintenance, MaintenanceStatus, Snapshot};

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

fn maintenance<'a>(snapshot: &'a Snapshot, id: &str) -> &'a Maintenance {
    snapshot
        .maintenances
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no maintenance {id}"))
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

#[test]
fn an_initial_maintenance_notification_is_a_scheduled_window() {
    let snapshot = read("acme-maintenance-initial.rss");
    assert!(snapshot.incidents.is_empty(), "{:?}", snapshot.incidents);
    let notice = maintenance(&snapshot, "shop-notice-300");
    assert_eq!(
        notice.title,
        "Initial Notification: Acme Shop Live Site Maintenance"
    );
    assert_eq!(notice.status, MaintenanceStatus::Scheduled);
    assert_eq!(notice.scheduled_for, Some(utc("2026-05-16T22:00:00Z")));
    // 02:00 is the next morning.
    assert_eq!(notice.scheduled_until, Some(utc("2026-05-17T02:00:00Z")));
    // Work that has not started is no alarm.
    assert_eq!(snapshot.status(&[]), ComponentStatus::Operational);
    insta::assert_json_snapshot!("feed_maintenance_initial_rss", snapshot);
}

#[test]
fn a_postponed_maintenance_takes_its_new_window_or_none() {
    let snapshot = read("acme-maintenance-postponed.rss");
    assert!(snapshot.incidents.is_empty(), "{:?}", snapshot.incidents);
    let moved = maintenance(&snapshot, "shop-notice-301");
    assert_eq!(moved.status, MaintenanceStatus::Scheduled);
    assert_eq!(moved.scheduled_for, Some(utc("2026-05-23T22:00:00Z")));
    assert_eq!(moved.scheduled_until, Some(utc("2026-05-23T23:30:00Z")));
    // Postponed until further notice: the old window no longer holds, and there is no new one.
    let open_ended = maintenance(&snapshot, "shop-notice-302");
    assert_eq!(open_ended.status, MaintenanceStatus::Scheduled);
    assert_eq!(open_ended.scheduled_for, None);
    assert_eq!(open_ended.scheduled_until, None);
    assert_eq!(snapshot.status(&[]), ComponentStatus::Operational);
    insta::assert_json_snapshot!("feed_maintenance_postponed_rss", snapshot);
}

#[test]
fn a_maintenance_in_progress_has_its_planned_window() {
    let snapshot = read("acme-maintenance-in-progress.rss");
    assert!(snapshot.incidents.is_empty(), "{:?}", snapshot.incidents);
    // Statuspage's "THIS IS A SCHEDULED EVENT" line gives the window, not the post's date.
    let upgrade = maintenance(
        &snapshot,
        "https://status.cloud.acme.test/incidents/acme7001",
    );
    assert_eq!(upgrade.status, MaintenanceStatus::InProgress);
    assert_eq!(upgrade.scheduled_for, Some(utc("2026-05-10T22:00:00Z")));
    assert_eq!(upgrade.scheduled_until, Some(utc("2026-05-10T23:30:00Z")));
    let rebuild = maintenance(&snapshot, "search-rebuild-2026-05-10");
    assert_eq!(rebuild.status, MaintenanceStatus::InProgress);
    assert_eq!(rebuild.scheduled_for, Some(utc("2026-05-10T21:00:00Z")));
    assert_eq!(rebuild.scheduled_until, Some(utc("2026-05-10T23:00:00Z")));
    assert_eq!(snapshot.status(&[]), ComponentStatus::UnderMaintenance);
    insta::assert_json_snapshot!("feed_maintenance_in_progress_rss", snapshot);
}

#[test]
fn a_completed_maintenance_is_completed() {
    let snapshot = read("acme-maintenance-completed.rss");
    assert!(snapshot.incidents.is_empty(), "{:?}", snapshot.incidents);
    let done = maintenance(&snapshot, "shop-notice-303");
    assert_eq!(done.status, MaintenanceStatus::Completed);
    assert_eq!(done.scheduled_for, Some(utc("2026-05-23T22:00:00Z")));
    assert_eq!(done.scheduled_until, Some(utc("2026-05-24T01:40:00Z")));
    assert_eq!(snapshot.status(&[]), ComponentStatus::Operational);
    insta::assert_json_snapshot!("feed_maintenance_completed_rss", snapshot);
}

#[test]
fn an_incident_that_mentions_maintenance_stays_an_incident() {
    let snapshot = read("acme-maintenance-mentioned.rss");
    assert!(
        snapshot.maintenances.is_empty(),
        "{:?}",
        snapshot.maintenances
    );
    assert_eq!(
        statuses(&snapshot),
        [
            ("shop-incident-89", "monitoring"),
            ("shop-incident-88", "identified")
        ]
    );
    assert_eq!(
        incident(&snapshot, "shop-incident-88").status,
        IncidentStatus::Identified
    );
    // Open incidents: the vendor is degraded.
    assert_eq!(snapshot.status(&[]), ComponentStatus::DegradedPerformance);
    insta::assert_json_snapshot!("feed_maintenance_mentioned_rss", snapshot);
}

/// Fuzz targets of the notice reading (`scripts/fuzz` runs every `fuzz::` test): random titles
/// and bodies made of status labels, notice headings and date-time words, and long generated
/// repeats of them. Each must return, never panic, and keep the timeline rules.
mod fuzz {
    use super::*;
    use lookout_core::sources::date_range::in_range;
    use lookout_core::sources::Document;
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: lookout_core::fuzz_cases(),
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    fn item(title: &str, body: &str) -> String {
        format!(
            "<rss version=\"2.0\"><channel><item><title>{title}</title><guid>g</guid>\
             <pubDate>Tue, 05 May 2026 02:00:00 GMT</pubDate>\
             <description><![CDATA[{body}]]></description></item></channel></rss>"
        )
    }

    /// Reads `xml` as a feed page (timed under `scripts/fuzz`) and checks what it read.
    fn holds(xml: &str) -> Result<(), TestCaseError> {
        let parsed = lookout_core::fuzz_timed(xml.len(), || Document::Feed.parse(xml.as_bytes()))
            .map_err(TestCaseError::fail)?;
        let Ok(snapshot) = parsed else {
            return Ok(());
        };
        for one in &snapshot.incidents {
            assert_timeline_rules(one);
        }
        for window in &snapshot.maintenances {
            let times = [window.scheduled_for, window.scheduled_until];
            prop_assert!(times.into_iter().flatten().all(in_range), "{window:?}");
        }
        // The items are dated in range: no window read from their text is out of it either.
        prop_assert!(snapshot.warnings.is_empty(), "{:?}", snapshot.warnings);
        Ok(())
    }

    fn title() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Initial Notification",
            "Postponed",
            "Rescheduled",
            ": ",
            " - ",
            " | ",
            "[",
            "]",
            "(",
            ")",
            "Maintenance",
            "Scheduled",
            "in progress",
            "Completed",
            "Resolved",
            "Monitoring",
            "Update",
            "for",
            "x",
            " ",
        ]);
        prop::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
    }

    fn body() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<strong>",
            "</strong>",
            "<br>",
            "<h3>",
            "</h3>",
            "Status:",
            " resolved",
            " In progress",
            " identified",
            "Type:",
            " Maintenance",
            "THIS IS A SCHEDULED EVENT",
            "New window:",
            " postponed until",
            " moved to",
            "Start:",
            "End:",
            "Original start:",
            "Date:",
            "Time:",
            "May",
            "Dec",
            " 16",
            " 31st",
            ", 2026",
            " 22:00",
            " 10 pm",
            "9AM",
            " -",
            "–",
            " to",
            " and",
            " until",
            " UTC",
            " GMT+2",
            " EST",
            "+05:30",
            " from",
            " between",
            " on",
            " Saturday,",
            "2026-05-16T22:00:00Z",
            "1969-12-31",
            "é",
            " ",
            "&amp;",
        ]);
        prop::collection::vec(piece, 0..80).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn notices_and_status_words_never_break_the_reader(title in title(), body in body()) {
            holds(&item(&title, &body))?;
        }
    }

    #[test]
    fn long_repeats_of_notice_words_are_read_in_one_pass() {
        let cases = [
            item(&"[Maintenance] ".repeat(20_000), &"Status: ".repeat(50_000)),
            item(
                "Postponed: Maintenance",
                &"new window: on May 16 from 22:00 - ".repeat(20_000),
            ),
            item(
                "Maintenance: x",
                &"<p>Start: May 16, 2026 22:00 UTC -</p>".repeat(10_000),
            ),
            item(
                &"Resolved - ".repeat(20_000),
                &"type: maintenance ".repeat(50_000),
            ),
            item("x", &"<strong>Status:</strong>".repeat(40_000)),
        ];
        for xml in cases {
            holds(&xml).unwrap();
        }
    }
}
