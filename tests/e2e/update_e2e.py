#!/usr/bin/env python3
"""End-to-end test of Lookout updating itself (Linux, headless): the installed .deb of version N,
a local server on 127.0.0.1 serving latest.json and the .deb of version N+1 signed with a test key.

What it proves, with the installed app (/usr/bin/lookout-app) under Xvfb, a private D-Bus and
tauri-driver, told where to look by LOOKOUT_UPDATE_URL and whom to trust by
LOOKOUT_UPDATE_PUBLIC_KEY:
  1. a 404 at the address: Settings → "Check for updates" says there is no release manifest;
  2. a manifest of a lower version: "up to date", nothing to install;
  3. version N+1 whose package is signed by another key: found with its notes, then "Install and
     restart" is refused ("signature is not Lookout's … keeps running"), version N still installed;
  4. version N+1 signed with the test key: found, installed on the (automated) click, the app
     restarts as N+1 (its log says so), and the user's database keeps its providers.

Run (as root, or where sudo needs no password: the updater installs with pkexec, else sudo; the
.debs and key from tests/package/update_deb.sh):

    python3 tests/e2e/update_e2e.py --old-deb N.deb --new-deb N1.deb --key KEY --new-version X.Y.Z
                                    [--keep] [--verbose] [--cli PATH] [--server PATH]

Exit code 0 = pass, 1 = fail.
"""
import base64, http.server, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time

sys.dont_write_bytecode = True
from headless import (e2e_arguments, SETTINGS, Failure, Processes, free_port, log, make_env, start_bus,
                      start_xvfb, stop_everything, tail, wait_for)
from webdriver import WebDriver

NOTES = "Faster checks.\nThe tray on KDE fixed."
APP = "/usr/bin/lookout-app"


def installed_version():
    done = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "lookout"], capture_output=True, text=True)
    return done.stdout.strip()


