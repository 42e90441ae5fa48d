//! What `lookout` logs on stderr: a readable line for a person at a terminal (vendor text
//! escaped like everything printed), and one JSON object per line when stderr is not a terminal
//! (a service's journal, a file), naming the provider a line is about.

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
                let line = serde_json::json!({
                    "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    "level": record.level().as_str(),
                    "target": record.target(),
                    "provider": provider,
                    "message": text,
                });
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
