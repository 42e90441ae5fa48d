#!/usr/bin/env python3
"""End-to-end test of `lookout serve`'s status page in a real browser (headless Chromium driven by
Selenium), against the fake status server's "fleet" (42 made-up vendors, one in major outage).

`lookout add` watches the fleet, `lookout poll` reads it once, `lookout serve` answers on
127.0.0.1 (no token: loopback), and the browser checks:

  - the first provider on `/` is the worst (Umbra Payments, major outage) and no provider is
    listed before a worse one;
  - an incident's page, reached by clicking its title on `/`, shows its whole timeline; a
    provider's page, reached by clicking its name, its components and their 90-day bars;
  - the page's script ran under the Content-Security-Policy (times shown in the reader's zone);
  - the theme follows the system's (a dark background when prefers-color-scheme is dark);
  - each page has its landmarks (header, nav, main, footer), one h1 and its headings in order,
    and every text at a contrast of at least 4.5:1 in both themes (as the browser draws it);
  - nothing scrolls sideways at 360 px wide (scrollWidth <= clientWidth) on any of the pages;
  - the browser's console holds no error (a CSP violation, a failed request, a script error);
  - a new incident (the fake server's incident-life scenario, polled by another `lookout` on the
    same database) appears on the open page without a reload.

With --screenshot FILE it also saves `/` at 1100×1400 as a PNG (what scripts/screenshots-serve
runs to make docs/serve.png).

Chromium and chromedriver are Debian's (apt: chromium chromium-driver), Selenium is PyPI's
(pinned in scripts/install-deps --test). Without Chromium the test says "skipped" and passes,
except in CI (CI=true), where it must run. Run after `cargo build --workspace`:

    python3 tests/e2e/serve_page_e2e.py [--screenshot FILE] [--keep] [--verbose]
"""
import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.request

sys.dont_write_bytecode = True
from headless import (e2e_arguments, BUDGET, SETTINGS, Failure, Processes, free_port, log, make_env, tail,
                      wait_for)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORST = "Umbra Payments"
LIFE_INCIDENT = "Elevated API errors"  # the fake server's incident-life scenario, from stage 1
# The texts drawn at a contrast under 4.5:1: each element holding text, its colour against the
# first opaque background among it and its ancestors.
LOW_CONTRAST = """
const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
const lum = (c) => {
  const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
};
const under = (el) => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c;
  }
  return rgb(getComputedStyle(document.documentElement).backgroundColor);
};
const low = [];
for (const el of document.querySelectorAll('body *')) {
  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
  const fg = rgb(getComputedStyle(el).color), bg = under(el);
  const [a, b] = [lum(fg), lum(bg)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) low.push([el.tagName, el.className, String(fg), String(bg), ratio.toFixed(2)]);
}
return low;
"""
RANK = {"operational": 0, "maintenance": 1, "unknown": 2, "degraded": 3, "partial": 4, "major": 5}


