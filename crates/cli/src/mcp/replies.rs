//! How a tool answers: its JSON as structured content (and the same JSON as text, for clients
//! that read only text), or a refusal a model can act on — `{code, message}` saying what to give
//! instead, never a stack trace. Vendor text only ever travels inside JSON strings.

use lookout_api::ErrorBody;
use lookout_engine::{EngineError, StoreError};
use rmcp::model::{CallToolResult, ContentBlock};
use rmcp::ErrorData;
use serde::Serialize;

/// What a tool returns: its answer or its refusal (both results, for the model to read); a
/// protocol error only for a request that is not a call at all.
pub type Reply = Result<CallToolResult, ErrorData>;

/// A refusal: a tool result with `isError` set, for the model to read.
pub type Refusal = CallToolResult;

/// A tool's work: its answer, or the refusal that ends it early.
pub type Outcome = Result<CallToolResult, Refusal>;

/// `value` as the tool's structured answer.
pub fn answer<T: Serialize>(value: &T) -> CallToolResult {
    match serde_json::to_value(value) {
        Ok(value) => CallToolResult::structured(value),
        Err(error) => refusal(
            "internal",
            format!("the answer could not be written: {error}"),
        ),
    }
}

/// A tool error (`isError`): `{code, message}` as its text.
pub fn refusal(code: &str, message: impl Into<String>) -> CallToolResult {
    let body = ErrorBody::new(code, message);
    let text = serde_json::to_string(&body).unwrap_or_else(|_| body.message.clone());
    CallToolResult::error(vec![ContentBlock::text(text)])
}

/// An engine error as a refusal: what was not found, what was wrong with the request, or what
/// failed (its message, one line, no trace).
pub fn failed(error: &EngineError) -> CallToolResult {
    let code = match error {
        EngineError::NotFound(_) => "not_found",
        EngineError::InvalidInput(_) => "bad_request",
        EngineError::Store(StoreError::Duplicate(_)) => "already_watched",
        _ => "internal",
    };
    refusal(code, error.to_string())
}

/// The reply of a tool's work, answered or refused.
pub fn settle(outcome: Outcome) -> Reply {
    Ok(outcome.unwrap_or_else(|refused| refused))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(result: &CallToolResult) -> String {
        let content = serde_json::to_value(&result.content).unwrap();
        content[0]["text"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_refusal_is_code_and_message_with_vendor_text_kept_inside_a_string() {
        let refused = refusal("not_found", "no incident \"<b>\n\"} on #3");
        assert_eq!(refused.is_error, Some(true));
        let body: ErrorBody = serde_json::from_str(&text(&refused)).unwrap();
        assert_eq!(body.code, "not_found");
        assert_eq!(body.message, "no incident \"<b>\n\"} on #3");
    }

    #[test]
    fn engine_errors_keep_their_words_and_say_their_kind() {
        let missing = failed(&EngineError::NotFound("no provider #9".into()));
        assert_eq!(
            text(&missing),
            r#"{"code":"not_found","message":"no provider #9"}"#
        );
        let wrong = failed(&EngineError::InvalidInput("resolved".into()));
        assert!(text(&wrong).contains(r#""code":"bad_request""#));
    }

    #[test]
    fn an_answer_is_structured_and_the_same_json_as_text() {
        let answered = answer(&serde_json::json!({"a": "<script>"}));
        assert_eq!(answered.is_error, Some(false));
        let structured = answered.structured_content.clone().unwrap();
        assert_eq!(structured["a"], "<script>");
        assert_eq!(text(&answered), structured.to_string());
    }
}
