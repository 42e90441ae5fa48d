//! The key a catalogue update must be signed with: the project's minisign public key built into
//! Lookout, or another one given in `LOOKOUT_CATALOGUE_PUBLIC_KEY` (a mirror's own, a test's
//! throwaway key), always named with where it came from.

use crate::error::{CatalogueRefusal, EngineError};
use base64::Engine as _;

/// The project's catalogue public key (minisign, Ed25519). Its secret half is kept by the
/// maintainers, outside the repository (`scripts/sign-catalogue`).
pub const PUBLIC_KEY: &str = "RWTvOmtC3XwMe+nDs5cI75WcBkgTgNdNdWPt5t31UmMws7j4Ei1wh3u2";

/// The environment variable that replaces [`PUBLIC_KEY`]: a minisign public key (its base64
/// line, or the whole `.pub` file's text).
pub const KEY_VARIABLE: &str = "LOOKOUT_CATALOGUE_PUBLIC_KEY";

/// A public key catalogue updates are checked against.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    key: minisign_verify::PublicKey,
    id: String,
    origin: String,
}

impl TrustedKey {
    /// [`PUBLIC_KEY`], built into Lookout (a test checks it reads).
    pub fn built_in() -> Result<TrustedKey, EngineError> {
        TrustedKey::parse(PUBLIC_KEY, "built into Lookout")
    }

    /// The key in `LOOKOUT_CATALOGUE_PUBLIC_KEY` when it is set (refused when it is not a
    /// minisign public key), else [`PUBLIC_KEY`].
    pub fn from_environment() -> Result<TrustedKey, EngineError> {
        match std::env::var(KEY_VARIABLE) {
            Ok(text) if !text.trim().is_empty() => {
                TrustedKey::parse(&text, &format!("from {KEY_VARIABLE}"))
            }
            _ => TrustedKey::built_in(),
        }
    }

    /// The minisign public key in `text` (its base64 line, or a `.pub` file's text); `origin`
    /// says where it came from ("from LOOKOUT_CATALOGUE_PUBLIC_KEY").
    pub fn parse(text: &str, origin: &str) -> Result<TrustedKey, EngineError> {
        let line = text
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .unwrap_or_default();
        let refused = || {
            CatalogueRefusal::BadKey.because(format!(
                "the public key {origin} is not a minisign public key"
            ))
        };
        let key = minisign_verify::PublicKey::from_base64(line).map_err(|_| refused())?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(line)
            .map_err(|_| refused())?;
        let number: [u8; 8] = bytes
            .get(2..10)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(refused)?;
        Ok(TrustedKey {
            key,
            id: format!("{:016X}", u64::from_le_bytes(number)),
            origin: origin.to_string(),
        })
    }

    /// Its key id as minisign prints it (16 hex digits).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where it came from: "built into Lookout", "from LOOKOUT_CATALOGUE_PUBLIC_KEY".
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The key itself.
    pub(crate) fn key(&self) -> &minisign_verify::PublicKey {
        &self.key
    }
}

impl std::fmt::Display for TrustedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "key {} ({})", self.id, self.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_key_reads_and_is_named_by_its_minisign_id() {
        let key = TrustedKey::built_in().unwrap();
        assert_eq!(key.id(), "7B0C7CDD426B3AEF");
        assert_eq!(key.to_string(), "key 7B0C7CDD426B3AEF (built into Lookout)");
        let file = format!("untrusted comment: minisign public key\n{PUBLIC_KEY}\n");
        let from_file = TrustedKey::parse(&file, "from a file").unwrap();
        assert_eq!(from_file.id(), key.id());
        let refused = TrustedKey::parse("not a key", &format!("from {KEY_VARIABLE}"));
        assert!(matches!(
            refused,
            Err(EngineError::CatalogueRefused { refusal: CatalogueRefusal::BadKey, reason })
                if reason == "the public key from LOOKOUT_CATALOGUE_PUBLIC_KEY is not a minisign public key"
        ));
    }
}
