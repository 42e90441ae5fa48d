"""`lookout serve`'s three figures for `scripts/bench`, against the release binary on loopback with
500 providers stored (Acme's incident-life page polled every 10 s, 499 quiet pages of 10 resolved
incidents every 60 s, all on the release fake server):
1. `GET /api/v1/providers` at a constant 200 requests/s for 30 s (10 s with --quick), sent by
   oha (crates.io) in its open model: each request's latency counts from when it was due
   (`--latency-correction`), so a slow answer cannot hold the next requests back and hide them.
2. The serve process's private memory with 1,000 clients following `/api/v1/events`.
3. One vendor post (Acme's incident opens on the fake server), stored by serve's own poll, to the
   last of the 1,000 clients receiving its event.

Owns: the database of 500 providers (one `lookout config apply`, one `lookout poll`), the serve
process, the load run and its oha report, and the three rows (the clients are bench_sse.py's).
Usage: bench_serve.py --cli target/release/lookout --server target/release/fake-status-server
                      --oha PATH --rows ROWS [--quick]
"""
import argparse, json, os, re, resource, sqlite3, subprocess, sys, tempfile, time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_sse import Followers, StoreWatcher, fanout  # noqa: E402

QUIET_PAGES, RATE, SECONDS, QUICK_SECONDS, CLIENTS, SETTLE_S = 499, 200, 30, 10, 1000, 5
# The rows' figures, as bench_table.py lists them.
LATENCY_ROW = "`serve` /api/v1/providers at 200 req/s: p99"
MEMORY_ROW = "`serve`, 1,000 SSE clients: private memory"
FANOUT_ROW = "`serve` event → the last of 1,000 SSE clients"


def private_mb(pid):
    text = open(f"/proc/{pid}/smaps_rollup").read()
    return int(re.search(r"^Anonymous:\s+(\d+)", text, re.M).group(1)) / 1024


def load_figures(report):
    """What a row needs from oha's JSON report (`--output-format json`): latencies in ms."""
    summary, percentiles = report["summary"], report["latencyPercentiles"]
    statuses = {int(code): n for code, n in report.get("statusCodeDistribution", {}).items()}
    errors = sum(report.get("errorDistribution", {}).values())
    return {"p99_ms": percentiles["p99"] * 1000, "p50_ms": percentiles["p50"] * 1000,
            "max_ms": summary["slowest"] * 1000, "rate": summary["requestsPerSec"],
            "answered": sum(statuses.values()), "not_200": sum(n for c, n in statuses.items()
                                                               if c != 200),
            "errors": errors}


def shortfall(got, due):
    """The note's warning when more than 1 % of the `due` requests went unanswered with a 200:
    the p99 of those answered is then only a lower bound (oha times only what it sent)."""
    short = max(0, due - got["answered"]) + got["not_200"]
    if short <= due // 100:
        return ""
    return (f"; a lower bound: {short} of the {due} requests due were not answered 200 "
            f"({got['not_200']} other statuses, {got['errors']} failed or cut off at the end, the "
            "rest never sent: serve fell behind)")


def providers_file(base):
    """The configuration of 500 providers on the fake server, as `lookout config apply` reads."""
    pages = [("Acme", "acme", 10)] + [(f"Quiet {n:03}", f"quiet-{n:03}", 60)
                                      for n in range(QUIET_PAGES)]
    return "".join(f'[[providers]]\nname = "{name}"\nurl = "{base}/{slug}/"\n'
                   f'platform = "statuspage"\ninterval = {interval}\n\n'
                   for name, slug, interval in pages)


def wait_for_line(path, pattern, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not (found := re.search(pattern, open(path, errors="replace").read())):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} never started: {open(path).read()[-500:]}")
        time.sleep(0.1)
    return found


def world(args, tmp, env, started):
    """The fake server, and the database of its 500 pages polled once."""
    log = os.path.join(tmp, "server.log")
    started.append(subprocess.Popen([args.server, "--port", "0", "--quiet-pages", str(QUIET_PAGES)],
                                    stdout=open(log, "w"), stderr=subprocess.STDOUT))
    base = wait_for_line(log, r"listening on (http://\S+)", "the fake server").group(1).rstrip("/")
    config = os.path.join(tmp, "providers.toml")
    with open(config, "w") as f:
        f.write(providers_file(base))
    subprocess.run([args.cli, "config", "apply", config], env=env, check=True, capture_output=True)
    subprocess.run([args.cli, "poll"], env=env, check=True, capture_output=True)
    return base


