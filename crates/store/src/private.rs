//! Files that hold secrets stay private to the user: on Unix the database and its `-wal` and
//! `-shm` are created 0600, a wider one found on any opening (a report's too) is narrowed, and
//! folders Lookout creates for it are 0700 (a folder that already exists keeps its mode). A
//! database reached through a symbolic link keeps the mode its owner gave it, unless Lookout
//! creates it. Elsewhere the platform's per-user data folder already keeps other users out.

use crate::database_path::DatabasePath;
use crate::error::{Result, StoreError};
use std::path::Path;

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Creates `dir` and any missing parents (0700 on Unix).
pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io_error(dir))
}

/// Creates the database file 0600 when it does not exist yet (SQLite then gives its `-wal` and
/// `-shm` the same mode); returns whether it did.
pub(crate) fn create_database(path: &DatabasePath) -> Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path.real);
        match created {
            Ok(_) => Ok(true),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(error) => Err(io_error(&path.given)(error)),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// Narrows the database and its side files to 0600 when they are wider — unless the database
/// was given as a symbolic link to a file Lookout did not create now (`created`). Changing a
/// mode needs no free space; when it is refused (another user's file, a read-only file system)
/// the file is still used and the refusal logged.
pub(crate) fn narrow_database(path: &DatabasePath, created: bool) {
    if path.linked && !created {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let name = path.real.file_name().unwrap_or_default().to_string_lossy();
        for side in ["", "-wal", "-shm"] {
            let file = path.real.with_file_name(format!("{name}{side}"));
            let Ok(meta) = std::fs::metadata(&file) else {
                continue;
            };
            if meta.permissions().mode() & 0o077 == 0 {
                continue;
            }
            let narrowed = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
            if let Err(error) = narrowed {
                log::warn!(
                    "{} is readable by other users and could not be made private: {error}",
                    file.display()
                );
            }
        }
    }
}
