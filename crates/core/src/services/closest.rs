//! The names that come closest to one that matched nothing, for errors a person can act on
//! ("no component \"Chekout\"; closest: Checkout, Checkout API").

/// Up to `limit` of `candidates` closest to `asked`, closest first: names holding it (or held
/// by it) first, then by edit distance (ASCII case ignored); names too far off are left out.
pub fn closest_names<'a>(
    asked: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let asked = asked.trim().to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|name| {
            let lower = name.to_ascii_lowercase();
            let holds = !asked.is_empty() && (lower.contains(&asked) || asked.contains(&lower));
            let distance = strsim::levenshtein(&asked, &lower);
            let near = distance <= (asked.chars().count().max(3) / 2);
            match (holds, near) {
                (true, _) => Some((0, name)),
                (false, true) => Some((distance, name)),
                _ => None,
            }
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let mut names: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_string());
        }
        if names.len() == limit {
            break;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::closest_names;

    #[test]
    fn a_misspelling_and_a_part_come_closest_and_strangers_not_at_all() {
        let names = ["Checkout", "Checkout API", "Billing", "Session management"];
        assert_eq!(closest_names("Chekout", names, 3), ["Checkout"]);
        assert_eq!(closest_names("session", names, 3), ["Session management"]);
        assert!(closest_names("Zebra", names, 3).is_empty());
    }
}
