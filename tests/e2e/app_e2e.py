#!/usr/bin/env python3
"""End-to-end test of the real Lookout desktop app, headless, on Linux (Debian 12).

What it proves: with one provider watched (the fake status server's "incident-life" scenario)
and a webhook receiver of its own (webhook_receiver.py), the running app
  1. polls it and turns its tray icon operational (green), with the expected tray menu;
  2. after "Refresh now" in the tray menu, sees the new incident: a desktop notification naming
     "Elevated API errors" and a degraded (yellow) icon;
     clicking that notification (dunst's default action) opens the incident in the window;
  3. follows it to a partial outage: orange icon, and the menu's status line says so;
  4. shows it in the window: the row on #/incidents opens the detail, with its title and a
     timeline of at least two updates, the newest "identified", and "Follow updates" follows it
     (driven over WebDriver);
     Acme's page shows its History: the reliability card counting 1 incident, the provider's bar
     of 90 days whose last cell (today) is a partial outage naming "Elevated API errors
     (ongoing)" in its label and, once focused, in the details line under the bar, and a bar
     for the component "API" with its uptime; a second launch, `lookout-app --show incidents`,
     moves the window to #/incidents, where a word found only in an update's body ("rolled")
     lists the incident, after a word found nowhere listed none;
  5. takes a signed webhook destination on #/settings (kind, URL, name, secret typed into the
     form) and its "Send test" reaches the receiver: kind "test", "Lookout test alert",
     X-Lookout-Delivery == the body's delivery_id, X-Lookout-Signature == the body's HMAC-SHA256;
  6. snoozes the provider from the tray menu (Snooze → "Acme for 1 hour"), as the CLI then sees
     (`lookout rules show --json`: snoozed_until about an hour ahead); the CLI unsnoozes it
     (`lookout snooze Acme off`);
  7. notifies that it is resolved and goes back to green, and delivers that alert, signed, to the
     webhook destination (kind "provider", "Acme: resolved"); Acme's reliability card then gives
     the resolved incident's mean and median duration (30 min) and names it as the longest;
  8. with a probe added by the CLI (`lookout probe add Acme <a URL of the webhook receiver, another
     host than the page, that answers 404> --every 10`) while the page says operational, turns Acme into a suspected outage: a
     purple (suspected) tray icon, the "Suspected outage" badge on Acme's card and in the window's
     header, the signed webhook alert "Acme: suspected outage", and on Acme's page the badge and
     the probe "failing N in a row: HTTP 404 (expected 2xx)"; `lookout probe remove` then clears
     it (removing the last failing probe ends the suspicion: icon green, badge gone, "Acme:
     suspicion withdrawn" delivered, not "probes pass again");
  9. adds a probe in the Probes form of Acme's page (first refused: the backend's message for an
     unknown expectation is shown as is), lists it, removes it behind its confirmation, as the
     CLI then sees (`lookout probe list --json` empty).
The tray (StatusNotifierItem + dbusmenu, submenus included) and the notifications are observed on
a private D-Bus session bus; the window is driven through tauri-driver; the app and the CLI share
one database. Nothing is mocked inside the app.

Run (after `cargo build --workspace`; needs Xvfb, dbus-daemon, dbus-monitor, busctl,
WebKitWebDriver and tauri-driver 2.x in ~/.cargo/bin or on PATH; dunst is used if installed):

    python3 tests/e2e/app_e2e.py [--screenshot detail.png] [--history-screenshot history.png]
                                 [--probes-screenshot probes.png] [--overview-screenshot overview.png]
                                 [--keep] [--verbose]
                                 [--app PATH] [--cli PATH] [--server PATH]

Everything runs under a fresh temporary HOME/XDG dirs (never the real home folder); every process
started is stopped at the end, even on failure or SIGTERM. Exit code 0 = pass, 1 = fail.

This file owns the scenario (`Run`) and the command line (`main`); the headless environment and
waiting are in headless.py, the tray and notifications on D-Bus in tray_bus.py, the window's
WebDriver client in webdriver.py, and the webhook receiver in webhook_receiver.py.
"""
import argparse, datetime, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True  # importing the modules beside this one leaves no __pycache__
from headless import (e2e_arguments, BUDGET, SETTINGS, Failure, Processes, free_port, log, make_env, start_bus,
                      start_xvfb, stop_everything, tail, wait_for)
