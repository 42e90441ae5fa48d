//! Catalogue updates as Lookout's maintainers publish them, signed with a throwaway key: the
//! file (`{"version", "entries"}`) and its minisign signature, to serve with
//! [`crate::FakeStatusServer::set_document`] and check with the key's public half.

use lookout_core::catalog::Entry;
use minisign::KeyPair;

/// A throwaway minisign key pair that signs catalogue files.
#[derive(Debug)]
pub struct CatalogueSigner {
    pair: KeyPair,
}

/// A signed catalogue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCatalogue {
    /// `catalogue.json`'s bytes.
    pub body: Vec<u8>,
    /// `catalogue.json.minisig`'s bytes.
    pub signature: Vec<u8>,
}

impl CatalogueSigner {
    /// A new key pair; `None` only if the system has no randomness to give.
    pub fn new() -> Option<CatalogueSigner> {
        KeyPair::generate_unencrypted_keypair()
            .ok()
            .map(|pair| CatalogueSigner { pair })
    }

    /// The public key as `LOOKOUT_CATALOGUE_PUBLIC_KEY` takes it (base64).
    pub fn public_key(&self) -> String {
        self.pair.pk.to_base64()
    }

    /// `body` signed as it is (any bytes: a test's malformed file too).
    pub fn sign_bytes(&self, body: Vec<u8>) -> SignedCatalogue {
        let signature = minisign::sign(Some(&self.pair.pk), &self.pair.sk, &body[..], None, None)
            .map(|s| s.to_string().into_bytes())
            .unwrap_or_default();
        SignedCatalogue { body, signature }
    }

    /// The catalogue file of `version` with `entries`, signed.
    pub fn sign(&self, version: u64, entries: &[Entry]) -> SignedCatalogue {
        let document = serde_json::json!({"version": version, "entries": entries});
        self.sign_bytes(serde_json::to_vec(&document).unwrap_or_default())
    }
}
