//! The environment the app and the WebKit processes it starts run in, set before anything reads
//! it: at most two malloc arenas (`MALLOC_ARENA_MAX=2`, not glibc's eight per core, each holding
//! freed memory of its own) and no GPU compositing in WebKit (`WEBKIT_DISABLE_COMPOSITING_MODE=1`:
//! with a software renderer its buffers cost the web process tens of megabytes). A variable the
//! user set is left as it is. Measured by `scripts/bench` (CHANGELOG, issue 15).

/// Sets both variables where the user did not, then, if the malloc one was set here, runs the
/// app again in place (same process id, same arguments): glibc reads it once, before `main`.
/// WebKit's processes inherit both. If the app cannot run itself again it goes on as it is.
pub fn prepare() {
    // Single-threaded still: nothing else reads the environment while it changes.
    set_unless_present("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    if set_unless_present("MALLOC_ARENA_MAX", "2") {
        run_again();
    }
}

/// Sets `name` to `value` unless it is set; whether it was set here.
fn set_unless_present(name: &str, value: &str) -> bool {
    if std::env::var_os(name).is_some() {
        return false;
    }
    std::env::set_var(name, value);
    true
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn run_again() {
    use std::os::unix::process::CommandExt;
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let error = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .exec();
    eprintln!("lookout-app: cannot run again with MALLOC_ARENA_MAX=2 ({error}); going on");
}

/// Elsewhere no glibc reads the variable: nothing to run again for.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn run_again() {}
