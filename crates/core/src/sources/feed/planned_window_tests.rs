//! Tests of `planned_window` (in their own file, to keep the module short).

use super::*;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_default()
}

fn window(text: &str, postponed: bool) -> Option<(String, Option<String>)> {
    let read = read(text, at("2026-05-01T00:00:00Z"), postponed)?;
    Some((read.starts.to_rfc3339(), read.ends.map(|e| e.to_rfc3339())))
}

fn both(starts: &str, ends: &str) -> Option<(String, Option<String>)> {
    Some((at(starts).to_rfc3339(), Some(at(ends).to_rfc3339())))
}

#[test]
fn windows_are_read_in_the_forms_vendors_write() {
    let cases = [
        (
            "THIS IS A SCHEDULED EVENT Mar 16, 23:00 - Mar 17, 05:00 UTC | Mar 16, 23:00 UTC",
            both("2026-03-16T23:00:00Z", "2026-03-17T05:00:00Z"),
        ),
        (
            "We will be performing scheduled maintenance in PDX (Portland) datacenter on \
             2026-03-16 between 14:00 and 23:45 UTC.",
            both("2026-03-16T14:00:00Z", "2026-03-16T23:45:00Z"),
        ),
        (
            "routine system maintenance between 3:30 pm EST on Friday, July 17th through \
             4 pm EST on Saturday, July 18th.",
            both("2026-07-17T20:30:00Z", "2026-07-18T21:00:00Z"),
        ),
        (
            "The platform will undergo scheduled maintenance Saturday, February 7th from \
             9AM EST until 12PM EST while we perform updates.",
            both("2026-02-07T14:00:00Z", "2026-02-07T17:00:00Z"),
        ),
        (
            "Original start: May 10, 2026 22:00 UTC | Start: 17 May 2026 22:00 CEST | \
             End: 23:30 CEST",
            both("2026-05-17T20:00:00Z", "2026-05-17T21:30:00Z"),
        ),
        (
            "Upgrade on May 20 at 10:00 GMT+2.",
            Some((at("2026-05-20T08:00:00Z").to_rfc3339(), None)),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(window(text, false), want, "{text}");
    }
}

#[test]
fn a_postponed_notice_takes_only_its_new_window() {
    let old = "The maintenance scheduled for Sunday October 19 at 2:00 pm EST will be \
               postponed until a later date.";
    assert_eq!(window(old, true), None);
    assert!(
        window(old, false).is_some(),
        "read as an announcement, it has one"
    );
    let moved = "Planned for May 16, 2026 22:00 UTC; moved to May 23, 2026 22:00 - 23:00 UTC.";
    assert_eq!(
        window(moved, true),
        both("2026-05-23T22:00:00Z", "2026-05-23T23:00:00Z")
    );
}

#[test]
fn what_is_not_a_window_is_none() {
    for text in [
        "",
        "Errors since 10:00 UTC.",
        "Marketing 5 team members on call.",
        "on May 40, 2026 at 10:00 UTC",
        "on May 1, 2026 at 25:00 UTC",
        "from - to - and - until",
    ] {
        assert_eq!(window(text, false), None, "{text}");
    }
    // Past the words read, nothing is looked at.
    let far = format!(
        "{} on May 16, 2026 at 22:00 UTC",
        "word ".repeat(MAX_TOKENS)
    );
    assert_eq!(window(&far, false), None);
}
