//! The query parameters of the API's lists, read once at the door: which incidents
//! (`provider`, `state`, `since`, `until`, `search`, `limit`, `cursor`), which providers and
//! days (`uptime`, `stats`, `maintenance`); and the opaque cursor of the next page.

use super::http::ApiError;
use chrono::{DateTime, Local, TimeZone, Utc};
use lookout_core::ProviderId;
use lookout_engine::operations::history::HistoryWindow;
use lookout_engine::operations::incidents::{IncidentFilter, IncidentKey, StoredIncident};
use lookout_engine::Lookout;
use serde::Deserialize;
use utoipa::IntoParams;

/// How many incidents a page holds unless `limit` says otherwise, and the most it may say.
pub const DEFAULT_LIMIT: u32 = 100;
/// The most incidents one page holds.
pub const MAX_LIMIT: u32 = 1000;

/// `GET /api/v1/incidents`' parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IncidentsQuery {
    /// Only this provider: its id, or its name (any case).
    pub provider: Option<String>,
    /// `active` (not yet resolved), `resolved`, or `all` (the default).
    pub state: Option<String>,
    /// Only incidents that started on or after this date (2026-03-04, the server's local day)
    /// or RFC 3339 time.
    pub since: Option<String>,
    /// Only incidents that started on or before this date, or before this RFC 3339 time.
    pub until: Option<String>,
    /// Only incidents whose title or updates hold these words (each a prefix, all required),
    /// best match first.
    pub search: Option<String>,
    /// At most this many, 1 to 1000 (default 100). When more are left, the answer's
    /// `Link: <…>; rel="next"` header gives the next page.
    pub limit: Option<u32>,
    /// Where the page starts: the `cursor` of the previous answer's `Link` header, as given.
    pub cursor: Option<String>,
}

/// The parameters of `uptime` and `stats`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Only this provider: its id, or its name (any case).
    pub provider: Option<String>,
    /// How many days, ending today (the server's local days), 1 to 3660 (default 90).
    pub days: Option<u32>,
}

/// The parameters of `maintenance`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProviderQuery {
    /// Only this provider: its id, or its name (any case).
    pub provider: Option<String>,
}

/// Where the next page starts: after an incident in the time order, or (when searching, best
/// match first) after so many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// After this incident.
    After(IncidentKey),
    /// After this many.
    Skip(u32),
}

impl Cursor {
    /// The cursor as text: `t<millis>.<provider>.<hex of the vendor id>` or `s<count>`
    /// (URL-safe as it is).
    pub fn encode(&self) -> String {
        match self {
            Cursor::After(key) => {
                let id: String = key.id.bytes().map(|b| format!("{b:02x}")).collect();
                let millis = key.started_at.timestamp_millis();
                format!("t{millis}.{}.{id}", key.provider_id)
            }
            Cursor::Skip(count) => format!("s{count}"),
        }
    }

    /// A cursor this server gave.
    pub fn decode(text: &str) -> Option<Cursor> {
        if let Some(count) = text.strip_prefix('s') {
            return count.parse().ok().map(Cursor::Skip);
        }
        let mut parts = text.strip_prefix('t')?.split('.');
        let started_at = Utc
            .timestamp_millis_opt(parts.next()?.parse().ok()?)
            .single()?;
        let provider_id = ProviderId::new(parts.next()?.parse().ok()?);
        let hex = parts.next()?;
        if parts.next().is_some() || hex.len() % 2 != 0 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        let id = String::from_utf8(bytes?).ok()?;
        Some(Cursor::After(IncidentKey {
            started_at,
            id,
            provider_id,
        }))
    }

    /// The cursor of the page after `page`, whose first incident was `skipped` into the list.
    pub fn after(page: &[StoredIncident], searching: bool, skipped: u32) -> Option<Cursor> {
        let last = page.last()?;
        Some(if searching {
            let shown = u32::try_from(page.len()).unwrap_or(u32::MAX);
            Cursor::Skip(skipped.saturating_add(shown))
        } else {
            Cursor::After(last.key())
        })
    }
}

