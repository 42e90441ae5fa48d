//! Masked URLs in a configuration file: `config export` writes a provider's or a probe's URL
//! with its credentials and query values masked (`••••`); applying such a file to the database
//! it came from reads each masked URL as the stored URL it masks.

use super::setup::{sort_probes, Setup};
use crate::error::{AlertError, Result};
use lookout_core::masked_url::{masked_url, MASK};
use std::collections::HashMap;

/// `wanted` with each masked URL replaced by the stored one it masks: that of the provider of
/// the same name (ASCII case ignored) when it masks to it, or that of a probe of the same
/// provider, not matched yet, that masks to it. A masked URL that masks nothing stored is an
/// error (the file came from elsewhere). Linear in the number of items.
pub(crate) fn unmasked(have: &Setup, wanted: &Setup) -> Result<Setup> {
    let unknown = |what: String, url: &str| {
        AlertError::InvalidInput(format!(
            "{what} {url}: its credentials or query values are masked ({MASK}, as `config \
             export` writes them) and nothing stored here has that URL; write the URL out"
        ))
    };
    let mut wanted = wanted.clone();
    if !wanted
        .providers
        .iter()
        .map(|p| &p.url)
        .chain(wanted.probes.iter().map(|p| &p.url))
        .any(|url| url.contains(MASK))
    {
        return Ok(wanted);
    }
    let providers: HashMap<String, &str> = have
        .providers
        .iter()
        .map(|h| (h.name.to_ascii_lowercase(), h.url.as_str()))
        .collect();
    for w in wanted.providers.iter_mut().filter(|w| w.url.contains(MASK)) {
        match providers.get(&w.name.to_ascii_lowercase()) {
            Some(url) if masked_url(url) == w.url => w.url = (*url).to_string(),
            _ => return Err(unknown(format!("provider {}", w.name), &w.url)),
        }
    }
    // Each stored probe by its provider and masked URL; taken once each.
    let mut probes: HashMap<(String, String), Vec<&str>> = HashMap::new();
    for h in have.probes.iter().rev() {
        let key = (h.provider.to_ascii_lowercase(), masked_url(&h.url));
        probes.entry(key).or_default().push(&h.url);
    }
    for w in wanted.probes.iter_mut().filter(|w| w.url.contains(MASK)) {
        let key = (w.provider.to_ascii_lowercase(), w.url.clone());
        match probes.get_mut(&key).and_then(Vec::pop) {
            Some(url) => w.url = url.to_string(),
            None => return Err(unknown(format!("probe of {}", w.provider), &w.url)),
        }
    }
    sort_probes(&mut wanted.probes);
    Ok(wanted)
}
