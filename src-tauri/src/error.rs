//! What a Tauri command answers on failure: a serialisable `{code, message}` (the desktop crate's
//! `CommandError`), never a bare string.

pub use lookout_desktop::CommandError;

/// A command's reply.
pub type Reply<T> = Result<T, CommandError>;
