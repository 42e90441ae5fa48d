//! What catalogue search runs over, made once per catalogue: each entry's names lowercased and
//! compacted (letters and digits only), so a query costs no allocation per entry; and the typo
//! distance bounded by the typos a query allows (a length difference beyond them skips the
//! computation, ASCII names are compared as bytes on the stack).

use crate::catalog::Entry;

/// One name of an entry, as search compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchName {
    /// Lowercased (`google cloud`).
    pub lower: String,
    /// Lowercased, letters and digits only (`googlecloud`).
    pub compact: String,
}

/// Each entry's names (its name, then its aliases), in the entries' order.
pub(crate) fn search_names(entries: &[Entry]) -> Vec<Vec<SearchName>> {
    entries
        .iter()
        .map(|entry| {
            entry
                .names()
                .map(|name| {
                    let lower = name.to_lowercase();
                    let compact = lower.chars().filter(|c| c.is_alphanumeric()).collect();
                    SearchName { lower, compact }
                })
                .collect()
        })
        .collect()
}

/// The longest ASCII text compared with its rows on the stack; longer ones take
/// [`crate::catalog::distance`].
const STACK_WIDTH: usize = 64;

/// The optimal-string-alignment distance between `a` and `b` when it is at most `max`.
pub(crate) fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a_len, b_len) = if a.is_ascii() && b.is_ascii() {
        (a.len(), b.len())
    } else {
        (a.chars().count(), b.chars().count())
    };
    if a_len.abs_diff(b_len) > max {
        return None;
    }
    let distance = if a.is_ascii() && b.is_ascii() && b.len() < STACK_WIDTH {
        let mut rows = [0_usize; 3 * STACK_WIDTH];
        osa_distance(a.as_bytes(), b.as_bytes(), max, &mut rows)
    } else {
        crate::catalog::distance(a, b)
    };
    (distance <= max).then_some(distance)
}

/// The optimal-string-alignment distance between `a` and `b` (insert, delete, substitute, swap
/// of two neighbours), computed in three rolling rows taken from `rows` (at least three times
/// `b.len() + 1` cells); once it must be over `max`, `max + 1` without going on.
pub(crate) fn osa_distance<T: PartialEq>(
    a: &[T],
    b: &[T],
    max: usize,
    rows: &mut [usize],
) -> usize {
    let width = b.len() + 1;
    let (mut before, rest) = rows.split_at_mut(width);
    let (mut prev, rest) = rest.split_at_mut(width);
    let mut cur = &mut rest[..width];
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_best = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            cur[j] = best;
            row_best = row_best.min(best);
        }
        // Every later cell comes from this row or the one before it (a swap reaches back two).
        if row_best > max && prev.iter().all(|&c| c > max) {
            return max.saturating_add(1);
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::distance;

    #[test]
    fn the_bounded_distance_agrees_with_the_full_one_within_its_bound() {
        let words = [
            "",
            "a",
            "github",
            "githb",
            "gtihub",
            "kitten",
            "sitting",
            "cloudflare",
            "cloudfare",
            "zürich",
            "zurich",
            "stripe payments",
            "stripepayments",
        ];
        for a in words {
            for b in words {
                let full = distance(a, b);
                for max in 0..4 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(distance_within(a, b, max), expected, "{a:?} {b:?} {max}");
                }
            }
        }
    }
}
