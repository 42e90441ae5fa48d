//! The body of every error a front end answers with: a stable `code` for programs and a
//! `message` for people (vendor text in it is as untrusted as anywhere).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for programs: `not_found`, `bad_request`, `unauthorized`,
    /// `method_not_allowed`, `body_not_allowed`, `internal`.
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
}

impl ErrorBody {
    /// An error of this `code` saying `message`.
    pub fn new(code: &str, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            code: code.to_string(),
            message: message.into(),
        }
    }
}
