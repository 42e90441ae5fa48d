//! Body text in the encodings vendors use for JSON: UTF-8 (with or without a byte-order mark) and
//! UTF-16 (AWS Health serves UTF-16), told apart by the byte-order mark, else by the zero bytes
//! ASCII leaves in UTF-16, else read as UTF-8.

use crate::error::SourceError;
use std::borrow::Cow;

/// Which way round a UTF-16 body's code units are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Little,
    Big,
}

/// The body as text. UTF-16 needs an even number of bytes (an odd one is a cut-off body); an
/// unpaired surrogate becomes U+FFFD, as a bad sequence in UTF-8 text is an error.
pub fn decode_text<'a>(what: &'static str, body: &'a [u8]) -> Result<Cow<'a, str>, SourceError> {
    let (order, units) = match body {
        [0xEF, 0xBB, 0xBF, rest @ ..] => return utf8(what, rest),
        [0xFF, 0xFE, rest @ ..] => (Order::Little, rest),
        [0xFE, 0xFF, rest @ ..] => (Order::Big, rest),
        [first, 0, ..] if *first != 0 => (Order::Little, body),
        [0, second, ..] if *second != 0 => (Order::Big, body),
        _ => return utf8(what, body),
    };
    if units.len() % 2 != 0 {
        return Err(SourceError::Malformed {
            what,
            detail: "a UTF-16 body with an odd number of bytes (cut off?)".to_string(),
        });
    }
    let code_units = units.chunks_exact(2).map(|pair| match order {
        Order::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Order::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    Ok(Cow::Owned(
        char::decode_utf16(code_units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    ))
}

/// A body that starts as UTF-16 does (a byte-order mark, or the zero bytes ASCII leaves in it),
/// decoded; `None` for any other body (UTF-8, or an 8-bit encoding a feed declares).
pub fn utf16_text(what: &'static str, body: &[u8]) -> Option<Result<String, SourceError>> {
    let utf16 = matches!(body, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
        || matches!(body, [first, 0, ..] | [0, first, ..] if *first != 0);
    utf16.then(|| decode_text(what, body).map(Cow::into_owned))
}

fn utf8<'a>(what: &'static str, bytes: &'a [u8]) -> Result<Cow<'a, str>, SourceError> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|err| SourceError::Malformed {
            what,
            detail: format!("neither UTF-8 nor UTF-16 text: {err}"),
        })
}
