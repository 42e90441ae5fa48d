//! The files of a project folder `lookout suggest` reads, found by a bounded walk: only under
//! the paths given, never through a symbolic link, not into dependency, build or hidden folders
//! (`node_modules`, `target`, `.git`, `vendor`…; `.github` is read for its workflows), at most
//! [`MAX_DEPTH`] folders deep, no file over [`MAX_FILE_BYTES`], at most [`MAX_ENTRIES`] entries
//! looked at. The file system is behind [`ProjectFiles`], so tests can give one of their own.

use lookout_core::manifests::{self, Dependency, FileKind};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Folders below a path given at most this deep are read.
pub const MAX_DEPTH: usize = 8;
/// A manifest or lock file larger than this is left unread (and said).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The walk stops (and says so) after looking at this many files and folders.
pub const MAX_ENTRIES: usize = 50_000;

/// Folders never entered: installed dependencies, build output, virtual environments.
const SKIPPED_FOLDERS: [&str; 12] = [
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    "bower_components",
    "__pycache__",
    "venv",
    "site-packages",
    "Pods",
    "bin",
    "obj",
];

/// What is at a path, symbolic links not followed (except where asked, for a path given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A folder.
    Folder,
    /// A file of this many bytes.
    File(u64),
    /// Anything else: a symbolic link, a socket, a device.
    Other,
}

/// The file system as the walk sees it.
pub trait ProjectFiles: Send + Sync {
    /// What `path` is; `follow` follows a symbolic link (only for the paths given).
    fn node(&self, path: &Path, follow: bool) -> io::Result<Node>;
    /// The names in the folder `path`.
    fn names(&self, path: &Path) -> io::Result<Vec<String>>;
    /// The file's bytes.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl ProjectFiles for Disk {
    fn node(&self, path: &Path, follow: bool) -> io::Result<Node> {
        let metadata = if follow {
            std::fs::metadata(path)?
        } else {
            std::fs::symlink_metadata(path)?
        };
        let kind = metadata.file_type();
        Ok(if kind.is_dir() {
            Node::Folder
        } else if kind.is_file() {
            Node::File(metadata.len())
        } else {
            Node::Other
        })
    }

    fn names(&self, path: &Path) -> io::Result<Vec<String>> {
        std::fs::read_dir(path)?
            .map(|entry| Ok(entry?.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }
}

/// A manifest or lock file read.
#[derive(Debug, Clone)]
struct ReadFile {
    /// Which path given it is under (its place in the list).
    root: usize,
    /// Its folder, relative to the path given (`/`-separated, empty for that path itself).
    folder: String,
    /// Its name.
    name: String,
    /// How it is shown: under the path given as typed (just the relative path for `.`).
    shown: String,
    kind: FileKind,
    text: String,
}

/// What a walk found: each dependency with the file it is shown as, and notes on what was left
/// unread.
pub type Walked = (Vec<(Dependency, String)>, Vec<String>);

/// The dependencies the manifests under `roots` declare (each with the file it is shown as),
/// with notes on what was left unread; an error when a path given does not exist.
pub fn project_dependencies(files: &dyn ProjectFiles, roots: &[PathBuf]) -> io::Result<Walked> {
    let mut walk = Walk {
        files,
        read: Vec::new(),
        notes: Vec::new(),
        entries: 0,
        root: 0,
    };
    for (index, root) in roots.iter().enumerate() {
        walk.root = index;
        walk.walk_root(root)?;
    }
    let Walk {
        read, mut notes, ..
    } = walk;
    let found = dependencies(read, &mut notes);
    Ok((found, notes))
}

/// Each folder's manifests with the versions its lock files pin.
fn dependencies(read: Vec<ReadFile>, notes: &mut Vec<String>) -> Vec<(Dependency, String)> {
    let mut by_folder: BTreeMap<(usize, String), Vec<ReadFile>> = BTreeMap::new();
    for file in read {
        let folder = (file.root, file.folder.clone());
        by_folder.entry(folder).or_default().push(file);
    }
    let mut found = Vec::new();
    for files in by_folder.into_values() {
        let locks: Vec<_> = files
            .iter()
            .filter_map(|f| match f.kind {
                FileKind::Lock(e) => Some((e, manifests::read_lock(e, &f.text)?)),
                FileKind::Manifest(_) => None,
            })
            .collect();
        for file in &files {
            let FileKind::Manifest(ecosystem) = file.kind else {
                continue;
            };
            match manifests::read_manifest(ecosystem, &file.name, &file.text) {
                Some(declared) => found.extend(
                    manifests::with_locked_versions(declared, &locks)
                        .into_iter()
                        .map(|d| (d, file.shown.clone())),
                ),
                None => notes.push(format!("{}: not readable, skipped", file.shown)),
            }
        }
    }
    found
}

/// The walk under way: what it read, what it says, how many entries it looked at.
struct Walk<'a> {
    files: &'a dyn ProjectFiles,
    read: Vec<ReadFile>,
    notes: Vec<String>,
    entries: usize,
    /// The place of the path given being walked.
    root: usize,
}

impl Walk<'_> {
    /// One path given: a folder walked, or a file read as what its name says.
    fn walk_root(&mut self, root: &Path) -> io::Result<()> {
        let node = self.files.node(root, true).map_err(|error| {
            io::Error::new(error.kind(), format!("{}: {error}", root.display()))
        })?;
        match node {
            Node::Folder => self.folder(root, root, "", 0),
            Node::File(bytes) => {
                let name = root.file_name().map(|n| n.to_string_lossy().into_owned());
                let shown = root.to_string_lossy().replace('\\', "/");
                if let (Some(name), Some(kind)) = (name, manifests::kind_of(&shown)) {
                    self.file(root, String::new(), name, shown, kind, bytes);
                }
            }
            Node::Other => {}
        }
        Ok(())
    }

