//! The store shared between tasks and threads: one connection behind a mutex, used only from
//! blocking threads (`spawn_blocking`) — never on an async worker, never on the GUI thread, and
//! never held across an `.await` — so a long write delays no network wait, timer or window.

use crate::Store;
use std::sync::{Arc, Mutex, MutexGuard};

/// A store that many tasks use in turn. Cloning it shares the same connection.
#[derive(Debug, Clone)]
pub struct SharedStore {
    inner: Arc<Mutex<Store>>,
}

impl SharedStore {
    /// Shares `store`.
    pub fn new(store: Store) -> SharedStore {
        SharedStore {
            inner: Arc::new(Mutex::new(store)),
        }
    }

    /// Runs `work` with the store on one of the runtime's blocking threads and returns its
    /// result; the calling task waits without holding a worker thread. A panic in `work` is
    /// passed on to the caller (the store stays usable: its writes are transactions).
    pub async fn run<T, F>(&self, work: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> T + Send + 'static,
    {
        let inner = self.inner.clone();
        match tokio::task::spawn_blocking(move || work(&mut lock(&inner))).await {
            Ok(value) => value,
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(error) => panic!("the store's thread was stopped: {error}"),
        }
    }

    /// Runs `work` with the store on this thread, blocking it until the store is free. Only for
    /// threads that may block: tests, and the CLI's one-shot commands outside the runtime.
    pub fn blocking<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut lock(&self.inner))
    }
}

/// Says "new events were stored" to whoever delivers alerts, so that alert passes run when
/// something changed instead of on a timer: after a poll that stored events, and when another
/// process (the CLI) stored some. Any number of others (a server's live streams) can follow the
/// same signal through [`EventsStored::subscribe`].
#[derive(Debug, Clone)]
pub struct EventsStored {
    /// The alert loop's wake-up (kept when nobody waits).
    alerts: Arc<tokio::sync::Notify>,
    /// How many signals were given: each subscriber sees it move.
    count: Arc<tokio::sync::watch::Sender<u64>>,
}

impl Default for EventsStored {
    fn default() -> Self {
        EventsStored {
            alerts: Arc::default(),
            count: Arc::new(tokio::sync::watch::Sender::new(0)),
        }
    }
}

impl EventsStored {
    /// Wakes the waiter (a signal sent while nobody waits is kept for the next wait) and every
    /// subscriber.
    pub fn signal(&self) {
        self.alerts.notify_one();
        self.count
            .send_modify(|count| *count = count.wrapping_add(1));
    }

    /// Waits for the next signal (the alert loop: one waiter).
    pub async fn wait(&self) {
        self.alerts.notified().await;
    }

    /// A follower of the signal, for any number of them: its `changed()` returns once a signal
    /// was given after it last looked (`borrow_and_update`), however many were.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.count.subscribe()
    }
}

/// Locks the store, recovering from a panicked holder (the data is transactional).
fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}
