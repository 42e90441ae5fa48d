//! Keeping the watch loop alive: if it panics, stops, or stops making progress (a hang), it is
//! started again, so polling never goes quiet by accident.

use crate::poll::ProviderPoll;
use crate::watch::{run, Watch};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// A loop silent for longer than this (or four of its longest sleeps, if longer) is taken as
/// hung: it beats each time it wakes, at least every `PollConfig::longest_sleep`.
const HUNG_AFTER: Duration = Duration::from_secs(120);

/// Aborts the running watch task when the supervisor itself is dropped (e.g. on Ctrl-C).
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs [`crate::watch`] until `stop` is cancelled, starting it again whenever it panics,
/// returns or hangs. `on_poll` is cloned for each start. Once `stop` is cancelled the loop winds
/// down (see [`crate::watch`]) and this returns when it has; dropping this future instead
/// aborts the loop where it stands.
pub async fn keep_watching<F>(setup: Watch, on_poll: F, stop: CancellationToken)
where
    F: FnMut(&ProviderPoll) + Clone + Send + 'static,
{
    let hung_after = HUNG_AFTER.max(setup.config.longest_sleep.saturating_mul(4));
    while !stop.is_cancelled() {
        let heartbeat = Arc::new(Heartbeat::default());
        let beating = heartbeat.clone();
        let (setup, on_poll, stopped) = (setup.clone(), on_poll.clone(), stop.clone());
        let mut task = tokio::spawn(async move {
            run(setup, on_poll, stopped.cancelled_owned(), &beating).await;
        });
        let _guard = AbortOnDrop(task.abort_handle());
        loop {
            tokio::select! {
                ended = &mut task => {
                    match ended {
                        _ if stop.is_cancelled() => return,
                        Err(error) if error.is_panic() => {
                            log::error!("the watch loop panicked; starting it again");
                        }
                        _ => log::error!("the watch loop stopped; starting it again"),
                    }
                    break;
                }
                () = tokio::time::sleep(hung_after / 2) => {
                    if heartbeat.silent_for() > hung_after && !stop.is_cancelled() {
                        log::error!("the watch loop is stuck; starting it again");
                        task.abort();
                        break;
                    }
                }
            }
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            () = stop.cancelled() => {}
        }
    }
}

/// When the watch loop last showed it was alive.
#[derive(Debug)]
pub(crate) struct Heartbeat {
    origin: Instant,
    millis: AtomicU64,
}

impl Default for Heartbeat {
    fn default() -> Self {
        Heartbeat {
            origin: Instant::now(),
            millis: AtomicU64::new(0),
        }
    }
}

impl Heartbeat {
    /// Records that the loop is alive now.
    pub(crate) fn beat(&self) {
        let millis = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.millis.store(millis, Ordering::Relaxed);
    }

    /// How long since the last beat.
    fn silent_for(&self) -> Duration {
        self.origin
            .elapsed()
            .saturating_sub(Duration::from_millis(self.millis.load(Ordering::Relaxed)))
    }
}
