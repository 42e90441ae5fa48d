//! The pieces every page of `lookout serve`'s status page is made of: text escaped as HTML, the
//! document around a page's main part (landmarks, theme, assets), times, status words and the
//! 90-day bars. Vendor text enters a page only through [`text`] (escaped) or, for an update's
//! body, the window's own sanitiser ([`body`]).

use chrono::{DateTime, SecondsFormat, Utc};
use lookout_core::ComponentStatus;
use lookout_engine::operations::history::UptimeReport;
use std::fmt::Write;

/// `value` escaped for HTML text and quoted attributes: `& < > " '` as entities, and the
/// control characters a document cannot hold left out.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An update's body as the window shows it: the vendor's markup through the window's
/// allow-list sanitiser (simple formatting and http(s) links only).
pub fn body(vendor: &str) -> String {
    lookout_desktop::sanitize::body_html(vendor)
}

/// A vendor's link as an `href`, when it is an http(s) one (else none).
pub fn vendor_href(url: Option<&str>) -> Option<String> {
    url.filter(|url| super::feed::is_web_url(url)).map(text)
}

/// `<time>`: the moment in UTC, which the page's script shows in the reader's time zone.
pub fn time(at: DateTime<Utc>) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        at.format("%Y-%m-%d %H:%M UTC")
    )
}

/// A duration in words: `3 d 4 h`, `2 h 5 min`, `12 min`.
pub fn duration(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min"),
        (0, _) => format!("{hours} h {minutes} min"),
        _ => format!("{days} d {hours} h"),
    }
}

/// The class of a status's colour: one of six fixed words whatever the vendor wrote.
pub fn status_class(status: &ComponentStatus) -> &'static str {
    match status.rank() {
        0 => "operational",
        1 => "maintenance",
        3 => "degraded",
        4 => "partial",
        5 => "major",
        _ => "unknown",
    }
}

/// A status in words, on its colour: `<span class="status s-major">major outage</span>`.
pub fn status(status: &ComponentStatus) -> String {
    format!(
        "<span class=\"status s-{}\">{}</span>",
        status_class(status),
        text(&status.label())
    )
}

/// The 90-day bar of one line of days (oldest first): one cell a day, coloured by its worst
/// status, its date and status in its title; read out as one sentence.
pub fn bars(days: &[(String, ComponentStatus)]) -> String {
    if days.is_empty() {
        return String::new();
    }
    let troubled = days.iter().filter(|(_, s)| s.rank() > 2).count();
    let mut out = format!(
        "<div class=\"bars\" role=\"img\" aria-label=\"last {} days: {}\">",
        days.len(),
        match troubled {
            0 => "no outage".to_string(),
            1 => "1 day with trouble".to_string(),
            n => format!("{n} days with trouble"),
        }
    );
    for (date, status) in days {
        let _ = write!(
            out,
            "<span class=\"day b-{}\" title=\"{}: {}\"></span>",
            status_class(status),
            text(date),
            text(&status.label())
        );
    }
    out.push_str("</div>");
    out
}

/// Each component's days in `report` for the provider `id` (page order).
pub fn component_days(
    report: &UptimeReport,
    id: lookout_core::ProviderId,
) -> Vec<(String, Vec<(String, ComponentStatus)>)> {
    let provider = report.providers.iter().find(|p| p.id == id);
    provider.map_or_else(Vec::new, |p| {
        p.components
            .iter()
            .map(|c| {
                let days = c.days.iter().map(|d| (d.date.clone(), d.worst.clone()));
                (c.id.clone(), days.collect())
            })
            .collect()
    })
}

/// A provider's days: each day the worst of its components' (none without components).
pub fn provider_days(
    report: &UptimeReport,
    id: lookout_core::ProviderId,
) -> Vec<(String, ComponentStatus)> {
    let mut days: Vec<(String, ComponentStatus)> = Vec::new();
    for (_, component) in component_days(report, id) {
        if days.is_empty() {
            days = component;
            continue;
        }
        for (day, (_, status)) in days.iter_mut().zip(component) {
            day.1 = day.1.clone().worse(status);
        }
    }
    days
}

/// What surrounds a page's main part.
pub struct Document<'a> {
    /// The `<title>` and the `<h1>`, already escaped.
    pub title: &'a str,
    /// When the page's data was read (none on an error page).
    pub now: Option<DateTime<Utc>>,
    /// Whether its script may follow `/api/v1/events` (the reader holds the token, or none is
    /// needed); else it reloads the page now and then.
    pub live_events: bool,
}

/// The whole document: `lang`, the viewport for phones, the stylesheet and script (no inline
/// ones: the CSP forbids them), and the landmarks header, nav, main and footer.
pub fn document(head: &Document, main: &str) -> String {
    let live = if head.live_events { "events" } else { "reload" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title} · Lookout</title>\n\
         <link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"/assets/page.css\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"Incident updates\" href=\"/feed.atom\">\n\
         <script src=\"/assets/page.js\" defer></script>\n</head>\n\
         <body data-live=\"{live}\">\n<header class=\"site\"><a class=\"brand\" href=\"/\">Lookout</a> \
         <span class=\"tagline\">the status of the services we depend on</span></header>\n\
         <nav aria-label=\"Site\"><ul><li><a href=\"/\">Status</a></li>\
         <li><a href=\"/feed.atom\">Atom feed</a></li>\
         <li><a href=\"/maintenance.ics\">Maintenance calendar</a></li>\
         <li><a href=\"/api/v1/openapi.json\">API</a></li></ul></nav>\n\
         <main id=\"main\">\n<h1>{title}</h1>\n{main}</main>\n\
         <footer><p>Made by Lookout from the vendors' public status pages{now}. \
         Vendors' own words are shown as they wrote them.</p></footer>\n</body>\n</html>\n",
        title = head.title,
        now = head.now.map_or_else(String::new, |at| format!(" at {}", time(at))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        assert_eq!(
            text("<script>a&b</script> \"q\" 'x'\u{1b}[1m"),
            "&lt;script&gt;a&amp;b&lt;/script&gt; &quot;q&quot; &#39;x&#39;[1m"
        );
    }

    #[test]
    fn only_web_links_are_kept() {
        assert_eq!(vendor_href(Some("javascript:alert(1)")), None);
        assert_eq!(
            vendor_href(Some("https://s.test/a?b=1&c=\"")).as_deref(),
            Some("https://s.test/a?b=1&amp;c=&quot;")
        );
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration(59), "0 min");
        assert_eq!(duration(3 * 3600 + 5 * 60), "3 h 5 min");
        assert_eq!(duration(2 * 86_400 + 3600), "2 d 1 h");
    }

    #[test]
    fn a_vendors_own_status_word_gets_the_unknown_colour() {
        let other = ComponentStatus::Other("<b>meh</b>".into());
        assert_eq!(status_class(&other), "unknown");
        assert!(status(&other).contains("&lt;b&gt;meh&lt;/b&gt;"));
    }
}
