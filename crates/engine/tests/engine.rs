//! The engine's loops as a front end sees them: started together, a panic restarting only the
//! loop it happened in, and a shutdown that ends both.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_engine::{Engine, EngineOptions, Lookout, Observer, Shutdown};
use lookout_poller::PollConfig;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Counts alert passes; the first one panics (a front end's bug, or the loop's own).
#[derive(Default)]
struct PanicsOnce {
    passes: AtomicUsize,
}

impl Observer for PanicsOnce {
    fn alerted(&self, _pass: lookout_alerts::Pass) {
        if self.passes.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("the first pass's observer panics");
        }
    }
}

/// The default poll settings, no OS notification, `observer` told.
fn options(observer: &Arc<PanicsOnce>) -> EngineOptions {
    EngineOptions {
        poll: PollConfig::default(),
        os_notifications: false,
        observer: observer.clone(),
        catalogue: None,
    }
}

fn lookout(dir: &tempfile::TempDir) -> Lookout {
    let store = lookout_store::Store::open(&dir.path().join("lookout.db")).unwrap();
    Lookout::new(store, Arc::new(lookout_core::SystemClock)).unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn a_panic_in_the_alert_loop_restarts_that_loop_and_shutdown_ends_both() {
    let dir = tempfile::tempdir().unwrap();
    let observer = Arc::new(PanicsOnce::default());
    let engine = Engine::start(&lookout(&dir), options(&observer));
    // The pass at start panicked; the loop started again makes another pass at start.
    while observer.passes.load(Ordering::SeqCst) < 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        engine.shutdown().await,
        Shutdown::default(),
        "nothing abandoned"
    );
    let passes = observer.passes.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(
        observer.passes.load(Ordering::SeqCst),
        passes,
        "no pass after the shutdown"
    );
}

#[test]
fn the_engine_on_its_own_thread_stops_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let observer = Arc::new(PanicsOnce::default());
    let engine = Engine::start_on_own_thread(lookout(&dir), options(&observer)).unwrap();
    while observer.passes.load(Ordering::SeqCst) < 1 {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stopped = engine.shutdown(Duration::from_secs(30));
    assert_eq!(stopped, Some(Shutdown::default()));
}
