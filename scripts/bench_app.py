"""The desktop app's part of `scripts/bench`: start time, memory, idle CPU and notification latency
of the release app, headless (Xvfb, a private session bus with dbus-monitor and dunst, a temporary
HOME), watching 50 providers on the fake status server (Acme's incident-life scenario and 49 quiet
pages of 10 resolved incidents each, sent without ETag or Last-Modified as many vendors send
them) at a 60 s interval.

Owns: the run's order (start hidden, tray and first poll; memory and idle CPU with the window
never opened; memory with the window open on the incident list — a second launch,
`lookout-app --show incidents` — then closed; posts and their notifications; the window opened
and closed again and again, then a second app watching 50 pages of 16 components with the window
on the overview: bench_window.py) and how the app's process tree is measured (/proc: Anonymous
memory of smaps_rollup, utime + stime).
Each vendor post comes at a random phase of the poll interval (a wait drawn uniformly from one
interval, after the previous notification, which follows a poll), from a seeded generator whose
seed is printed: `--seed N` (or LOOKOUT_BENCH_SEED=N) repeats a run's phases.
Writes one row per figure to --rows as `figure|value|unit|limit|note` (see bench_table.py).
Usage: bench_app.py --app A --cli C --server S --rows FILE [--quick] [--seed N] [--window-only]
"""
import argparse, json, os, random, re, sqlite3, subprocess, sys, tempfile, time
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from headless import Processes, make_env, start_bus, start_xvfb, sweep_marked, wait_for  # noqa: E402
from tray_bus import find_tray, notifications  # noqa: E402
from x_window import close_window  # noqa: E402
from bench_phases import post_waits  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_window  # noqa: E402

QUIET_PAGES, INCIDENTS, INTERVAL = 49, 10, 60
POSTS, QUICK_POSTS = 20, 3


class Rows:
    def __init__(self, path):
        self.path = path

    def add(self, figure, value, unit, limit, note=""):
        shown = "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")
        with open(self.path, "a") as f:
            f.write(f"{figure}|{shown}|{unit}|{limit}|{note}\n")
        print(f"  {figure}: {shown or 'not measured'} {unit} {note}", flush=True)


# ---- the app's process tree ------------------------------------------------------------------

def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()  # [0] state, [1] ppid, [11] utime, [12] stime


