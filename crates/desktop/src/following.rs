//! Following a team's `lookout serve`, as the window and the tray show it: which server is
//! followed ([`FollowingView`]), and a server that does not answer said as such — when none of
//! its providers can be read, the summary is "Unknown — server unreachable", not each vendor's
//! own failure.

use crate::views::Overview;
use serde::Serialize;

/// Whether the app follows a team's `lookout serve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct FollowingView {
    /// The server's address (its token masked); `None` while watching from this computer.
    pub server: Option<String>,
    /// How many providers the server watches, when it was just checked.
    pub providers: Option<usize>,
}

/// `overview` while following `server` (its masked address; `None`: watching locally): when
/// not one of its providers can be read, the summary says the server is unreachable.
pub fn following_overview(mut overview: Overview, server: Option<&str>) -> Overview {
    let Some(server) = server else {
        return overview;
    };
    let providers = &overview.providers;
    if !providers.is_empty() && providers.iter().all(|p| p.unreachable) {
        overview.summary = format!("Unknown — server unreachable ({server})");
    }
    overview
}