def browser_tools():
    """Chromium and chromedriver, or why they are missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromium-driver", driver)) if not path]
    return chromium, driver, missing


class Run:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs = Processes(self.logdir)
        self.browser = None
        self.base = None

    def cli(self, *args):
        done = subprocess.run([self.args.cli, "--db", self.env["LOOKOUT_DB"], *args], env=self.env,
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise Failure(f"`lookout {' '.join(args)}` to exit 0", (done.stdout + done.stderr).strip())
        return done.stdout

    def fake_server(self, name, scenario):
        self.procs.start(name, [self.args.server, "--port", "0", "--scenario", scenario], self.env)
        out = os.path.join(self.logdir, f"{name}.log")
        return wait_for(f"'listening on …' from {name}", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")

    def serve_the_fleet(self):
        fleet = self.fake_server("fleet-server", "fleet")
        with urllib.request.urlopen(f"{fleet}/_control/pages", timeout=10) as answer:
            slugs = json.load(answer)["pages"]
        for slug in slugs:
            if slug != "gone":  # the fleet's vendor nobody answers for (another server's)
                self.cli("add", f"{fleet}/{slug}/")
        self.cli("poll")
        port = free_port()
        self.procs.start("serve", [self.args.cli, "--db", self.env["LOOKOUT_DB"], "serve",
                                   "--listen", f"127.0.0.1:{port}"], self.env)
        self.base = f"http://127.0.0.1:{port}"
        wait_for(f"lookout serve answering at {self.base}/",
                 lambda: urllib.request.urlopen(f"{self.base}/", timeout=5).status == 200, timeout=30)
        log(f"{len(slugs) - 1} vendors watched, served at {self.base}")

    def start_browser(self, chromium, driver):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1100,1400", "--hide-scrollbars", "--no-first-run"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=driver, log_output=os.path.join(self.logdir, "chromedriver.log"))
        self.browser = webdriver.Chrome(service=service, options=options)
        self.browser.set_page_load_timeout(30)

    def js(self, script, *args):
        return self.browser.execute_script(script, *args)

    def open(self, path):
        self.browser.get(f"{self.base}{path}")
        self.settled(path)

    def settled(self, what):
        """Waits for the page to be loaded and its script to have run (its times made local)."""
        wait_for(f"{what} loaded with its script run", lambda: self.js(
            "return document.readyState === 'complete'"
            " && document.querySelectorAll('time[datetime]').length > 0"
            " && document.querySelectorAll('time[datetime]:not([data-local])').length === 0"))

    def console_errors(self):
        """The console's errors since the last call (and fails on any)."""
        errors = [entry for entry in self.browser.get_log("browser") if entry["level"] == "SEVERE"]
        if errors:
            raise Failure("no error in the browser's console", [e["message"] for e in errors])

    def worst_first(self):
        self.open("/")
        rows = self.js("return [...document.querySelectorAll('li.provider')].map((li) => ["
                       " li.querySelector('h3 a').textContent,"
                       " li.querySelector('h3 .status').className.replace('status s-', '')]);")
        if not rows or rows[0][0] != WORST or rows[0][1] != "major":
            raise Failure(f"{WORST} (major outage) first on /", rows[:3])
        ranks = [RANK[status] for _, status in rows]
        if ranks != sorted(ranks, reverse=True):
            raise Failure("no provider listed before a worse one", rows)
        if self.js("return document.documentElement.lang") != "en":
            raise Failure("<html lang=en>", self.js("return document.documentElement.lang"))
        log(f"{len(rows)} providers, first {rows[0]}")

    def incident_by_click(self):
        from selenium.webdriver.common.by import By
        self.open("/")
        link = self.browser.find_element(By.CSS_SELECTOR, "li.provider .incident-title")
        title = link.text
        link.click()
        wait_for("an incident's page after the click", lambda: "/incidents/" in self.browser.current_url)
        self.settled("the incident's page")
        heading = self.browser.find_element(By.TAG_NAME, "h1").text
        if heading != title:
            raise Failure(f"the incident's page titled {title!r}", heading)
        updates = self.browser.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
        if not updates or not all(u.find_element(By.CSS_SELECTOR, ".when strong").text for u in updates):
            raise Failure("the incident's timeline, each update with its status", [u.text for u in updates])
        self.browser.find_element(By.CSS_SELECTOR, "p.facts a").click()
        wait_for("the provider's page after the click", lambda: "/providers/" in self.browser.current_url)
        self.settled("the provider's page")
        bars = self.browser.find_elements(By.CSS_SELECTOR, "ul.component-history .bars")
        if not bars:
            raise Failure("the provider's components with their 90-day bars", self.js("return document.body.innerText")[:500])
        log(f"{title!r}: {len(updates)} updates; its provider: {len(bars)} components")
        return self.js("return location.pathname")

    def accessible(self, paths):
        """Each page, in the light and the dark theme: its landmarks (one header, nav, main and
        footer), one h1 and no heading level skipped, and every text at a contrast of at least
        4.5:1 on the background it is drawn on (computed by the browser, WCAG's formula)."""
        for path in paths:
            self.open(path)
            landmarks = self.js("return ['body > header', 'body > nav', 'body > main', 'body > footer']"
                                ".map((s) => document.querySelectorAll(s).length);")
            levels = self.js("return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                             ".map((h) => Number(h.tagName[1]));")
            skipped = [pair for pair in zip(levels, levels[1:]) if pair[1] > pair[0] + 1]
            if landmarks != [1, 1, 1, 1] or levels[:1] != [1] or levels.count(1) != 1 or skipped:
                raise Failure(f"{path}: header, nav, main, footer once each, one h1, headings in order",
                              (landmarks, levels))
            for theme in ("light", "dark"):
                self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "features": [{"name": "prefers-color-scheme", "value": theme}]})
                low = self.js(LOW_CONTRAST)
                if low:
                    raise Failure(f"{path} ({theme}): every text at 4.5:1 or more", low[:5])
            self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
            log(f"{path}: landmarks, headings {levels[:6]}…, contrast ok in both themes")

    def theme_follows_the_system(self):
        background = "return getComputedStyle(document.body).backgroundColor"
        self.open("/")
        light = self.js(background)
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        dark = self.js(background)
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "light"}]})
        if light != "rgb(255, 255, 255)" or dark == light:
            raise Failure("a white page in the light theme and a dark one in the dark theme", (light, dark))
        log(f"light {light}, dark {dark}")

    def no_sideways_scroll(self, paths):
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
        try:
            for path in paths:
                self.open(path)
                widths = self.js("return [document.documentElement.scrollWidth,"
                                 " document.documentElement.clientWidth, window.innerWidth];")
                if widths[2] != 360 or widths[0] > widths[1]:
                    raise Failure(f"{path} 360 px wide without sideways scroll (scrollWidth <= clientWidth)",
                                  widths)
                log(f"{path} at 360 px: {widths}")
        finally:
            self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def live(self):
        """A vendor's new incident, stored by another `lookout` on the same database, shown on the
        open page without reloading it (its script follows /api/v1/events)."""
        life = self.fake_server("life-server", "incident-life")
        self.cli("add", f"{life}/acme/", "--name", "Acme")
        self.open("/")
        self.js("window.sameDocument = true;")
        if LIFE_INCIDENT in self.js("return document.querySelector('main').textContent"):
            raise Failure(f"no {LIFE_INCIDENT!r} before the vendor posts it", "it is there")
        urllib.request.urlopen(urllib.request.Request(f"{life}/_control/stage/1", method="POST"), timeout=10)
        self.cli("poll")
        wait_for(f"{LIFE_INCIDENT!r} on the open page, without a reload", lambda: self.js(
            "return [window.sameDocument === true,"
            " document.querySelector('main').textContent.includes(arguments[0])];", LIFE_INCIDENT),
            lambda seen: seen == [True, True], timeout=30)
        log(f"{LIFE_INCIDENT!r} shown live")

    def screenshot(self, path):
        self.open("/")
        self.browser.set_window_size(1100, 1400)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        self.browser.save_screenshot(path)
        log(f"saved {path} ({os.path.getsize(path)} bytes)")

    def test(self, chromium, driver):
        self.serve_the_fleet()
        self.start_browser(chromium, driver)
        self.worst_first()
        provider_path = self.incident_by_click()
        incident_path = self.js("return document.querySelector('a[href^=\"/incidents/\"]')"
                                " && new URL(document.querySelector('a[href^=\"/incidents/\"]').href).pathname")
        self.theme_follows_the_system()
        self.accessible(["/", provider_path] + ([incident_path] if incident_path else []))
        self.no_sideways_scroll(["/", provider_path] + ([incident_path] if incident_path else []))
        self.console_errors()
        if self.args.screenshot:
            self.screenshot(self.args.screenshot)
            self.console_errors()
        self.live()
        self.console_errors()

    def shutdown(self):
        if self.browser:
            try:
                self.browser.quit()
            except Exception as error:
                log(f"cannot stop the browser: {error}")
        self.procs.stop_all()


