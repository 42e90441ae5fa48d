//! Per-component downtime from incident timelines (`lookout_core::history`): exact seconds per
//! status for components that join an incident late, recover before it is resolved, sit in
//! overlapping incidents, are filled in by recorded history, or cannot be known.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use lookout_core::history::{day_worst, ProviderHistory, Sources, Span, Totals};
use lookout_core::status::{Impact, IncidentStatus, MaintenanceStatus};
use lookout_core::{ComponentStatus, Incident, IncidentUpdate, Maintenance, UpdateComponent};

use ComponentStatus::{DegradedPerformance as Degraded, MajorOutage as Major, Operational};
use ComponentStatus::{PartialOutage as Partial, UnderMaintenance, Unknown};

/// 2026-03-04 at `h:m` UTC.
fn at(h: u32, m: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2026, 3, 4)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
        .and_utc()
}

/// An update at `when` listing `components` with their statuses.
fn update(
    when: DateTime<Utc>,
    status: IncidentStatus,
    components: &[(&str, ComponentStatus)],
) -> IncidentUpdate {
    IncidentUpdate {
        id: format!("u{}", when.timestamp()),
        status,
        body: String::new(),
        at: when,
        components: components
            .iter()
            .map(|(id, status)| UpdateComponent {
                id: (*id).to_string(),
                name: id.to_uppercase(),
                status: status.clone(),
            })
            .collect(),
    }
}

fn incident(id: &str, updates: Vec<IncidentUpdate>, resolved: Option<DateTime<Utc>>) -> Incident {
    Incident {
        id: id.to_string(),
        title: id.to_string(),
        impact: Impact::Major,
        status: if resolved.is_some() {
            IncidentStatus::Resolved
        } else {
            IncidentStatus::Investigating
        },
        started_at: updates[0].at,
        resolved_at: resolved,
        url: None,
        component_ids: Vec::new(),
        updates,
    }
}

/// The whole day of 2026-03-04 (UTC), known from its start.
fn day() -> Span {
    Span {
        from: at(0, 0),
        to: at(0, 0) + Duration::days(1),
    }
}

fn sources<'a>(
    incidents: &'a [Incident],
    maintenances: &'a [Maintenance],
    gaps: &'a [Span],
) -> Sources<'a> {
    Sources {
        incidents,
        maintenances,
        known_since: Some(at(0, 0)),
        gaps,
        now: at(23, 59) + Duration::minutes(1),
    }
}

fn minutes(totals: &Totals, status: ComponentStatus) -> i64 {
    totals.seconds(&status) / 60
}

/// The seeds' shape: `api` degraded at 10:00, worse at 10:30, back to operational at 11:00 while
/// the incident stays open; `db` joins in the second update (10:30) and the incident is resolved
/// at 12:00 with no update naming `db` again.
fn seed_timeline() -> Incident {
    use IncidentStatus::{Identified, Investigating, Monitoring, Resolved};
    incident(
        "i1",
        vec![
            update(at(10, 0), Investigating, &[("api", Degraded)]),
            update(at(10, 30), Identified, &[("api", Partial), ("db", Major)]),
            update(at(11, 0), Monitoring, &[("api", Operational)]),
            update(at(12, 0), Resolved, &[]),
        ],
        Some(at(12, 0)),
    )
}

#[test]
fn each_component_has_the_status_its_latest_listing_update_gave_it_until_the_incident_ends() {
    let incidents = [seed_timeline()];
    let history = ProviderHistory::new(sources(&incidents, &[], &[]));
    let api = Totals::of(&history.segments("api", &[], day()));
    assert_eq!(minutes(&api, Degraded), 30);
    assert_eq!(
        minutes(&api, Partial),
        30,
        "recovers before the incident is resolved"
    );
    assert_eq!(minutes(&api, Major), 0);
    assert_eq!(minutes(&api, Operational), 24 * 60 - 60);
    let db = Totals::of(&history.segments("db", &[], day()));
    assert_eq!(
        minutes(&db, Major),
        90,
        "joins at 10:30, unlisted after, ends at 12:00"
    );
    assert_eq!(db.outage_seconds(), 90 * 60);
    let web = Totals::of(&history.segments("web", &[], day()));
    assert_eq!(
        minutes(&web, Operational),
        24 * 60,
        "never listed: not affected"
    );
    let uptime = db.uptime_percent().unwrap();
    assert!(
        (uptime - (1.0 - 90.0 / 1440.0) * 100.0).abs() < 1e-9,
        "{uptime}"
    );
}

#[test]
fn overlapping_incidents_take_the_worse_status_and_recorded_history_fills_the_rest() {
    use IncidentStatus::{Investigating, Resolved};
    let incidents = [
        seed_timeline(),
        incident(
            "i2",
            vec![
                update(at(10, 15), Investigating, &[("api", Major)]),
                update(at(10, 45), Resolved, &[("api", Operational)]),
            ],
            Some(at(10, 45)),
        ),
    ];
    // The page showed `api` degraded from 20:00 to 21:00 with no incident.
    let recorded = [
        (at(0, 0), Operational),
        (at(20, 0), Degraded),
        (at(21, 0), Operational),
    ];
    let history = ProviderHistory::new(sources(&incidents, &[], &[]));
    let segments = history.segments("api", &recorded, day());
    let api = Totals::of(&segments);
    assert_eq!(
        minutes(&api, Degraded),
        15 + 60,
        "10:00–10:15, then 20:00–21:00 recorded"
    );
    assert_eq!(
        minutes(&api, Major),
        30,
        "10:15–10:45, worse than i1's partial"
    );
    assert_eq!(minutes(&api, Partial), 15, "10:45–11:00, once i2 is over");
    let covered: i64 = segments
        .iter()
        .map(|s| (s.span.to - s.span.from).num_seconds())
        .sum();
    assert_eq!(covered, 24 * 3600, "segments cover the window exactly");
    assert!(segments
        .windows(2)
        .all(|w| w[0].span.to == w[1].span.from && w[0].status != w[1].status));
}

