//! Placeholder: the incidentio parser is being written on its own branch.

use crate::error::SourceError;
use crate::model::Snapshot;

fn unwritten() -> Result<Snapshot, SourceError> {
    Err(SourceError::Malformed {
        what: "incidentio",
        detail: "parser not written yet".into(),
    })
}

/// Parses the summary document.
pub fn parse_summary(_body: &[u8]) -> Result<Snapshot, SourceError> {
    unwritten()
}
/// Parses the incidents document.
pub fn parse_incidents(_body: &[u8]) -> Result<Snapshot, SourceError> {
    unwritten()
}
