//! Starting the engine's loops together and stopping them in order: the watch loop first (no new
//! poll; the polls in flight finished or abandoned; the quiet reads written), then the alert loop
//! (the pass under way finished), all within [`SHUTDOWN_WITHIN`]. A panic in a loop restarts
//! that loop, never ends the process.

use crate::catalogue::check::keep_catalogue_current;
use crate::catalogue::CatalogueCheck;
use crate::Lookout;
use lookout_alerts::{run_alert_loop, AlertLoop, Pass};
use lookout_poller::{keep_watching, PollConfig, ProviderPoll, Watch};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::{timeout_at, Instant};
use tokio_util::sync::CancellationToken;

/// The longest a shutdown takes: past it, what still runs is abandoned (a service manager's
/// patience, and a user's after clicking Quit, are not much longer).
pub const SHUTDOWN_WITHIN: Duration = Duration::from_millis(4_500);

/// How much of [`SHUTDOWN_WITHIN`] the watch loop may take; the alert loop has the rest.
const WATCH_WINDS_DOWN_WITHIN: Duration = Duration::from_millis(3_800);

/// What a front end is told while the engine runs (both run on the engine's thread: keep them
/// short, hand GUI work to the GUI's own thread).
pub trait Observer: Send + Sync + 'static {
    /// A provider was polled (or its probes raised or cleared a suspicion).
    fn polled(&self, _poll: &ProviderPoll) {}
    /// An alert pass ran: its OS notifications (when asked for) and what the sinks' deliveries
    /// did.
    fn alerted(&self, _pass: Pass) {}
}

/// How the engine runs.
#[derive(Clone)]
pub struct EngineOptions {
    /// Thresholds, concurrency and time limits of polls.
    pub poll: PollConfig,
    /// Whether this process shows OS notifications (the app does; `lookout watch` does not, so it
    /// never takes them from the app).
    pub os_notifications: bool,
    /// Told of each poll and each alert pass.
    pub observer: Arc<dyn Observer>,
    /// The weekly catalogue check, when this front end runs it (the app, unless `--offline`).
    pub catalogue: Option<CatalogueCheck>,
}

impl std::fmt::Debug for EngineOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineOptions")
            .field("poll", &self.poll)
            .field("os_notifications", &self.os_notifications)
            .field("catalogue", &self.catalogue)
            .finish_non_exhaustive()
    }
}

/// The engine's loops, running.
#[derive(Debug)]
pub struct Engine {
    watching: Running,
    alerting: Running,
    checking: Option<Running>,
}

/// One loop: its own stop signal (so they stop one after the other) and its task.
#[derive(Debug)]
struct Running {
    stop: CancellationToken,
    task: JoinHandle<()>,
}

/// How a shutdown went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shutdown {
    /// The loops that had not ended in time and were abandoned where they stood.
    pub abandoned: Vec<&'static str>,
}

impl Engine {
    /// Starts the watch loop (polls and probes), the alert loop and, when asked for, the weekly
    /// catalogue check on the current tokio runtime.
    pub fn start(lookout: &Lookout, options: EngineOptions) -> Engine {
        let watch = Watch {
            store: lookout.store.clone(),
            fetcher: lookout.fetcher.clone(),
            clock: lookout.clock.clone(),
            config: options.poll,
            refresh: lookout.refresh.clone(),
            events: lookout.events.clone(),
        };
        let alerts = AlertLoop {
            store: lookout.store.clone(),
            sender: lookout.sender.clone(),
            events: lookout.events.clone(),
            clock: lookout.clock.clone(),
            tz: chrono::Local,
            os_notifications: options.os_notifications,
        };
        let observer = options.observer.clone();
        let on_poll = move |poll: &ProviderPoll| observer.polled(poll);
        let watching = Running::spawn(|stop| keep_watching(watch, on_poll, stop));
        let observer = options.observer;
        let alerting = Running::spawn(|stop| keep_alerting(alerts, observer, stop));
        let checking = options.catalogue.map(|check| {
            let lookout = lookout.clone();
            Running::spawn(|stop| keep_catalogue_current(lookout, check, stop))
        });
        Engine {
            watching,
            alerting,
            checking,
        }
    }

    /// Stops the loops in order within [`SHUTDOWN_WITHIN`]: the watch loop first (its last
    /// reads and quiet reads written), then the alert loop (its pass under way finished).
    pub async fn shutdown(self) -> Shutdown {
        let deadline = Instant::now() + SHUTDOWN_WITHIN;
        let mut shutdown = Shutdown::default();
        if let Some(checking) = self.checking {
            // A download under way is only abandoned: nothing is half written (see install).
            checking.stop.cancel();
            checking.task.abort();
        }
        let watch_deadline = Instant::now() + WATCH_WINDS_DOWN_WITHIN;
        if !self.watching.stop_by(watch_deadline).await {
            shutdown.abandoned.push("watch");
        }
        if !self.alerting.stop_by(deadline).await {
            shutdown.abandoned.push("alerts");
        }
        if !shutdown.abandoned.is_empty() {
            log::warn!("stopped, abandoning: {}", shutdown.abandoned.join(", "));
        }
        shutdown
    }
}

impl Running {
    fn spawn<F, Fut>(loop_: F) -> Running
    where
        F: FnOnce(CancellationToken) -> Fut,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let stop = CancellationToken::new();
        let task = tokio::spawn(loop_(stop.clone()));
        Running { stop, task }
    }

    /// Tells the loop to stop and waits for it until `deadline`; then aborts it. Whether it
    /// ended by itself.
    async fn stop_by(mut self, deadline: Instant) -> bool {
        self.stop.cancel();
        match timeout_at(deadline, &mut self.task).await {
            Ok(_) => true,
            Err(_) => {
                self.task.abort();
                false
            }
        }
    }
}

/// Runs the alert loop until `stop`, starting it again (after a second) if it panics.
async fn keep_alerting(
    setup: AlertLoop<chrono::Local>,
    observer: Arc<dyn Observer>,
    stop: CancellationToken,
) {
    while !stop.is_cancelled() {
        let (setup, observer, stopped) = (setup.clone(), observer.clone(), stop.clone());
        let task = tokio::spawn(async move {
            run_alert_loop(setup, move |pass| observer.alerted(pass), stopped).await;
        });
        let _abort = AbortOnDrop(task.abort_handle());
        if let Err(error) = task.await {
            if error.is_panic() {
                log::error!("the alert loop panicked; starting it again");
            }
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            () = stop.cancelled() => {}
        }
    }
}

/// Aborts a task when the future awaiting it is dropped (the engine abandoning a loop).
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
