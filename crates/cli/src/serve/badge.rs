//! Shields-style flat badges for a README or a wiki: `GET /badge/{provider}.svg`, the provider's
//! status, and `GET /badge/{provider}/uptime.svg?days=30`, its uptime over the last days. The
//! provider by its id or its name; an unknown one gets a grey "not found" badge (404). Vendor
//! text XML-escaped by quick-xml's writer; each answer may be cached for a minute.

use super::feed::xml_safe;
use super::http::ApiError;
use super::query::provider_named;
use super::routes::Served;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Local;
use lookout_core::ComponentStatus;
use lookout_engine::operations::history::{HistoryWindow, UptimeReport};
use quick_xml::events::BytesText;
use quick_xml::Writer;
use serde::Deserialize;
use std::sync::Arc;

/// The parameters of the uptime badge.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UptimeQuery {
    /// How many days, ending today, 1 to 3660 (default 30).
    pub days: Option<u32>,
}

const GREY: &str = "#9f9f9f";

/// `GET /badge/{provider}.svg`.
pub async fn status(
    State(served): State<Arc<Served>>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let Some(typed) = file.strip_suffix(".svg") else {
        return Ok(not_found());
    };
    let Ok(id) = provider_named(&served.lookout, typed).await else {
        return Ok(not_found());
    };
    let boards = served.lookout.provider_boards().await?;
    let Some(board) = boards.iter().find(|b| b.provider.id == id) else {
        return Ok(not_found());
    };
    let (word, colour) = status_look(&board.status);
    Ok(svg(StatusCode::OK, &board.provider.name, word, colour))
}

/// `GET /badge/{provider}/uptime.svg?days=30`.
pub async fn uptime(
    State(served): State<Arc<Served>>,
    Path(typed): Path<String>,
    asked: Result<Query<UptimeQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(asked) = asked.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let days = asked.days.unwrap_or(30);
    if !(1..=3660).contains(&days) {
        return Err(ApiError::bad_request("days is from 1 to 3660"));
    }
    let lookout = &served.lookout;
    let Ok(id) = provider_named(lookout, &typed).await else {
        return Ok(not_found());
    };
    let Some(provider) = lookout.provider(id).await? else {
        return Ok(not_found());
    };
    let window = HistoryWindow::last_days(&Local, lookout.clock.now(), days);
    let name = provider.name.clone();
    let report = lookout.uptime(vec![provider], window).await?;
    let label = format!("{name} uptime {days}d");
    let (text, colour) = match uptime_percent(&report) {
        Some(percent) => (format_percent(percent), uptime_colour(percent)),
        None => ("no data".to_string(), GREY),
    };
    Ok(svg(StatusCode::OK, &label, &text, colour))
}

/// The provider's uptime: the mean of its components' (those with any of the window known).
fn uptime_percent(report: &UptimeReport) -> Option<f64> {
    let known: Vec<f64> = report
        .providers
        .iter()
        .flat_map(|p| &p.components)
        .filter_map(|c| c.uptime_percent)
        .collect();
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

/// `99.95%`, `100%`: two decimals at most, no trailing zeros.
fn format_percent(percent: f64) -> String {
    let text = format!("{:.2}", (percent * 100.0).floor() / 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

fn uptime_colour(percent: f64) -> &'static str {
    match percent {
        p if p >= 99.9 => "#4c1",
        p if p >= 99.0 => "#97ca00",
        p if p >= 95.0 => "#dfb317",
        p if p >= 90.0 => "#fe7d37",
        _ => "#e05d44",
    }
}

/// The word and colour of a status.
fn status_look(status: &ComponentStatus) -> (&'static str, &'static str) {
    match status {
        ComponentStatus::Operational => ("operational", "#4c1"),
        ComponentStatus::DegradedPerformance => ("degraded", "#dfb317"),
        ComponentStatus::PartialOutage => ("partial outage", "#fe7d37"),
        ComponentStatus::MajorOutage => ("major outage", "#e05d44"),
        ComponentStatus::UnderMaintenance => ("maintenance", "#007ec6"),
        ComponentStatus::Unknown | ComponentStatus::Other(_) => ("unknown", GREY),
    }
}

fn not_found() -> Response {
    svg(StatusCode::NOT_FOUND, "lookout", "not found", GREY)
}

/// The badge as an answer: SVG, cacheable for a minute.
fn svg(status: StatusCode, label: &str, message: &str, colour: &str) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
        (header::CACHE_CONTROL, "max-age=60"),
    ];
    match badge(label, message, colour) {
        Ok(body) => (status, headers, body).into_response(),
        Err(error) => {
            ApiError::from(anyhow::anyhow!("a badge could not be written: {error}")).into_response()
        }
    }
}

