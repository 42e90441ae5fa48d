//! An answer every client asks for again and again (the providers' list), made once and handed
//! to everyone until the database changes or a second has passed (its "last read 2 min ago"
//! words move with time): 200 requests a second then cost one read, and a burst of clients
//! waits for the one read in progress instead of starting its own.

use axum::body::Bytes;
use chrono::{DateTime, Duration, Utc};
use lookout_engine::operations::events::ChangeMark;
use std::future::Future;
use tokio::sync::Mutex;

/// How long an answer stays fresh while nothing is written.
pub const FRESH_FOR: Duration = Duration::seconds(1);

/// One answer's serialised body, with the mark and time it was made at.
#[derive(Debug, Default)]
pub struct Fresh {
    made: Mutex<Option<(ChangeMark, DateTime<Utc>, Bytes)>>,
}

impl Fresh {
    /// The body made at `mark` less than [`FRESH_FOR`] before `now`, or a new one from `make`.
    pub async fn get_or<E, F, Fut>(
        &self,
        mark: ChangeMark,
        now: DateTime<Utc>,
        make: F,
    ) -> Result<Bytes, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Bytes, E>>,
    {
        let mut made = self.made.lock().await;
        if let Some((at_mark, at, body)) = made.as_ref() {
            if *at_mark == mark && *at <= now && now - *at < FRESH_FOR {
                return Ok(body.clone());
            }
        }
        let body = make().await?;
        *made = Some((mark, now, body.clone()));
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[tokio::test]
    async fn an_answer_is_made_once_and_again_after_a_second() {
        let fresh = Fresh::default();
        let t0 = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let mark = ChangeMark::default();
        let made = std::sync::atomic::AtomicU32::new(0);
        let make = || async {
            let n = made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, ()>(Bytes::from(n.to_string()))
        };
        assert_eq!(fresh.get_or(mark, t0, make).await.unwrap(), "0");
        let soon = t0 + Duration::milliseconds(900);
        assert_eq!(
            fresh.get_or(mark, soon, make).await.unwrap(),
            "0",
            "still fresh"
        );
        let later = t0 + Duration::milliseconds(1000);
        assert_eq!(
            fresh.get_or(mark, later, make).await.unwrap(),
            "1",
            "a second passed"
        );
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