def start_serve(args, tmp, env, started):
    log = os.path.join(tmp, "serve.log")
    serve = subprocess.Popen([args.cli, "serve", "--listen", "127.0.0.1:0"], env=env,
                             stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    started.append(serve)
    port = int(wait_for_line(log, r"http://127\.0\.0\.1:(\d+)/api/v1/", "lookout serve").group(1))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/providers", timeout=10) as r:
        count = len(json.load(r))
    if count != QUIET_PAGES + 1:
        raise RuntimeError(f"/api/v1/providers lists {count} providers, not {QUIET_PAGES + 1}")
    return serve, port


def timed_get_ms(url):
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
    return (time.perf_counter() - t0) * 1000


def cpu_s(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def providers_latency(args, serve, port, rows):
    seconds = QUICK_SECONDS if args.quick else SECONDS
    url = f"http://127.0.0.1:{port}/api/v1/providers"
    alone_ms = min(timed_get_ms(url) for _ in range(5))  # one at a time, nothing else asking
    cpu_before = cpu_s(serve.pid)
    run = subprocess.run([args.oha, "-z", f"{seconds}s", "-q", str(RATE), "--latency-correction",
                          "-c", "50", "--no-tui", "--output-format", "json", url],
                         capture_output=True, text=True, timeout=seconds + 60)
    if run.returncode != 0:
        raise RuntimeError(f"oha: {run.stderr.strip()[-300:]}")
    got = load_figures(json.loads(run.stdout))
    cpu_ms = (cpu_s(serve.pid) - cpu_before) * 1000 / max(1, got["answered"])
    behind = shortfall(got, RATE * seconds)
    add(rows, LATENCY_ROW, got["p99_ms"], "ms", 20,
        f"oha -q {RATE} -c 50 --latency-correction (open model: each latency from when the request "
        f"was due), {seconds} s, {got['answered']} answered ({got['rate']:.0f}/s), full bodies "
        f"(no If-None-Match; {alone_ms:.1f} ms the best of 5 alone before); p50 "
        f"{got['p50_ms']:.1f} ms, max {got['max_ms']:.1f} ms; serve's CPU {cpu_ms:.1f} ms an "
        f"answer, its 500 providers' polls included{behind}")


def followers_and_fanout(args, base, port, serve, env, rows):
    before = private_mb(serve.pid)
    followers = Followers("127.0.0.1", port, CLIENTS)
    try:
        t0 = time.monotonic()
        followers.connect(timeout=60)
        connect_s = time.monotonic() - t0
        time.sleep(SETTLE_S)
        add(rows, MEMORY_ROW, private_mb(serve.pid), "MB",
            60, f"Anonymous of smaps_rollup, {CLIENTS} clients on /api/v1/events, {SETTLE_S} s "
            f"after the last connected ({connect_s:.1f} s to connect all); {before:.1f} MB just "
            "before they connected (after the load of the row above)")
        after = last_event_id(env)
        watcher = StoreWatcher(env["LOOKOUT_DB"], after)
        urllib.request.urlopen(urllib.request.Request(f"{base}/_control/step", method="POST"))
        event, received = followers.await_event(after, timeout=60)
        stored_ns = watcher.stop()
    finally:
        followers.close()
    spread = fanout(stored_ns, received)
    if spread["stored_to_last"] is None:
        raise RuntimeError("the database watcher never saw the event stored")
    add(rows, FANOUT_ROW, spread["stored_to_last"], "s", 1,
        f"event {event} (Acme's incident opened, stored by serve's own poll): from stored (seen "
        "by a reader of the database every 1 ms) to the last client's kernel receive time "
        f"(SO_TIMESTAMPNS); stored → first client {spread['stored_to_first'] * 1000:.1f} ms, "
        f"first → last {spread['first_to_last'] * 1000:.1f} ms, median client "
        f"{spread['median_from_origin'] * 1000:.1f} ms after stored")


def last_event_id(env):
    with sqlite3.connect(f"file:{env['LOOKOUT_DB']}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0


def add(rows, figure, value, unit, limit, note):
    with open(rows, "a") as f:
        f.write(f"{figure}|{value:.3f}|{unit}|{limit}|{note}\n")
    print(f"  {figure}: {value:.3f} {unit} {note}", flush=True)


def raise_open_files(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("cli", "server", "oha", "rows"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    raise_open_files(CLIENTS * 2 + 256)  # the clients here; serve inherits it for their peers
    started, failed = [], 0
    with tempfile.TemporaryDirectory(prefix="lookout-bench-serve-") as tmp:
        env = {**os.environ, "LOOKOUT_DB": os.path.join(tmp, "lookout.db")}
        try:
            base = world(args, tmp, env, started)
            serve, port = start_serve(args, tmp, env, started)
            time.sleep(SETTLE_S)  # past serve's start, as a server that has been up a while
            for part in (lambda: providers_latency(args, serve, port, args.rows),
                         lambda: followers_and_fanout(args, base, port, serve, env, args.rows)):
                try:  # one part failing leaves the other's rows
                    part()
                except Exception as error:
                    print(f"bench_serve: a part stopped: {error}", file=sys.stderr)
                    failed += 1
        except Exception as error:
            print(f"bench_serve: stopped: {error}", file=sys.stderr)
            return 1
        finally:
            stop(started)
    return 1 if failed else 0


def stop(started):
    for process in reversed(started):
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    sys.exit(main())
