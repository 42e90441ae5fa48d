//! What a tray menu item does, as a typed action whose stable textual form (`snooze:7:1h`) is the
//! item's id: a click is parsed back into the action it was built from, never read from a label.

use crate::error::DesktopError;
use lookout_core::ProviderId;
use lookout_engine::operations::alerts::{Pause, Snooze};
use std::fmt;
use std::str::FromStr;

/// A tray menu item's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    /// The first line, what is wrong: opens the window.
    Summary,
    /// Opens the window.
    Open,
    /// Opens the window on a provider with a problem.
    ShowProvider(ProviderId),
    /// Snoozes a provider's alerts.
    Snooze(ProviderId, TraySnooze),
    /// Ends a provider's snooze.
    Unsnooze(ProviderId),
    /// Polls every provider now.
    Refresh,
    /// Pauses (or resumes) notifications.
    Pause(Pause),
    /// Turns start at login on or off.
    StartAtLogin,
    /// Checks for a newer Lookout now (its answer in Settings).
    CheckForUpdates,
    /// Quits Lookout.
    Quit,
}

/// The snoozes the tray offers for a provider with a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraySnooze {
    /// For one hour.
    Hour,
    /// Until its open incidents are resolved.
    UntilResolved,
}

impl TraySnooze {
    /// Every snooze the tray offers, in menu order.
    pub const ALL: [TraySnooze; 2] = [TraySnooze::Hour, TraySnooze::UntilResolved];

    /// The snooze it stands for.
    pub fn snooze(self) -> Snooze {
        match self {
            TraySnooze::Hour => Snooze::For(chrono::Duration::hours(1)),
            TraySnooze::UntilResolved => Snooze::UntilResolved,
        }
    }

    /// How the menu says it, after the provider's name ("Acme for 1 hour").
    pub fn words(self) -> &'static str {
        match self {
            TraySnooze::Hour => "for 1 hour",
            TraySnooze::UntilResolved => "until resolved",
        }
    }

    fn text(self) -> &'static str {
        match self {
            TraySnooze::Hour => "1h",
            TraySnooze::UntilResolved => "resolved",
        }
    }
}

fn pause_text(pause: Pause) -> &'static str {
    match pause {
        Pause::Hour => "hour",
        Pause::Tomorrow => "tomorrow",
        Pause::Resume => "resume",
    }
}

impl fmt::Display for TrayAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrayAction::Summary => f.write_str("summary"),
            TrayAction::Open => f.write_str("open"),
            TrayAction::ShowProvider(id) => write!(f, "provider:{id}"),
            TrayAction::Snooze(id, length) => write!(f, "snooze:{id}:{}", length.text()),
            TrayAction::Unsnooze(id) => write!(f, "unsnooze:{id}"),
            TrayAction::Refresh => f.write_str("refresh"),
            TrayAction::Pause(pause) => write!(f, "pause:{}", pause_text(*pause)),
            TrayAction::StartAtLogin => f.write_str("login"),
            TrayAction::CheckForUpdates => f.write_str("updates"),
            TrayAction::Quit => f.write_str("quit"),
        }
    }
}

impl FromStr for TrayAction {
    type Err = DesktopError;

    /// The action written by [`TrayAction`]'s `Display`; anything else is refused.
    fn from_str(text: &str) -> Result<TrayAction, DesktopError> {
        let refused = || DesktopError::InvalidInput(format!("not a tray action: {text:?}"));
        let provider = |id: &str| {
            let n: i64 = id.parse().map_err(|_| refused())?;
            // Only the form Display writes (`7`, not `07`): one text per action.
            (n.to_string() == id)
                .then_some(ProviderId::new(n))
                .ok_or_else(refused)
        };
        let action = match text {
            "summary" => TrayAction::Summary,
            "open" => TrayAction::Open,
            "refresh" => TrayAction::Refresh,
            "login" => TrayAction::StartAtLogin,
            "updates" => TrayAction::CheckForUpdates,
            "quit" => TrayAction::Quit,
            "pause:hour" => TrayAction::Pause(Pause::Hour),
            "pause:tomorrow" => TrayAction::Pause(Pause::Tomorrow),
            "pause:resume" => TrayAction::Pause(Pause::Resume),
            _ => {
                if let Some(id) = text.strip_prefix("provider:") {
                    TrayAction::ShowProvider(provider(id)?)
                } else if let Some(id) = text.strip_prefix("unsnooze:") {
                    TrayAction::Unsnooze(provider(id)?)
                } else if let Some((id, length)) =
                    text.strip_prefix("snooze:").and_then(|s| s.split_once(':'))
                {
                    let length = TraySnooze::ALL
                        .into_iter()
                        .find(|l| l.text() == length)
                        .ok_or_else(refused)?;
                    TrayAction::Snooze(provider(id)?, length)
                } else {
                    return Err(refused());
                }
            }
        };
        Ok(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_action() -> Vec<TrayAction> {
        let acme = ProviderId::new(7);
        let mut all = vec![
            TrayAction::Summary,
            TrayAction::Open,
            TrayAction::ShowProvider(acme),
            TrayAction::Refresh,
            TrayAction::StartAtLogin,
            TrayAction::CheckForUpdates,
            TrayAction::Quit,
        ];
        all.extend(TraySnooze::ALL.map(|l| TrayAction::Snooze(acme, l)));
        all.push(TrayAction::Unsnooze(acme));
        all.extend([Pause::Hour, Pause::Tomorrow, Pause::Resume].map(TrayAction::Pause));
        all
    }

    #[test]
    fn every_action_reads_back_from_its_text() {
        for action in every_action() {
            let text = action.to_string();
            assert_eq!(text.parse::<TrayAction>().unwrap(), action, "{text}");
        }
    }

    #[test]
    fn the_texts_are_stable_and_distinct() {
        let texts: Vec<String> = every_action().iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "summary",
                "open",
                "provider:7",
                "refresh",
                "login",
                "updates",
                "quit",
                "snooze:7:1h",
                "snooze:7:resolved",
                "unsnooze:7",
                "pause:hour",
                "pause:tomorrow",
                "pause:resume",
            ]
        );
    }

    #[test]
    fn an_unknown_text_is_refused() {
        for text in [
            "",
            "Open",
            "snooze",
            "pause",
            "pause:forever",
            "provider:",
            "provider:acme",
            "provider:07",
            "provider:7:1h",
            "snooze:7",
            "snooze:7:8h",
            "snooze:Acme:1h",
            "snooze:7:1h:extra",
            "unsnooze:",
            "unsnooze:07",
            "unsnooze:7:1h",
            "Acme: partial outage",
        ] {
            let refused = text.parse::<TrayAction>().unwrap_err();
            assert!(
                matches!(&refused, DesktopError::InvalidInput(m) if m.contains("not a tray action")),
                "{text:?}: {refused:?}"
            );
        }
    }

    #[test]
    fn the_tray_snoozes_are_the_rules_snoozes() {
        assert_eq!(
            TraySnooze::Hour.snooze(),
            Snooze::parse(TraySnooze::Hour.text()).unwrap()
        );
        assert_eq!(
            TraySnooze::UntilResolved.snooze(),
            Snooze::parse(TraySnooze::UntilResolved.text()).unwrap()
        );
    }
}