    /// The folder `path` (`relative` under `root`, `depth` folders down): its manifests read,
    /// its folders walked. An unreadable folder is said and passed over.
    fn folder(&mut self, root: &Path, path: &Path, relative: &str, depth: usize) {
        let mut names = match self.files.names(path) {
            Ok(names) => names,
            Err(error) => return self.notes.push(format!("{}: {error}", path.display())),
        };
        names.sort();
        for name in names {
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                if self.entries == MAX_ENTRIES + 1 {
                    self.notes
                        .push(format!("stopped after {MAX_ENTRIES} files and folders"));
                }
                return;
            }
            let child = path.join(&name);
            let child_relative = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            match self.files.node(&child, false) {
                Ok(Node::Folder) if enters(&name) => {
                    if depth + 1 > MAX_DEPTH {
                        self.notes.push(format!(
                            "{}: deeper than {MAX_DEPTH} folders, not read",
                            shown(root, &child_relative)
                        ));
                    } else {
                        self.folder(root, &child, &child_relative, depth + 1);
                    }
                }
                Ok(Node::File(bytes)) => {
                    if let Some(kind) = manifests::kind_of(&child_relative) {
                        let shown = shown(root, &child_relative);
                        self.file(&child, relative.to_string(), name, shown, kind, bytes);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads one manifest or lock file, unless it is too large or not text.
    fn file(
        &mut self,
        path: &Path,
        folder: String,
        name: String,
        shown: String,
        kind: FileKind,
        bytes: u64,
    ) {
        if bytes > MAX_FILE_BYTES {
            let limit = MAX_FILE_BYTES / (1024 * 1024);
            return self
                .notes
                .push(format!("{shown}: larger than {limit} MiB, not read"));
        }
        let text = match self.files.read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                return self
                    .notes
                    .push(format!("{shown}: not UTF-8 text, not read"))
            }
            Err(error) => return self.notes.push(format!("{shown}: {error}")),
        };
        let root = self.root;
        self.read.push(ReadFile {
            root,
            folder,
            name,
            shown,
            kind,
            text,
        });
    }
}

/// Whether the walk goes into a folder named `name`.
fn enters(name: &str) -> bool {
    !SKIPPED_FOLDERS.contains(&name) && (!name.starts_with('.') || name == ".github")
}

/// A file `relative` under the path given `root`, as shown: the relative path alone for `.`.
fn shown(root: &Path, relative: &str) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.to_string()
    } else {
        root.join(relative).to_string_lossy().replace('\\', "/")
    }
}
