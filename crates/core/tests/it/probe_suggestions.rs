//! The probe suggestions' integrity: every one belongs to a catalogue service, is a public https
//! endpoint with an expectation Lookout can check, and names where the vendor documents it.

use lookout_core::catalog;
use lookout_core::probe::suggested::{self, SuggestedProbe};
use std::collections::HashSet;

#[test]
fn every_suggestion_is_sourced_checkable_and_belongs_to_a_catalogue_service() {
    let all = suggested::parse(suggested::SOURCE).expect("probe_suggestions.json parses");
    assert!(all.len() >= 10, "only {} suggestions", all.len());
    let mut urls = HashSet::new();
    for s in &all {
        let entry = catalog::find(&s.service)
            .unwrap_or_else(|| panic!("{}: not a catalogue service", s.service));
        assert_eq!(
            entry.name, s.service,
            "{}: use the entry's own name",
            s.service
        );
        assert!(
            s.url.starts_with("https://"),
            "{}: {} is not https",
            s.service,
            s.url
        );
        let url = url::Url::parse(&s.url).unwrap_or_else(|e| panic!("{}: {e}", s.url));
        assert!(
            url.username().is_empty() && url.password().is_none(),
            "{}",
            s.url
        );
        assert!(
            !url.query_pairs()
                .any(|(k, _)| k.contains("key") || k.contains("token")),
            "{}: a suggestion never carries credentials",
            s.url
        );
        assert!(urls.insert(s.url.clone()), "{}: suggested twice", s.url);
        s.expectation()
            .unwrap_or_else(|why| panic!("{}: {why}", s.service));
        assert!(
            s.source.starts_with("https://"),
            "{}: the source must be the vendor's documentation page, not {:?}",
            s.service,
            s.source
        );
        assert!(
            s.contains.as_deref() != Some(""),
            "{}: empty text",
            s.service
        );
    }
}

#[test]
fn a_suggestion_document_with_an_unknown_field_is_refused() {
    let bad = r#"[{"service": "GitHub", "url": "https://api.github.com/", "expect": "2xx",
                  "contains": null, "source": "https://docs.github.com/", "token": "x"}]"#;
    assert!(suggested::parse(bad).is_err());
    let good: Vec<SuggestedProbe> = suggested::parse(&bad.replace(r#", "token": "x""#, ""))
        .expect("the same without the unknown field");
    assert_eq!(good[0].service, "GitHub");
}
