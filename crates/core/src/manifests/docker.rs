//! Container images: a Dockerfile's `FROM` lines (not comments, earlier build stages,
//! `scratch`, or images named through a build argument), each as `registry/path` with Docker
//! Hub's implied `docker.io/` and `library/` made explicit (`node:20` is
//! `docker.io/library/node` at `20`).

/// The base images, with their tags (or digests).
pub fn base_images(text: &str) -> Vec<(String, Option<String>)> {
    let mut stages: Vec<String> = Vec::new();
    let mut images = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("from")) {
            continue;
        }
        let mut words = words.skip_while(|w| w.starts_with("--"));
        let Some(image) = words.next() else { continue };
        let lower = image.to_lowercase();
        let earlier_stage = stages.contains(&lower);
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("as")) {
            if let Some(stage) = words.next() {
                stages.push(stage.to_lowercase());
            }
        }
        if lower == "scratch" || lower.contains('$') || earlier_stage {
            continue;
        }
        images.push(reference(image));
    }
    images
}

/// `ghcr.io/acme/app:1.2@sha256:…` → (`ghcr.io/acme/app`, `1.2`); Docker Hub made explicit.
fn reference(image: &str) -> (String, Option<String>) {
    let (named, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d.to_string())),
        None => (image, None),
    };
    let slash = named.rfind('/').map_or(0, |i| i + 1);
    let (path, tag) = match named[slash..].split_once(':') {
        Some((last, tag)) => (format!("{}{last}", &named[..slash]), Some(tag.to_string())),
        None => (named.to_string(), None),
    };
    let first = path.split('/').next().unwrap_or_default();
    let has_registry =
        path.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = match (has_registry, path.contains('/')) {
        (true, _) => path,
        (false, true) => format!("docker.io/{path}"),
        (false, false) => format!("docker.io/library/{path}"),
    };
    (full.to_lowercase(), tag.or(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_images_without_stages_comments_or_arguments() {
        let text = "# FROM stripe/cli\nARG BASE=alpine\nFROM --platform=$BUILDPLATFORM node:20-alpine AS build\n\
            FROM ${BASE}\nFROM build AS test\nFROM gcr.io/distroless/nodejs20-debian12\n\
            FROM ghcr.io/acme/tools@sha256:abc\nFROM scratch\n";
        assert_eq!(
            base_images(text),
            vec![
                (
                    "docker.io/library/node".to_string(),
                    Some("20-alpine".to_string())
                ),
                ("gcr.io/distroless/nodejs20-debian12".to_string(), None),
                (
                    "ghcr.io/acme/tools".to_string(),
                    Some("sha256:abc".to_string())
                ),
            ]
        );
    }
}