class Releases(http.server.ThreadingHTTPServer):
    """latest.json as the test sets it (None: 404) and the new .deb, on 127.0.0.1."""

    def __init__(self, deb):
        self.manifest, self.deb = None, deb
        super().__init__(("127.0.0.1", 0), ReleaseHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class ReleaseHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/latest.json" and self.server.manifest is not None:
            body = json.dumps(self.server.manifest).encode()
        elif self.path == "/new.deb":
            with open(self.server.deb, "rb") as f:
                body = f.read()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Run:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs, self.current, self.wd = Processes(self.logdir), "(setup)", None
        self.releases = Releases(args.new_deb)

    def step(self, name, fn):
        print(f"- {name} ...", flush=True)
        self.current = name
        fn()

    def cli(self, *args):
        done = subprocess.run(["/usr/bin/lookout", *args], env=self.env, capture_output=True, text=True,
                              timeout=60)
        if done.returncode != 0:
            raise Failure(f"`lookout {' '.join(args)}` to exit 0", done.stdout + done.stderr)
        return done.stdout

    def watched(self):
        """The providers in the user's database: id, name, address."""
        return [(p["id"], p["name"], p["url"]) for p in json.loads(self.cli("list", "--json"))]

    def manifest(self, version, signature):
        target = "linux-x86_64" if os.uname().machine == "x86_64" else "linux-aarch64"
        return {"version": version, "notes": NOTES, "pub_date": "2026-12-07T09:00:00Z",
                "platforms": {target: {"url": f"{self.releases.url}/new.deb", "signature": signature}}}

    def install_old(self):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--allow-downgrades", "--no-install-recommends",
                        os.path.abspath(self.args.old_deb)], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        self.old_version = installed_version()
        log(f"installed {self.old_version}")

    def world(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)
        self.procs.start("fake", [self.args.server, "--port", "0", "--scenario", "incident-life"], self.env)
        out = os.path.join(self.logdir, "fake.log")
        fake = wait_for("the fake server listening", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")
        self.cli("add", f"{fake}/acme/", "--name", "Acme")
        self.providers = self.watched()
        with open(self.args.key + ".pub") as f:
            self.env["LOOKOUT_UPDATE_PUBLIC_KEY"] = f.read().strip()
        self.env["LOOKOUT_UPDATE_URL"] = f"{self.releases.url}/latest.json"
        port, native, driver = free_port(), free_port(), os.path.expanduser("~/.cargo/bin/tauri-driver")
        self.procs.start("tauri-driver", [driver if os.path.exists(driver) else "tauri-driver", "--port",
                                          str(port), "--native-port", str(native)], self.env)
        wait_for(f"WebKitWebDriver listening on port {native}",
                 lambda: socket.create_connection(("127.0.0.1", native), 1).close() or True, timeout=20)
        self.wd = WebDriver(port, APP)
        self.wd.script("window.location.hash = '#/settings'; return true;")
        wait_for("the Updates section", lambda: self.wd.texts("#update-state"), timeout=30)

    def check(self, expected):
        # The previous answer cleared first: the one waited for is this check's.
        self.wd.script("document.querySelector('#update-state').textContent = ''; return true;")
        self.wd.click("#update-check")
        said = wait_for(f"the check saying {expected!r}", lambda: " ".join(self.wd.texts("#update-state")),
                        lambda text: expected in text, timeout=60)
        log(f"said: {said}")
        return said

    def not_found(self):
        self.releases.manifest = None
        self.check("no release manifest (latest.json)")

    def lower(self):
        self.releases.manifest = self.manifest("0.0.1", "unused")
        self.check("is up to date")
        if self.wd.displayed("#update-install"):
            raise Failure("no Install and restart when up to date", "shown")

    def sign(self, key, password):
        subprocess.run(["npx", "tauri", "signer", "sign", "-f", key, "-p", password, "--app-version",
                        self.args.new_version, self.args.new_deb], check=True, capture_output=True)
        with open(self.args.new_deb + ".sig") as f:
            return f.read().strip()

    def bad_signature(self):
        other = os.path.join(self.tmp, "other.key")
        subprocess.run(["npx", "tauri", "signer", "generate", "--ci", "-p", "", "-w", other], check=True,
                       capture_output=True)
        self.releases.manifest = self.manifest(self.args.new_version, self.sign(other, ""))
        self.check(f"Lookout {self.args.new_version} is available")
        notes = " ".join(self.wd.texts("#update-notes"))
        if notes.split() != NOTES.split():
            raise Failure(f"the notes {NOTES!r}", notes)
        self.wd.click("#update-install")
        said = wait_for("the install refused", lambda: " ".join(self.wd.texts("#update-status")),
                        lambda text: "not installed" in text, timeout=120)
        if "signature is not Lookout's" not in said or "keeps running" not in said:
            raise Failure("the refusal saying the signature is not Lookout's", said)
        if installed_version() != self.old_version:
            raise Failure(f"version {self.old_version} still installed", installed_version())
        log(f"refused: {said}")

    def update(self):
        self.releases.manifest = self.manifest(self.args.new_version, self.sign(self.args.key, ""))
        self.check(f"Lookout {self.args.new_version} is available")
        started = time.time()
        try:
            self.wd.click("#update-install")
        except (OSError, RuntimeError) as error:  # the app may restart before answering
            log(f"install click: {error}")
        wait_for(f"version {self.args.new_version} installed", installed_version,
                 lambda v: v == self.args.new_version, timeout=180)
        logs = os.path.join(self.env["XDG_DATA_HOME"], "dev.lookout.app", "logs")
        wait_for(f"the restarted app saying Lookout {self.args.new_version}", lambda: [
            line for name in (os.listdir(logs) if os.path.isdir(logs) else [])
            for line in open(os.path.join(logs, name), errors="replace")
            if f"Lookout {self.args.new_version}:" in line], timeout=90)
        log(f"restarted as {self.args.new_version} {time.time() - started:.0f} s after the click")
        if self.watched() != self.providers:
            raise Failure(f"the user's providers kept: {self.providers}", self.watched())

    def test(self):
        self.step("install the .deb of version N", self.install_old)
        self.step("the app, a provider in its database, the update server", self.world)
        self.step("a 404: no release manifest", self.not_found)
        self.step("a lower version: up to date", self.lower)
        self.step("version N+1 signed by another key: refused, N still installed", self.bad_signature)
        self.step("version N+1 signed: installed, restarted as N+1, database kept", self.update)

    def report_failure(self, error):
        print(f"FAIL at step: {self.current}\n  {error}", file=sys.stderr)
        logs = os.path.join(self.env["XDG_DATA_HOME"], "dev.lookout.app", "logs")
        for name in (os.listdir(logs) if os.path.isdir(logs) else []):
            print(f"--- tail of {name}\n{tail(os.path.join(logs, name))}", file=sys.stderr)
        print(f"--- tail of tauri-driver.log\n{tail(os.path.join(self.logdir, 'tauri-driver.log'))}",
              file=sys.stderr)


def main():
    parser = e2e_arguments(__doc__.splitlines()[0], app=False)
    parser.add_argument("--old-deb", required=True)
    parser.add_argument("--new-deb", required=True)
    parser.add_argument("--new-version", required=True)
    parser.add_argument("--key", required=True, help="the test key (KEY and KEY.pub, no password)")
    args = parser.parse_args()
    SETTINGS.verbose = args.verbose
    tmp = tempfile.mkdtemp(prefix="lookout-update-e2e-")
    run = Run(args, tmp)
    try:
        run.test()
        print("update e2e: PASS")
        return 0
    except (Failure, subprocess.CalledProcessError, OSError, RuntimeError) as error:
        run.report_failure(error)
        return 1
    finally:
        stop_everything(run.wd, run.procs, tmp)
        subprocess.run(["apt-get", "remove", "-y", "-qq", "lookout"], capture_output=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