def tree(root):
    """root and every descendant (WebKit's web and network processes, sandboxes) still alive."""
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            parents[int(pid)] = int(stat_fields(pid)[1])
        except (OSError, IndexError):
            pass
    found, frontier = [root], [root]
    while frontier:
        frontier = [p for p, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def private_by_process(root):
    """[(process name, MB)] of root and its descendants: the Anonymous line of smaps_rollup."""
    found = []
    for pid in tree(root):
        try:
            text = open(f"/proc/{pid}/smaps_rollup").read()
            kb = int(re.search(r"^Anonymous:\s+(\d+)", text, re.M).group(1))
            found.append((open(f"/proc/{pid}/comm").read().strip(), kb / 1024))
        except (OSError, AttributeError):
            pass
    return found


def private_mb(root):
    return sum(mb for _, mb in private_by_process(root))


def cpu_ticks(root):
    ticks = {}
    for pid in tree(root):
        try:
            fields = stat_fields(pid)
            ticks[pid] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return ticks


# ---- the world ---------------------------------------------------------------------------------

def http(method, url):
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as reply:
        return reply.read()


def incident_count(db):
    with sqlite3.connect(db, timeout=5) as conn:
        return conn.execute("SELECT count(*) FROM incidents").fetchone()[0]


def last_success(db):
    """The newest poll_state.last_success_at, or None."""
    with sqlite3.connect(db, timeout=5) as conn:
        row = conn.execute("SELECT max(last_success_at) FROM poll_state").fetchone()
    if not row or not row[0]:
        return None
    at = datetime.fromisoformat(row[0].replace("Z", "+00:00"))
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def until(what, probe, timeout=30):
    """probe()'s first true value, probing every 50 ms (finer than wait_for: start is timed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except (OSError, RuntimeError, sqlite3.Error):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{what}: not within {timeout} s")


def percentile(values, p):
    ranked = sorted(values)
    return ranked[max(0, -(-len(ranked) * p // 100) - 1)]


class Bench:
    def __init__(self, args, tmp, quiet_pages=QUIET_PAGES, components=0, acme=True):
        self.args, self.rows = args, Rows(args.rows)
        self.quiet_pages, self.components, self.acme = quiet_pages, components, acme
        self.env = make_env(tmp)
        self.logdir = os.path.join(tmp, "logs")
        os.makedirs(self.logdir)
        self.procs = Processes(self.logdir)
        self.db = self.env["LOOKOUT_DB"]
        self.settle = 15 if args.quick else 30

    def cli(self, *args):
        subprocess.run([self.args.cli, "--db", self.db, *args], env=self.env, check=True,
                       capture_output=True, timeout=60)

    def world(self):
        start_xvfb(self.procs, self.env)
        start_bus(self.procs, self.env, self.logdir)
        self.procs.start("server", [self.args.server, "--port", "0", "--quiet-pages", str(self.quiet_pages),
                                    "--incidents", str(INCIDENTS), "--components", str(self.components),
                                    "--without-validators"] + ([] if self.acme else ["--scenario", "none"]),
                         self.env)
        out = os.path.join(self.logdir, "server.log")
        self.server = wait_for("the fake server listening", lambda: re.search(
            r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")
        for slug in ["acme"] * self.acme + [f"quiet-{n:03}" for n in range(self.quiet_pages)]:
            self.cli("add", f"{self.server}/{slug}/", "--interval", str(INTERVAL))

    def start(self, rows=True):
        """Starts the app in the tray (`--hidden`): start → tray icon, start → first poll stored
        (rows of both unless not `rows`)."""
        started_at, t0 = datetime.now(timezone.utc), time.monotonic()
        self.procs.start("app", [self.args.app, "--hidden"], self.env)
        self.app = self.procs.started[-1][1].pid
        tray = until("the tray item", lambda: find_tray(self.env))
        tray_s = time.monotonic() - t0
        until("a poll stored", lambda: (last_success(self.db) or started_at) > started_at)
        poll_s = time.monotonic() - t0
        if not rows:
            return
        self.rows.add("start → tray icon shown", tray_s, "s", 1, f"StatusNotifierItem {tray[1]}")
        self.rows.add("start → first poll stored", poll_s, "s", 3, "poll_state.last_success_at")

    def memory(self, figure, limit, note):
        time.sleep(self.settle)
        each = private_by_process(self.app)
        self.rows.add(figure, sum(mb for _, mb in each), "MB", limit,
                      f"{note}; {len(each)} processes ({', '.join(f'{name} {mb:.1f}' for name, mb in each)}), "
                      f"{self.settle} s settled")

    def private(self):
        return private_mb(self.app)

    def incidents(self):
        return incident_count(self.db)

    def last_poll(self):
        return last_success(self.db)

    def pages_read(self):
        with sqlite3.connect(self.db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM poll_state WHERE last_success_at IS NOT NULL").fetchone()[0]

    def idle_cpu(self):
        window = 60 if self.args.quick else 300
        before, t0 = cpu_ticks(self.app), time.monotonic()
        time.sleep(window)
        after, spent = cpu_ticks(self.app), time.monotonic() - t0
        ticks = sum(t - before.get(pid, 0) for pid, t in after.items())
        share = 100 * ticks / os.sysconf("SC_CLK_TCK") / spent
        per_poll = share / 100 * INTERVAL * 1000 / (QUIET_PAGES + 1)
        why = "" if share <= 0.1 else (
            f"; = {per_poll:.1f} ms of CPU per poll (2 documents each), where the goal leaves "
            f"{0.1 / 100 * INTERVAL * 1000 / (QUIET_PAGES + 1):.1f} ms for everything: "
            "README, 'Idle CPU'")
        self.rows.add("idle CPU, 50 providers, nothing changing", share, "% of a core", 0.1,
                      f"utime+stime of the app's processes over {window} s; window never opened; "
                      f"{INTERVAL} s interval{why}")

    def window(self):
        """Opens the window on the incident list as a user would from a terminal: a second launch,
        which hands `--show incidents` to the running app and exits."""
        subprocess.run([self.args.app, "--show", "incidents"], env=self.env, check=True,
                       capture_output=True, timeout=60)
        wait_for("the window", lambda: subprocess.run(
            ["xdotool", "search", "--name", "^Lookout$"], env=self.env,
            capture_output=True).returncode == 0)
        self.memory("private memory, window open", 110,
                    f"on the incident list, {1 + QUIET_PAGES} providers, "
                    f"{incident_count(self.db)} incidents stored")
        close_window(self.env)
        self.memory("private memory, window closed again", 45, "after WM_DELETE_WINDOW")

    def post(self, k):
        """Post k on Acme's page: even posts open a new incident, odd ones resolve it."""
        if k % 2 == 0:
            if k:
                http("POST", f"{self.server}/_control/next-incident")
            http("POST", f"{self.server}/_control/stage/1")
        else:
            http("POST", f"{self.server}/_control/stage/3")

    def latency(self):
        """Posts at random phases of the poll interval: before each post, a wait drawn uniformly
        from [0, INTERVAL) after the previous notification (or the window's close), so each post
        lands anywhere in the app's poll cycle, as a vendor's would."""
        count = QUICK_POSTS if self.args.quick else POSTS
        waits = post_waits(self.args.seed, count, INTERVAL)
        print(f"  posts at random phases of the {INTERVAL} s interval: seed {self.args.seed} "
              f"(repeat with --seed {self.args.seed})", flush=True)
        log, took = os.path.join(self.logdir, "dbus-monitor.log"), []
        for k in range(count):
            phase = waits[k]
            time.sleep(phase)
            seen, t0 = len(notifications(log)), time.monotonic()
            self.post(k)
            try:
                wait_for("a Notify", lambda: len(notifications(log)) > seen, timeout=INTERVAL + 30)
                took.append(time.monotonic() - t0)
                print(f"  post {k}: after a wait of {phase:.1f} s, notified in {took[-1]:.1f} s",
                      flush=True)
            except Exception as error:  # a lost notification is a result, not a crash
                print(f"  post {k}: after a wait of {phase:.1f} s: {error}", flush=True)
        note = (f"{len(took)} of {count} posts notified, each at a uniform random phase of the "
                f"{INTERVAL} s interval (seed {self.args.seed})")
        for p in (50, 95):
            value = percentile(took, p) if took else None
            self.rows.add(f"vendor post → OS notification, p{p}", value, "s", 65 if p == 95 else "",
                          note if took else f"not measured: no Notify seen ({note})")

    def run(self):
        self.world()
        if self.args.idle_only:
            self.start(rows=False)
            self.idle_cpu()
            return
        self.start(rows=not self.args.window_only)
        if not self.args.window_only:
            self.memory("private memory, window never opened", 32, "started --hidden")
            self.idle_cpu()
            self.window()
            self.latency()
        bench_window.open_close_cycles(self, close_window)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("app", "cli", "server", "rows"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--window-only", action="store_true",
                        help="only the window's rows: the open/close cycles and the overview of "
                             "50 providers of 16 components (bench_window.py)")
    parser.add_argument("--idle-only", action="store_true",
                        help="only the idle CPU row (5 min, 60 s with --quick), e.g. to compare two "
                             "builds of the app")
    parser.add_argument("--seed", type=int, default=None,
                        help="the posts' phases (default: LOOKOUT_BENCH_SEED, else a random one)")
    args = parser.parse_args()
    if args.seed is None:
        from_env = os.environ.get("LOOKOUT_BENCH_SEED", "")
        args.seed = int(from_env) if from_env else random.SystemRandom().randrange(2**31)
    with tempfile.TemporaryDirectory(prefix="lookout-bench-") as tmp:
        bench = Bench(args, tmp)
        try:
            bench.run()
        except Exception as error:
            print(f"bench_app: stopped: {error}\n  logs: {bench.logdir}", file=sys.stderr)
            for name in os.listdir(bench.logdir):
                print(f"--- {name}\n{open(os.path.join(bench.logdir, name), errors='replace').read()[-1500:]}",
                      file=sys.stderr)
            return 1
        finally:
            bench.procs.stop_all()
            sweep_marked(tmp)
    if args.idle_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="lookout-bench-16-") as tmp:
        try:
            bench_window.sixteen_components_world(Bench, args, close_window, tmp)
        except Exception as error:
            print(f"bench_app: the overview of 16 components stopped: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
