"""The headless world the end-to-end test runs in, and how it waits and fails.

Owns: the run's settings (verbose logging, the deadline of the whole run) that main() configures;
`Failure`, `log` and `wait_for`; the temporary HOME/XDG environment; `Processes` (every process
started, each in its own group, stopped in reverse) and the sweep of processes marked with this
run's id; Xvfb; the private D-Bus session bus with dbus-monitor and dunst, and `busctl`, its
command-line client; free TCP ports; the tail of a log file.
"""
import argparse, contextlib, json, os, re, shutil, signal, socket, subprocess, tempfile, time

POLL, WAIT, BUDGET = 0.3, 40, 240  # s between probes, per wait, per run


class Settings:
    """What main() decides for the whole run; read by every module at call time."""

    def __init__(self):
        self.verbose = False  # log every process and action
        self.deadline = float("inf")  # time.monotonic() after which every wait fails


SETTINGS = Settings()


class Failure(Exception):
    """A step failed: what was expected and what was seen instead."""

    def __init__(self, expected, seen):
        super().__init__(f"expected: {expected}\n  seen:     {seen}")


def log(msg):
    if SETTINGS.verbose:
        print(f"  [{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def wait_for(expected, probe, ok=bool, timeout=WAIT):
    """Calls probe() every POLL s until ok(its value), and returns that value. On timeout, fails
    with the last value seen (or the last error the probe raised)."""
    deadline, seen = min(time.monotonic() + timeout, SETTINGS.deadline), None
    while True:
        try:
            value = probe()
            if ok(value):
                return value
            seen = value
        except Exception as error:  # e.g. not started yet: keep trying until the deadline
            seen = f"{type(error).__name__}: {error}"
        if time.monotonic() > deadline:
            spent = deadline >= SETTINGS.deadline
            limit = f"the run's {BUDGET} s were spent" if spent else f"within {timeout} s"
            raise Failure(f"{expected} ({limit})", seen)
        time.sleep(POLL)


# ---- processes -----------------------------------------------------------------------------

class Processes:
    """Every process this test starts, each leading its own process group; stopped in reverse."""

    def __init__(self, logdir):
        self.logdir, self.started = logdir, []

    def start(self, name, argv, env):
        """Starts argv with stdout and stderr in <logdir>/<name>.log."""
        with open(os.path.join(self.logdir, f"{name}.log"), "wb") as out:
            proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append((name, proc))
        log(f"started {name} (pid {proc.pid}): {' '.join(argv)}")

    def stop_all(self):
        """SIGTERM to each process group, then SIGKILL to whatever is left of it (WebKit, app)."""
        for name, proc in reversed(self.started):
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, sig)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    log(f"{name} (pid {proc.pid}) ignored {sig.name}")
        self.started.clear()


