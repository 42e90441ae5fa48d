//! What `lookout` logs on stderr: a readable line for a person at a terminal (vendor text
//! escaped like everything printed), and one JSON object per line when stderr is not a terminal
//! (a service's journal, a file), naming the provider a line is about; for `watch`, every other
//! line on stderr in that JSON too. Every line is stamped with the time `clock` gives.

use crate::output;
use chrono::{DateTime, SecondsFormat, Utc};
use lookout_core::Clock;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// Starts logging (`RUST_LOG`, default `warn`), in the form that suits where stderr goes, each
/// line stamped with `clock`'s time.
pub fn init(clock: Arc<dyn Clock>) {
    let json = !std::io::stderr().is_terminal();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format(move |buf, record| {
            let text = record.args().to_string();
            let at = clock.now();
            if json {
                let provider = record
                    .key_values()
                    .get(log::kv::Key::from("provider"))
                    .map(|value| value.to_string());
                let line = json_line(record.level(), record.target(), provider, &text, at);
                writeln!(buf, "{line}")
            } else {
                writeln!(
                    buf,
                    "[{} {}] {}",
                    at.to_rfc3339_opts(SecondsFormat::Secs, true),
                    record.level(),
                    output::escape_controls(&text)
                )
            }
        })
        .init();
}

/// One line of the JSON log: `{time, level, target, provider, message}`, `time` being `at`.
pub fn json_line(
    level: log::Level,
    target: &str,
    provider: Option<String>,
    message: &str,
    at: DateTime<Utc>,
) -> serde_json::Value {
    serde_json::json!({
        "time": at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "level": level.as_str(),
        "target": target,
        "provider": provider,
        "message": message,
    })
}

/// For `lookout watch` (a service): when stderr is not a terminal, every line written there is
/// JSON — the messages printed beside the log (a failed poll, what alerts were sent, the error
/// that ends the command) and a panic's as well as the log's own, stamped with `clock`'s time.
pub fn all_of_stderr_as_json_unless_a_terminal(clock: Arc<dyn Clock>) {
    if std::io::stderr().is_terminal() {
        return;
    }
    output::write_stderr_as_json(clock.clone());
    std::panic::set_hook(Box::new(move |info| {
        let line = json_line(
            log::Level::Error,
            "panic",
            None,
            &info.to_string(),
            clock.now(),
        );
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_json_line_is_stamped_with_the_time_it_is_given() {
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 5).unwrap()
            + chrono::Duration::milliseconds(42);
        let line = json_line(log::Level::Warn, "lookout", Some("Acme".into()), "slow", at);
        assert_eq!(
            line,
            serde_json::json!({
                "time": "2026-06-01T12:00:05.042Z",
                "level": "WARN",
                "target": "lookout",
                "provider": "Acme",
                "message": "slow",
            })
        );
    }
}
