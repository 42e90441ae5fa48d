//! Following a team's `lookout serve`: the server's providers become the engine's (each read
//! from its Statuspage documents), those it drops are removed, and a server that refuses or
//! cannot be read changes nothing; `following.json` keeps the token to its owner; addresses and
//! tokens are checked before anything is read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::Platform;
use lookout_engine::operations::following::{
    following_database, following_file, read_following, write_following, Following, Server,
};
use lookout_engine::{EngineError, Lookout};
use lookout_fake_status_server::{FakeStatusServer, Fault};
use lookout_store::Store;
use std::path::Path;
use std::sync::Arc;

fn list(fake: &FakeStatusServer, providers: &[(i64, &str, u32)]) {
    let rows: Vec<serde_json::Value> = providers
        .iter()
        .map(|(id, name, every)| serde_json::json!({"id": id, "name": name, "poll_interval_secs": every}))
        .collect();
    let body = serde_json::to_vec(&rows).unwrap();
    fake.set_document("team", "api/v1/providers", "application/json", body);
}

fn names(lookout: &Store) -> Vec<(String, String, Platform, u32)> {
    let mut all: Vec<_> = lookout
        .providers()
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.url, p.platform, p.poll_interval_secs))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

#[tokio::test]
async fn the_servers_providers_become_the_engines_and_a_refusal_changes_nothing() {
    let fake = FakeStatusServer::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("following.db");
    let lookout = Lookout::open(&db, Arc::new(lookout_core::SystemClock))
        .unwrap()
        .lookout;
    let base = fake.page_url("team");
    let server = Server::new(&Following {
        url: base.clone(),
        token: None,
    })
    .unwrap();
    list(&fake, &[(1, "Acme", 60), (4, "Beta", 300)]);

    let synced = lookout.sync_with_server(&server).await.unwrap();
    assert_eq!(synced.added, ["Acme", "Beta"]);
    let reader = Store::open(&db).unwrap();
    assert_eq!(
        names(&reader),
        [
            (
                "Acme".into(),
                format!("{base}providers/1/"),
                Platform::Statuspage,
                60
            ),
            (
                "Beta".into(),
                format!("{base}providers/4/"),
                Platform::Statuspage,
                60
            ),
        ],
        "read from the server's documents, at most a minute apart"
    );
    list(&fake, &[(4, "Beta", 300)]);
    let synced = lookout.sync_with_server(&server).await.unwrap();
    assert_eq!(
        (synced.added.len(), synced.removed.clone()),
        (0, vec!["Acme".to_string()])
    );

    fake.set_fault("team", Some(Fault::Status(401)));
    let refused = lookout.sync_with_server(&server).await.unwrap_err();
    assert!(refused.to_string().contains("401"), "{refused}");
    assert_eq!(names(&reader).len(), 1, "nothing changed");
}

#[test]
fn addresses_and_tokens_are_checked_and_the_token_is_masked_and_kept_private() {
    let bad = |url: &str, token: Option<&str>| {
        let following = Following {
            url: url.into(),
            token: token.map(str::to_string),
        };
        matches!(Server::new(&following), Err(EngineError::InvalidInput(_)))
    };
    assert!(bad("ftp://x.test", None));
    assert!(bad("not a url", None));
    assert!(
        bad("http://user:pw@x.test", None),
        "the token apart from the address"
    );
    assert!(bad("http://x.test", Some("has space")));
    let server = Server::new(&Following {
        url: "http://lookout.internal:8787".into(),
        token: Some("s3cret".into()),
    })
    .unwrap();
    assert!(!server.masked().contains("s3cret"), "{}", server.masked());

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    assert_eq!(read_following(&db).unwrap(), None);
    let following = Following {
        url: "http://lookout.internal:8787".into(),
        token: Some("s3cret".into()),
    };
    write_following(&db, Some(&following)).unwrap();
    assert_eq!(read_following(&db).unwrap(), Some(following));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(following_file(&db))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "its owner's alone: {mode:o}");
    }
    assert_eq!(
        following_database(&db),
        Path::new(&dir.path().join("lookout-following.db"))
    );
    write_following(&db, None).unwrap();
    assert_eq!(read_following(&db).unwrap(), None);
    write_following(&db, None).unwrap();
}

#[tokio::test]
async fn the_rules_set_here_are_carried_to_the_database_that_follows() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("lookout.db");
    let lookout = Lookout::open(&local, Arc::new(lookout_core::SystemClock))
        .unwrap()
        .lookout;
    let rules = serde_json::json!({"paused_until": "2030-01-01T00:00:00Z"});
    lookout.set_setting("alerts", rules.clone()).await.unwrap();
    lookout
        .set_setting("app", serde_json::json!({"poll_interval_secs": 120}))
        .await
        .unwrap();
    let other = following_database(&local);
    lookout.carry_settings_to(other.clone()).await.unwrap();
    let there = Store::open(&other).unwrap();
    assert_eq!(
        there.setting::<serde_json::Value>("alerts").unwrap(),
        Some(rules)
    );
    assert_eq!(
        there.setting::<serde_json::Value>("app").unwrap(),
        Some(serde_json::json!({"poll_interval_secs": 120}))
    );
}

#[tokio::test]
async fn an_event_on_the_servers_stream_makes_the_follower_read_at_once() {
    let fake = FakeStatusServer::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lookout = Lookout::open(
        &dir.path().join("f.db"),
        Arc::new(lookout_core::SystemClock),
    )
    .unwrap()
    .lookout;
    let stream =
        b": heartbeat\n\nid: 7\nevent: stored\ndata: {\"kind\":\"incident_opened\"}\n\n".to_vec();
    fake.set_document("team", "api/v1/events", "text/event-stream", stream);
    let server = Server::new(&Following {
        url: fake.page_url("team"),
        token: None,
    })
    .unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    let following = {
        let (lookout, server, stop) = (lookout.clone(), server.clone(), stop.clone());
        tokio::spawn(async move { lookout.follow_events(&server, stop).await })
    };
    let asked =
        tokio::time::timeout(std::time::Duration::from_secs(20), lookout.refresh.asked()).await;
    assert!(asked.is_ok(), "a read asked for at the server's event");
    stop.cancel();
    tokio::time::timeout(std::time::Duration::from_secs(5), following)
        .await
        .expect("it stops when told")
        .unwrap();
}
