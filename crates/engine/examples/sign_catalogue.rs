//! The maintainers' catalogue signer (run through `scripts/sign-catalogue`): makes a key pair, or
//! writes a catalogue update — `catalogue.json` (`{"version", "entries"}`) and its minisign
//! signature `catalogue.json.minisig` — signed with the secret key in the environment variable
//! `LOOKOUT_CATALOGUE_SECRET_KEY` (never a file in the repository). See `docs/catalogue.md`.
//!
//! ```text
//! sign_catalogue keygen SECRET_KEY_FILE
//! sign_catalogue sign --version N [--entries crates/core/catalog.json] --out DIR
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable holding the secret key: an unencrypted minisign secret key (its file's text, or
/// only its base64 line).
const SECRET_VARIABLE: &str = "LOOKOUT_CATALOGUE_SECRET_KEY";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("keygen") if args.len() == 2 => keygen(Path::new(&args[1])),
        Some("sign") => sign(&args[1..]),
        _ => Err(
            "usage: sign_catalogue keygen SECRET_KEY_FILE | sign --version N [--entries FILE] --out DIR"
                .into(),
        ),
    };
    if let Err(error) = outcome {
        eprintln!("sign-catalogue: {error}");
        std::process::exit(2);
    }
}

/// Writes a new unencrypted secret key to `path` (readable by its owner only; refused if the file
/// exists) and prints the public key to build into Lookout.
fn keygen(path: &Path) -> Result<(), String> {
    let pair = KeyPair::generate_unencrypted_keypair().map_err(|e| e.to_string())?;
    let secret = pair
        .sk
        .to_box(Some("Lookout catalogue secret key"))
        .map_err(|e| e.to_string())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(secret.to_string().as_bytes())
        .map_err(|e| e.to_string())?;
    println!("secret key written to {}", path.display());
    println!("public key: {}", pair.pk.to_base64());
    Ok(())
}

/// `sign --version N [--entries FILE] --out DIR`.
fn sign(args: &[String]) -> Result<(), String> {
    let mut version = None;
    let mut entries = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/catalog.json"));
    let mut out = None;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--version" => version = Some(value.parse::<u64>().map_err(|e| e.to_string())?),
            "--entries" => entries = PathBuf::from(value),
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    let version = version.ok_or("--version N is needed (a date serial, YYYYMMDDNN)")?;
    let out = out.ok_or("--out DIR is needed")?;
    let secret = secret_key()?;
    let text =
        std::fs::read_to_string(&entries).map_err(|e| format!("{}: {e}", entries.display()))?;
    let list: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let count = list
        .as_array()
        .ok_or("the entries file is not a JSON list")?
        .len();
    let document = serde_json::json!({"version": version, "entries": list});
    let body = serde_json::to_vec(&document).map_err(|e| e.to_string())?;
    let public = PublicKey::from_secret_key(&secret).map_err(|e| e.to_string())?;
    let trusted = format!("lookout catalogue version {version}");
    let untrusted = "signature from the Lookout catalogue key";
    let signature = minisign::sign(
        Some(&public),
        &secret,
        &body[..],
        Some(&trusted),
        Some(untrusted),
    )
    .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let file = out.join("catalogue.json");
    std::fs::write(&file, &body).map_err(|e| e.to_string())?;
    std::fs::write(out.join("catalogue.json.minisig"), signature.to_string())
        .map_err(|e| e.to_string())?;
    println!(
        "{}: version {version}, {count} entries, signed by key {}",
        file.display(),
        public.to_base64()
    );
    Ok(())
}

/// The secret key from [`SECRET_VARIABLE`].
fn secret_key() -> Result<SecretKey, String> {
    let text = std::env::var(SECRET_VARIABLE)
        .map_err(|_| format!("{SECRET_VARIABLE} is not set (the secret key's text)"))?;
    let text = text.trim();
    let boxed = if text.starts_with("untrusted comment:") {
        format!("{text}\n")
    } else {
        format!("untrusted comment: Lookout catalogue secret key\n{text}\n")
    };
    SecretKeyBox::from_string(&boxed)
        .and_then(SecretKeyBox::into_unencrypted_secret_key)
        .map_err(|e| format!("{SECRET_VARIABLE} is not an unencrypted minisign secret key: {e}"))
}
