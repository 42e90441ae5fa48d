//! A configuration file's bytes made a [`Document`], and its errors placed: a file that is not
//! one at all (over [`MAX_FILE_BYTES`], not UTF-8, not TOML) is refused without quoting any of
//! it; a TOML file's problems name the file, the line and column, and the key.

use super::document::Document;
use super::placeholder;
use super::read::Env;
use crate::error::{AlertError, Result};
use std::ops::Range;
use toml::Spanned;

/// The largest configuration file read, in bytes (10 MB); a reader stops after one byte more.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The file being read, to place errors in it.
pub(super) struct Place<'a> {
    file: &'a str,
    text: &'a str,
}

/// The file `file` (its `bytes`, of which at most [`MAX_FILE_BYTES`] + 1 need be read) as a
/// [`Document`], with the place its values come from.
pub(super) fn document<'a>(file: &'a str, bytes: &'a [u8]) -> Result<(Place<'a>, Document)> {
    let refuse = |why: String| AlertError::NotConfiguration {
        file: file.to_string(),
        why,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "more than {} MB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| refuse("not UTF-8 text".into()))?;
    let place = Place { file, text };
    match toml::from_str::<Document>(text) {
        Ok(doc) => Ok((place, doc)),
        Err(error) => match text.parse::<toml::Table>() {
            // TOML, but not as Lookout writes it: the helpful error, with its line and key.
            Ok(_) => Err(place.toml_error(&error)),
            // Not TOML at all: the line where it stops being TOML, nothing of what it holds.
            Err(syntax) => {
                let (line, _) = place.line_column(syntax.span().map_or(0, |s| s.start));
                Err(refuse(format!("not TOML from line {line}")))
            }
        },
    }
}

impl Place<'_> {
    /// The file, as it was named.
    pub(super) fn file(&self) -> &str {
        self.file
    }

    /// The line and column (from 1) of byte `at`.
    pub(super) fn line_column(&self, at: usize) -> (usize, usize) {
        let before = self.text.get(..at).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    }

    pub(super) fn error(
        &self,
        span: Range<usize>,
        key: &str,
        message: impl std::fmt::Display,
    ) -> AlertError {
        let (line, column) = self.line_column(span.start);
        AlertError::Config {
            file: self.file.to_string(),
            line,
            column,
            key: key.to_string(),
            message: message.to_string(),
        }
    }

    /// A TOML error (unknown key, wrong type) placed; its key is the one on its line.
    fn toml_error(&self, error: &toml::de::Error) -> AlertError {
        let span = error.span().unwrap_or(0..0);
        let before = self.text.get(..span.start).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[line_start..].lines().next().unwrap_or("");
        // The key on the error's line, after the table it is in (`providers.interval`).
        let table = before[..line_start]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('['))
            .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
        let key = match (line.split_once('='), table) {
            (Some((key, _)), Some(table)) => format!("{table}.{}", key.trim()),
            (Some((key, _)), None) => key.trim().to_string(),
            (None, _) => line.trim().to_string(),
        };
        self.error(span, &key, error.message().trim())
    }

    /// The value of a `${NAME}` placeholder, or the text itself; a variable not set is an error.
    pub(super) fn resolve(
        &self,
        value: &Spanned<String>,
        key: &str,
        env: Env,
    ) -> Result<(String, Option<String>)> {
        match placeholder(value.get_ref()) {
            Ok(Some(name)) => match env(name) {
                Some(found) if !found.is_empty() => Ok((found, Some(name.to_string()))),
                _ => Err(self.error(
                    value.span(),
                    key,
                    format!("the environment variable {name} is not set"),
                )),
            },
            Ok(None) => Ok((value.get_ref().clone(), None)),
            Err(why) => Err(self.error(value.span(), key, why)),
        }
    }
}
