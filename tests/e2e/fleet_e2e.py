#!/usr/bin/env python3
"""End-to-end test of the window with forty-two vendors (issue 30), against the real app.

The fake status server serves its "fleet" (42 made-up vendors: one critical incident, two major,
three minor, one of no impact, a maintenance in progress and one upcoming, the rest calm, some
with 16 components in groups and long names); `lookout add` watches all of them; one page then
answers 503 and one server is stopped (nothing listens). The real app, under Xvfb with a private
D-Bus, is then checked at 1280×800 and at 1920×1080:

  - the first overview rows are the broken vendors in impact order, and with the calm ones
    unfolded at least 20 rows are visible without scrolling;
  - no component row is taller than one line (measured from the DOM), on the overview and on a
    provider page with 16 components;
  - the page answering 503 and the one nobody answers say "the last check failed" on their rows
    within two poll intervals, never "checked just now";
  - no view's text holds "null", "undefined", "NaN" or a raw platform id;
  - the tray menu's first item is at most 80 characters;
  - a vendor snoozed for 8 h (`lookout snooze`) wears "snoozed · 8 h left" on its row and in the
    tray, whose "Unsnooze Kite Mail (8 h left)" then takes the badge away (issue 30, item 5);
  - the maintenance in progress says "ends in 2 h" and what it covers, no maintenance row's
    window runs into its status, and the upcoming one is on its vendor's row (item 8);
  - "git" in Add offers GitHub first in tiles of one height, and a fleet page's URL says
    "Already watching …" with a link to its page before any check (item 7).

With --screenshots DIR it also saves every view (overview, incidents, maintenance, your services,
add a service, settings, a provider, an incident) at both sizes, light and dark (the app started
again with a dark GTK theme), as DIR/<view>-<width>x<height>-<theme>.png, read from the X server
(window_shot.py) — what scripts/screenshots runs to make docs/screenshots/. Each theme's pictures
have a time budget of their own. With --save-overview FILE it saves the `overview` command's
answer (what scripts/bench_overview.py makes its 500 providers from).

Run after `cargo build --workspace` (the same needs as app_e2e.py):

    python3 tests/e2e/fleet_e2e.py [--screenshots DIR] [--save-overview FILE] [--keep] [--verbose]
"""
import argparse, json, os, re, signal, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True
from headless import (e2e_arguments, BUDGET, SETTINGS, Failure, Processes, free_port, log, make_env, start_bus,
                      start_xvfb, stop_everything, tail, wait_for)
