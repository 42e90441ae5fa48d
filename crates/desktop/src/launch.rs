//! The desktop app's command line: `lookout-app [--hidden | --show VIEW] [--offline]` read into a
//! [`Launch`], and the usage text its `--help` prints.

use crate::error::DesktopError;

/// What `lookout-app --help` prints.
pub const USAGE: &str = "\
Usage: lookout-app [--hidden | --show VIEW] [--offline]

Lookout's desktop app: a tray icon coloured by the worst status of the vendors you watch, a
window with their incidents, and OS notifications. A second launch while the app runs only
brings its window forward (on VIEW with --show).

Options:
  --hidden      start in the tray without opening the window (used when started at login)
  --show VIEW   open the window on VIEW: overview, incidents, maintenance, add or settings
  --offline     never check for a newer catalogue of services (the weekly check of Settings);
                the catalogue installed beside the database is still used
  -h, --help    print this help
";

/// A view the window can be opened on from the command line (`--show VIEW`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartView {
    /// Every provider's card (`#/overview`).
    Overview,
    /// The incident list, every provider (`#/incidents`).
    Incidents,
    /// Scheduled maintenance (`#/maintenance`).
    Maintenance,
    /// Adding a service (`#/add`).
    Add,
    /// The settings (`#/settings`).
    Settings,
}

impl StartView {
    /// Every view, in the order `--help` names them.
    pub const ALL: [StartView; 5] = [
        StartView::Overview,
        StartView::Incidents,
        StartView::Maintenance,
        StartView::Add,
        StartView::Settings,
    ];

    /// The name `--show` takes.
    pub fn name(self) -> &'static str {
        match self {
            StartView::Overview => "overview",
            StartView::Incidents => "incidents",
            StartView::Maintenance => "maintenance",
            StartView::Add => "add",
            StartView::Settings => "settings",
        }
    }

    /// The window's route for the view (`#/incidents`).
    pub fn route(self) -> String {
        format!("#/{}", self.name())
    }

    /// The view named `name` (any case), if there is one.
    pub fn named(name: &str) -> Option<StartView> {
        Self::ALL
            .into_iter()
            .find(|view| view.name().eq_ignore_ascii_case(name))
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Launch {
    /// `--hidden`: start in the tray, the window not opened.
    pub hidden: bool,
    /// `--show VIEW`: open the window on that view.
    pub show: Option<StartView>,
    /// `--help`: print [`USAGE`] and exit.
    pub help: bool,
    /// `--offline`: no weekly catalogue check, whatever the setting says.
    pub offline: bool,
}

/// Reads the app's arguments (without the program name). An unknown argument, a missing or
/// unknown VIEW, or `--hidden` with `--show` is refused with a message saying why.
pub fn parse_launch<I, S>(args: I) -> Result<Launch, DesktopError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut launch = Launch::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.as_ref();
        match arg {
            "--hidden" => launch.hidden = true,
            "--offline" => launch.offline = true,
            "-h" | "--help" => launch.help = true,
            "--show" => {
                let name = args.next().ok_or_else(|| {
                    DesktopError::InvalidInput(format!("--show needs a view: {}", view_names()))
                })?;
                launch.show = Some(view(name.as_ref())?);
            }
            _ => match arg.strip_prefix("--show=") {
                Some(name) => launch.show = Some(view(name)?),
                None => {
                    return Err(DesktopError::InvalidInput(format!(
                        "unknown argument {arg:?} (see --help)"
                    )))
                }
            },
        }
    }
    if launch.hidden && launch.show.is_some() {
        return Err(DesktopError::InvalidInput(
            "--hidden and --show cannot be used together".into(),
        ));
    }
    Ok(launch)
}

fn view(name: &str) -> Result<StartView, DesktopError> {
    StartView::named(name).ok_or_else(|| {
        DesktopError::InvalidInput(format!(
            "--show: no view named {name:?}; the views are {}",
            view_names()
        ))
    })
}

fn view_names() -> String {
    StartView::ALL.map(StartView::name).join(", ")
}
