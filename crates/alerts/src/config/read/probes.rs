//! Reading `[[probes]]`: each of a provider the file names, its URL one a probe may ask, its
//! interval and time limit within bounds.

use super::super::setup::{ProbeSetup, ProviderSetup};
use super::{web_url, Place};
use crate::config::document::{Document, ProbeEntry};
use crate::error::Result;
use lookout_core::masked_url::MASK;
use lookout_core::probe::address;
use lookout_core::probe::{Expect, DEFAULT_EVERY_SECS, DEFAULT_TIMEOUT_SECS, MIN_EVERY_SECS};
use std::collections::{HashMap, HashSet};

/// `[[probes]]`, each of a provider read before; a second probe of a URL for a provider is an
/// error.
pub(super) fn read_probes(
    place: &Place,
    doc: &Document,
    providers: &[ProviderSetup],
    by_name: &HashMap<String, usize>,
    allow_private: bool,
) -> Result<Vec<ProbeSetup>> {
    let mut probes = Vec::new();
    let mut probed = HashSet::new();
    for probe in &doc.probes {
        let read = read_probe(place, probe, providers, by_name, allow_private)?;
        let masked = read.url.contains(MASK);
        if !masked && !probed.insert((read.provider.clone(), read.url.clone())) {
            return Err(place.error(
                probe.url.span(),
                "probes.url",
                "a second probe of this URL for this provider",
            ));
        }
        probes.push(read);
    }
    Ok(probes)
}

/// A probe's interval and time limit: at most every [`MIN_EVERY_SECS`], a limit of 1 s to its
/// interval.
fn probe_timing(place: &Place, p: &ProbeEntry) -> Result<(u32, u32)> {
    let every = match &p.every {
        Some(e) if *e.get_ref() < MIN_EVERY_SECS => {
            return Err(place.error(
                e.span(),
                "probes.every",
                format!(
                    "{} is too often: a probe runs at most every {MIN_EVERY_SECS} s",
                    e.get_ref()
                ),
            ))
        }
        Some(e) => *e.get_ref(),
        None => DEFAULT_EVERY_SECS,
    };
    let timeout = match &p.timeout {
        Some(t) if *t.get_ref() == 0 || *t.get_ref() > every => {
            return Err(place.error(
                t.span(),
                "probes.timeout",
                format!("a probe's time limit is 1 to {every} s (its interval)"),
            ))
        }
        Some(t) => *t.get_ref(),
        None => DEFAULT_TIMEOUT_SECS.min(every),
    };
    Ok((every, timeout))
}

fn read_probe(
    place: &Place,
    p: &ProbeEntry,
    providers: &[ProviderSetup],
    by_name: &HashMap<String, usize>,
    allow_private: bool,
) -> Result<ProbeSetup> {
    let provider = by_name
        .get(&p.provider.get_ref().to_ascii_lowercase())
        .and_then(|i| providers.get(*i))
        .ok_or_else(|| {
            place.error(
                p.provider.span(),
                "probes.provider",
                format!("no provider named {:?} in this file", p.provider.get_ref()),
            )
        })?;
    let url = web_url(
        place,
        &p.url,
        "probes.url",
        "a probe requests an http or https URL",
    )?;
    if let Some((host, why)) = address::refused_url(url).filter(|_| !allow_private) {
        return Err(place.error(p.url.span(), "probes.url", address::refusal(&host, why)));
    }
    let (every, timeout) = probe_timing(place, p)?;
    let expect = match &p.expect {
        Some(e) => {
            Expect::parse(e.get_ref()).map_err(|why| place.error(e.span(), "probes.expect", why))?
        }
        None => Expect::default(),
    };
    Ok(ProbeSetup {
        provider: provider.name.clone(),
        url: url.to_string(),
        every,
        expect,
        contains: p.contains.clone().filter(|c| !c.is_empty()),
        timeout,
    })
}