/// The provider `typed` names (its id, or its name in any case): one, or 404.
pub async fn provider_named(lookout: &Lookout, typed: &str) -> Result<ProviderId, ApiError> {
    crate::provider_arg::provider_id(lookout, typed)
        .await
        .map_err(|error| ApiError::not_found(format!("{error:#}")))
}

impl IncidentsQuery {
    /// The store's filter for this query (one more than the limit, to tell whether a next page
    /// exists), and the limit.
    pub async fn filter(&self, lookout: &Lookout) -> Result<(IncidentFilter, u32), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_request(format!(
                "limit is from 1 to {MAX_LIMIT}"
            )));
        }
        let (active_only, resolved_only) = match self.state.as_deref().unwrap_or("all") {
            "all" => (false, false),
            "active" => (true, false),
            "resolved" => (false, true),
            other => {
                return Err(ApiError::bad_request(format!(
                    "state is active, resolved or all, not {other:?}"
                )))
            }
        };
        let search = self.search.clone().filter(|s| !s.trim().is_empty());
        let (after, offset) = self.page_start(search.is_some())?;
        let dated = crate::export::dated(self.since.as_deref(), self.until.as_deref())
            .map_err(|error| ApiError::bad_request(format!("{error:#}")))?;
        let provider_id = match &self.provider {
            Some(typed) => Some(provider_named(lookout, typed).await?),
            None => None,
        };
        let filter = IncidentFilter {
            provider_id,
            active_only,
            resolved_only,
            search,
            limit: Some(limit + 1),
            after,
            offset,
            ..dated
        };
        Ok((filter, limit))
    }

    /// Where the page starts, from the cursor (one of the kind the order takes).
    fn page_start(&self, searching: bool) -> Result<(Option<IncidentKey>, u32), ApiError> {
        let bad = || ApiError::bad_request("cursor is not one this server gave for this list");
        match self.cursor.as_deref().map(Cursor::decode) {
            None => Ok((None, 0)),
            Some(None) => Err(bad()),
            Some(Some(Cursor::Skip(count))) if searching => Ok((None, count)),
            Some(Some(Cursor::After(key))) if !searching => Ok((Some(key), 0)),
            Some(Some(_)) => Err(bad()),
        }
    }
}

impl HistoryQuery {
    /// The providers asked for (one, or all) and the window of days ending `now`.
    pub async fn resolve(
        &self,
        lookout: &Lookout,
        now: DateTime<Utc>,
    ) -> Result<
        (
            Vec<lookout_engine::operations::providers::Provider>,
            HistoryWindow,
        ),
        ApiError,
    > {
        let days = self.days.unwrap_or(90);
        if !(1..=3660).contains(&days) {
            return Err(ApiError::bad_request("days is from 1 to 3660"));
        }
        let providers = match &self.provider {
            Some(typed) => {
                let id = provider_named(lookout, typed).await?;
                lookout.provider(id).await?.into_iter().collect()
            }
            None => lookout.providers().await?,
        };
        Ok((providers, HistoryWindow::last_days(&Local, now, days)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_as_given_and_others_are_refused() {
        let key = IncidentKey {
            started_at: Utc.timestamp_millis_opt(1_780_000_000_123).unwrap(),
            id: "https://status.example.com/incidents/7?x=1".into(),
            provider_id: ProviderId::new(12),
        };
        for cursor in [Cursor::After(key), Cursor::Skip(200)] {
            let text = cursor.encode();
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'));
            assert_eq!(Cursor::decode(&text), Some(cursor));
        }
        for bad in [
            "",
            "t",
            "t1.2",
            "t1.2.zz",
            "t1.2.6",
            "sx",
            "x1",
            "t1.2.61.62",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