from tray_bus import Tray, notifications
from webdriver import WebDriver, http
from webhook_receiver import Receiver

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INCIDENT = "Elevated API errors"
MENU_LABELS = ("Open Lookout", "Refresh now", "Pause notifications", "Start at login", "Quit Lookout")
SINK_NAME, SECRET = "e2e", "e2e-secret"
SNOOZE_LABELS = ("Snooze", "Acme for 1 hour", "Acme until resolved")
BODY_WORD = "rolled"  # only in the body of the "identified" update ("a fix is being rolled out")
HISTORY_DAYS = 90
FAILING_PATH = "/no-such-page"  # the webhook receiver answers 404 to any GET
QUIT_WITHIN = 5  # s: the tray's Quit to the process gone, a poll in flight (issue 24)
SUSPECTED_WAIT = 45  # s: a probe's first run within the loop's 5 s rescan, then 2 more 10 s apart


class Run:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs, self.timings, self.current = Processes(self.logdir), [], "(setup)"
        self.notif_log = os.path.join(self.logdir, "dbus-monitor.log")
        self.wd = self.tray = self.server = self.receiver = None

    def step(self, name, fn, *args):
        print(f"- {name} ...", flush=True)
        self.current, start = name, time.monotonic()
        fn(*args)
        self.timings.append((name, time.monotonic() - start))

    def environment(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)
        self.receiver = Receiver()

    def cli(self, *args, expect=None):
        """Runs `lookout --db <db> args…`; fails unless it exits 0 (and prints expect)."""
        done = subprocess.run([self.args.cli, "--db", self.env["LOOKOUT_DB"], *args], env=self.env,
                              capture_output=True, text=True, timeout=30)
        if done.returncode != 0 or (expect and expect not in done.stdout):
            raise Failure(f"{expect or 'exit code 0'!r} from `lookout {' '.join(args)}`",
                          f"exit code {done.returncode}: {(done.stdout + done.stderr).strip()}")
        log(f"lookout {' '.join(args)}: {done.stdout.strip()[:300]}")
        return done.stdout

    def acme_rules(self):
        return json.loads(self.cli("rules", "show", "--json"))["providers"]["Acme"]

    def server_and_provider(self):
        self.procs.start("fake-status-server", [self.args.server, "--port", "0", "--scenario",
                                                "incident-life"], self.env)
        out = os.path.join(self.logdir, "fake-status-server.log")
        self.server = wait_for("'listening on http://…' from the fake server", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")
        self.cli("add", self.server + "/acme/", "--interval", "10", expect="added Acme")

    def start_app(self):
        port, native, driver = free_port(), free_port(), os.path.expanduser("~/.cargo/bin/tauri-driver")
        self.procs.start("tauri-driver", [driver if os.path.exists(driver) else "tauri-driver", "--port",
                                          str(port), "--native-port", str(native)], self.env)
        wait_for(f"WebKitWebDriver listening on port {native}",
                 lambda: socket.create_connection(("127.0.0.1", native), 1).close() or True, timeout=20)
        self.wd = WebDriver(port, self.args.app)
        self.tray = Tray(self.env)

    def first_poll(self):
        self.tray.wait_status("operational")
        labels = self.tray.labels()
        if not all(wanted in labels for wanted in MENU_LABELS):
            raise Failure(f"tray menu items {MENU_LABELS}", labels)

    def advance(self, stage, notified, icon, status_line=None):
        """Moves the fake server to stage, clicks "Refresh now" and waits for what must follow."""
        seen = len(notifications(self.notif_log))
        http("POST", f"{self.server}/_control/stage/{stage}")
        now = http("GET", f"{self.server}/_control/stage")
        if now.get("stage") != stage:
            raise Failure(f"the fake server at stage {stage}", now)
        self.tray.click("Refresh now")
        if notified:
            wait_for(f"a new Notify mentioning {notified!r}", lambda: notifications(self.notif_log)[seen:],
                     lambda new: any(notified in " | ".join(n) for n in new))
        self.tray.wait_status(icon)
        if status_line:
            wait_for(f"the tray menu's status line containing {status_line!r}",
                     lambda: self.tray.labels()[0], lambda line: status_line in line)

    def click_notification(self):
        """Clicks the newest notification (dunst performs its default action): the window must
        open that incident."""
        done = subprocess.run(["dunstctl", "action", "0"], env=self.env, capture_output=True,
                              text=True, timeout=10)
        if done.returncode != 0:
            raise Failure("`dunstctl action 0` to succeed", done.stderr or done.stdout)
        wait_for("the window at #/incident/<provider>/<incident>",
                 lambda: self.wd.script("return window.location.hash;"),
                 lambda hash_: bool(re.match(r"#/incident/\d+/\S+", hash_ or "")))
        wait_for(f"#incident-title text == {INCIDENT!r}", lambda: self.wd.texts("#incident-title"),
                 lambda texts: texts == [INCIDENT])

    def window(self):
        self.wd.script("window.location.hash = '#/incidents';")
        wait_for(f"an .incident-row containing {INCIDENT!r} on #/incidents",
                 lambda: self.wd.texts(".incident-row"), lambda rows: any(INCIDENT in r for r in rows))
        self.wd.click_with_text(".incident-row", INCIDENT)
        try:
            wait_for(f"#incident-title text == {INCIDENT!r}", lambda: self.wd.texts("#incident-title"),
                     lambda texts: texts == [INCIDENT])
            updates = wait_for("≥ 2 '#timeline .timeline-update', one saying 'identified'",
                               lambda: self.wd.texts("#timeline .timeline-update"), lambda texts:
                               len(texts) >= 2 and any("identified" in t.lower() for t in texts))
            log(f"timeline: {[u[:50] for u in updates]}")
            self.wd.click("#follow-incident")
            wait_for("#follow-incident pressed (the incident followed)", lambda: self.wd.script(
                "const b = document.querySelector('#follow-incident');"
                " return b && b.getAttribute('aria-pressed');"), lambda pressed: pressed == "true")
        finally:
            if self.args.screenshot:
                self.wd.screenshot(self.args.screenshot)

    def history(self):
        """Acme's page: the reliability card, the provider's 90-day bar ending in today's partial
        outage (its label, and the details line once the cell has focus), the bar of "API"."""
        self.wd.script("window.location.hash = '#/provider/1';")
        card = wait_for("#reliability-card counting 1 incident", lambda: self.wd.script(
            "const c = document.getElementById('reliability-card');"
            " return c && [c.dataset.incidents, c.textContent];"), lambda c: bool(c) and c[0] == "1")
        if "1 incident" not in card[1]:
            raise Failure("the card saying '1 incident'", card[1])
        cells = self.wd.script("return [...document.querySelectorAll('#history-provider .history-cell')]"
                               ".map((c) => [c.className, c.getAttribute('aria-label')]);")
        if len(cells) != HISTORY_DAYS:
            raise Failure(f"{HISTORY_DAYS} cells in Acme's bar", len(cells))
        today_class, today_label = cells[-1]
        if "status-partial-outage" not in today_class or not re.search(
                rf": partial outage — .*{INCIDENT} \(ongoing\)", today_label or ""):
            raise Failure(f"today's cell a partial outage naming {INCIDENT!r}", cells[-1])
        self.wd.script("document.querySelector('#history-provider .history-cell:last-child').focus();")
        wait_for("the details line under Acme's bar saying today's label",
                 lambda: self.wd.texts("#history-provider .history-details"), lambda t: t == [today_label])
        api = self.wd.script("const r = [...document.querySelectorAll('.history-row')].find((r) =>"
                             " r.querySelector('.history-name')?.textContent === 'API');"
                             " return r && [r.querySelectorAll('.history-cell').length,"
                             " r.querySelector('.history-uptime')?.textContent,"
                             " r.querySelector('.history-cell:last-child').className];")
        if not api or api[0] != HISTORY_DAYS or not re.fullmatch(r"(\d+\.\d{2}|100) %", api[1] or ""):
            raise Failure(f"a bar of {HISTORY_DAYS} days for 'API' with its uptime", api)
        log(f"history: today {today_label!r}; API {api[1]}, today {api[2]}")

    def history_resolved(self):
        """Once resolved, Acme's reliability card gives the mean, median and longest (30 min)."""
        self.wd.script("window.location.hash = '#/overview';")
        self.wd.script("window.location.hash = '#/provider/1';")
        want = {"Mean duration": "30 min", "Median duration": "30 min", "Longest": f"{INCIDENT} (30 min)"}
        facts = wait_for(f"#reliability-card saying {want}", lambda: dict(self.wd.script(
            "return [...document.querySelectorAll('#reliability-card dt')]"
            ".map((dt) => [dt.textContent, dt.nextElementSibling.textContent]);")),
            lambda facts: all(facts.get(k) == v for k, v in want.items()))
        log(f"reliability card: {facts}")
        if self.args.history_screenshot:
            self.wd.script("document.querySelector('#history-provider .history-cell:last-child').focus();"
                           " document.getElementById('provider-history').scrollIntoView();")
            self.wd.screenshot(self.args.history_screenshot)

    def search(self):
        """#/incidents, reached by a second launch (`lookout-app --show incidents`, which hands the
        view to the running app and exits): words are searched in update bodies too."""
        self.wd.script("window.location.hash = '#/overview';")
        wait_for("#/overview", lambda: self.wd.script("return location.hash"), lambda h: h == "#/overview")
        done = subprocess.run([self.args.app, "--show", "incidents"], env=self.env, capture_output=True,
                              timeout=60)
        if done.returncode != 0:
            raise Failure("`lookout-app --show incidents` exits 0 (a second launch)",
                          f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
        wait_for("#/incidents after the second launch", lambda: self.wd.script("return location.hash"),
                 lambda h: h == "#/incidents")
        wait_for("#incidents-search on #/incidents", lambda: self.wd.find("#incidents-search"))
        self.wd.type("#incidents-search", "handshake")  # first none, so that one is a search's
        wait_for("no incident when searching 'handshake'", lambda: self.wd.texts(".count-line"),
                 lambda texts: texts == ["0 incidents"])
        self.wd.type("#incidents-search", BODY_WORD)
        wait_for(f"'1 incident', {INCIDENT!r}, when searching {BODY_WORD!r}", lambda: (
            self.wd.texts(".count-line"), self.wd.texts(".incident-row")),
            lambda seen: seen[0] == ["1 incident"] and any(INCIDENT in r for r in seen[1]))
        self.wd.script("const s = document.getElementById('incidents-search'); s.value = '';"
                       " s.dispatchEvent(new Event('input', { bubbles: true }));")

    def add_webhook(self):
        """Adds the receiver as a signed webhook destination on #/settings and sends a test."""
        self.wd.script("window.location.hash = '#/settings';")
        wait_for("#sink-add-form on #/settings", lambda: self.wd.find("#sink-add-form"))
        self.wd.choose("#sink-kind", "webhook")
        wait_for("#sink-secret displayed once the kind is webhook", lambda: self.wd.displayed("#sink-secret"))
        self.wd.type("#sink-url", self.receiver.url)
        self.wd.type("#sink-name", SINK_NAME)
        self.wd.type("#sink-secret", SECRET)
        self.wd.click("#sink-add")
        wait_for(f"a .sink-row containing {SINK_NAME!r}", lambda: self.wd.texts(".sink-row"),
                 lambda rows: any(SINK_NAME in r for r in rows))
        self.wd.click_with_text(".sink-row", SINK_NAME, ".sink-test")
        post = self.receiver.wait_post("test", "Lookout test alert")
        self.receiver.check_signed(post, SECRET.encode())
        wait_for("'Test sent ✓' in the sink row", lambda: self.wd.texts(".sink-row .sink-test-status"),
                 lambda texts: "Test sent ✓" in texts)

    def snooze_from_tray(self):
        """Clicks Snooze → "Acme for 1 hour" in the tray menu; the CLI must see the snooze."""
        wait_for(f"tray menu items {SNOOZE_LABELS}", self.tray.labels,
                 lambda labels: all(wanted in labels for wanted in SNOOZE_LABELS), timeout=10)
        self.tray.click("Acme for 1 hour")
        hour = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)

        def about_an_hour(rules):  # RFC 3339, maybe with nanoseconds: seconds are precise enough
            text = re.sub(r"\.\d+", "", rules.get("snoozed_until") or "").replace("Z", "+00:00")
            return bool(text) and abs((datetime.datetime.fromisoformat(text) - hour).total_seconds()) <= 300
        rules = wait_for("`rules show --json`: providers.Acme.snoozed_until = now + 1 h ± 5 min",
                         self.acme_rules, about_an_hour, timeout=10)
        log(f"Acme snoozed until {rules['snoozed_until']}")

    def provider_page(self):
        """The provider page shows Acme's snooze (made from the tray) and its alert rules form."""
        self.wd.script("window.location.hash = '#/provider/1';")
        wait_for("#provider-rules-form on #/provider/1", lambda: self.wd.find("#provider-rules-form"))
        state = wait_for("#snooze-state saying Acme is snoozed", lambda: self.wd.texts("#snooze-state"),
                         lambda texts: bool(texts) and texts[0].startswith("Snoozed until"))
        log(f"provider page: {state[0]!r}")

    def unsnooze(self):
        self.cli("snooze", "Acme", "off")
        rules = self.acme_rules()
        if rules.get("snoozed_until") or rules.get("snoozed_until_resolved"):
            raise Failure("Acme not snoozed after `lookout snooze Acme off`", rules)

    def row_read(self):
        """Acme's overview row: what its "last read" column says."""
        return self.wd.script("const r = document.querySelector('.provider-row[data-provider-id=\"1\"] .row-read');"
                              " return r && r.textContent;")

    def not_watchable(self):
        """Add a service: Okta, which the catalogue marks as publishing nothing Lookout reads, is
        offered by search; chosen, it says why and what to do instead, with no form to add it."""
        self.wd.script("window.location.hash = '#/add';")
        wait_for("#add-search on #/add", lambda: self.wd.find("#add-search"))
        self.wd.type("#add-search", "okta")
        wait_for("Okta among the results, 'nothing readable'", lambda: self.wd.texts(".catalog-entry"),
                 lambda rows: any("Okta" in r and "nothing readable" in r for r in rows))
        self.wd.click_with_text(".catalog-entry", "Okta")
        said = wait_for("#not-watchable saying why Okta cannot be watched, and what to do instead",
                        lambda: self.wd.texts("#not-watchable"), lambda texts: len(texts) == 1
                        and texts[0].startswith("Okta cannot be watched:") and "lookout probe add" in texts[0])
        log(f"not watchable: {said[0][:90]!r}")
        if self.wd.texts("#add-submit"):
            raise Failure("no form to add a service that cannot be watched", "#add-submit is shown")

    def failed_check(self):
        """Acme's page answers 503: after the next check (one poll interval), Acme's overview row
        says the last check failed and why, never "checked just now"; healed, it says "checked"."""
        http("POST", f"{self.server}/_control/fail/acme/503")
        self.wd.script("window.location.hash = '#/overview';")
        self.tray.click("Refresh now")
        text = wait_for("Acme's row saying 'the last check failed: … 503'", self.row_read,
                        lambda t: bool(t) and "the last check failed" in t and "503" in t, timeout=30)
        if "checked" in text:
            raise Failure("no 'checked …' after a failed check", text)
        log(f"overview row after a failed check: {text!r}")
        if self.args.overview_screenshot:
            self.wd.screenshot(self.args.overview_screenshot)
        http("POST", f"{self.server}/_control/fail/acme/0")
        self.tray.click("Refresh now")
        wait_for("Acme's row saying 'checked …' again", self.row_read,
                 lambda t: bool(t) and t.startswith("checked"), timeout=30)

    def card_suspected(self):
        """Acme's overview row: its suspected badge's text and its headline (None without the
        badge)."""
        return self.wd.script("const r = document.querySelector('.provider-row[data-provider-id=\"1\"]');"
                              " const b = r && r.querySelector('.suspected-badge');"
                              " return b && (b.textContent + ' ' + r.querySelector('.row-headline').textContent);")

    def probe_suspected(self):
        """A probe of a URL answering 404 while Acme's page says operational: 3 failures in a row
        make Acme suspected (tray, overview card, webhook)."""
        # On another host (port) than Acme's page: the page's reads are the evidence that the
        # network works, without which failing probes are "you appear to be offline".
        self.cli("probe", "add", "Acme", self.receiver.base + FAILING_PATH, "--every", "10")
        self.wd.script("window.location.hash = '#/overview';")
        wait_for("tray icon suspected", self.tray.status, lambda seen: seen == "suspected",
                 timeout=SUSPECTED_WAIT)
        note = wait_for("Acme's row saying 'Suspected outage … the page says operational'",
                        self.card_suspected, lambda text: bool(text) and "Suspected outage" in text
                        and "the page says operational" in text)
        log(f"overview row: {note!r}")
        wait_for("the window's header saying 'Suspected outage'", lambda: self.wd.texts("#worst-label"),
                 lambda texts: texts == ["Suspected outage"])
        self.receiver.check_signed(self.receiver.wait_post("provider", "Acme: suspected outage"),
                                   SECRET.encode())

    def probe_removed(self):
        """Acme's page: the header's badge and the failing probe; removing it (the CLI) clears
        the suspicion: green icon, no badge, the cleared alert."""
        self.wd.script("window.location.hash = '#/provider/1';")
        row = wait_for("a .probe-row 'failing … in a row: HTTP 404 (expected 2xx)' on Acme's page",
                       lambda: self.wd.texts("#provider-probes .probe-row"), lambda rows: len(rows) == 1
                       and re.search(r"failing \d+ in a row: HTTP 404 \(expected 2xx\)", rows[0]))
        if not self.wd.texts(".provider-summary .suspected-badge"):
            raise Failure("the suspected badge in Acme's page header", self.wd.texts(".provider-summary"))
        log(f"probe row: {row[0]!r}")
        if self.args.probes_screenshot:
            self.wd.script("document.getElementById('provider-probes').scrollIntoView();")
            self.wd.screenshot(self.args.probes_screenshot)
        probes = json.loads(self.cli("probe", "list", "--json"))
        if len(probes) != 1 or not probes[0]["url"].endswith(FAILING_PATH):
            raise Failure(f"one probe of {FAILING_PATH} in `lookout probe list --json`", probes)
        self.cli("probe", "remove", str(probes[0]["id"]))
        self.tray.wait_status("operational")
        self.wd.script("window.location.hash = '#/overview';")
        wait_for("Acme's row without the suspected badge", self.card_suspected, lambda text: text is None)
        wait_for("the window's header saying 'Operational'", lambda: self.wd.texts("#worst-label"),
                 lambda texts: texts == ["Operational"])
        self.receiver.wait_post("provider", "Acme: suspicion withdrawn")

    def probe_form(self):
        """The Probes form on Acme's page: a refused add shows the backend's message; an accepted
        one is listed, then removed behind its confirmation."""
        self.wd.script("window.location.hash = '#/provider/1';")
        wait_for("'No probes yet' on Acme's page", lambda: self.wd.texts("#provider-probes .probe-empty"))
        url = self.server + "/acme/api/v2/status.json"
        self.wd.type("#probe-url", url)
        self.wd.type("#probe-expect", "often")
        self.wd.click("#probe-add")
        wait_for("the backend's refusal of 'often' in #probe-add-status",
                 lambda: self.wd.texts("#probe-add-status .notice.error"),
                 lambda texts: bool(texts) and "expected a status class such as 2xx" in texts[0])
        self.wd.type("#probe-expect", "2xx")
        self.wd.click("#probe-add")
        wait_for(f"a .probe-row of {url}", lambda: self.wd.texts("#provider-probes .probe-row"),
                 lambda rows: len(rows) == 1 and url in rows[0] and "every 30 s · expects 2xx" in rows[0])
        self.wd.click("#provider-probes .probe-remove")
        wait_for("the removal's confirmation", lambda: self.wd.displayed("#provider-probes .probe-confirm-remove"))
        self.wd.click("#provider-probes .probe-confirm-remove")
        wait_for("'No probes yet' once removed", lambda: self.wd.texts("#provider-probes .probe-empty"))
        left = json.loads(self.cli("probe", "list", "--json"))
        if left:
            raise Failure("no probe left in `lookout probe list --json`", left)

    def webhook_resolved(self):
        self.receiver.check_signed(self.receiver.wait_post("provider", "Acme: resolved"), SECRET.encode())

    def test(self):
        self.step("Xvfb, session bus, dbus-monitor, dunst", self.environment)
        self.step("fake status server + `lookout add`", self.server_and_provider)
        self.step("app via tauri-driver; its tray item on D-Bus", self.start_app)
        self.step("first poll: icon operational, menu complete", self.first_poll)
        self.step("stage 1: Notify 'Elevated API errors', icon degraded", self.advance,
                  1, INCIDENT, "degraded_performance")
        self.step("click on the notification: the window opens the incident",
                  self.click_notification)
        self.step("stage 2: icon partial outage, menu status line", self.advance,
                  2, None, "partial_outage", "partial outage")
        self.step("window: incident row -> detail, title, timeline", self.window)
        self.step("window: Acme's History: reliability card, 90-day bars", self.history)
        self.step(f"window: `--show incidents` from a second launch; searching {BODY_WORD!r} (an update's "
                  "word) lists the incident", self.search)
        self.step("window: add a webhook destination and send a test", self.add_webhook)
        self.step("tray: snooze Acme for 1 hour", self.snooze_from_tray)
        self.step("window: the provider page shows the snooze and the rules form", self.provider_page)
        self.step("CLI: `lookout snooze Acme off`", self.unsnooze)
        self.step("stage 3: Notify 'resolved', icon operational", self.advance, 3, "resolved", "operational")
        self.step("webhook: signed 'Acme: resolved' delivered", self.webhook_resolved)
        self.step("window: Acme's reliability card once resolved: mean, median, longest",
                  self.history_resolved)
        self.step("window: Add a service says why Okta cannot be watched, with no form to add it",
                  self.not_watchable)
        self.step("window: a failed check shows on Acme's row at once, then heals", self.failed_check)
        self.step("CLI: a failing probe of Acme: icon suspected, the card's badge, the webhook",
                  self.probe_suspected)
        self.step("window: Acme's page shows the failing probe; `probe remove` clears the suspicion",
                  self.probe_removed)
        self.step("window: add a probe in Acme's Probes form, list it, remove it", self.probe_form)
        self.step("files: database and logs 0600, the log folder 0700", self.private_files)
        self.step(f"tray: Quit with a poll in flight: the engine stops, the app is gone within "
                  f"{QUIT_WITHIN} s", self.quit_mid_poll)

    def private_files(self):
        """What the CLI and the app created holds webhook secrets: private to the user."""
        logs = [os.path.join(d, f) for d, _, files in os.walk(self.env["XDG_DATA_HOME"])
                for f in files if f.endswith(".log")]
        if not logs:
            raise AssertionError("the app wrote no log file")
        db = self.env["LOOKOUT_DB"]
        for path in [db, db + "-wal", *logs]:
            mode = os.stat(path).st_mode & 0o777
            if mode != 0o600:
                raise AssertionError(f"{path} is {oct(mode)}, not 0o600")
        folder = os.path.dirname(logs[0])
        mode = os.stat(folder).st_mode & 0o777
        if mode != 0o700:
            raise AssertionError(f"{folder} is {oct(mode)}, not 0o700")
        log(f"private: {len(logs)} log file(s), the database and its WAL")

    def app_pids(self):
        """The running app's processes (an exited one not yet reaped no longer counts)."""
        real, pids = os.path.realpath(self.args.app), []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if os.readlink(f"/proc/{pid}/exe") == real:
                    pids.append(int(pid))
            except OSError:
                pass
        return pids

    def quit_mid_poll(self):
        """Issue 24: the tray's Quit while Acme's page takes 60 s to answer (a poll in flight):
        the engine stops in order, abandoning that poll, and the app is gone within 5 s."""
        if not self.app_pids():
            raise Failure(f"a running {self.args.app}", "no such process")
        http("POST", f"{self.server}/_control/slow/acme/60")
        self.tray.click("Refresh now")
        time.sleep(1.0)  # the refresh starts its polls at once; Acme's now waits 60 s
        self.tray.click("Quit Lookout")
        asked = time.monotonic()
        while self.app_pids():
            if time.monotonic() - asked > QUIT_WITHIN:
                raise Failure(f"the app gone within {QUIT_WITHIN} s of Quit", self.app_pids())
            time.sleep(0.05)
        log(f"the app quit {time.monotonic() - asked:.2f} s after Quit")
        http("POST", f"{self.server}/_control/slow/acme/0")
        logs = [os.path.join(d, f) for d, _, files in os.walk(self.env["XDG_DATA_HOME"])
                for f in files if f.endswith(".log")]
        if not any("engine stopped" in open(path, errors="replace").read() for path in logs):
            raise Failure("'engine stopped' in the app's log (Quit went through the engine)",
                          [tail(path, 5) for path in logs])

    def report_failure(self, error):
        print(f"FAIL at step: {self.current}\n  {error}", file=sys.stderr)
        app_logs = [os.path.join(d, f) for d, _, files in os.walk(self.env["XDG_DATA_HOME"])
                    for f in files if f.endswith(".log")]
        # tauri-driver's log is mostly the app's stderr: shown only when the app wrote no log file
        others = ("fake-status-server.log",) if app_logs else ("tauri-driver.log", "fake-status-server.log")
        for path in app_logs + [os.path.join(self.logdir, f) for f in others]:
            print(f"--- tail of {path}\n{tail(path)}", file=sys.stderr)
        print(f"--- Notify calls seen: {notifications(self.notif_log)}", file=sys.stderr)
        if self.receiver:
            posts = [(p["json"].get("kind"), p["json"].get("title")) if isinstance(p["json"], dict)
                     else p["body"][:120] for p in self.receiver.posts()]
            print(f"--- webhook POSTs received: {posts}", file=sys.stderr)
        if self.wd and self.wd.session:
            try:
                href, text = self.wd.script("return [location.href, document.body.innerText];")
                print(f"--- window at {href}:\n{text[:1500]}", file=sys.stderr)
            except Exception as err:
                print(f"--- window unreadable: {err}", file=sys.stderr)

    def shutdown(self):
        stop_everything(self.wd, self.procs, self.tmp)
        if self.receiver:
            self.receiver.close()


def main():
    parser = e2e_arguments(__doc__.splitlines()[0])
    path = os.path.abspath
    parser.add_argument("--screenshot", type=path, help="save a PNG of the incident detail here")
    parser.add_argument("--overview-screenshot", type=path,
                        help="save a PNG of the overview with a failed check here")
    parser.add_argument("--history-screenshot", type=path,
                        help="save a PNG of Acme's History section (once resolved) here")
    parser.add_argument("--probes-screenshot", type=path,
                        help="save a PNG of Acme's Probes section (while suspected) here")
    args = parser.parse_args()
    SETTINGS.verbose = args.verbose
    missing = [p for p in (args.app, args.cli, args.server) if not os.access(p, os.X_OK)]
    if missing:
        print(f"FAIL: not built: {', '.join(missing)}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # exit 1 after cleaning up
    tmp = tempfile.mkdtemp(prefix="lookout-e2e-")
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
        titles = [n[2] for n in notifications(run.notif_log) if len(n) > 2]
        run.shutdown()
        if args.keep:
            print(f"temp dir kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if code == 0:
        print(f"PASS in {time.monotonic() - started:.1f} s (notifications: {titles})")
        for name, secs in run.timings:
            print(f"  {secs:5.1f} s  {name}")
    return code


if __name__ == "__main__":
    sys.exit(main())
