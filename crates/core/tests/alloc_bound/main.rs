//! The memory bound every reader holds to: reading a page of `n` bytes never allocates more
//! than 16 × n + 8 MiB at its peak, whatever the page holds. A counting global allocator (in
//! this test binary only) measures each read: the audit's hostile shapes, built from the seeds
//! in `tests/fixtures/hostile/` at growing sizes, then random pages (bytes, documents of the
//! readers' own keys, the same documents with a list or a string blown up, feed-like XML).
//! `LOOKOUT_FUZZ_CASES` sets how many random pages each target reads (`scripts/fuzz` asks for
//! many); `LOOKOUT_FUZZ_TIME_LIMIT=1` also fails a read slower than its per-byte limit. The worst
//! ratio seen per reader is printed (`-- --nocapture`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod generated;
mod seeds;

use lookout_core::sources::Document;
use lookout_core::{Snapshot, SourceError};
use peak_alloc::PeakAlloc;
use std::collections::BTreeMap;

#[global_allocator]
static ALLOCATED: PeakAlloc = PeakAlloc;

/// The most a read of `bytes` bytes may allocate at its peak.
pub fn bound(bytes: usize) -> usize {
    16 * bytes + (8 << 20)
}

/// The worst read seen of each reader: (peak bytes, input bytes) of the largest ratio among
/// inputs of 1 MiB and more, and the largest peak of any input.
#[derive(Debug, Default)]
pub struct Worst {
    by_reader: BTreeMap<&'static str, (f64, usize, usize)>,
}

impl Worst {
    /// Reads `body` as `document`, measuring its peak allocation; `Err` saying what was read
    /// when the peak is over [`bound`] or the read was slower than `scripts/fuzz` allows.
    pub fn read(
        &mut self,
        what: &str,
        document: Document,
        body: &[u8],
    ) -> Result<Result<Snapshot, SourceError>, String> {
        let before = ALLOCATED.current_usage();
        ALLOCATED.reset_peak_usage();
        let parsed = lookout_core::fuzz_timed(body.len(), || document.parse(body))
            .map_err(|slow| format!("{document:?} on {what}: {slow}"))?;
        let peak = ALLOCATED.peak_usage().saturating_sub(before);
        self.note(document.describe(), body.len(), peak);
        if peak > bound(body.len()) {
            return Err(format!(
                "{document:?} on {what}: {peak} bytes allocated at the peak for {} bytes read \
                 (bound {})",
                body.len(),
                bound(body.len())
            ));
        }
        Ok(parsed)
    }

    fn note(&mut self, reader: &'static str, bytes: usize, peak: usize) {
        let entry = self.by_reader.entry(reader).or_insert((0.0, 0, 0));
        if bytes >= 1 << 20 {
            #[allow(clippy::cast_precision_loss)]
            let ratio = peak as f64 / bytes as f64;
            if ratio > entry.0 {
                entry.0 = ratio;
            }
        }
        entry.1 = entry.1.max(peak);
        entry.2 = entry.2.max(bytes);
    }

    fn print(&self) {
        eprintln!("peak allocation per reader (bound: 16 × input + 8 MiB)");
        for (reader, (ratio, peak, bytes)) in &self.by_reader {
            eprintln!(
                "  {reader}: worst ratio {ratio:.2} × input (inputs ≥ 1 MiB), largest peak \
                 {:.1} MiB, largest input {:.1} MiB",
                to_mib(*peak),
                to_mib(*bytes)
            );
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn to_mib(bytes: usize) -> f64 {
    bytes as f64 / f64::from(1 << 20)
}

/// One test, so that nothing else allocates while a read is measured.
#[test]
fn every_reader_stays_within_its_memory_bound() {
    let mut worst = Worst::default();
    seeds::read_all(&mut worst).unwrap_or_else(|failure| panic!("{failure}"));
    generated::read_all(&mut worst).unwrap_or_else(|failure| panic!("{failure}"));
    worst.print();
}
