//! `GET /api/v1/events`: every event stored, as it is stored, as Server-Sent Events — each the
//! JSON `lookout watch --json` prints for it, with its ledger id as the SSE `id`, so that a
//! client reconnecting with `Last-Event-ID` (or `?after=`) gets exactly what it missed. A
//! `: heartbeat` comment every 15 s keeps proxies from closing a quiet stream; at most so many
//! clients at once (one more is answered 503).

use super::http::ApiError;
use super::routes::Served;
use crate::listener::LongLived;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::stream::{self, Stream, StreamExt};
use lookout_api::ErrorBody;
use lookout_engine::operations::events::{EventSubscription, RecordedEvent};
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OwnedSemaphorePermit;
use utoipa::IntoParams;

/// How often a quiet stream carries a heartbeat comment.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// How long a client waits before reconnecting (the SSE `retry` it is given).
const RETRY: Duration = Duration::from_secs(3);

/// `GET /api/v1/events`' parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Start after the event of this id (as `Last-Event-ID` does; the header wins when both are
    /// given). Without either: the events stored from now on.
    pub after: Option<i64>,
}

/// Every event stored from now on (or after the one a reconnecting client names).
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(EventsQuery,
        ("Last-Event-ID" = Option<i64>, Header,
            description = "The id of the last event received: the stream resumes after it.")),
    responses(
        (status = 200, description = "Server-Sent Events: each event's `data` is the JSON \
            `lookout watch --json` prints for it, its `id` the event's ledger id; a `: heartbeat` \
            comment every 15 s.", content_type = "text/event-stream", body = String),
        (status = 400, description = "`after` or `Last-Event-ID` is not an event id.",
            body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 503, description = "As many clients as the server takes are following \
            already (`--max-event-clients`).", body = ErrorBody)))]
pub async fn events(
    State(served): State<Arc<Served>>,
    headers: HeaderMap,
    long_lived: Option<Extension<LongLived>>,
    asked: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(asked) = asked.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let after = resume_after(&headers, asked.after)?;
    let Ok(permit) = served.event_clients.clone().try_acquire_owned() else {
        return Err(ApiError::unavailable(
            "too_many_clients",
            "as many clients as this server takes are following its events: try again later",
        ));
    };
    let subscription = served.lookout.subscribe_events(after).await?;
    if let Some(Extension(long_lived)) = long_lived {
        long_lived.mark();
    }
    let events = followed(subscription, permit);
    Ok(stream_answer(events, served.heartbeat).into_response())
}

/// Where the stream starts: after `Last-Event-ID`, else after `after`, else now.
fn resume_after(headers: &HeaderMap, after: Option<i64>) -> Result<Option<i64>, ApiError> {
    let Some(header) = headers.get("last-event-id") else {
        return match after {
            Some(id) if id < 0 => Err(ApiError::bad_request("after is an event's id (0 or more)")),
            _ => Ok(after),
        };
    };
    let id = header.to_str().ok().map(str::trim).unwrap_or_default();
    match id.parse::<i64>() {
        Ok(id) if id >= 0 => Ok(Some(id)),
        _ => Err(ApiError::bad_request(
            "Last-Event-ID is the id of an event this server sent (a number)",
        )),
    }
}

/// The events of `subscription` as SSE frames, holding `permit` (one of the clients allowed)
/// until the client leaves. A ledger that cannot be read ends the stream (the client resumes).
fn followed(
    subscription: EventSubscription,
    permit: OwnedSemaphorePermit,
) -> impl Stream<Item = Event> + Send {
    let hello = Event::default()
        .retry(RETRY)
        .comment("following the events stored");
    let batches = stream::unfold((subscription, permit), |(mut subscription, permit)| async {
        match subscription.next().await {
            Ok(batch) => Some((batch, (subscription, permit))),
            Err(error) => {
                log::error!("the event stream cannot read the events stored: {error}");
                None
            }
        }
    });
    let frames = batches.flat_map(|batch| stream::iter(batch.into_iter().filter_map(frame)));
    stream::once(async { hello }).chain(frames)
}

/// One event as a frame: its ledger id, and the JSON `lookout watch --json` prints.
fn frame(recorded: RecordedEvent) -> Option<Event> {
    let json = serde_json::to_string(&recorded.event).ok()?;
    Some(Event::default().id(recorded.id.to_string()).data(json))
}

/// The SSE answer of `events`, with a `: heartbeat` comment after each `heartbeat` of quiet.
fn stream_answer(
    events: impl Stream<Item = Event> + Send + 'static,
    heartbeat: Duration,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    Sse::new(events.map(Ok)).keep_alive(KeepAlive::new().interval(heartbeat).text("heartbeat"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[tokio::test]
    async fn a_quiet_stream_carries_heartbeat_comments() {
        let quiet = stream::pending::<Event>();
        let answer = stream_answer(quiet, Duration::from_millis(5)).into_response();
        assert_eq!(
            answer.headers()["content-type"],
            HeaderValue::from_static("text/event-stream")
        );
        let mut body = answer.into_body().into_data_stream();
        for _ in 0..2 {
            let chunk = body.next().await.unwrap().unwrap();
            assert_eq!(&chunk[..], b": heartbeat\n\n");
        }
    }

    #[test]
    fn the_last_event_id_wins_over_after_and_must_be_an_id() {
        let mut headers = HeaderMap::new();
        assert_eq!(resume_after(&headers, None).unwrap(), None);
        assert_eq!(resume_after(&headers, Some(4)).unwrap(), Some(4));
        assert!(resume_after(&headers, Some(-1)).is_err());
        headers.insert("last-event-id", HeaderValue::from_static("17"));
        assert_eq!(resume_after(&headers, Some(4)).unwrap(), Some(17));
        headers.insert("last-event-id", HeaderValue::from_static("x"));
        assert!(resume_after(&headers, None).is_err());
    }
}
