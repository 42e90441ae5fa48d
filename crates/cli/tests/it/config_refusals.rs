//! What `lookout config apply` refuses before changing anything: a file that is not a Lookout
//! configuration at all (larger than 10 MB, not UTF-8, not TOML), said without quoting any of
//! it; and a probe of a link-local or cloud metadata address, unless `--allow-private`.

use crate::{lookout, stdout};
use std::path::Path;
use std::process::Output;

fn apply(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["config", "apply", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    lookout(Some(db), &args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_file_that_is_not_a_configuration_is_refused_without_quoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    // A shadow file: its first line holds a password hash.
    let shadow = dir.path().join("shadow");
    std::fs::write(
        &shadow,
        "root:$6$Zx8salt$S3CRETHASHs3crethash:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n",
    )
    .unwrap();
    let binary = dir.path().join("binary");
    std::fs::write(&binary, [0x7f, b'E', b'L', b'F', 0xff, 0xfe, 0x00, 0x01]).unwrap();
    let large = dir.path().join("large.toml");
    let mut text = "# a comment line that is valid TOML\n".repeat(300_000);
    text.push_str("secret = \"do not print me\"\n");
    std::fs::write(&large, &text).unwrap();
    assert!(text.len() > 10 * 1024 * 1024);
    for (file, why) in [
        (&shadow, "(not TOML from line 1)"),
        (&binary, "(not UTF-8 text)"),
        (&large, "(more than 10 MB)"),
        // Read until 10 MB and one byte, not until memory runs out.
        (&Path::new("/dev/zero").to_path_buf(), "(more than 10 MB)"),
    ] {
        let out = apply(&db, file, &[]);
        assert_eq!(out.status.code(), Some(3), "{file:?}: {out:?}");
        let error = stderr(&out);
        let said = format!("{}: not a Lookout configuration file {why}", file.display());
        assert!(
            error.contains(&said),
            "{file:?}: expected {said:?} in {error:?}"
        );
        for secret in ["root", "S3CRET", "daemon", "ELF", "do not print"] {
            assert!(!error.contains(secret), "{file:?} quoted: {error}");
        }
        assert_eq!(stdout(&out), "");
    }
    // TOML that is not Lookout's: the helpful error, with its line and key.
    let other = dir.path().join("Cargo.toml");
    std::fs::write(&other, "[package]\nname = \"x\"\n").unwrap();
    let error = stderr(&apply(&db, &other, &[]));
    assert!(
        error.contains("Cargo.toml:1:2: [package]: unknown field `package`"),
        "{error}"
    );
}

const METADATA_PROBE: &str = r#"
[[providers]]
name = "Acme"
url = "https://status.acme.test"
platform = "statuspage"

[[probes]]
provider = "Acme"
url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
contains = "AccessKeyId"
"#;

#[test]
fn a_shared_file_cannot_probe_a_metadata_address_unless_the_one_applying_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let file = dir.path().join("shared.toml");
    std::fs::write(&file, METADATA_PROBE).unwrap();
    for extra in [&[][..], &["--dry-run"]] {
        let out = apply(&db, &file, extra);
        assert_eq!(out.status.code(), Some(3), "{extra:?}: {out:?}");
        let error = stderr(&out);
        assert!(
            error.contains(
                "shared.toml:9:7: probes.url: 169.254.169.254 is a cloud metadata address"
            ),
            "{error}"
        );
        assert!(error.contains("--allow-private"), "{error}");
    }
    let listed = stdout(&lookout(Some(&db), &["list", "--json"]));
    assert_eq!(listed.trim(), "[]", "nothing was applied");

    let allowed = apply(&db, &file, &["--allow-private"]);
    assert!(allowed.status.success(), "{allowed:?}");
    let probes = stdout(&lookout(Some(&db), &["probe", "list", "--json"]));
    assert!(probes.contains("169.254.169.254"), "{probes}");
}
