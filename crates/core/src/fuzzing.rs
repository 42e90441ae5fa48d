//! Settings shared by the fuzz targets of every crate: how many cases each runs, and, in
//! `scripts/fuzz` only, how long one case may take; and the pieces of hostile HTML the HTML
//! targets (HTML to text, the window's sanitiser) build their inputs from.

use std::time::{Duration, Instant};

/// How many cases each fuzz target runs: `LOOKOUT_FUZZ_CASES`, else 48 (quick, for the test
/// suite; `scripts/fuzz` asks for many more).
pub fn fuzz_cases() -> u32 {
    std::env::var("LOOKOUT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

/// The longest one fuzz case of `bytes` bytes may take: 500 ms and 2 µs per byte, when
/// `LOOKOUT_FUZZ_TIME_LIMIT=1` (as `scripts/fuzz` sets it, on a release build); `None` otherwise,
/// so the test suite never asserts on time (speed is measured by the benchmarks).
pub fn fuzz_time_limit(bytes: usize) -> Option<Duration> {
    let enabled = std::env::var("LOOKOUT_FUZZ_TIME_LIMIT").is_ok_and(|v| v == "1");
    enabled.then(|| {
        let per_byte = u64::try_from(bytes).unwrap_or(u64::MAX).saturating_mul(2);
        Duration::from_millis(500) + Duration::from_micros(per_byte)
    })
}

/// Runs one fuzz case on an input of `bytes` bytes; `Err` saying how slow it was when it took
/// longer than [`fuzz_time_limit`] allows (a quadratic path found).
pub fn fuzz_timed<T>(bytes: usize, case: impl FnOnce() -> T) -> Result<T, String> {
    let start = Instant::now();
    let out = case();
    let took = start.elapsed();
    match fuzz_time_limit(bytes) {
        Some(limit) if took > limit => {
            Err(format!("took {took:?} on {bytes} bytes (limit {limit:?})"))
        }
        _ => Ok(out),
    }
}

/// Pieces of vendor HTML, hostile ones among them (scripts, handlers, `javascript:` links,
/// comments, entities, a NUL reference, an ANSI escape), that the fuzz targets of HTML to text
/// and of the window's sanitiser concatenate in random order.
pub const HOSTILE_HTML_PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "<p onclick=\"x()\">",
    "</p>",
    "<b>",
    "</i>",
    "<br>",
    "<script>",
    "</script>",
    "<a href=\"",
    "javascript:alert(1)",
    "https://ok.test/",
    "\">",
    "</a>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//evil.test>",
    "<svg onload=alert(1)>",
    "&amp;",
    "&lt;",
    "&#0;",
    "<!--",
    "-->",
    "<",
    ">",
    "text",
    " ",
    "\u{1b}[2J",
    "é",
    "<style>",
    "</style>",
];
