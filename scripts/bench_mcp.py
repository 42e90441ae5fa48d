"""`lookout mcp`'s two figures for `scripts/bench`: a `vendor_status` call for a watched provider
with 100 providers stored (each call's wall time from request written to answer read, over the
stdio pipe, as a client sees it), and the server's private memory idle after the calls.

Owns: the database of 100 providers polled from the release fake server (Acme with an open
incident, 99 quiet pages with resolved incidents), the JSON-RPC session spoken raw over stdio (no
SDK's own time in the figure), and the two rows.
Usage: bench_mcp.py --cli target/release/lookout --server target/release/fake-status-server
                    --rows ROWS [--quick]
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time, urllib.request

QUIET_PAGES, CALLS, QUICK_CALLS, SETTLE_S = 99, 200, 50, 10


def private_mb(pid):
    text = open(f"/proc/{pid}/smaps_rollup").read()
    return int(re.search(r"^Anonymous:\s+(\d+)", text, re.M).group(1)) / 1024


class Session:
    """A `lookout mcp` process spoken to in JSON-RPC lines."""

    def __init__(self, cli, env):
        self.proc = subprocess.Popen([cli, "mcp"], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def ask(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            answer = json.loads(self.proc.stdout.readline())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def world(args, tmp, env):
    out = open(os.path.join(tmp, "server.log"), "w")
    server = subprocess.Popen([args.server, "--port", "0", "--quiet-pages", str(QUIET_PAGES)],
                              stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while not (found := re.search(r"listening on (http://\S+)", open(out.name).read())):
        if time.monotonic() > deadline:
            raise RuntimeError("the fake server never listened")
        time.sleep(0.1)
    base = found.group(1).rstrip("/")
    urllib.request.urlopen(urllib.request.Request(f"{base}/_control/stage/2", method="POST"))
    for slug in ["acme"] + [f"quiet-{n:03}" for n in range(QUIET_PAGES)]:
        subprocess.run([args.cli, "add", f"{base}/{slug}/", "--name", slug.title()], env=env,
                       check=True, capture_output=True)
    subprocess.run([args.cli, "poll"], env=env, check=True, capture_output=True)
    return server


def measure(args, env, rows):
    session = Session(args.cli, env)
    try:
        session.ask("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                   "clientInfo": {"name": "bench", "version": "1"}})
        session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        asked = {"name": "vendor_status", "arguments": {"name_or_url": "Acme"}}
        first = session.ask("tools/call", asked)["structuredContent"]
        if not (first["watched"] and first["status"] == "partial_outage"):
            raise RuntimeError(f"vendor_status Acme: {first}")
        took = []
        for _ in range(QUICK_CALLS if args.quick else CALLS):
            t0 = time.perf_counter()
            session.ask("tools/call", asked)
            took.append((time.perf_counter() - t0) * 1000)
        took.sort()
        p95 = took[max(0, -(-len(took) * 95 // 100) - 1)]
        note = (f"p95 of {len(took)} calls after a first; median {statistics.median(took):.1f} ms, "
                f"max {took[-1]:.1f} ms; wall over the stdio pipe")
        add(rows, "`vendor_status`, watched, 100 providers stored: p95", p95, "ms", 20, note)
        time.sleep(SETTLE_S)
        add(rows, "`lookout mcp` idle: private memory", private_mb(session.proc.pid), "MB", 10,
            f"after the calls, {SETTLE_S} s settled; Anonymous of smaps_rollup")
    finally:
        session.close()


def add(rows, figure, value, unit, limit, note):
    with open(rows, "a") as f:
        f.write(f"{figure}|{value:.3f}|{unit}|{limit}|{note}\n")
    print(f"  {figure}: {value:.3f} {unit} {note}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("cli", "server", "rows"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lookout-bench-mcp-") as tmp:
        env = {**os.environ, "LOOKOUT_DB": os.path.join(tmp, "lookout.db"), "RUST_LOG": "off"}
        server = world(args, tmp, env)
        try:
            measure(args, env, args.rows)
        except Exception as error:
            print(f"bench_mcp: stopped: {error}", file=sys.stderr)
            return 1
        finally:
            server.kill()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
