//! Deterministic look-alike identifiers (Statuspage codes, incident.io ULIDs), body hashes for
//! ETags, and the timestamp formats each dialect writes.

use chrono::{DateTime, FixedOffset, Utc};

/// The fixed offset the Statuspage dialect writes its times in (`-04:00`, a page in
/// `America/Puerto_Rico`, which keeps that offset all year), so parsers are tested on offsets.
pub const STATUSPAGE_OFFSET_SECS: i32 = -4 * 3600;

/// The IANA zone matching [`STATUSPAGE_OFFSET_SECS`], written as the page's `time_zone`.
pub const STATUSPAGE_TIME_ZONE: &str = "America/Puerto_Rico";

/// 64-bit FNV-1a: stable across runs and Rust versions (unlike `DefaultHasher`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A pseudo-random stream seeded by `seed` (splitmix64), for spelling ids.
fn digits(seed: &str, alphabet: &[u8], len: usize) -> String {
    let mut state = fnv1a(seed.as_bytes());
    let mut out = String::with_capacity(len);
    for _ in 0..len {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let index = usize::try_from(z % alphabet.len() as u64).unwrap_or(0);
        out.push(char::from(alphabet[index]));
    }
    out
}

/// A 12-character lowercase alphanumeric code, like Statuspage's ids (`kctbh9vrtdwd`).
pub fn statuspage_code(seed: &str) -> String {
    digits(seed, b"abcdefghijklmnopqrstuvwxyz0123456789", 12)
}

/// A 26-character Crockford base-32 id starting `01`, like incident.io's ULIDs.
pub fn ulid_like(seed: &str) -> String {
    format!(
        "01{}",
        digits(seed, b"0123456789ABCDEFGHJKMNPQRSTVWXYZ", 24)
    )
}

/// A strong ETag for a body: the quoted hex FNV-1a hash plus the length.
pub fn etag(body: &[u8]) -> String {
    format!("\"{:016x}-{:x}\"", fnv1a(body), body.len())
}

/// Statuspage style: milliseconds and the page's (non-UTC) offset, `2026-05-08T06:49:55.936-04:00`.
pub fn statuspage_time(at: DateTime<Utc>) -> String {
    match FixedOffset::east_opt(STATUSPAGE_OFFSET_SECS) {
        Some(offset) => at
            .with_timezone(&offset)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
        None => incidentio_time(at),
    }
}

/// incident.io style: UTC with milliseconds and `Z`, `2026-01-30T10:42:56.002Z`.
pub fn incidentio_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// incident.io's Statuspage-compatible layer: UTC, whole seconds, `Z`.
pub fn seconds_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// An HTTP date (`Last-Modified`), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Reads an HTTP date (`If-Modified-Since`).
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_look_like_the_vendors_and_are_stable() {
        let code = statuspage_code("acme/api");
        assert_eq!(code.len(), 12);
        assert!(code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(code, statuspage_code("acme/api"));
        assert_ne!(code, statuspage_code("acme/web"));
        let ulid = ulid_like("acme/api");
        assert_eq!(ulid.len(), 26);
        assert!(ulid.starts_with("01"));
    }

    #[test]
    fn times_carry_the_dialects_offsets() {
        let at = Utc.with_ymd_and_hms(2026, 1, 30, 10, 42, 56).unwrap();
        assert_eq!(statuspage_time(at), "2026-01-30T06:42:56.000-04:00");
        assert_eq!(incidentio_time(at), "2026-01-30T10:42:56.000Z");
        assert_eq!(http_date(at), "Fri, 30 Jan 2026 10:42:56 GMT");
        assert_eq!(parse_http_date(&http_date(at)), Some(at));
    }
}