def main():
    parser = e2e_arguments(__doc__.splitlines()[0], app=False)
    path = os.path.abspath
    parser.add_argument("--screenshot", type=path, help="save / at 1100×1400 as this PNG")
    args = parser.parse_args()
    SETTINGS.verbose = args.verbose
    chromium, driver, missing = browser_tools()
    if missing:
        if os.environ.get("CI") == "true":
            print(f"FAIL serve page e2e: {', '.join(missing)} missing in CI: scripts/install-deps --test",
                  file=sys.stderr)
            return 1
        print(f"skipped: serve page e2e ({', '.join(missing)} not installed: scripts/install-deps --test)")
        return 0
    try:
        import selenium  # noqa: F401  (PyPI, pinned by scripts/install-deps --test)
    except ImportError:
        print("FAIL serve page e2e: PyPI selenium missing: scripts/install-deps --test", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    tmp = tempfile.mkdtemp(prefix="lookout-serve-page-")
    run, started, code = Run(args, tmp), time.monotonic(), 1
    SETTINGS.deadline = started + BUDGET
    try:
        run.test(chromium, driver)
        code = 0
        print(f"PASS serve page e2e in {time.monotonic() - started:.1f} s")
    except Exception as error:
        print(f"FAIL serve page e2e: {error}", file=sys.stderr)
        for name in ("serve.log", "fleet-server.log", "life-server.log", "chromedriver.log"):
            print(f"--- tail of {name}\n{tail(os.path.join(run.logdir, name))}", file=sys.stderr)
    finally:
        run.shutdown()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
