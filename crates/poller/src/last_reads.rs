//! What the watch loop remembers of each provider's last stored read — its documents' validators
//! and body hashes, and when its success was last written — so that a page read again unchanged
//! costs no database work: its success waits here and is written later with the others'.

use chrono::{DateTime, TimeDelta, Utc};
use lookout_core::ProviderId;
use lookout_store::{Provider, QuietRead, Validators};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// How long after its last written success a provider's unchanged read may still wait, in
/// halves of its poll interval (three: one and a half intervals). The watch loop writes what
/// waits at least once per shortest interval, so a written success is never more than two and a
/// half intervals old, and a status turns "stale" only after three (`STALE_AFTER_INTERVALS`).
const WAIT_AT_MOST_HALF_INTERVALS: i32 = 3;

/// The last stored read of each provider (cloning shares them).
#[derive(Debug, Clone, Default)]
pub struct LastReads(Arc<Mutex<HashMap<ProviderId, LastRead>>>);

#[derive(Debug)]
struct LastRead {
    /// The provider as read: one edited or added again under the same id is another page.
    provider: Provider,
    /// URL → validators, as stored.
    validators: HashMap<String, Validators>,
    /// The newest success written to the database.
    written_at: DateTime<Utc>,
    /// The newest success not written yet.
    waiting: Option<DateTime<Utc>>,
}

/// Whether `a` and `b` are the same page of the same provider.
fn same_page(a: &Provider, b: &Provider) -> bool {
    (a.id, &a.url, a.platform, a.created_at) == (b.id, &b.url, b.platform, b.created_at)
}

impl LastReads {
    fn lock(&self) -> MutexGuard<'_, HashMap<ProviderId, LastRead>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The validators stored after `provider`'s last read, when it is remembered.
    pub(crate) fn validators(&self, provider: &Provider) -> Option<HashMap<String, Validators>> {
        let reads = self.lock();
        let last = reads.get(&provider.id)?;
        same_page(&last.provider, provider).then(|| last.validators.clone())
    }

    /// `provider`'s read was stored as a success at `at`, leaving `validators`.
    pub(crate) fn stored(
        &self,
        provider: &Provider,
        validators: HashMap<String, Validators>,
        at: DateTime<Utc>,
    ) {
        let last = LastRead {
            provider: provider.clone(),
            validators,
            written_at: at,
            waiting: None,
        };
        self.lock().insert(provider.id, last);
    }

    /// Forgets `provider_id` (its poll failed, or its success could not be written): its next
    /// read goes through the database.
    pub(crate) fn forget(&self, provider_id: ProviderId) {
        self.lock().remove(&provider_id);
    }

    /// Forgets everything (another process wrote: what it stored is not known here).
    pub(crate) fn forget_all(&self) {
        self.lock().clear();
    }

    /// Keeps only the pages of `providers` as listed now.
    pub(crate) fn keep_only(&self, providers: &[Provider]) {
        self.lock().retain(|id, last| {
            providers
                .iter()
                .any(|p| p.id == *id && same_page(&last.provider, p))
        });
    }

    /// `provider`'s page was read at `at`, unchanged, with nothing new to store: true when its
    /// success may wait here; false when it must be written now (the page is not remembered,
    /// or its last written success would soon look stale).
    pub(crate) fn wait_to_write(&self, provider: &Provider, at: DateTime<Utc>) -> bool {
        let mut reads = self.lock();
        let Some(last) = reads.get_mut(&provider.id) else {
            return false;
        };
        let half = TimeDelta::milliseconds(500 * i64::from(provider.poll_interval_secs.max(1)));
        let fresh_enough = at - last.written_at < half * WAIT_AT_MOST_HALF_INTERVALS;
        if !same_page(&last.provider, provider) || !fresh_enough || at < last.written_at {
            return false;
        }
        last.provider.name.clone_from(&provider.name);
        last.waiting = Some(at);
        true
    }

    /// The successes waiting to be written, taken (they count as written from now on).
    pub(crate) fn take_waiting(&self) -> Vec<QuietRead> {
        let mut reads = self.lock();
        let mut taken = Vec::new();
        for last in reads.values_mut() {
            if let Some(at) = last.waiting.take() {
                last.written_at = at;
                taken.push(QuietRead {
                    provider_id: last.provider.id,
                    provider: last.provider.name.clone(),
                    at,
                });
            }
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use lookout_core::Platform;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + secs, 0).unwrap()
    }

    fn provider(id: i64, url: &str) -> Provider {
        Provider {
            id: ProviderId::new(id),
            name: format!("p{id}"),
            url: url.into(),
            platform: Platform::Statuspage,
            poll_interval_secs: 60,
            enabled: true,
            created_at: at(-1000),
        }
    }

    fn hashed(hash: &str) -> HashMap<String, Validators> {
        let v = Validators {
            body_hash: Some(hash.into()),
            ..Validators::default()
        };
        HashMap::from([("https://a.test/api".to_string(), v)])
    }

    #[test]
    fn an_unknown_page_is_written_at_once_and_a_stored_one_waits() {
        let reads = LastReads::default();
        let p = provider(1, "https://a.test/");
        assert!(!reads.wait_to_write(&p, at(0)));
        assert_eq!(reads.validators(&p), None);
        reads.stored(&p, hashed("h1"), at(0));
        assert_eq!(reads.validators(&p), Some(hashed("h1")));
        assert!(reads.wait_to_write(&p, at(60)));
        assert!(reads.wait_to_write(&p, at(89)));
        let taken = reads.take_waiting();
        assert_eq!(taken.len(), 1);
        assert_eq!(
            (taken[0].provider_id, taken[0].at),
            (ProviderId::new(1), at(89))
        );
        assert!(reads.take_waiting().is_empty(), "taken once");
    }

    #[test]
    fn a_success_never_waits_past_one_and_a_half_intervals_since_the_last_written() {
        let reads = LastReads::default();
        let p = provider(1, "https://a.test/");
        reads.stored(&p, hashed("h1"), at(0));
        assert!(reads.wait_to_write(&p, at(60)));
        assert!(
            !reads.wait_to_write(&p, at(90)),
            "an interval and a half: write now"
        );
        reads.take_waiting();
        assert!(
            reads.wait_to_write(&p, at(120)),
            "taken at 60: counts as written"
        );
    }

    #[test]
    fn an_edited_or_readded_provider_is_another_page() {
        let reads = LastReads::default();
        let p = provider(1, "https://a.test/");
        reads.stored(&p, hashed("h1"), at(0));
        let moved = provider(1, "https://b.test/");
        assert_eq!(reads.validators(&moved), None);
        assert!(!reads.wait_to_write(&moved, at(60)));
        let mut again = p.clone();
        again.created_at = at(10);
        assert!(!reads.wait_to_write(&again, at(60)));
        reads.keep_only(std::slice::from_ref(&again));
        assert_eq!(
            reads.validators(&p),
            None,
            "forgotten: not the page listed now"
        );
    }

    #[test]
    fn forgetting_drops_what_waits() {
        let reads = LastReads::default();
        let (p, q) = (
            provider(1, "https://a.test/"),
            provider(2, "https://c.test/"),
        );
        reads.stored(&p, hashed("h1"), at(0));
        reads.stored(&q, hashed("h2"), at(0));
        assert!(reads.wait_to_write(&p, at(30)) && reads.wait_to_write(&q, at(30)));
        reads.forget(ProviderId::new(1));
        assert_eq!(reads.take_waiting().len(), 1);
        reads.forget_all();
        assert!(!reads.wait_to_write(&q, at(40)));
    }
}
