//! The app's memory allocator on Linux with glibc: jemalloc in place of malloc for the whole
//! process (Rust, GTK and WebKit's side of the window alike), set up to hand back at once what a
//! closed window freed. glibc's malloc kept it: after 15 openings and closings of the window the
//! app held about 3 MB more than after the first; and jemalloc with its default settings held
//! about 18 MB more than with these, the window open on the overview (`scripts/bench`,
//! CHANGELOG, issue 30).

/// jemalloc itself: its `malloc` and `free` replace the system's in this process (the WebKit
/// processes the app starts keep the system's).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, as `MALLOC_CONF` (`process_env` sets it unless the user did): one arena
/// (the app allocates little, from few threads), no per-thread caches (each held freed memory of
/// its own: with them the window closed cost about 6 MB more), and pages unused for a second
/// handed back to the system (`dirty_decay_ms`) at once, not lazily (`muzzy_decay_ms:0`: lazily
/// freed pages still count as the app's). No purging thread (`background_thread`): the polls'
/// own allocations hand the pages back soon enough, and its wake-ups cost the idle app about
/// 0.05 % of a core.
pub const SETTINGS: &str = "narenas:1,tcache:false,dirty_decay_ms:1000,muzzy_decay_ms:0";

/// Whether jemalloc is the allocator (where it is not, `SETTINGS` would mean nothing).
pub const IN_USE: bool = cfg!(all(target_os = "linux", target_env = "gnu"));