#[test]
fn time_before_history_and_unread_time_are_unknown_but_a_timeline_still_speaks() {
    let incidents = [seed_timeline()];
    let gaps = [Span {
        from: at(9, 0),
        to: at(10, 15),
    }];
    let mut known = sources(&incidents, &[], &gaps);
    known.known_since = Some(at(6, 0));
    let history = ProviderHistory::new(known);
    let api = Totals::of(&history.segments("api", &[], day()));
    assert_eq!(
        minutes(&api, Unknown),
        6 * 60 + 60,
        "before 06:00, and 09:00–10:00 unread"
    );
    assert_eq!(
        minutes(&api, Degraded),
        30,
        "the timeline says 10:00–10:30 even while unread"
    );
    assert_eq!(api.known_seconds(), (24 * 60 - 7 * 60) * 60);
    let nothing = ProviderHistory::new(Sources {
        known_since: None,
        ..sources(&[], &[], &[])
    });
    let web = Totals::of(&nothing.segments("web", &[], day()));
    assert_eq!(minutes(&web, Unknown), 24 * 60);
    assert_eq!(web.uptime_percent(), None, "nothing known is never 'up'");
}

#[test]
fn a_maintenance_in_progress_or_done_holds_its_components() {
    let done = Maintenance {
        id: "m1".into(),
        title: "Upgrade".into(),
        status: MaintenanceStatus::Completed,
        scheduled_for: Some(at(2, 0)),
        scheduled_until: Some(at(3, 0)),
        url: None,
        component_ids: vec!["db".into()],
    };
    let planned = Maintenance {
        id: "m2".into(),
        status: MaintenanceStatus::Scheduled,
        scheduled_for: Some(at(4, 0)),
        scheduled_until: Some(at(5, 0)),
        ..done.clone()
    };
    let maintenances = [done, planned];
    let history = ProviderHistory::new(sources(&[], &maintenances, &[]));
    let db = Totals::of(&history.segments("db", &[], day()));
    assert_eq!(
        minutes(&db, UnderMaintenance),
        60,
        "only the one that happened"
    );
    assert_eq!(
        db.uptime_percent(),
        Some(100.0),
        "maintenance is not downtime"
    );
}

#[test]
fn each_local_day_shows_the_worst_known_status() {
    let incidents = [seed_timeline()];
    let mut known = sources(&incidents, &[], &[]);
    known.known_since = Some(at(6, 0));
    known.now = at(0, 0) + Duration::days(3);
    let history = ProviderHistory::new(known);
    let window = Span {
        from: at(0, 0) - Duration::days(1),
        to: known.now,
    };
    let segments = history.segments("db", &[], window);
    // In UTC+10, 10:30–12:00 UTC on the 4th is 20:30–22:00 on the 4th; 06:00 UTC is 16:00.
    let plus_ten = FixedOffset::east_opt(10 * 3600).unwrap();
    let date = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let days = day_worst(&segments, &plus_ten, date(3), date(6));
    let worst: Vec<(u32, ComponentStatus)> = days
        .iter()
        .map(|d| (chrono::Datelike::day(&d.date), d.worst.clone()))
        .collect();
    assert_eq!(
        worst,
        [(3, Unknown), (4, Major), (5, Operational), (6, Operational)],
        "the 4th is partly unknown, its known part holds the outage"
    );
    // In UTC−12 the outage (22:30–24:00 local) falls on the 3rd.
    let minus_twelve = FixedOffset::west_opt(12 * 3600).unwrap();
    let days = day_worst(&segments, &minus_twelve, date(3), date(4));
    assert_eq!(days[0].worst, Major);
    assert_eq!(days[1].worst, Operational);
}

#[test]
fn a_status_seen_during_an_incident_is_explained_by_it_and_not_carried_past_its_end() {
    // Polls saw `db` in major outage at 10:31 (during i1) and operational again only at 12:05,
    // after i1 was resolved at 12:00: those five minutes are the poll's lag, not downtime.
    let incidents = [seed_timeline()];
    let recorded = [
        (at(0, 0), Operational),
        (at(10, 31), Major),
        (at(12, 5), Operational),
    ];
    let history = ProviderHistory::new(sources(&incidents, &[], &[]));
    let db = Totals::of(&history.segments("db", &recorded, day()));
    assert_eq!(minutes(&db, Major), 90);
    // Seen degraded at 09:50, before the incident was posted: that is downtime no incident
    // explains, and it lasts until Lookout saw it end.
    let early = [
        (at(0, 0), Operational),
        (at(9, 50), Degraded),
        (at(12, 5), Operational),
    ];
    let api = Totals::of(&history.segments("api", &early, day()));
    assert_eq!(
        minutes(&api, Degraded),
        10 + 30 + 5,
        "09:50–10:00, the timeline, 12:00–12:05"
    );
}
