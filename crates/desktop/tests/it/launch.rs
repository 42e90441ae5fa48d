//! The app's command line: `--hidden`, `--show VIEW` (both spellings), `--offline`, `--help`, and
//! what is refused with a message.

use lookout_desktop::launch::USAGE;
use lookout_desktop::{parse_launch, DesktopError, Launch, StartView};

fn refused(args: &[&str]) -> String {
    match parse_launch(args) {
        Err(DesktopError::InvalidInput(message)) => message,
        other => panic!("{args:?} should be refused, got {other:?}"),
    }
}

#[test]
fn no_arguments_open_the_window_as_before() {
    assert_eq!(
        parse_launch(Vec::<String>::new()).unwrap(),
        Launch::default()
    );
    let hidden = parse_launch(["--hidden"]).unwrap();
    assert!(hidden.hidden && hidden.show.is_none() && !hidden.help && !hidden.offline);
}

#[test]
fn offline_turns_the_catalogue_check_off_with_any_other_choice() {
    let offline = parse_launch(["--hidden", "--offline"]).unwrap();
    assert!(offline.offline && offline.hidden);
    assert!(USAGE.contains("--offline     never check for a newer catalogue"));
}

#[test]
fn show_opens_the_window_on_a_view_given_either_way() {
    let spaced = parse_launch(["--show", "incidents"]).unwrap();
    assert_eq!(spaced.show, Some(StartView::Incidents));
    assert!(!spaced.hidden);
    assert_eq!(
        parse_launch(["--show=settings"]).unwrap().show,
        Some(StartView::Settings)
    );
    assert_eq!(
        parse_launch(["--show", "Maintenance"]).unwrap().show,
        Some(StartView::Maintenance)
    );
    // The last --show wins, as with most command lines.
    assert_eq!(
        parse_launch(["--show", "add", "--show", "overview"])
            .unwrap()
            .show,
        Some(StartView::Overview)
    );
}

#[test]
fn every_view_has_the_route_the_window_knows() {
    let routes: Vec<String> = StartView::ALL.iter().map(|v| v.route()).collect();
    assert_eq!(
        routes,
        [
            "#/overview",
            "#/incidents",
            "#/maintenance",
            "#/add",
            "#/settings"
        ]
    );
    for view in StartView::ALL {
        assert_eq!(StartView::named(view.name()), Some(view));
        assert!(USAGE.contains(view.name()), "--help names {}", view.name());
    }
}

#[test]
fn help_is_asked_for_with_either_spelling() {
    assert!(parse_launch(["--help"]).unwrap().help);
    assert!(parse_launch(["-h"]).unwrap().help);
    assert!(USAGE.starts_with("Usage: lookout-app [--hidden | --show VIEW] [--offline]"));
}

#[test]
fn a_wrong_command_line_is_refused_saying_why() {
    let unknown = refused(&["--show", "timeline"]);
    assert!(
        unknown.contains("\"timeline\"") && unknown.contains("incidents, maintenance"),
        "{unknown}"
    );
    assert!(refused(&["--show"]).contains("--show needs a view"));
    assert!(refused(&["--show="]).contains("no view named \"\""));
    assert_eq!(
        refused(&["--hidden", "--show", "incidents"]),
        "--hidden and --show cannot be used together"
    );
    assert_eq!(
        refused(&["--verbose"]),
        "unknown argument \"--verbose\" (see --help)"
    );
    assert_eq!(
        refused(&["incidents"]),
        "unknown argument \"incidents\" (see --help)"
    );
}
