//! The file given as the database: a symbolic link is followed to the real file (which is then
//! the one opened, checked and, when damaged, moved aside), and a file that is not an SQLite
//! database at all — it does not start with SQLite's header — is refused untouched: its content,
//! name and mode stay as they were. Only a file that does start as one and that SQLite reports
//! as damaged is moved aside (see [`crate::schema::open_file`]).

use crate::error::{Result, StoreError};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How many links in a row are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// The database file as given, and the real file behind it.
#[derive(Debug, Clone)]
pub(crate) struct DatabasePath {
    /// As given, for messages.
    pub given: PathBuf,
    /// The real file: `given` with every symbolic link followed (it may not exist yet).
    pub real: PathBuf,
    /// Whether `given` is a symbolic link: the real file's mode then belongs to whoever made
    /// the link, and Lookout changes it only when it creates the file itself.
    pub linked: bool,
}

impl DatabasePath {
    /// Follows `given`'s symbolic links to the real file.
    pub fn resolve(given: &Path) -> Result<DatabasePath> {
        let io = |source| StoreError::Io {
            path: given.display().to_string(),
            source,
        };
        let mut real = given.to_path_buf();
        let mut linked = false;
        for _ in 0..MAX_LINKS {
            match std::fs::symlink_metadata(&real) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    let target = std::fs::read_link(&real).map_err(io)?;
                    real = match real.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    };
                    linked = true;
                }
                Ok(_) => break,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => break,
                Err(error) => return Err(io(error)),
            }
        }
        Ok(DatabasePath {
            given: given.to_path_buf(),
            real,
            linked,
        })
    }

    /// The refusal of a file that is not a Lookout database.
    pub fn not_ours(&self) -> StoreError {
        StoreError::NotADatabase {
            path: self.given.display().to_string(),
        }
    }

    /// Refuses a file that exists, holds something and does not start with SQLite's header;
    /// reads its first 16 bytes only and changes nothing. A missing or empty file is a new
    /// database.
    pub fn refuse_foreign_file(&self) -> Result<()> {
        let mut file = match std::fs::File::open(&self.real) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.given.display().to_string(),
                    source,
                })
            }
        };
        let mut head = Vec::with_capacity(SQLITE_HEADER.len());
        let read = (&mut file)
            .take(SQLITE_HEADER.len() as u64)
            .read_to_end(&mut head);
        match read {
            Ok(0) => Ok(()),
            Ok(_) if head == SQLITE_HEADER => Ok(()),
            Ok(_) => Err(self.not_ours()),
            Err(source) => Err(StoreError::Io {
                path: self.given.display().to_string(),
                source,
            }),
        }
    }
}
