//! The honesty measures on a scripted history whose figures were worked out by hand: probe
//! suspicions at known times, incidents posted later by known amounts, one outage never posted,
//! one too short to count, and the grade's boundaries.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::honesty::{measure, Evidence, Posted};

fn at(hour: i64, minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap()
        + Duration::hours(hour)
        + Duration::minutes(minute)
}

fn suspicion(start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Evidence {
    Evidence {
        start,
        end,
        suspicion: true,
    }
}

fn posted(first_post: DateTime<Utc>, resolved: Option<DateTime<Utc>>) -> Posted {
    Posted {
        first_post,
        resolved,
        has_components: true,
        maintenance: false,
    }
}

/// S1 10:00–10:40, posted 10:20 (20 min); S2 12:00–12:30, posted 13:00 (60 min, after it closed
/// but within the hour); S3 14:00–14:25 never posted; S4 16:00–16:05 too short to count; a
/// component down 18:00–18:30, posted 18:10 with no component named (10 min); a post at 20:00 with
/// no evidence (0); a maintenance at 22:00 (left out).
fn scripted() -> (Vec<Posted>, Vec<Evidence>) {
    let evidence = vec![
        suspicion(at(10, 0), Some(at(10, 40))),
        suspicion(at(12, 0), Some(at(12, 30))),
        suspicion(at(14, 0), Some(at(14, 25))),
        suspicion(at(16, 0), Some(at(16, 5))),
        Evidence {
            start: at(18, 0),
            end: Some(at(18, 30)),
            suspicion: false,
        },
    ];
    let mut silent = posted(at(18, 10), None);
    silent.has_components = false;
    let mut maintenance = posted(at(22, 0), Some(at(23, 0)));
    maintenance.maintenance = true;
    let incidents = vec![
        posted(at(10, 20), Some(at(11, 0))),
        posted(at(13, 0), Some(at(13, 30))),
        silent,
        posted(at(20, 0), Some(at(20, 30))),
        maintenance,
    ];
    (incidents, evidence)
}

#[test]
fn the_scripted_history_gives_the_hand_computed_figures() {
    let (incidents, evidence) = scripted();
    let honesty = measure(&incidents, &evidence, at(23, 59));
    // Delays 0, 10, 20, 60 min: the median is (10 + 20) / 2 = 15 min, p90 the 4th of 4.
    assert_eq!(honesty.acknowledgement_median_seconds, Some(15 * 60));
    assert_eq!(honesty.acknowledgement_p90_seconds, Some(60 * 60));
    assert_eq!(
        honesty.unacknowledged_outages, 1,
        "S3 only; S4 lasted 5 min"
    );
    assert_eq!(honesty.incidents_without_components, 1);
    // 4 incidents + 1 unacknowledged = 5 outages, 20 % unacknowledged, median 15 min: C.
    assert_eq!(honesty.grade, Some('C'));
}

#[test]
fn the_grade_follows_its_written_rule() {
    let (incidents, evidence) = scripted();
    // S3 posted at 14:30 too: nothing unacknowledged, median 15 min → A.
    let mut all_posted = incidents.clone();
    all_posted.push(posted(at(14, 30), Some(at(14, 50))));
    let grade = measure(&all_posted, &evidence, at(23, 59)).grade;
    // Delays 0, 10, 20, 30, 60: median 20 min → B.
    assert_eq!(grade, Some('B'));
    let quick: Vec<Posted> = (0..3).map(|h| posted(at(h, 0), Some(at(h, 30)))).collect();
    assert_eq!(measure(&quick, &[], at(23, 0)).grade, Some('A'));
    // Most outages never posted → F.
    let unposted: Vec<Evidence> = (0..4)
        .map(|h| suspicion(at(2 * h + 5, 0), Some(at(2 * h + 5, 20))))
        .collect();
    assert_eq!(measure(&quick, &unposted, at(23, 0)).grade, Some('F'));
    // Acknowledged 5 hours late → F; too little evidence → no grade.
    let late = vec![suspicion(at(1, 0), None)];
    let slow: Vec<Posted> = (6..9).map(|h| posted(at(h, 0), None)).collect();
    assert_eq!(measure(&slow, &late, at(23, 0)).grade, Some('F'));
    assert_eq!(measure(&quick[..2], &[], at(23, 0)).grade, None);
}
