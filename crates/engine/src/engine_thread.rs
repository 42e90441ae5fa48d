//! The engine on a thread of its own with a single-threaded runtime, for a front end whose own
//! thread belongs to something else (the app's GUI event loop): waking one thread for a poll
//! costs a fraction of waking a multi-threaded runtime's workers.

use crate::engine::{Engine, EngineOptions, Shutdown};
use crate::Lookout;
use std::sync::mpsc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The engine running on its own thread.
#[derive(Debug)]
pub struct EngineThread {
    stop: CancellationToken,
    stopped: mpsc::Receiver<Shutdown>,
}

impl Engine {
    /// Starts the engine on a new thread named `lookout-engine`.
    pub fn start_on_own_thread(
        lookout: Lookout,
        options: EngineOptions,
    ) -> Result<EngineThread, crate::EngineError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let stop = CancellationToken::new();
        let (done, stopped) = mpsc::channel();
        let asked = stop.clone();
        std::thread::Builder::new()
            .name("lookout-engine".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let engine = Engine::start(&lookout, options);
                    asked.cancelled().await;
                    let _ = done.send(engine.shutdown().await);
                });
            })?;
        Ok(EngineThread { stop, stopped })
    }
}

impl EngineThread {
    /// Stops the engine in order (see [`Engine::shutdown`]) and waits for it, at most `within`
    /// (the engine gives up on what still runs before then). `None` when it did not answer.
    pub fn shutdown(self, within: Duration) -> Option<Shutdown> {
        self.stop.cancel();
        self.stopped.recv_timeout(within).ok()
    }
}