/// The most characters of a badge's label (a longer name is cut, with an ellipsis).
const LABEL_CHARS: usize = 48;

/// About how wide `text` is in 11 px Verdana, plus the padding either side.
fn width(text: &str) -> usize {
    let wide = text
        .chars()
        .filter(|c| c.is_uppercase() || "mwMW%".contains(*c))
        .count();
    let narrow = text
        .chars()
        .filter(|c| " .,:;'|!iIjlt()".contains(*c))
        .count();
    let other = text.chars().count() - wide - narrow;
    (wide * 9 + narrow * 4 + other * 7) + 10
}

/// A flat two-part badge: `label` on grey, `message` on `colour`.
fn badge(label: &str, message: &str, colour: &str) -> std::io::Result<Vec<u8>> {
    let label: String = if label.chars().count() > LABEL_CHARS {
        label.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
    } else {
        label.to_string()
    };
    let label = xml_safe(&label).into_owned();
    let message = xml_safe(message).into_owned();
    let (left, right) = (width(&label), width(&message));
    let total = (left + right).to_string();
    let title = format!("{label}: {message}");
    let mut w = Writer::new(Vec::new());
    w.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", total.as_str()),
            ("height", "20"),
            ("role", "img"),
            ("aria-label", title.as_str()),
        ])
        .write_inner_content(|w| {
            w.create_element("title")
                .write_text_content(BytesText::new(&title))?;
            w.create_element("clipPath")
                .with_attribute(("id", "r"))
                .write_inner_content(|w| {
                    rect(w, 0, left + right, "#fff", Some("3"))?;
                    Ok(())
                })?;
            w.create_element("g")
                .with_attribute(("clip-path", "url(#r)"))
                .write_inner_content(|w| {
                    rect(w, 0, left, "#555", None)?;
                    rect(w, left, right, colour, None)?;
                    Ok(())
                })?;
            w.create_element("g")
                .with_attributes([
                    ("fill", "#fff"),
                    ("text-anchor", "middle"),
                    ("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif"),
                    ("font-size", "11"),
                ])
                .write_inner_content(|w| {
                    caption(w, left / 2, &label)?;
                    caption(w, left + right / 2, &message)?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

fn rect(
    w: &mut Writer<Vec<u8>>,
    x: usize,
    width: usize,
    fill: &str,
    rx: Option<&str>,
) -> std::io::Result<()> {
    let (x, width) = (x.to_string(), width.to_string());
    let mut element = w.create_element("rect").with_attributes([
        ("x", x.as_str()),
        ("width", width.as_str()),
        ("height", "20"),
        ("fill", fill),
    ]);
    if let Some(rx) = rx {
        element = element.with_attribute(("rx", rx));
    }
    element.write_empty()?;
    Ok(())
}

/// A text centred on `x`, with its shadow.
fn caption(w: &mut Writer<Vec<u8>>, x: usize, text: &str) -> std::io::Result<()> {
    let x = x.to_string();
    w.create_element("text")
        .with_attributes([
            ("x", x.as_str()),
            ("y", "15"),
            ("fill", "#010101"),
            ("fill-opacity", ".3"),
        ])
        .write_text_content(BytesText::new(text))?;
    w.create_element("text")
        .with_attributes([("x", x.as_str()), ("y", "14")])
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_names_are_escaped_and_long_ones_cut() {
        let svg = badge("<Acme & \"Co\">\u{7}", "operational", "#4c1").unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("&lt;Acme &amp; &quot;Co&quot;&gt;"), "{svg}");
        assert!(!svg.contains('\u{7}') && !svg.contains("<Acme"));
        let long = badge(&"a".repeat(200), "up", "#4c1").unwrap();
        assert!(String::from_utf8(long)
            .unwrap()
            .contains(&format!("{}…", "a".repeat(47))));
    }

    #[test]
    fn percentages_read_as_people_write_them() {
        assert_eq!(format_percent(100.0), "100%");
        assert_eq!(format_percent(99.9549), "99.95%");
        assert_eq!(format_percent(99.5), "99.5%");
        assert_eq!(uptime_colour(99.95), "#4c1");
        assert_eq!(uptime_colour(80.0), "#e05d44");
    }
}
