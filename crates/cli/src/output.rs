//! Everything `lookout` writes for people: text with every control and bidi character shown
//! escaped (vendor text cannot retitle the terminal, hide lines, move the cursor or fake a
//! prompt), JSON exactly as given (JSON escapes the C0 range itself), and a closed pipe
//! (`lookout incidents | head -1`) that ends the command at once, quietly.

use lookout_core::Clock;
use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::sync::{Arc, OnceLock};

/// Whether `c` may not reach a terminal as it is: C0 controls except newline and tab, DEL and
/// the C1 controls (U+007F–U+009F, which cover ESC, CSI and OSC sequences), and the bidi
/// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each unsafe character shown as `\u{1b}` (visible, harmless).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` breaks a line: a line feed, or the Unicode line and paragraph separators (a
/// carriage return and the other controls are escaped by [`escape_controls`] already).
fn breaks_line(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// `text` made to fit on one line: each line break shown escaped (`\n`, `\u{2028}`), so that a
/// vendor's name or title cannot start a row of its own. Every line [`line`] and [`error`]
/// write goes through it; a multi-line text ([`text`]) passes each vendor field through it.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(breaks_line) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            c if breaks_line(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes to standard output; a closed pipe ends the process at once, printing nothing.
fn write_stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = out.write_all(bytes).and_then(|()| out.flush()) {
        output_failed(&error);
    }
}

/// Ends the process after a failed write to standard output: quietly (0) when the reader went
/// away, else with the error (3).
fn output_failed(error: &std::io::Error) -> ! {
    quit_if_closed(error);
    self::error(format_args!("lookout: cannot write the output: {error}"));
    std::process::exit(3);
}

/// Ends the process quietly when `error` says the reader went away (`| head -1`).
pub fn quit_if_closed(error: &std::io::Error) {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
}

/// One line of text for people, escaped (a line break inside it included).
pub fn line(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let mut escaped = escape_controls(&one_line(&text)).into_owned();
    escaped.push('\n');
    write_stdout(escaped.as_bytes());
}

/// Text for people without a newline of its own (it may hold several lines, so the vendor's
/// fields in it are to be passed through [`one_line`] first), escaped.
pub fn text(text: &str) {
    write_stdout(escape_controls(text).as_bytes());
}

/// One JSON document on its own line, exactly as serialised.
pub fn json(value: &impl serde::Serialize) -> serde_json::Result<()> {
    let mut text = serde_json::to_string(value)?;
    text.push('\n');
    write_stdout(text.as_bytes());
    Ok(())
}

/// A JSON array on its own line, each item serialised as it is written (a long list is never
/// held twice, as values and as text), byte for byte what [`json`] prints for the same items.
pub fn json_array<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
) -> serde_json::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written =
        write_array(&mut out, items).and_then(|()| out.flush().map_err(serde_json::Error::io));
    if let Err(error) = written {
        let Some(kind) = error.io_error_kind() else {
            return Err(error);
        };
        output_failed(&std::io::Error::from(kind));
    }
    Ok(())
}

fn write_array<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> serde_json::Result<()> {
    let io = serde_json::Error::io;
    out.write_all(b"[").map_err(io)?;
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.write_all(b",").map_err(io)?;
        }
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(b"]\n").map_err(io)
}

/// Set when lines for people on standard error are written as JSON log lines (`watch` with
/// stderr not a terminal: see [`crate::logging::all_of_stderr_as_json_unless_a_terminal`]): the
/// clock they are stamped with.
static STDERR_AS_JSON: OnceLock<Arc<dyn Clock>> = OnceLock::new();

/// From now on, [`stderr_line`] writes JSON log lines, stamped with `clock`'s time.
pub fn write_stderr_as_json(clock: Arc<dyn Clock>) {
    let _ = STDERR_AS_JSON.set(clock);
}

/// Whether [`stderr_line`] writes JSON log lines.
pub fn stderr_is_json() -> bool {
    STDERR_AS_JSON.get().is_some()
}

/// One error line on standard error (see [`stderr_line`]).
pub fn error(args: fmt::Arguments<'_>) {
    stderr_line(log::Level::Error, args);
}

/// One line on standard error: escaped text (errors may quote a vendor's name or page), or,
/// once [`write_stderr_as_json`] was called, one JSON log line at `level` (its "lookout: "
/// prefix dropped).
pub fn stderr_line(level: log::Level, args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let mut stderr = std::io::stderr().lock();
    if let Some(clock) = STDERR_AS_JSON.get() {
        let message = text.strip_prefix("lookout: ").unwrap_or(&text);
        let line = crate::logging::json_line(level, "lookout", None, message, clock.now());
        let _ = writeln!(stderr, "{line}");
    } else {
        let _ = writeln!(stderr, "{}", escape_controls(&one_line(&text)));
    }
}

/// `println!` for people: escaped, quiet on a closed pipe.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::output::line(format_args!($($arg)*)) };
}

/// `eprintln!`, escaped.
#[macro_export]
macro_rules! complain {
    ($($arg:tt)*) => { $crate::output::error(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_shown_escaped_on_one_line() {
        assert_eq!(one_line("Evil\nRow 2"), "Evil\\nRow 2");
        assert_eq!(one_line("a\u{2028}b\u{2029}c"), "a\\u{2028}b\\u{2029}c");
        assert_eq!(one_line("tab\tand café"), "tab\tand café");
        let shown = escape_controls(&one_line("x\r\ny")).into_owned();
        assert_eq!(shown, "x\\u{d}\\ny");
    }

    #[test]
    fn controls_and_bidi_are_shown_escaped_and_the_rest_kept() {
        let hostile = "A\u{1b}]0;pwned\u{7}B\u{1b}[2J\r\u{9b}31m\u{202e}txt.exe\u{2066}\u{85}";
        let shown = escape_controls(hostile);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert_eq!(
            shown,
            "A\\u{1b}]0;pwned\\u{7}B\\u{1b}[2J\\u{d}\\u{9b}31m\\u{202e}txt.exe\\u{2066}\\u{85}"
        );
        assert_eq!(
            escape_controls("tab\tand\nnewline, café ✓"),
            "tab\tand\nnewline, café ✓"
        );
        for c in [
            '\u{0}', '\u{1f}', '\u{7f}', '\u{9f}', '\u{202a}', '\u{2069}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            '\n', '\t', ' ', '\u{a0}', '\u{2029}', '\u{206a}', '\u{2065}',
        ] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }
}
