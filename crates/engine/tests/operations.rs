//! The engine's operations over a real store: an unknown provider is "not found", a settings
//! change that fails leaves nothing half-written, and a change that may change who is told what
//! wakes the alert loop.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::{Platform, ProviderId, SystemClock};
use lookout_engine::operations::alerts::{QuietHours, Snooze};
use lookout_engine::{EngineError, Lookout};
use lookout_store::{NewProvider, Store};
use std::sync::Arc;

/// A database in `dir` watching Acme (its id returned), as the engine holds it.
fn lookout_with_acme(dir: &tempfile::TempDir) -> (Lookout, ProviderId) {
    let mut store = Store::open(&dir.path().join("lookout.db")).unwrap();
    let new = NewProvider {
        name: "Acme".into(),
        url: "https://status.acme.test".into(),
        platform: Platform::Statuspage,
        poll_interval_secs: 60,
    };
    let acme = store.add_provider(&new, chrono::Utc::now()).unwrap().id;
    (Lookout::new(store, Arc::new(SystemClock)).unwrap(), acme)
}

/// Whether the "events stored" signal was given (it is kept until someone waits).
async fn signalled(lookout: &Lookout) -> bool {
    tokio::select! {
        biased;
        () = lookout.events.wait() => true,
        () = std::future::ready(()) => false,
    }
}

#[tokio::test]
async fn the_rules_of_an_unknown_provider_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, acme) = lookout_with_acme(&dir);
    assert!(lookout.provider_rules(acme).await.is_ok());
    let unknown = ProviderId::new(acme.get() + 1);
    match lookout.provider_rules(unknown).await {
        Err(EngineError::NotFound(message)) => assert!(message.contains("no provider")),
        other => panic!("not found expected, got {other:?}"),
    }
}

#[tokio::test]
async fn a_settings_change_that_fails_leaves_the_settings_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, _) = lookout_with_acme(&dir);
    let quiet = QuietHours::parse("22:00-07:00", "all", false).unwrap();
    let failed = lookout
        .update_alert_settings(move |settings| {
            settings.quiet_hours = Some(quiet);
            Err(lookout_alerts::AlertError::InvalidInput("refused".into()))
        })
        .await;
    assert!(failed.is_err());
    assert_eq!(lookout.alert_settings().await.unwrap().quiet_hours, None);
    assert!(!signalled(&lookout).await, "nothing changed: no alert pass");
}

#[tokio::test]
async fn a_snooze_is_stored_and_wakes_the_alert_loop() {
    let dir = tempfile::tempdir().unwrap();
    let (lookout, acme) = lookout_with_acme(&dir);
    assert!(!signalled(&lookout).await);
    let rules = lookout
        .snooze(acme, Snooze::parse("resolved").unwrap())
        .await
        .unwrap();
    assert!(rules.snoozed_until_resolved);
    assert!(
        lookout
            .provider_rules(acme)
            .await
            .unwrap()
            .snoozed_until_resolved
    );
    assert!(
        signalled(&lookout).await,
        "the alert loop's next moment may have changed"
    );
}
