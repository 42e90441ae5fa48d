//! Fuzz targets on the stable toolchain (proptest): every reader (all 26 documents) fed random
//! bytes, random JSON built from the readers' own keys (and, for Apple's reader, the same inside a
//! JSONP call) and random feed-like XML, and the
//! timestamp readers fed random text. Each must return — never panic (a panic would surface as
//! `ReaderFailed`), never keep a date out of range, never exceed the parse budget.
//! `LOOKOUT_FUZZ_CASES` sets how many cases each target runs (small by default, so CI stays
//! quick); `scripts/fuzz` runs them for as long as asked. Every input found to crash or hang is
//! kept by hand in `tests/fixtures/hostile/` and read by `hostile_pages.rs`.

use crate::fuzz_inputs::{feed_like, in_a_call, KEYS, WORDS};
use lookout_core::sources::date_range::in_range;
use lookout_core::sources::time::parse_time;
use lookout_core::sources::{budget, cachet, instatus, Document};
use lookout_core::{Snapshot, SourceError};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: lookout_core::fuzz_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What every reader must hold to: it returned (a panic is `ReaderFailed`), and what it kept is
/// dated in range and within the budget.
fn holds(document: Document, parsed: &Result<Snapshot, SourceError>) -> Result<(), TestCaseError> {
    let snapshot = match parsed {
        Err(SourceError::ReaderFailed { what }) => {
            return Err(TestCaseError::fail(format!("the {what} reader panicked")))
        }
        Err(_) => return Ok(()),
        Ok(snapshot) => snapshot,
    };
    prop_assert!(budget::check(snapshot).is_ok(), "{document:?} over budget");
    for incident in &snapshot.incidents {
        prop_assert!(in_range(incident.started_at), "{document:?}: {incident:?}");
        prop_assert!(incident.resolved_at.is_none_or(in_range));
        prop_assert!(incident.updates.iter().all(|u| in_range(u.at)));
    }
    for m in &snapshot.maintenances {
        prop_assert!(m.scheduled_for.is_none_or(in_range));
        prop_assert!(m.scheduled_until.is_none_or(in_range));
    }
    Ok(())
}

/// One case, failed when `scripts/fuzz` finds it too slow ([`lookout_core::fuzz_timed`]).
fn timed<T>(bytes: usize, case: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    lookout_core::fuzz_timed(bytes, case).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_reader_returns_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for document in Document::ALL {
            holds(document, &timed(bytes.len(), || document.parse(&bytes))?)?;
        }
    }

    #[test]
    fn every_reader_returns_on_random_documents_of_its_own_keys(
        document in crate::json_document(KEYS, WORDS)
    ) {
        let bytes = serde_json::to_vec(&document).unwrap_or_default();
        for reader in Document::ALL {
            holds(reader, &timed(bytes.len(), || reader.parse(&bytes))?)?;
        }
    }

    #[test]
    fn the_apple_reader_returns_on_random_documents_in_a_call(
        document in crate::json_document(KEYS, WORDS)
    ) {
        let bytes = in_a_call(&document);
        let parsed = timed(bytes.len(), || Document::AppleStatus.parse(&bytes))?;
        holds(Document::AppleStatus, &parsed)?;
    }

    #[test]
    fn the_feed_reader_returns_on_random_feed_like_xml(xml in feed_like()) {
        let parsed = timed(xml.len(), || Document::Feed.parse(xml.as_bytes()))?;
        holds(Document::Feed, &parsed)?;
    }

    #[test]
    fn timestamp_readers_return_and_keep_only_dates_in_range(text in "\\PC{0,40}") {
        prop_assert!(parse_time(&text).is_none_or(in_range));
        let _ = instatus::parse_instatus_time(&text);
        let _ = cachet::parse_cachet_time(&text);
    }

    #[test]
    fn timestamp_readers_return_on_near_dates(
        year in 0i64..20_000, month in 0u32..14, day in 0u32..33, offset in -30i32..30
    ) {
        let text = format!("{year:04}-{month:02}-{day:02}T12:00:00{offset:+03}:00");
        prop_assert!(parse_time(&text).is_none_or(in_range));
    }
}
