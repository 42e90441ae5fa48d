//! A project's manifests read for the packages it depends on (`lookout suggest`): which files
//! are manifests and lock files of which ecosystem, one small reader per ecosystem, and the
//! project's direct dependencies with the versions its lock files pin. Pure: text in, packages out.
//!
//! What counts is what the product runs on: runtime dependencies, not development-only ones
//! (`devDependencies`, `[dev-dependencies]`, `require-dev`, Gemfile's development and test
//! groups, Poetry's groups, `requirements-dev.txt`), nor anything in a comment. Lock files only
//! lend versions to packages a manifest beside them names: they list transitive packages too,
//! which are not the project's choice, and a package is never counted twice.

mod actions;
mod cargo;
mod composer;
mod docker;
mod dotnet;
mod golang;
mod npm;
mod python;
mod ruby;
mod terraform;

use serde::Serialize;
use std::collections::HashMap;

/// A package ecosystem: where a package name means something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ecosystem {
    /// npm (`package.json`).
    Npm,
    /// Rust crates (`Cargo.toml`).
    Cargo,
    /// Python packages (`requirements*.txt`, `pyproject.toml`).
    Pypi,
    /// Go modules (`go.mod`).
    Go,
    /// Ruby gems (`Gemfile`).
    Rubygems,
    /// PHP packages (`composer.json`).
    Composer,
    /// .NET packages (`*.csproj`).
    Nuget,
    /// Terraform providers (`required_providers` in `*.tf`).
    Terraform,
    /// Container images (Dockerfiles' `FROM`), as `registry/path`.
    Docker,
    /// GitHub Actions (`uses:` in `.github/workflows/*.yml`), as `owner/repo`.
    GithubActions,
}

impl Ecosystem {
    /// Every ecosystem.
    pub const ALL: [Ecosystem; 10] = [
        Ecosystem::Npm,
        Ecosystem::Cargo,
        Ecosystem::Pypi,
        Ecosystem::Go,
        Ecosystem::Rubygems,
        Ecosystem::Composer,
        Ecosystem::Nuget,
        Ecosystem::Terraform,
        Ecosystem::Docker,
        Ecosystem::GithubActions,
    ];

    /// Its name, as the package map and `--json` spell it (`npm`, `github-actions`).
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::Cargo => "cargo",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Go => "go",
            Ecosystem::Rubygems => "rubygems",
            Ecosystem::Composer => "composer",
            Ecosystem::Nuget => "nuget",
            Ecosystem::Terraform => "terraform",
            Ecosystem::Docker => "docker",
            Ecosystem::GithubActions => "github-actions",
        }
    }

    /// The ecosystem named `name` (as [`Ecosystem::as_str`] spells it).
    pub fn named(name: &str) -> Option<Ecosystem> {
        Ecosystem::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// A package name as compared: lowercase, and for Python `_` and `.` as `-` (PEP 503).
    pub fn normalised(self, package: &str) -> String {
        let lower = package.trim().to_lowercase();
        match self {
            Ecosystem::Pypi => lower.replace(['_', '.'], "-"),
            _ => lower,
        }
    }
}

/// One package a manifest depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// Its ecosystem.
    pub ecosystem: Ecosystem,
    /// Its name as written (`stripe`, `@clerk/nextjs`, `hashicorp/aws`, `docker.io/library/node`).
    pub package: String,
    /// The version: the lock file's when one pins it, else the manifest's requirement as written.
    pub version: Option<String>,
}

/// What a file is to [`read`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A manifest naming the project's own dependencies.
    Manifest(Ecosystem),
    /// A lock file: versions for the packages the manifests beside it name.
    Lock(Ecosystem),
}

