//! The environment the app and the WebKit processes it starts run in, set before anything reads
//! it: the app's allocator set up to hand freed memory back (`MALLOC_CONF`, `allocator.rs`), one
//! malloc arena in the processes on glibc's malloc (`MALLOC_ARENA_MAX=1`, not glibc's eight per
//! core, each holding freed memory of its own), and on Linux a WebKit set up for a small local
//! page rather than the web: no GPU compositing (`WEBKIT_DISABLE_COMPOSITING_MODE=1`: with a
//! software renderer its buffers cost the web process tens of megabytes), no OpenGL in GTK
//! (`GDK_GL=disable`: the app in the tray no longer loads Mesa, whose relocated LLVM alone is
//! 8 MB), no JavaScript JIT (`JSC_useJIT=0`: about 4 MB less in the web process, and no
//! writable-executable memory in the process that shows vendors' text) and the system's malloc
//! for WebKit (`Malloc=1`: freed memory shared with the rest, about 2 MB less across the three
//! processes). A variable the user set is left as it is. Measured by `scripts/bench` (CHANGELOG,
//! issues 15 and 30).

/// Sets the variables where the user did not, then, if a malloc one was set here, runs the app
/// again in place (same process id, same arguments): glibc's malloc, jemalloc and WebKit's
/// allocator read theirs once, at their first allocation, which comes before `main`. WebKit's
/// processes inherit them. If the app cannot run itself again it goes on as it is.
pub fn prepare() {
    // Single-threaded still: nothing else reads the environment while it changes.
    if cfg!(target_os = "linux") {
        for (name, value) in WEBKIT_GTK {
            set_unless_present(name, value);
        }
    }
    let mut again = set_unless_present("MALLOC_ARENA_MAX", "1");
    if crate::allocator::IN_USE {
        again |= set_unless_present("MALLOC_CONF", crate::allocator::SETTINGS);
    }
    if again {
        run_again();
    }
}

/// WebKitGTK's and GTK's variables: what each saves is in the module's summary.
const WEBKIT_GTK: [(&str, &str); 4] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("GDK_GL", "disable"),
    ("JSC_useJIT", "0"),
    ("Malloc", "1"),
];

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
    eprintln!("lookout-app: cannot run again with its malloc settings ({error}); going on");
}

/// Elsewhere no glibc reads the variable: nothing to run again for.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn run_again() {}
