#!/usr/bin/env python3
"""End-to-end test of "Suggest from a project folder" in the real desktop app, headless (Linux).

What it proves: with a provider named Stripe watched (added by the CLI at the fake status
server), the window's Add a service view
  1. opens the app's own folder dialog from "Suggest from a project folder…"; cancelling it
     (Escape) shows nothing;
  2. with tests/fixtures/suggest/npm chosen in that dialog (typed into GTK's location bar with
     xdotool, as a person would), lists exactly the vendors `lookout suggest` finds there —
     Clerk, GitHub, OpenAI, Sentry, Stripe, Supabase — each with why ("stripe 14.2.0 in
     package.json"), Stripe marked "watching" and the others offering "Watch <vendor>…".
"Watch…" itself reads the vendor's real status page (the usual preview), which this test does
not do: it talks to 127.0.0.1 only.

Run (after `cargo build --workspace`; needs Xvfb, dbus-daemon, xdotool, WebKitWebDriver and
tauri-driver 2.x):

    python3 tests/e2e/suggest_e2e.py [--screenshot suggest.png] [--keep] [--verbose]
                                     [--app PATH] [--cli PATH] [--server PATH]

Everything runs under a fresh temporary HOME/XDG dirs; every process started is stopped at the
end. Exit code 0 = pass, 1 = fail.
"""
import argparse, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True
from headless import (e2e_arguments, BUDGET, SETTINGS, Failure, Processes, free_port, log, make_env, start_bus,
                      start_xvfb, stop_everything, tail, wait_for)
from webdriver import WebDriver

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = os.path.join(ROOT, "tests", "fixtures", "suggest", "npm")
EXPECTED = ["Clerk", "GitHub", "OpenAI", "Sentry", "Stripe", "Supabase"]
DIALOG_TITLE = "Choose a project folder"


