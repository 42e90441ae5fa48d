"""The window's rows of `scripts/bench_app.py`: the window opened on the overview of 50 providers
of 16 components each (its private memory), and the window opened and closed many times with
the data changing between (whether the memory after closing creeps).

Owns: opening the window as a user would from a terminal (a second launch, `lookout-app --show
VIEW`, which hands the view to the running app and exits) and closing it as a window manager's
close button does (WM_DELETE_WINDOW, x_window.close_window); the open/close cycles, each after a
vendor post the app has read (the tray's "Refresh now" clicked, the poll awaited in the
database); and the rows `private memory, window open on the overview` and `window opened and
closed N times: memory after the last close − after the first`.
"""
import subprocess, time

from headless import sweep_marked, wait_for  # noqa: E402 (bench_app puts tests/e2e on the path)
from tray_bus import Tray  # noqa: E402

CYCLES, QUICK_CYCLES = 50, 15
RENDER_S = 1.5  # after the window is mapped: the view's data read and drawn


def window_shown(env):
    return subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Lookout$"], env=env,
                          capture_output=True).returncode == 0


def open_window(bench, view):
    subprocess.run([bench.args.app, "--show", view], env=bench.env, check=True,
                   capture_output=True, timeout=60)
    wait_for("the window", lambda: window_shown(bench.env))


def close_window_and_wait(bench, close_window):
    close_window(bench.env)
    wait_for("the window gone", lambda: not window_shown(bench.env))


def overview_memory(bench, close_window, providers, components):
    """The window open on the overview of the providers watched; then closed."""
    open_window(bench, "overview")
    bench.memory("private memory, window open on the overview", 80,
                 f"{providers} providers of {components} components each "
                 f"(the fake server's quiet pages, --components {components}), "
                 f"{bench.incidents()} incidents stored")
    close_window_and_wait(bench, close_window)


def read_post(bench, k, tray):
    """Vendor post k on Acme's page (a new incident, or its resolution), then the app made to
    read it: "Refresh now" in the tray, and a poll stored after the click."""
    before = bench.last_poll()
    bench.post(k)
    tray.click("Refresh now")
    wait_for("the refreshed poll stored", bench.last_poll, lambda at: at is not None and at != before,
             timeout=30)


def open_close_cycles(bench, close_window):
    """The window opened on the overview and closed again, CYCLES times, a vendor post read
    between each; the memory after the first close against the memory after the last."""
    count = QUICK_CYCLES if bench.args.quick else CYCLES
    tray, first, started = Tray(bench.env), None, time.monotonic()
    for k in range(count):
        read_post(bench, 100 + k, tray)  # even k: a new incident; odd: resolved
        open_window(bench, "overview")
        time.sleep(RENDER_S)
        close_window_and_wait(bench, close_window)
        if k == 0:
            time.sleep(bench.settle)
            first = bench.private()
            print(f"  after the first close: {first:.1f} MB", flush=True)
    time.sleep(bench.settle)
    last = bench.private()
    spent = time.monotonic() - started
    quick = f"; --quick: {count} cycles, not {CYCLES}" if bench.args.quick else ""
    bench.rows.add(f"window opened and closed {CYCLES} times: memory growth", last - first, "MB", 2,
                   f"private memory {bench.settle} s after the last close ({last:.1f} MB) − after the "
                   f"first ({first:.1f} MB); on the overview, a vendor post read between each "
                   f"(tray's Refresh now){quick}; {spent:.0f} s in all")


def sixteen_components_world(bench_class, args, close_window, tmp, providers=50, components=16):
    """A second app on a database of its own: `providers` quiet pages of `components` components,
    all read once, then the window opened on the overview."""
    bench = bench_class(args, tmp, quiet_pages=providers, components=components, acme=False)
    try:
        bench.world()
        bench.start(rows=False)
        wait_for(f"all {providers} pages read", bench.pages_read, lambda n: n >= providers, timeout=60)
        overview_memory(bench, close_window, providers, components)
    finally:
        bench.procs.stop_all()
        sweep_marked(tmp)
