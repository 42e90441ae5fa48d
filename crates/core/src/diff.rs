//! The pure diff between what was stored and a new snapshot.
