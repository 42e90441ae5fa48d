//! The status page's palette read from its stylesheet: every text colour at a contrast of at
//! least 4.5:1 (WCAG 2.x AA) on both backgrounds, the bars' colours at least 3:1 (non-text), in
//! the light and the dark theme; no colour outside the palette; and a document whose markup
//! the Content-Security-Policy lets through (no inline script, style or handler).

use super::page_html::{document, Document};

const CSS: &str = include_str!("assets/page.css");

/// The text colours: each is drawn on `--bg` and on `--surface`.
const TEXT: [&str; 9] = [
    "--text",
    "--muted",
    "--link",
    "--operational",
    "--maintenance",
    "--unknown",
    "--degraded",
    "--partial",
    "--major",
];
/// The colours of things that are not text (bars, borders): at least 3:1.
const NON_TEXT: [&str; 7] = [
    "--border",
    "--operational",
    "--maintenance",
    "--degraded",
    "--partial",
    "--major",
    "--link",
];

/// The `--name: #rrggbb;` declarations of the block that starts after `start`.
fn palette(start: &str) -> Vec<(String, [u8; 3])> {
    let from = CSS
        .find(start)
        .unwrap_or_else(|| panic!("{start} in page.css"));
    let block = &CSS[from..];
    let block = &block[..block.find('}').unwrap()];
    block
        .lines()
        .filter_map(|line| {
            let (name, value) = line.trim().trim_end_matches(';').split_once(':')?;
            let hex = value.trim().strip_prefix('#')?;
            let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
            assert_eq!(hex.len(), 6, "{name}: write colours as #rrggbb");
            Some((
                name.trim().to_string(),
                [channel(0), channel(2), channel(4)],
            ))
        })
        .collect()
}

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn the_contrast_of_black_on_white_is_21_and_of_a_colour_on_itself_1() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast([119, 119, 119], [119, 119, 119]) - 1.0).abs() < 1e-9);
    // #777 on white, the classic borderline: 4.48, just under AA.
    assert!((contrast([0x77; 3], [0xff; 3]) - 4.48).abs() < 0.01);
}

#[test]
fn every_text_colour_reads_at_4_5_to_1_and_every_bar_at_3_to_1_in_both_themes() {
    for (theme, start) in [
        ("light", ":root {"),
        ("dark", "(prefers-color-scheme: dark)"),
    ] {
        let colours = palette(start);
        let colour = |name: &str| {
            let found = colours.iter().find(|(n, _)| n == name);
            found.unwrap_or_else(|| panic!("{theme}: {name} missing")).1
        };
        for background in ["--bg", "--surface"] {
            for (names, least) in [(&TEXT[..], 4.5), (&NON_TEXT[..], 3.0)] {
                for name in names {
                    let ratio = contrast(colour(name), colour(background));
                    assert!(
                        ratio >= least,
                        "{theme}: {name} on {background} is {ratio:.2}:1, under {least}:1"
                    );
                }
            }
        }
    }
}

#[test]
fn no_colour_is_written_outside_the_palette() {
    let dark = CSS.find("@media (prefers-color-scheme: dark)").unwrap();
    let after_palettes = &CSS[dark..];
    let after_palettes = &after_palettes[after_palettes.find("}\n}").unwrap()..];
    let light_start = CSS.find(":root {").unwrap();
    let before = &CSS[..light_start];
    for rest in [before, after_palettes] {
        assert!(
            !rest.contains('#'),
            "a colour outside the palette in page.css"
        );
        for word in ["rgb(", "hsl(", ": white", ": black", " white;", " black;"] {
            assert!(
                !rest.contains(word),
                "{word} outside the palette in page.css"
            );
        }
    }
}

#[test]
fn a_page_has_its_landmarks_and_nothing_the_policy_would_block() {
    let head = Document {
        title: "Status",
        now: None,
        live_events: false,
    };
    let page = document(&head, "<p>x</p>");
    for landmark in [
        "<html lang=\"en\">",
        "<header",
        "<nav aria-label",
        "<main id=\"main\">",
        "<footer>",
        "<h1>Status</h1>",
        "name=\"viewport\"",
    ] {
        assert!(page.contains(landmark), "{landmark} in {page}");
    }
    assert!(!page.contains("style=") && !page.contains("<style"));
    let scripts: Vec<&str> = page
        .match_indices("<script")
        .map(|(at, _)| &page[at..])
        .collect();
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].starts_with("<script src=\"/assets/page.js\" defer></script>"));
}