def sweep_marked(marker):
    """Kills leftovers that carry this run's unique marker in their environment, i.e. that were
    started by this run's processes but left their group (e.g. services D-Bus activated)."""
    needle = f"\0LOOKOUT_E2E_RUN={marker}\0".encode()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if needle in b"\0" + f.read() and int(pid) != os.getpid():
                    log(f"leftover pid {pid} killed")
                    os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=25):
    try:
        with open(path, "rb") as f:
            return "\n".join(f.read().decode(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"({error})"


# ---- the environment: temporary home, X display, session bus -------------------------------

def make_env(tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DBUS_", "WAYLAND"))}
    dirs = {"HOME": "home", "XDG_DATA_HOME": "home/.local/share", "XDG_CONFIG_HOME": "home/.config",
            "XDG_CACHE_HOME": "home/.cache", "XDG_RUNTIME_DIR": "runtime", "TMPDIR": "tmp"}
    for key, sub in dirs.items():
        env[key] = os.path.join(tmp, sub)
        os.makedirs(env[key], mode=0o700, exist_ok=True)
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
    env.update(LOOKOUT_DB=os.path.join(tmp, "lookout.db"), NO_AT_BRIDGE="1",
               GSETTINGS_BACKEND="memory", LOOKOUT_E2E_RUN=tmp)
    return env


def start_xvfb(procs, env, screen="1280x800x24"):
    for n in range(99, 160):
        sock = f"/tmp/.X11-unix/X{n}"
        if os.path.exists(sock) or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        procs.start(f"xvfb{n}", ["Xvfb", f":{n}", "-screen", "0", screen, "-nolisten", "tcp"], env)
        proc = procs.started[-1][1]
        wait_for(f"Xvfb :{n} up or gone", lambda: os.path.exists(sock) or proc.poll() is not None, timeout=10)
        if proc.poll() is None:
            env["DISPLAY"] = f":{n}"
            return
    raise Failure("a free X display for Xvfb", "none of :99..:159 could start")


def start_bus(procs, env, logdir):
    """A private session bus (socket in XDG_RUNTIME_DIR), dbus-monitor and, if present, dunst."""
    address = f"unix:path={os.path.join(env['XDG_RUNTIME_DIR'], 'bus')}"
    procs.start("dbus-daemon", ["dbus-daemon", "--session", "--nofork", "--print-address=1",
                                f"--address={address}"], env)
    out = os.path.join(logdir, "dbus-daemon.log")
    env["DBUS_SESSION_BUS_ADDRESS"] = wait_for("a bus address from dbus-daemon", lambda: re.search(
        r"^unix:\S+", open(out).read(), re.M), timeout=10).group(0)
    log(f"session bus {env['DBUS_SESSION_BUS_ADDRESS']}")
    procs.start("dbus-monitor", ["dbus-monitor", "--session",
                                 "interface='org.freedesktop.Notifications'"], env)
    if shutil.which("dunst"):  # optional: Notify calls show in dbus-monitor's log either way
        procs.start("dunst", ["dunst"], env)
        try:
            wait_for("dunst owning org.freedesktop.Notifications",
                     lambda: "org.freedesktop.Notifications " in busctl(env, "list"), timeout=10)
        except Failure as error:
            print(f"  note: going on without dunst: {error}")


def busctl(env, *args, json_out=False):
    """Runs `busctl --user` on the bus of env; its stdout (decoded if json_out); raises on error."""
    argv = ["busctl", "--user", "--timeout=3"] + (["--json=short"] if json_out else []) + list(args)
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=15)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr.strip()}")
    return json.loads(done.stdout) if json_out else done.stdout


def stop_everything(wd, procs, marker):
    """The end of a run: the WebDriver session deleted (which closes the app), every process
    started stopped, and whatever left their groups swept."""
    try:
        if wd and wd.session:
            wd.close()
    except Exception as error:
        log(f"cannot delete the WebDriver session: {error}")
    procs.stop_all()
    sweep_marked(marker)


def e2e_arguments(description, app=True):
    """The options every end-to-end run takes: the programs under test (built by `cargo build`
    by default), --keep and --verbose; each run adds its own (screenshots) before parsing."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    built = lambda name: os.path.join(root, "target", "debug", name)
    parser = argparse.ArgumentParser(description=description)
    path = os.path.abspath
    if app:
        parser.add_argument("--app", type=path, default=built("lookout-app"), help="the desktop app")
    parser.add_argument("--cli", type=path, default=built("lookout"), help="the `lookout` CLI")
    parser.add_argument("--server", type=path, default=built("fake-status-server"))
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and print its path")
    parser.add_argument("--verbose", action="store_true", help="log every process and action")
    return parser


def run_e2e(run_class, description, prefix, name):
    """An end-to-end run's main: the common options, `run_class(args, tmp).test()` in a temp dir,
    PASS or the failure as the run reports it (`report_failure`), every process stopped, the temp
    dir removed unless --keep; the exit code (0 pass, 1 fail)."""
    args = e2e_arguments(description).parse_args()
    SETTINGS.verbose = args.verbose
    tmp = tempfile.mkdtemp(prefix=prefix)
    run, started = run_class(args, tmp), time.monotonic()
    try:
        run.test()
        print(f"PASS {name} in {time.monotonic() - started:.1f} s")
        return 0
    except (Failure, Exception) as error:
        run.report_failure(error)
        return 1
    finally:
        stop_everything(None, run.procs, tmp)
        if args.keep:
            print(f"kept {tmp}")
        else:
            subprocess.run(["rm", "-rf", tmp], check=False)


def start_fake_vendor(procs, env, logdir, server, scenario="incident-life"):
    """The fake status server on a free port (its log `fake.log` in `logdir`); its base URL."""
    procs.start("fake", [server, "--port", "0", "--scenario", scenario], env)
    out = os.path.join(logdir, "fake.log")
    return wait_for("the fake server listening", lambda: re.search(
        r"listening on (http://\S+)", open(out).read()), timeout=15).group(1).rstrip("/")
