#!/usr/bin/env python3
"""End-to-end test of the desktop app following a team's `lookout serve` (Linux, headless).

What it proves, with the real app under Xvfb and a private D-Bus:
  1. `lookout serve` watches Acme (the fake status server's page, every 10 s); the app's own
     database watches something else; `following.json` beside it names the server (as Settings
     → "Follow a Lookout server" writes it);
  2. the app follows the server: its tray shows Acme operational, read from the server alone;
  3. the vendor posts an incident: the server reads it, the app's tray turns degraded and an
     OS notification for Acme goes out (the app's own rules deciding);
  4. the app's own database is untouched (same bytes, no journal);
  5. the server stops: within two intervals the tray says "Unknown — server unreachable" and
     its icon is unknown, never the last green.

Run (after `cargo build --workspace`; needs Xvfb and dbus-daemon):

    python3 tests/e2e/follow_e2e.py [--keep] [--verbose] [--app PATH] [--cli PATH] [--server PATH]

Exit code 0 = pass, 1 = fail.
"""
import hashlib, json, os, subprocess, sys, time, urllib.request

sys.dont_write_bytecode = True
from headless import (Failure, Processes, free_port, log, make_env, run_e2e, start_bus,
                      start_fake_vendor,
                      start_xvfb, tail, wait_for)
from tray_bus import Tray, notifications

INTERVAL = 10  # s between the server's reads of Acme, and the app's reads of the server


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Run:
    def __init__(self, args, tmp):
        self.args, self.tmp, self.logdir = args, tmp, os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.env = make_env(tmp)
        self.procs, self.current = Processes(self.logdir), "(setup)"
        self.server_db = os.path.join(tmp, "server.db")

    def step(self, name, fn):
        print(f"- {name} ...", flush=True)
        self.current = name
        fn()

    def cli(self, db, *args):
        done = subprocess.run([self.args.cli, "--db", db, *args], env=self.env, capture_output=True,
                              text=True, timeout=60)
        if done.returncode != 0:
            raise Failure(f"`lookout {' '.join(args)}` to exit 0", done.stdout + done.stderr)
        return done.stdout

    def world(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)
        self.fake = start_fake_vendor(self.procs, self.env, self.logdir, self.args.server)
        self.cli(self.server_db, "add", f"{self.fake}/acme/", "--name", "Acme", "--interval",
                 str(INTERVAL))
        # The user's own database watches something else: it must stay exactly as it is.
        self.local_db = self.env["LOOKOUT_DB"]
        self.cli(self.local_db, "add", f"{self.fake}/acme/", "--name", "Mine")
        self.local_hash = sha256(self.local_db)
        port = free_port()
        self.procs.start("serve", [self.args.cli, "--db", self.server_db, "serve", "--listen",
                                   f"127.0.0.1:{port}"], self.env)
        self.serve = self.procs.started[-1][1]
        self.url = f"http://127.0.0.1:{port}"
        wait_for("lookout serve answering", lambda: urllib.request.urlopen(
            f"{self.url}/api/v1/providers", timeout=2).status == 200, timeout=30)
        with open(os.path.join(os.path.dirname(self.local_db), "following.json"), "w") as f:
            json.dump({"url": self.url}, f)

    def start_app(self):
        self.procs.start("app", [self.args.app, "--hidden"], self.env)
        self.tray = Tray(self.env)
        self.tray.wait_status("operational")
        labels = self.tray.labels()
        if any("Mine" in label for label in labels):
            raise Failure("only the server's providers (Acme), not the app's own (Mine)", labels)
        log(f"following: {labels[:3]}")

    def vendor_posts(self):
        log_path = os.path.join(self.logdir, "dbus-monitor.log")
        seen = len(notifications(log_path))
        urllib.request.urlopen(urllib.request.Request(f"{self.fake}/_control/stage/1", method="POST"),
                               timeout=5)
        self.tray.wait_status("degraded_performance")
        sent = wait_for("an OS notification about Acme", lambda: [
            n for n in notifications(log_path)[seen:] if any("Acme" in part for part in n)],
            timeout=2 * INTERVAL + 30)
        log(f"notified: {sent[0]}")

    def untouched(self):
        if sha256(self.local_db) != self.local_hash:
            raise Failure("the app's own database untouched", "its bytes changed")
        journal = [p for p in (self.local_db + "-wal", self.local_db + "-journal") if os.path.exists(p)]
        if journal:
            raise Failure("no journal beside the app's own database", journal)
        following = self.local_db.replace(".db", "-following.db")
        if not os.path.exists(following):
            raise Failure("the app following on a database of its own", following)

    def server_stops(self):
        self.serve.terminate()
        self.serve.wait(timeout=30)
        stopped = time.monotonic()
        first = wait_for("the tray saying the server is unreachable", lambda: self.tray.labels()[0],
                         lambda label: "server unreachable" in label, timeout=2 * INTERVAL + 5)
        self.tray.wait_status("unknown")
        log(f"{first!r} {time.monotonic() - stopped:.1f} s after the server stopped")

    def test(self):
        self.step("the fake vendor, lookout serve watching it, the app's own database", self.world)
        self.step("the app following the server: Acme operational", self.start_app)
        self.step("the vendor posts: the tray turns, a notification goes out", self.vendor_posts)
        self.step("the app's own database untouched", self.untouched)
        self.step("the server stops: unknown — server unreachable", self.server_stops)

    def report_failure(self, error):
        print(f"FAIL at step: {self.current}\n  {error}", file=sys.stderr)
        for name in ("app", "serve"):
            print(f"--- tail of {name}.log\n{tail(os.path.join(self.logdir, name + '.log'))}",
                  file=sys.stderr)


def main():
    return run_e2e(Run, __doc__.splitlines()[0], "lookout-follow-e2e-", "follow e2e")


if __name__ == "__main__":
    sys.exit(main())
