//! What `lookout` logs on stderr: a readable line for a person at a terminal (vendor text
//! escaped like everything printed), and one JSON object per line when stderr is not a terminal
//! (a service's journal, a file), naming the provider a line is about; for `watch`, every other
//! line on stderr in that JSON too.

use crate::output;
use std::io::{IsTerminal, Write};

/// Starts logging (`RUST_LOG`, default `warn`), in the form that suits where stderr goes.
pub fn init() {
    let json = !std::io::stderr().is_terminal();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format(move |buf, record| {
            let text = record.args().to_string();
            if json {
                let provider = record
                    .key_values()
                    .get(log::kv::Key::from("provider"))
                    .map(|value| value.to_string());
                let line = json_line(record.level(), record.target(), provider, &text);
                writeln!(buf, "{line}")
            } else {
                writeln!(
                    buf,
                    "[{} {}] {}",
                    buf.timestamp_seconds(),
                    record.level(),
                    output::escape_controls(&text)
                )
            }
        })
        .init();
}

/// One line of the JSON log: `{time, level, target, provider, message}`.
pub fn json_line(
    level: log::Level,
    target: &str,
    provider: Option<String>,
    message: &str,
) -> serde_json::Value {
    serde_json::json!({
        "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "level": level.as_str(),
        "target": target,
        "provider": provider,
        "message": message,
    })
}

/// For `lookout watch` (a service): when stderr is not a terminal, every line written there is
/// JSON — the messages printed beside the log (a failed poll, what alerts were sent, the error
/// that ends the command) and a panic's as well as the log's own.
pub fn all_of_stderr_as_json_unless_a_terminal() {
    if std::io::stderr().is_terminal() {
        return;
    }
    output::write_stderr_as_json();
    std::panic::set_hook(Box::new(|info| {
        let line = json_line(log::Level::Error, "panic", None, &info.to_string());
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }));
}
