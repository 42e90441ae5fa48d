//! The time of one catalogue search (`lookout catalog search`, the "Add a service" box) over
//! 5,000 entries: the built-in entries, then made-up services of the same shape (names and
//! aliases of made-up words, the same categories and platforms) up to 5,000, made the catalogue
//! in use; each query of a mix (exact names, aliases, prefixes, typos, misses) searched as both
//! front ends do (`search` and `suggest`), the median of many rounds printed per query as
//! `BENCH catalog_search entries=5000 per_query_ms=X` for `scripts/bench`.
//! `cargo bench -p lookout-core --bench catalog_search`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::catalog::{self, Entry};
use lookout_core::catalog_in_use::{self, Catalogue};
use std::collections::HashSet;
use std::time::Instant;

/// The catalogue size the goal is for.
const ENTRIES: usize = 5_000;
/// Rounds of the whole query mix; the median round is kept.
const ROUNDS: usize = 41;

const SYLLABLES: [&str; 24] = [
    "ar", "bel", "cor", "dax", "en", "fol", "gri", "hal", "ix", "jor", "kel", "lum", "mar", "nov",
    "or", "pix", "quo", "ran", "sol", "tal", "ul", "ver", "wex", "zen",
];

const QUERIES: [&str; 12] = [
    "github",
    "gh",
    "githb",
    "cloudfare",
    "stripe payments",
    "aws",
    "open",
    "datadog",
    "sentr",
    "zzzqqqxxx",
    "atlassian",
    "twilio",
];

/// A made-up word of two to four syllables from `seed`.
fn word(seed: &mut u64) -> String {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let count = 2 + (*seed >> 60) as usize % 3;
    let mut text = String::new();
    for i in 0..count {
        let pick = (*seed >> (8 * i + 8)) as usize % SYLLABLES.len();
        text.push_str(SYLLABLES[pick]);
    }
    let mut chars = text.chars();
    chars.next().map_or(text.clone(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The built-in entries and made-up ones of the same shape, `ENTRIES` in all, names unique.
fn five_thousand() -> Vec<Entry> {
    let real = catalog_in_use::built_in().entries.clone();
    let mut names: HashSet<String> = real
        .iter()
        .flat_map(|e| e.names().map(str::to_lowercase).collect::<Vec<_>>())
        .collect();
    let mut entries = real.clone();
    let mut seed = 42_u64;
    while entries.len() < ENTRIES {
        let model = &real[entries.len() % real.len()];
        let mut made = model.clone();
        made.name = format!("{} {}", word(&mut seed), word(&mut seed));
        made.aliases = model
            .aliases
            .iter()
            .map(|_| word(&mut seed).to_lowercase())
            .collect();
        let fresh: Vec<String> = made.names().map(str::to_lowercase).collect();
        if fresh.iter().all(|n| !names.contains(n)) {
            names.extend(fresh);
            entries.push(made);
        }
    }
    entries
}

fn main() {
    let entries = five_thousand();
    let count = entries.len();
    catalog_in_use::make_active(Catalogue::new(u64::MAX, entries))
        .expect("a version above the built-in one");
    assert_eq!(catalog::entries().len(), ENTRIES);
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for query in QUERIES {
                std::hint::black_box(catalog::search(query, 20));
                std::hint::black_box(catalog::suggest(query, 20));
            }
            start.elapsed().as_secs_f64() * 1000.0 / (QUERIES.len() * 2) as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    let median = rounds[ROUNDS / 2];
    println!(
        "BENCH catalog_search entries={count} queries={} per_query_ms={median:.3} slowest_round_ms={:.3}",
        QUERIES.len() * 2,
        rounds[ROUNDS - 1]
    );
}
