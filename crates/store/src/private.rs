//! Files that hold secrets stay private to the user: on Unix the database and its `-wal` and
//! `-shm` are created 0600 (a wider one found on opening is narrowed), and folders Lookout
//! creates for it are 0700 (a folder that already exists keeps its mode). Elsewhere the
//! platform's per-user data folder already keeps other users out.

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
/// `-shm` the same mode), and narrows it and its side files to 0600 when they are wider.
pub(crate) fn secure_database(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        match created {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(io_error(path)(error)),
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for side in ["", "-wal", "-shm"] {
            let file = path.with_file_name(format!("{name}{side}"));
            let Ok(meta) = std::fs::metadata(&file) else {
                continue;
            };
            if meta.permissions().mode() & 0o077 != 0 {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(io_error(&file))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
