//! `lookout incidents --search` and `lookout export`: words found across every stored incident,
//! and every CSV row reading back as what `incidents --json` says.

use crate::{lookout, stdout};
use chrono::{Duration, Utc};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_str(&stdout(output)).unwrap()
}

/// A database holding Acme's resolved incident (API degraded, then partial), and one whose title
/// and update a hostile page wrote as a spreadsheet formula with quotes and line breaks.
fn stored_history() -> (tempfile::TempDir, std::path::PathBuf) {
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = Utc::now() - Duration::hours(3);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 3, base),
    );
    let mut odd = incident_life_for(Dialect::Statuspage, 2, base + Duration::hours(1));
    odd.incidents[0].id = "odd1".into();
    odd.incidents[0].title = "=HYPERLINK(\"x\"), with \"quotes\"\nand a line".into();
    server.set_page("odd", Dialect::Statuspage, odd);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    for (name, page) in [("Acme", "acme"), ("Odd", "odd")] {
        let added = lookout(Some(&db), &["add", &server.page_url(page), "--name", name]);
        assert!(added.status.success(), "{added:?}");
    }
    assert!(lookout(Some(&db), &["poll"]).status.success());
    (dir, db)
}

#[test]
fn search_finds_words_of_titles_and_updates_and_takes_any_punctuation() {
    let (_dir, db) = stored_history();
    let db = Some(db.as_path());
    let ids = |args: &[&str]| -> Vec<String> {
        json(&lookout(db, args))
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let rolled = ids(&["incidents", "--search", "fix rolled", "--json"]);
    assert_eq!(
        rolled.len(),
        2,
        "an update's words, both providers: {rolled:?}"
    );
    assert_eq!(
        ids(&["incidents", "--search", "hyperlink", "--json"]),
        ["odd1"]
    );
    assert_eq!(
        ids(&["incidents", "--search", "/\"quotes\"", "--json"]),
        ["odd1"]
    );
    assert!(ids(&["incidents", "--search", "nothing-like-this", "--json"]).is_empty());
    let tomorrow = (Utc::now() + Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    assert!(ids(&["incidents", "--since", &tomorrow, "--json"]).is_empty());
    let bad = lookout(db, &["incidents", "--since", "last tuesday"]);
    assert_eq!(bad.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("neither a date"));
}

#[test]
fn every_csv_row_reads_back_as_what_incidents_json_says() {
    let (_dir, db) = stored_history();
    let db = Some(db.as_path());
    let listed = json(&lookout(db, &["incidents", "--json"]));
    let exported = json(&lookout(db, &["export", "--format", "json"]));
    assert_eq!(exported, listed, "export --format json is incidents --json");

    let csv = lookout(db, &["export"]);
    assert!(csv.status.success());
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "provider",
            "id",
            "title",
            "impact",
            "status",
            "started_at",
            "resolved_at",
            "duration_seconds",
            "components",
            "updates",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), listed.as_array().unwrap().len());
    let text = |v: &Value| v.as_str().map_or_else(String::new, str::to_string);
    let number = |v: &Value| v.as_i64().map_or_else(String::new, |n| n.to_string());
    // A formula-like cell is written with a leading ' (and read back without it).
    let unquoted = |cell: &str| {
        cell.strip_prefix('\'')
            .filter(|c| c.starts_with(['=', '+', '-', '@']))
            .unwrap_or(cell)
            .to_string()
    };
    for (row, incident) in rows.iter().zip(listed.as_array().unwrap()) {
        assert_eq!(row[0], text(&incident["provider"]));
        assert_eq!(row[1], text(&incident["id"]));
        assert_eq!(unquoted(&row[2]), text(&incident["title"]));
        assert_eq!(row[3], text(&incident["impact"]));
        assert_eq!(row[4], text(&incident["status"]));
        assert_eq!(row[5], text(&incident["started_at"]));
        assert_eq!(row[6], text(&incident["resolved_at"]));
        assert_eq!(row[7], number(&incident["duration_seconds"]));
        let updates = incident["updates"].as_array().unwrap();
        assert_eq!(row[9], updates.len().to_string());
        let mut affected: Vec<String> = Vec::new();
        for component in updates
            .iter()
            .flat_map(|u| u["components"].as_array().unwrap())
        {
            let name = text(&component["name"]);
            if component["status"] != "operational" && !affected.contains(&name) {
                affected.push(name);
            }
        }
        assert_eq!(row[8], affected.join("; "));
        assert_eq!(row[10], text(&incident["url"]));
    }
    let odd = rows.iter().find(|r| &r[1] == "odd1").unwrap();
    assert!(
        odd[2].starts_with("'=HYPERLINK"),
        "no formula reaches a spreadsheet"
    );
    let acme = rows.iter().find(|r| &r[0] == "Acme").unwrap();
    assert_eq!(&acme[8], "Core - API", "degraded then partial, listed once");
    assert_eq!(&acme[7], "1800");
}