/// What the file at `path` (relative, `/`-separated) is, by its name (and, for workflows, its
/// folder); `None` for a file `lookout suggest` does not read.
pub fn kind_of(path: &str) -> Option<FileKind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_lowercase();
    let manifest = |e| Some(FileKind::Manifest(e));
    let lock = |e| Some(FileKind::Lock(e));
    match lower.as_str() {
        "package.json" => manifest(Ecosystem::Npm),
        "package-lock.json" | "npm-shrinkwrap.json" => lock(Ecosystem::Npm),
        "cargo.toml" => manifest(Ecosystem::Cargo),
        "cargo.lock" => lock(Ecosystem::Cargo),
        "pyproject.toml" => manifest(Ecosystem::Pypi),
        "poetry.lock" => lock(Ecosystem::Pypi),
        "go.mod" => manifest(Ecosystem::Go),
        "gemfile" => manifest(Ecosystem::Rubygems),
        "gemfile.lock" => lock(Ecosystem::Rubygems),
        "composer.json" => manifest(Ecosystem::Composer),
        "composer.lock" => lock(Ecosystem::Composer),
        ".terraform.lock.hcl" => lock(Ecosystem::Terraform),
        "dockerfile" | "containerfile" => manifest(Ecosystem::Docker),
        _ if python::is_requirements(&lower) => manifest(Ecosystem::Pypi),
        _ if lower.ends_with(".csproj") => manifest(Ecosystem::Nuget),
        _ if lower.ends_with(".tf") => manifest(Ecosystem::Terraform),
        _ if lower.starts_with("dockerfile.") || lower.ends_with(".dockerfile") => {
            manifest(Ecosystem::Docker)
        }
        _ if actions::is_workflow(path) => manifest(Ecosystem::GithubActions),
        _ => None,
    }
}

/// The dependencies the manifest `text` (of ecosystem `ecosystem`, named `name`) declares, in
/// file order; `None` when it cannot be read as one (malformed JSON or TOML).
pub fn read_manifest(ecosystem: Ecosystem, name: &str, text: &str) -> Option<Vec<Dependency>> {
    let packages = match ecosystem {
        Ecosystem::Npm => npm::manifest(text)?,
        Ecosystem::Cargo => cargo::manifest(text)?,
        Ecosystem::Pypi if name.to_lowercase().ends_with(".toml") => python::pyproject(text)?,
        Ecosystem::Pypi => python::requirements(text),
        Ecosystem::Go => golang::manifest(text),
        Ecosystem::Rubygems => ruby::gemfile(text),
        Ecosystem::Composer => composer::manifest(text)?,
        Ecosystem::Nuget => dotnet::project(text),
        Ecosystem::Terraform => terraform::required_providers(text),
        Ecosystem::Docker => docker::base_images(text),
        Ecosystem::GithubActions => actions::uses(text),
    };
    Some(
        packages
            .into_iter()
            .map(|(package, version)| Dependency {
                ecosystem,
                package,
                version,
            })
            .collect(),
    )
}

/// The versions a lock file pins, by [`Ecosystem::normalised`] package name; `None` when it
/// cannot be read.
pub fn read_lock(ecosystem: Ecosystem, text: &str) -> Option<HashMap<String, String>> {
    let pairs = match ecosystem {
        Ecosystem::Npm => npm::lock(text)?,
        Ecosystem::Cargo | Ecosystem::Pypi => cargo::toml_lock(text)?,
        Ecosystem::Rubygems => ruby::lock(text),
        Ecosystem::Composer => composer::lock(text)?,
        Ecosystem::Terraform => terraform::lock(text),
        _ => Vec::new(),
    };
    Some(
        pairs
            .into_iter()
            .map(|(name, version)| (ecosystem.normalised(&name), version))
            .collect(),
    )
}

/// The manifest's dependencies with the versions pinned by `locks` (the lock files beside it),
/// each package once.
pub fn with_locked_versions(
    dependencies: Vec<Dependency>,
    locks: &[(Ecosystem, HashMap<String, String>)],
) -> Vec<Dependency> {
    let mut seen = std::collections::HashSet::new();
    dependencies
        .into_iter()
        .filter(|d| seen.insert((d.ecosystem, d.ecosystem.normalised(&d.package))))
        .map(|mut d| {
            let key = d.ecosystem.normalised(&d.package);
            let pinned = locks
                .iter()
                .filter(|(e, _)| *e == d.ecosystem)
                .find_map(|(_, versions)| versions.get(&key));
            if let Some(version) = pinned {
                d.version = Some(version.clone());
            }
            d
        })
        .collect()
}

/// `text` without what follows `marker` on each line (a `#` comment), where the marker is not
/// inside a double- or single-quoted string.
pub(crate) fn without_line_comment<'a>(line: &'a str, marker: &str) -> &'a str {
    let mut quote: Option<char> = None;
    for (index, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if line[index..].starts_with(marker) => return &line[..index],
            None => {}
        }
    }
    line
}

/// A non-empty trimmed string, or `None`.
pub(crate) fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}
