"""End-to-end test of closing and opening the app's window again (Linux, headless).

What it proves, with the real app under Xvfb and a private D-Bus, driven as a user would (the
window manager's close button, a second launch `lookout-app --show VIEW`), without WebDriver:
  1. the window opened on the overview draws its page, in one WebKit web process;
  2. closed, the window goes away, its web process ends (the page's memory is freed) and the app
     lives on in the tray;
  3. opened again, on another view each time, the page is drawn again in one web process — three
     times over, never a blank window, never two web processes;
  4. while it is closed, the app still reads the vendor: a post turns the tray, and the reopened
     window is drawn after it;
  5. the app runs on jemalloc with Lookout's settings (`allocator.rs`), which hand back what a
     closed window freed.

Run (after `cargo build --workspace`; needs Xvfb and dbus-daemon):

    python3 tests/e2e/window_reopen_e2e.py [--keep] [--verbose] [--app PATH] [--cli PATH] [--server PATH]

Exit code 0 = pass, 1 = fail.
"""
import os, re, subprocess, sys, urllib.request

sys.dont_write_bytecode = True
from headless import (Failure, Processes, log, make_env, run_e2e, start_bus, start_fake_vendor,
                      start_xvfb, tail, wait_for)
from tray_bus import Tray
from x_window import close_window, colours, window_id

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DRAWN = 50  # distinct colours: a drawn page has hundreds, a blank one a handful


class Run:
    def __init__(self, args, tmp):
        self.args, self.logdir = args, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs, self.current = Processes(self.logdir), "(setup)"

    def step(self, name, fn):
        print(f"- {name} ...", flush=True)
        self.current = name
        fn()

    def world(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)
        self.fake = start_fake_vendor(self.procs, self.env, self.logdir, self.args.server)
        subprocess.run([self.args.cli, "add", f"{self.fake}/acme/", "--name", "Acme", "--interval",
                        "10"], env=self.env, check=True, capture_output=True, timeout=60)
        self.procs.start("app", [self.args.app, "--hidden"], self.env)
        self.app = self.procs.started[-1][1].pid
        self.tray = Tray(self.env)
        self.tray.wait_status("operational")

    def allocator(self):
        """jemalloc is the app's malloc (its statistics printed at exit when MALLOC_CONF asks, by
        `lookout-app --help`, which leaves the variable as it is), and the running app runs with
        the settings of allocator.rs (the app set them, then ran itself again)."""
        env = dict(self.env, MALLOC_CONF="stats_print:true")
        done = subprocess.run([self.args.app, "--help"], env=env, capture_output=True, text=True,
                              timeout=30)
        if "jemalloc statistics" not in done.stderr:
            raise Failure("jemalloc's statistics from lookout-app --help", done.stderr[-300:])
        source = open(os.path.join(ROOT, "src-tauri", "src", "allocator.rs")).read()
        settings = re.search(r'pub const SETTINGS: &str =\s*"([^"]+)"', source).group(1)
        environ = dict(entry.split("=", 1) for entry in open(f"/proc/{self.app}/environ").read()
                       .split("\0") if "=" in entry)
        if environ.get("MALLOC_CONF") != settings:
            raise Failure(f"the app running with MALLOC_CONF={settings}", environ.get("MALLOC_CONF"))

    def web_processes(self):
        """The app's descendants named WebKitWebProcess (its pages' processes)."""
        children, found = {}, []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(pid))
            except (OSError, IndexError):
                pass
        frontier = [self.app]
        while frontier:
            frontier = [c for p in frontier for c in children.get(p, [])]
            for pid in frontier:
                try:
                    if open(f"/proc/{pid}/comm").read().startswith("WebKitWebProces"):
                        found.append(pid)
                except OSError:
                    pass
        return found

    def open(self, view):
        subprocess.run([self.args.app, "--show", view], env=self.env, check=True,
                       capture_output=True, timeout=60)
        wait_for(f"the window shown on {view}", lambda: window_id(self.env))
        seen = wait_for(f"the page drawn on {view} (≥ {DRAWN} colours)", lambda: colours(self.env),
                        lambda n: n >= DRAWN, timeout=30)
        pages = self.web_processes()
        if len(pages) != 1:
            raise Failure("one web process while the window is open", pages)
        log(f"{view}: {seen} colours, web process {pages[0]}")

    def close(self):
        close_window(self.env)
        wait_for("the window gone", lambda: window_id(self.env) is None)
        wait_for("its web process ended", self.web_processes, lambda pages: not pages, timeout=15)
        if not os.path.exists(f"/proc/{self.app}"):
            raise Failure("the app alive in the tray after the window closed", "it exited")

    def post_while_closed(self):
        urllib.request.urlopen(urllib.request.Request(f"{self.fake}/_control/stage/1", method="POST"),
                               timeout=5)
        self.tray.wait_status("degraded_performance")

    def test(self):
        self.step("the fake vendor, Acme watched, the app in the tray", self.world)
        self.step("the app on jemalloc with its settings", self.allocator)
        self.step("opened on the overview: drawn, one web process", lambda: self.open("overview"))
        self.step("closed: gone, its web process ended, the app alive", self.close)
        for view in ("incidents", "maintenance"):
            self.step(f"opened again on {view}: drawn", lambda: self.open(view))
            self.step("closed again", self.close)
        self.step("the vendor posts while it is closed: the tray turns", self.post_while_closed)
        self.step("opened again on the overview: drawn", lambda: self.open("overview"))

    def report_failure(self, error):
        print(f"FAIL at step: {self.current}\n  {error}", file=sys.stderr)
        print(f"--- tail of app.log\n{tail(os.path.join(self.logdir, 'app.log'))}", file=sys.stderr)


def main():
    return run_e2e(Run, __doc__.splitlines()[0], "lookout-window-e2e-", "window reopen e2e")


if __name__ == "__main__":
    sys.exit(main())