from tray_bus import Tray
import fleet_shots
from fleet_shots import SIZES, VIEWS
from webdriver import WebDriver, http

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The troubled vendors by impact, worst first: the order the overview must give them in (within
# an impact, the newest problem first).
BY_IMPACT = [["Umbra Payments"], ["Vertex Auth", "Northwind Cloud"], ["Orbit CI", "Kite Mail", "Lumen CDN"]]
WORST = BY_IMPACT[0][0]
WORST_SLUG = "umbra-pay"  # its page on the fleet server (fleet.rs)
FAILING = {"Basalt Queue": "down-503", "Cinder Logs": "gone"}
MANY_COMPONENTS = "Mesa Compute Platform"  # 16 components in three groups (fleet.rs)
SNOOZED = "Kite Mail"  # snoozed for 8 h before the app starts
# Your services (`[[services]]`, applied before the app starts): Checkout uses the worst vendor,
# Signup a calm one.
SERVICES = """
[[services]]
name = "Checkout"
criticality = "high"
depends_on = [{ provider = "Umbra Payments" }]

[[services]]
name = "Signup"
depends_on = [{ provider = "Acorn AI" }]
"""
UPCOMING = "Quill Docs"  # its maintenance starts in 26 h (fleet.rs)
INTERVAL = 10  # s between polls of every provider
RAW_WORDS = re.compile(r"\b(null|undefined|NaN|incident_io|betterstack|statusio|salesforce_trust|gcp)\b")



class Fleet:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs = Processes(self.logdir)
        self.wd = self.tray = None
        self.ids = {}

    def cli(self, *args):
        done = subprocess.run([self.args.cli, "--db", self.env["LOOKOUT_DB"], *args], env=self.env,
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise Failure(f"`lookout {' '.join(args)}` to exit 0", (done.stdout + done.stderr).strip())
        return done.stdout

    def server(self, name):
        self.procs.start(name, [self.args.server, "--port", "0", "--scenario", "fleet"], self.env)
        out = os.path.join(self.logdir, f"{name}.log")
        return wait_for(f"'listening on …' from {name}", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")

    def watch_the_fleet(self):
        main, spare = self.server("fleet-server"), self.server("spare-server")
        self.main = main
        slugs = http("GET", f"{main}/_control/pages")["pages"]
        if len(slugs) != 42:
            raise Failure("42 pages on the fleet server", slugs)
        for slug in slugs:
            base = spare if slug == "gone" else main
            self.cli("add", f"{base}/{slug}/", "--interval", str(INTERVAL))
        listed = json.loads(self.cli("list", "--json"))
        self.ids = {p["name"]: p["id"] for p in listed}
        if len(self.ids) != 42:
            raise Failure("42 providers in `lookout list --json`", sorted(self.ids))
        self.cli("snooze", SNOOZED, "8h")
        team = os.path.join(self.tmp, "team.toml")
        with open(team, "w") as file:
            file.write(self.cli("config", "export") + SERVICES)
        self.cli("config", "apply", team)
        http("POST", f"{main}/_control/fail/down-503/503")
        spare_proc = next(proc for name, proc in self.procs.started if name == "spare-server")
        os.killpg(spare_proc.pid, signal.SIGTERM)
        spare_proc.wait(10)
        log("fleet watched; down-503 answers 503, the spare server (gone) is stopped")

    def start_app(self, dark=False):
        env = dict(self.env, GTK_THEME="Adwaita:dark") if dark else self.env
        port, native = free_port(), free_port()
        driver = os.path.expanduser("~/.cargo/bin/tauri-driver")
        self.procs.start(f"tauri-driver{'-dark' if dark else ''}", [
            driver if os.path.exists(driver) else "tauri-driver", "--port", str(port),
            "--native-port", str(native)], env)
        wait_for(f"WebKitWebDriver on port {native}",
                 lambda: __import__("socket").create_connection(("127.0.0.1", native), 1).close() or True,
                 timeout=20)
        self.wd = WebDriver(port, self.args.app)
        self.tray = Tray(self.env)

    def size(self, width, height):
        self.wd.call("POST", "/window/rect", {"x": 0, "y": 0, "width": width, "height": height})
        wait_for(f"a {width}×{height} window", lambda: self.wd.script(
            "return [window.innerWidth, window.innerHeight];"), lambda got: got == [width, height])

    def go(self, hash_, ready):
        self.wd.script("window.location.hash = arguments[0];", hash_)
        wait_for(f"{ready} at {hash_}", lambda: self.wd.script(
            "return document.querySelectorAll(arguments[0]).length;", ready), lambda n: n > 0)

    def rows(self):
        return self.wd.script(
            "return [...document.querySelectorAll('.provider-row')].map((r) => {"
            " const b = r.getBoundingClientRect();"
            " return [r.querySelector('.row-name').textContent, b.top, b.bottom,"
            " r.querySelector('.row-read').textContent]; });")

    def failures_shown(self):
        """The failing vendors say so on their rows within two intervals of the app's start."""
        self.go("#/overview", ".provider-row")
        def failing():
            rows = {name: read for name, _, _, read in self.rows()}
            return {name: rows.get(name, "") for name in FAILING}
        said = wait_for("both failing vendors saying 'the last check failed'", failing,
                        lambda got: all("the last check failed" in t for t in got.values()),
                        timeout=2 * INTERVAL + 15)
        for name, text in said.items():
            if "checked" in text:
                raise Failure(f"{name} never 'checked …' after a failed check", text)
        log(f"failing rows: {said}")

    def overview_at(self, width, height):
        self.size(width, height)
        self.go("#/overview", ".provider-row")
        names = [name for name, *_ in self.rows()]
        wanted = [name for group in BY_IMPACT for name in group]
        if names[:len(wanted)] != wanted:
            raise Failure(f"the first rows {wanted}", names[:len(wanted) + 2])
        self.wd.script("const d = document.querySelector('.calm-fold'); if (d) d.open = true;")
        visible = [name for name, top, bottom, _ in self.rows() if top >= 0 and bottom <= height]
        if len(visible) < 20:
            raise Failure(f"at least 20 rows visible at {width}×{height}", f"{len(visible)}: {visible}")
        log(f"{width}×{height}: {len(visible)} rows visible; first {names[:6]}")
        self.one_line_components(f"#/provider/{self.ids[MANY_COMPONENTS]}", ".component-choice")
        self.go("#/overview", ".provider-row")
        self.wd.script("for (const t of document.querySelectorAll('.row-toggle')) t.click();")
        self.one_line_components(None, ".provider-row .component-line")
        self.wd.script("for (const t of document.querySelectorAll('.row-toggle')) t.click();")

    def one_line_components(self, hash_, css):
        if hash_:
            self.go(hash_, css)
        heights = self.wd.script(
            "return [...document.querySelectorAll(arguments[0])].map((c) => [c.textContent,"
            " c.getBoundingClientRect().height, parseFloat(getComputedStyle(c).lineHeight)"
            " || parseFloat(getComputedStyle(c).fontSize) * 1.45]);", css)
        tall = [(text, h) for text, h, line in heights if h > line * 1.5 + 4]
        if not heights or tall:
            raise Failure(f"every {css} one line high", tall or "no component rows")
        log(f"{len(heights)} component rows of {css}, each one line")

    def no_raw_words(self):
        first = self.ids[WORST]
        incident = self.wd.script("const a = document.querySelector('.incident-row');"
                                  " return a && a.getAttribute('href');")
        pages = [f"#/{v}" for v in VIEWS] + [f"#/provider/{first}"] + ([incident] if incident else [])
        for hash_ in pages:
            self.wd.script("window.location.hash = arguments[0];", hash_)
            time.sleep(1.0)
            text = self.wd.script("return document.body.innerText;")
            found = RAW_WORDS.findall(text)
            if found:
                raise Failure(f"no null/undefined/raw platform id at {hash_}", sorted(set(found)))
        log(f"no raw words in {len(pages)} views")

    def save_overview(self):
        """The `overview` command's answer, as the window gets it, into --save-overview's file
        (scripts/bench_overview.py makes its 500 providers from these 42)."""
        answer = self.wd.call("POST", "/execute/async", {"args": [], "script":
            "const done = arguments[0]; window.__TAURI__.core.invoke('overview')"
            ".then(done, (e) => done({ error: String(e && e.message || e) }));"})
        if not isinstance(answer, dict) or len(answer.get("providers", [])) != 42:
            raise Failure("the overview command answering 42 providers", str(answer)[:300])
        with open(self.args.save_overview, "w") as out:
            json.dump(answer, out, indent=1, sort_keys=True)
            out.write("\n")
        log(f"overview saved to {self.args.save_overview}")

    def tray_line(self):
        first = wait_for("the tray's first menu item", lambda: self.tray.labels()[0])
        if len(first) > 80:
            raise Failure("the tray menu's first item ≤ 80 characters", f"{len(first)}: {first!r}")
        log(f"tray first item ({len(first)} chars): {first!r}")

    def services_lead(self):
        """The tray's tooltip line and menu lead with the service the worst vendor affects."""
        first = wait_for("the tray leading with Checkout", lambda: self.tray.labels()[0],
                         lambda got: got.startswith("Checkout affected — Umbra Payments"))
        labels = self.tray.labels()
        if any(label.startswith("Signup affected") for label in labels):
            raise Failure("Signup (a calm vendor's) not affected in the tray", labels)
        self.go("#/services", ".service-row")
        states = self.wd.script("return [...document.querySelectorAll('.service-row')].map((r) =>"
                                " r.querySelector('.row-name').textContent + ': ' +"
                                " r.querySelector('.service-state').textContent);")
        if len(states) != 2 or not states[0].startswith("Checkout: Affected since") \
                or states[1] != "Signup: Fine":
            raise Failure("Your services: Checkout affected first, Signup fine", states)
        # The editor refuses a provider not watched, with its line and the closest name.
        self.wd.script("document.querySelector('.services-edit').open = true;"
                       "const area = document.querySelector('.services-editor');"
                       "area.value = area.value.replace('Acorn AI', 'Acorn A');"
                       "[...document.querySelectorAll('.services-edit button')]"
                       ".find((b) => b.textContent === 'Save services').click();")
        refusal = wait_for("the editor's refusal", lambda: self.wd.script(
            "return document.querySelector('.services-edit .form-status').textContent;"),
            lambda got: "no provider" in got)
        if "services:" not in refusal or "closest: Acorn AI" not in refusal:
            raise Failure("the refusal naming its line and the closest provider", refusal)
        log(f"tray leads with {first!r}; Your services: {states}; editor: {refusal!r}")

    def services_form(self):
        """Settings → Your services: the form shows the services; one added there (a rule that
        alerts whenever it is affected) is stored, as `lookout services --json` says."""
        self.go("#/settings", "#services-form .service-editor")
        shown = self.wd.script("return [...document.querySelectorAll('#services-form .service-editor')]"
                               ".map((e) => e.querySelector('.service-name').value + ':' +"
                               " e.querySelector('.service-criticality').value);")
        if shown != ["Checkout:high", "Signup:normal"]:
            raise Failure("the form showing Checkout (high) and Signup", shown)
        self.wd.script(
            "document.querySelector('#services-form-add').click();"
            "const editor = [...document.querySelectorAll('#services-form .service-editor')].pop();"
            "const set = (el, value) => { el.value = value;"
            " el.dispatchEvent(new Event('input', { bubbles: true }));"
            " el.dispatchEvent(new Event('change', { bubbles: true })); };"
            "set(editor.querySelector('.service-name'), 'Refunds');"
            f"set(editor.querySelector('.service-provider'), {json.dumps(WORST)});"
            "editor.querySelector('.service-alert').checked = true;"
            "document.querySelector('#services-form-save').click();")
        wait_for("the form saved", lambda: self.wd.script(
            "return document.querySelector('#services-form-status').textContent;"),
            lambda got: got == "Saved.")
        stored = {s["name"]: s["affected"] for s in json.loads(self.cli("services", "--json"))}
        if stored != {"Checkout": True, "Signup": False, "Refunds": True}:
            raise Failure("Refunds stored and affected through the worst vendor", stored)
        log(f"Settings → Your services saved Refunds: {stored}")

    def badges(self):
        """The snoozed vendor's badge on its row and in the tray; unsnoozed from the tray."""
        self.go("#/overview", ".provider-row")
        badge = "return [...document.querySelectorAll('.provider-row')].filter((r) =>" \
            " r.querySelector('.row-name').textContent === arguments[0]).map((r) =>" \
            " [...r.querySelectorAll('.user-badge')].map((b) => { const e = b.getBoundingClientRect();" \
            " const h = r.querySelector('.row-headline').getBoundingClientRect();" \
            " const seen = e.width > 0 && e.left >= h.left && e.right <= h.right;" \
            " return b.textContent + (seen ? '' : ' (not seen on the row)'); }).join('|'));"
        shown = wait_for(f"{SNOOZED}'s row wearing its snooze", lambda: self.wd.script(badge, SNOOZED),
                         lambda got: got == ["snoozed · 8 h left"])
        unsnooze = f"Unsnooze {SNOOZED} (8 h left)"
        labels = wait_for("the tray offering to unsnooze", self.tray.labels, lambda got: unsnooze in got)
        problem = [label for label in labels if label.startswith(f"{SNOOZED}: ")]
        if not problem or not problem[0].endswith(" · snoozed"):
            raise Failure(f"the tray's {SNOOZED} entry saying 'snoozed'", problem)
        self.tray.click(unsnooze)
        wait_for(f"{SNOOZED}'s badge gone after Unsnooze", lambda: self.wd.script(badge, SNOOZED),
                 lambda got: got == [""])
        log(f"{SNOOZED}: {shown[0]!r} on its row, {problem[0]!r} and {unsnooze!r} in the tray; unsnoozed")

    def maintenance(self):
        """'ends in 2 h' and what it covers, windows clear of the status, the next on its row."""
        self.go("#/maintenance", ".maintenance-row")
        rows = self.wd.script(
            "return [...document.querySelectorAll('.maintenance-row')].map((r) => {"
            " const w = r.querySelector('.row-window').getBoundingClientRect();"
            " const s = r.querySelector('.row-status').getBoundingClientRect();"
            " const c = r.querySelector('.row-covers');"
            " return [r.querySelector('.row-window').innerText, c ? c.textContent : '', w.right, s.left]; });")
        running = [r for r in rows if "ends in" in r[0]]
        if not running or "ends in 2 h" not in running[0][0] or not running[0][1].startswith("Affects "):
            raise Failure("the maintenance in progress saying 'ends in 2 h' and 'Affects …'", rows)
        clashing = [r for r in rows if r[2] > r[3] + 0.5]
        if clashing:
            raise Failure("every maintenance window clear of its status column", clashing)
        self.go("#/overview", ".provider-row")
        self.wd.script("const d = document.querySelector('.calm-fold'); if (d) d.open = true;")
        upcoming = self.wd.script(
            "const r = [...document.querySelectorAll('.provider-row')].find((r) =>"
            " r.querySelector('.row-name').textContent === arguments[0]);"
            " const u = r && r.querySelector('.row-upcoming'); return u ? u.textContent : null;", UPCOMING)
        if not upcoming or not upcoming.startswith("Maintenance "):
            raise Failure(f"{UPCOMING}'s row announcing its maintenance", upcoming)
        log(f"maintenance: {running[0][0]!r}, {running[0][1]!r}; {UPCOMING}'s row: {upcoming!r}")

    def adding(self):
        """'git' ranks GitHub first in tiles of one height; a watched URL says so before a check."""
        self.go("#/add", ".catalog-entry")
        self.wd.type("#add-search", "git")
        names = wait_for("the catalogue's answer to 'git'", lambda: self.wd.texts(".catalog-entry .entry-name"),
                         lambda got: "GitBook" in got)  # not the popular picks shown before
        if names[0] != "GitHub" or not names.index("GitHub") < names.index("GitBook") < names.index("GitGuardian"):
            raise Failure("'git' offering GitHub first, then GitBook and GitGuardian after it", names)
        heights = self.wd.script("return [...document.querySelectorAll('.catalog-entry')]"
                                 ".map((e) => Math.round(e.getBoundingClientRect().height));")
        if len(set(heights)) != 1:
            raise Failure("every catalogue tile the same height", heights)
        self.wd.type("#add-search", f"{self.main}/{WORST_SLUG}/")
        note = wait_for("'Already watching …' for a fleet page's URL",
                        lambda: self.wd.texts("#already-watching"), lambda got: bool(got))
        if note[0] != f"Already watching {WORST} — open it" or self.wd.texts("#add-preview .preview"):
            raise Failure(f"'Already watching {WORST} — open it', no preview read", note)
        self.wd.click("#open-watched")
        wait_for(f"{WORST}'s page opened from the note", lambda: self.wd.script("return location.hash;"),
                 lambda got: got == f"#/provider/{self.ids[WORST]}")
        log(f"add: 'git' → {names[:4]}, tiles {heights[0]} px high; {note[0]!r} opens its page")

    def test(self):
        start_xvfb(self.procs, self.env, screen="1920x1080x24")
        start_bus(self.procs, self.env, self.logdir)
        self.watch_the_fleet()
        self.start_app()
        self.tray.wait_status("major_outage")
        self.failures_shown()
        if self.args.save_overview:
            self.save_overview()
        for width, height in SIZES:
            self.overview_at(width, height)
        self.no_raw_words()
        self.tray_line()
        self.services_lead()
        self.services_form()
        self.badges()
        self.maintenance()
        self.adding()
        if self.args.screenshots:
            fleet_shots.every_view(self, "light", self.ids[WORST])
            self.wd.close()
            self.start_app(dark=True)
            self.tray.wait_status("major_outage")
            fleet_shots.every_view(self, "dark", self.ids[WORST])

    def shutdown(self):
        stop_everything(self.wd, self.procs, self.tmp)


def main():
    parser = e2e_arguments(__doc__.splitlines()[0])
    path = os.path.abspath
    parser.add_argument("--screenshots", type=path, help="save every view, both sizes and themes, here")
    parser.add_argument("--save-overview", type=path, metavar="FILE",
                        help="save the overview command's answer (42 providers) as JSON here")
    args = parser.parse_args()
    SETTINGS.verbose = args.verbose
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    tmp = tempfile.mkdtemp(prefix="lookout-fleet-")
    run, started, code = Fleet(args, tmp), time.monotonic(), 1
    SETTINGS.deadline = started + BUDGET
    try:
        run.test()
        code = 0
        print(f"PASS fleet e2e in {time.monotonic() - started:.1f} s")
    except Exception as error:
        print(f"FAIL fleet e2e: {error}", file=sys.stderr)
        for name in ("fleet-server.log", "tauri-driver.log"):
            print(f"--- tail of {name}\n{tail(os.path.join(run.logdir, name))}", file=sys.stderr)
        if run.wd and run.wd.session:
            try:
                print(run.wd.script("return document.body.innerText;")[:1500], file=sys.stderr)
            except Exception:
                pass
    finally:
        run.shutdown()
        if args.keep:
            print(f"kept {tmp}")
    return code


if __name__ == "__main__":
    sys.exit(main())
