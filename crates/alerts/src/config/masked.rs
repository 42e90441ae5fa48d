//! Masked URLs in a configuration file: `config export` writes a provider's or a probe's URL
//! with its credentials and query values masked (`••••`); applying such a file to the database
//! it came from reads each masked URL as the stored URL it masks.

use super::setup::{sort_probes, Setup};
use crate::error::{AlertError, Result};
use lookout_core::masked_url::{masked_url, MASK};

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `wanted` with each masked URL replaced by the stored one it masks: the provider of that name
/// whose URL masks to it, or a probe of that provider not matched yet whose URL does. A masked
/// URL that masks nothing stored is an error (the file came from elsewhere).
pub(crate) fn unmasked(have: &Setup, wanted: &Setup) -> Result<Setup> {
    let unknown = |what: String, url: &str| {
        AlertError::InvalidInput(format!(
            "{what} {url}: its credentials or query values are masked ({MASK}, as `config \
             export` writes them) and nothing stored here has that URL; write the URL out"
        ))
    };
    let mut wanted = wanted.clone();
    for w in wanted.providers.iter_mut().filter(|w| w.url.contains(MASK)) {
        let stored = have
            .providers
            .iter()
            .find(|h| same_name(&h.name, &w.name) && masked_url(&h.url) == w.url);
        match stored {
            Some(h) => w.url = h.url.clone(),
            None => return Err(unknown(format!("provider {}", w.name), &w.url)),
        }
    }
    let mut taken = vec![false; have.probes.len()];
    for w in wanted.probes.iter_mut().filter(|w| w.url.contains(MASK)) {
        let stored = have.probes.iter().enumerate().position(|(n, h)| {
            !taken[n] && same_name(&h.provider, &w.provider) && masked_url(&h.url) == w.url
        });
        match stored {
            Some(n) => {
                taken[n] = true;
                w.url = have.probes[n].url.clone();
            }
            None => return Err(unknown(format!("probe of {}", w.provider), &w.url)),
        }
    }
    sort_probes(&mut wanted.probes);
    Ok(wanted)
}