class Run:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs, self.current, self.wd = Processes(self.logdir), "(setup)", None

    def step(self, name, fn):
        print(f"- {name} ...", flush=True)
        self.current = name
        fn()

    def environment(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)

    def stripe_watched(self):
        """The fake server's page added under the name Stripe: the app must say it is watched."""
        self.procs.start("fake-status-server", [self.args.server, "--port", "0", "--scenario",
                                                "incident-life"], self.env)
        out = os.path.join(self.logdir, "fake-status-server.log")
        server = wait_for("'listening on http://…' from the fake server", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")
        done = subprocess.run([self.args.cli, "add", server + "/acme/", "--name", "Stripe"],
                              env=self.env, capture_output=True, text=True, timeout=30)
        if done.returncode != 0 or "added Stripe" not in done.stdout:
            raise Failure("'added Stripe' from `lookout add`", done.stdout + done.stderr)

    def start_app(self):
        port, native, driver = free_port(), free_port(), os.path.expanduser("~/.cargo/bin/tauri-driver")
        self.procs.start("tauri-driver", [driver if os.path.exists(driver) else "tauri-driver", "--port",
                                          str(port), "--native-port", str(native)], self.env)
        wait_for(f"WebKitWebDriver listening on port {native}",
                 lambda: socket.create_connection(("127.0.0.1", native), 1).close() or True, timeout=20)
        self.wd = WebDriver(port, self.args.app)
        self.wd.script("window.location.hash = '#/add';")
        wait_for("the Suggest from a project folder button", lambda: self.wd.texts("#suggest-from-folder"))

    def xdotool(self, *args):
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=15)
        if done.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def dialog(self):
        """The id of the folder dialog's window once it is shown, focused."""
        found = wait_for(f"a window titled {DIALOG_TITLE!r}", lambda: self.xdotool(
            "search", "--onlyvisible", "--name", DIALOG_TITLE), timeout=20)
        window = found.split()[-1]
        self.xdotool("windowfocus", "--sync", window)
        return window

    def open_dialogs(self):
        try:
            return self.xdotool("search", "--onlyvisible", "--name", DIALOG_TITLE)
        except RuntimeError:
            return ""

    def cancel(self):
        self.wd.click("#suggest-from-folder")
        self.dialog()
        self.xdotool("key", "Escape")
        wait_for("the suggestions area hidden again after cancelling", lambda: self.wd.script(
            "const a = document.getElementById('folder-suggestions'); return a && a.hidden;"))

    def choose_project(self):
        self.wd.click("#suggest-from-folder")
        self.dialog()
        # GTK's chooser: a "/" opens its location bar (the next keys are lost while it appears);
        # the path and Return go into the folder, a second Return selects it.
        self.xdotool("type", "/")
        time.sleep(1)
        self.xdotool("type", "--delay", "20", PROJECT[1:])
        time.sleep(1)
        self.xdotool("key", "Return")
        time.sleep(1)
        self.xdotool("key", "Return")
        wait_for("the folder dialog closed", lambda: not self.open_dialogs(), timeout=10)
        rows = wait_for(f"the vendors {EXPECTED}", lambda: self.wd.script(
            "return [...document.querySelectorAll('#folder-vendors .folder-vendor')]"
            ".map((li) => [li.dataset.vendor, li.innerText]);"),
            lambda rows: bool(rows) and [r[0] for r in rows] == EXPECTED)
        text = dict(rows)
        log(f"rows: {rows}")
        if "stripe 14.2.0 in package.json" not in text["Stripe"] or "watching" not in text["Stripe"]:
            raise Failure("Stripe watching, 'stripe 14.2.0 in package.json'", text["Stripe"])
        if "Watch Clerk…" not in text["Clerk"] or "@clerk/nextjs 5.0.12 in package.json" not in text["Clerk"]:
            raise Failure("'Watch Clerk…' and '@clerk/nextjs 5.0.12 in package.json'", text["Clerk"])
        if "actions/checkout v4 in .github/workflows/ci.yml" not in text["GitHub"]:
            raise Failure("GitHub's workflow evidence", text["GitHub"])
        if self.args.screenshot:
            self.wd.screenshot(self.args.screenshot)

    def test(self):
        self.step("Xvfb and a session bus", self.environment)
        self.step("Stripe watched (the CLI, at the fake server)", self.stripe_watched)
        self.step("the app, on Add a service", self.start_app)
        self.step("the folder dialog cancelled: nothing shown", self.cancel)
        self.step("the npm fixture chosen: its vendors, why, and Stripe watching", self.choose_project)

    def report_failure(self, error):
        print(f"FAIL at step: {self.current}\n  {error}", file=sys.stderr)
        print(f"--- tail of tauri-driver.log\n{tail(os.path.join(self.logdir, 'tauri-driver.log'))}",
              file=sys.stderr)
        if self.wd and self.wd.session:
            try:
                href, text = self.wd.script("return [location.href, document.body.innerText];")
                print(f"--- window at {href}:\n{text[:1500]}", file=sys.stderr)
            except Exception as err:
                print(f"--- window unreadable: {err}", file=sys.stderr)


def main():
    parser = e2e_arguments(__doc__.splitlines()[0])
    path = os.path.abspath
    parser.add_argument("--screenshot", type=path, help="save a PNG of the suggestions here")
    args = parser.parse_args()
    SETTINGS.verbose = args.verbose
    missing = [p for p in (args.app, args.cli, args.server) if not os.access(p, os.X_OK)]
    if missing or not shutil.which("xdotool"):
        print(f"FAIL: not found: {', '.join(missing) or 'xdotool'}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    tmp = tempfile.mkdtemp(prefix="lookout-suggest-e2e-")
    run, started, code = Run(args, tmp), time.monotonic(), 1
    SETTINGS.deadline = started + BUDGET
    try:
        run.test()
        code = 0
    except Exception as error:
        run.report_failure(error if isinstance(error, Failure) else f"{type(error).__name__}: {error}")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    finally:
        stop_everything(run.wd, run.procs, tmp)
        if args.keep:
            print(f"temp dir kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if code == 0:
        print(f"PASS in {time.monotonic() - started:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
