//! Search over every incident ever seen: words in titles and update bodies, ranked, kept in step
//! with what is stored, punctuation never an error.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot};
use lookout_store::{IncidentFilter, Store};

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

fn incident(id: &str, title: &str, bodies: &[&str], minute: i64) -> Incident {
    Incident {
        id: id.into(),
        title: title.into(),
        impact: Impact::Minor,
        status: IncidentStatus::Resolved,
        started_at: t(minute),
        resolved_at: Some(t(minute + 30)),
        url: None,
        updates: bodies
            .iter()
            .enumerate()
            .map(|(n, body)| IncidentUpdate {
                id: format!("{id}-{n}"),
                status: IncidentStatus::Investigating,
                body: (*body).into(),
                at: t(minute + i64::try_from(n).unwrap()),
                components: vec![],
            })
            .collect(),
        component_ids: vec![],
    }
}

fn page(incidents: Vec<Incident>) -> Observation {
    Observation {
        snapshot: Snapshot {
            incidents,
            ..Snapshot::default()
        },
        maintenances_complete: true,
    }
}

fn found(store: &Store, words: &str) -> Vec<String> {
    store
        .incidents(&IncidentFilter {
            search: Some(words.into()),
            ..IncidentFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|stored| stored.incident.id)
        .collect()
}

#[test]
fn words_in_titles_and_bodies_are_found_best_match_first() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = store.add_provider(&crate::providers::acme(), t(0)).unwrap();
    let incidents = vec![
        incident(
            "tls",
            "TLS handshake failures",
            &["<p>Clients see <b>handshake</b> errors.</p>"],
            0,
        ),
        incident(
            "dns",
            "Elevated DNS errors",
            &["Some TLS handshakes time out in Zürich."],
            60,
        ),
        incident("db", "Database maintenance", &["All good."], 120),
    ];
    store
        .apply_observation(acme.id, "Acme", &page(incidents), t(200))
        .unwrap();
    assert_eq!(
        found(&store, "handshake"),
        ["tls", "dns"],
        "in the title ranks first"
    );
    assert_eq!(
        found(&store, "TLS handshake"),
        ["tls", "dns"],
        "every word required"
    );
    assert_eq!(found(&store, "zurich"), ["dns"], "diacritics folded");
    assert_eq!(
        found(&store, "hand"),
        ["tls", "dns"],
        "words match as prefixes"
    );
    assert_eq!(
        found(&store, "/handshake \""),
        ["tls", "dns"],
        "punctuation is no error"
    );
    assert_eq!(
        found(&store, "b"),
        Vec::<String>::new(),
        "markup is not indexed"
    );
    assert_eq!(found(&store, "///"), Vec::<String>::new());
    let since = store
        .incidents(&IncidentFilter {
            search: Some("handshake".into()),
            since: Some(t(30)),
            ..IncidentFilter::default()
        })
        .unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].incident.id, "dns");
}

#[test]
fn the_index_follows_new_updates_and_removals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let mut store = Store::open(&path).unwrap();
    let acme = store.add_provider(&crate::providers::acme(), t(0)).unwrap();
    let first = incident("i1", "Slow API", &["Looking into it."], 0);
    store
        .apply_observation(acme.id, "Acme", &page(vec![first]), t(5))
        .unwrap();
    assert!(found(&store, "cache").is_empty());
    let later = incident(
        "i1",
        "Slow API",
        &["Looking into it.", "A cache node failed."],
        0,
    );
    store
        .apply_observation(acme.id, "Acme", &page(vec![later]), t(10))
        .unwrap();
    assert_eq!(
        found(&store, "cache"),
        ["i1"],
        "a new update is searchable at once"
    );
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(found(&store, "cache node"), ["i1"], "kept across restarts");
    let acme = store.providers_named("Acme").unwrap()[0].id;
    store.remove_provider(acme).unwrap();
    assert!(
        found(&store, "cache").is_empty(),
        "removed with its provider"
    );
}
