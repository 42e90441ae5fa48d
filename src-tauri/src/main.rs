//! Lookout's desktop app: a tray icon coloured by the worst status of the watched vendors, a
//! window with their incidents and timelines, and OS notifications, over the engine crates.
//! `--hidden` (used when started at login) starts in the tray without opening the window;
//! `--show VIEW` opens it on a view; `--offline` never checks for a newer catalogue
//! (`lookout-app --help`, `lookout_desktop::launch`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod alert_commands;
mod allocator;
mod commands;
mod engine;
mod error;
mod follow_commands;
mod history_commands;
mod os_notification;
mod platform;
mod probe_commands;
mod process_env;
mod state;
mod suggest_commands;
mod tray;
mod updates;
#[cfg(test)]
mod updates_tests;
mod window;

use lookout_desktop::{launch::USAGE, parse_launch, Launch, StartView};
use state::AppState;
use tauri::{Manager, RunEvent};
use tauri_plugin_autostart::MacosLauncher;
use tauri_plugin_log::{Target, TargetKind};

fn main() -> anyhow::Result<()> {
    // Whatever the app creates (the database, its journal, the logs, their folders) is private
    // to the user: the database holds webhook URLs and secrets.
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let launch = match parse_launch(std::env::args().skip(1)) {
        Ok(launch) => launch,
        Err(error) => {
            eprintln!("lookout-app: {error}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if launch.help {
        print!("{USAGE}");
        return Ok(());
    }
    process_env::prepare();
    // Before the GUI exists: waiting for a busy database here freezes nothing.
    let state = AppState::open()?;
    let app = with_commands(with_plugins(tauri::Builder::default()))
        .setup(move |app| {
            app.manage(state);
            platform::window_shown(app.handle(), false);
            tray::create(app.handle())?;
            engine::start(app.handle(), launch.offline);
            updates::start_daily(app.handle());
            open_first_window(app.handle(), launch);
            Ok(())
        })
        .build(tauri::generate_context!())?;
    app.run(|app, event| match event {
        // Closing the window destroys it; the app lives on in the tray until "Quit".
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        // Quitting (the tray's Quit, the session ending): the engine stops in order first.
        RunEvent::Exit => engine::stop(app),
        // Closing the window ends its page (window.rs); the tray stays.
        RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::CloseRequested { api, .. },
            ..
        } if label == window::LABEL && window::close(app) => api.prevent_close(),
        // The window closed: the tray alone (no Dock icon on macOS).
        RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::Destroyed,
            ..
        } if label == window::LABEL => platform::window_shown(app, false),
        _ => {}
    });
    Ok(())
}

/// Opens the window as the launch asks: on "Add a service" at the first run (no provider yet), on
/// the view `--show` names, or not at all with `--hidden`.
fn open_first_window(app: &tauri::AppHandle, launch: Launch) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = handle.state::<AppState>();
        let first_run = state
            .lookout
            .providers()
            .await
            .is_ok_and(|providers| providers.is_empty());
        if first_run {
            window::open(&handle, Some("#/add"));
        } else if let Some(view) = launch.show {
            window::open(&handle, Some(&view.route()));
        } else if !launch.hidden {
            window::open(&handle, None);
        }
    });
}

/// The plugins: single instance (first, so a second launch only focuses the running app, on the
/// view its `--show` names), logs
/// in the platform's log folder, notifications, start at login (`--hidden`), links opener.
fn with_plugins(builder: tauri::Builder<tauri::Wry>) -> tauri::Builder<tauri::Wry> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            let show = parse_launch(argv.iter().skip(1))
                .ok()
                .and_then(|launch: Launch| launch.show);
            window::open(app, show.map(StartView::route).as_deref());
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .targets([
                    Target::new(TargetKind::LogDir { file_name: None }),
                    Target::new(TargetKind::Stderr),
                ])
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::init(
            MacosLauncher::LaunchAgent,
            Some(vec!["--hidden"]),
        ))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
}

/// Every command the window may call (contract: `docs/app-commands.md`).
fn with_commands(builder: tauri::Builder<tauri::Wry>) -> tauri::Builder<tauri::Wry> {
    builder.invoke_handler(tauri::generate_handler![
        commands::overview,
        commands::incidents,
        commands::incident,
        commands::follow_incident,
        commands::maintenances,
        commands::services,
        commands::services_text,
        commands::save_services,
        commands::service_specs,
        commands::save_service_specs,
        follow_commands::following,
        follow_commands::follow_server,
        follow_commands::watch_locally,
        commands::catalog_search,
        commands::already_watching,
        commands::catalog_categories,
        commands::catalog_category,
        commands::preview_provider,
        commands::add_provider,
        commands::remove_provider,
        commands::set_watched,
        commands::settings,
        commands::save_settings,
        commands::pause_notifications,
        commands::refresh_now,
        commands::open_link,
        alert_commands::alert_settings,
        alert_commands::default_event_choices,
        alert_commands::set_quiet_hours,
        alert_commands::provider_rules,
        alert_commands::save_provider_rules,
        alert_commands::snooze_provider,
        alert_commands::sinks,
        alert_commands::add_sink,
        alert_commands::remove_sink,
        alert_commands::test_sink,
        alert_commands::delivery_log,
        alert_commands::test_notification,
        history_commands::provider_history,
        history_commands::export_incidents,
        probe_commands::provider_probes,
        probe_commands::probe_suggestions,
        probe_commands::add_probe,
        probe_commands::remove_probe,
        suggest_commands::suggest_from_folder,
        updates::check_for_updates,
        updates::last_update_check,
        updates::install_update,
    ])
}
