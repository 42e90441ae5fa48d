"""The overview's part of `scripts/bench`: how long the window's overview takes to render 500
providers once their data is in hand.

The window's own page (ui/index.html, its stylesheets and modules, served from 127.0.0.1) runs in
headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) with a stand-in for
the Tauri IPC: `overview` answers 500 providers made from the 42 cards the real app answered for
the fake status server's fleet (scripts/bench_overview_fleet.json, saved by
`tests/e2e/fleet_e2e.py --save-overview`), each copied with an id and a name of its own (so the
mix is the fleet's: about one in six needs a look). The page then mounts the overview view
(ui/js/views/overview.js, the module the app routes to) into #main with that data already
resolved, and times it with performance.now(): from the mount to the whole overview laid out
(a forced layout: main.scrollHeight), the median of several runs after two warm-up runs.
Chromium is not the app's WebKitGTK: the figure is of the UI code and the page's CSS, on this
machine's CPU.

A second row times the same runs in WebKitGTK, the app's own engine, with the environment the
app gives it (src-tauri/src/process_env.rs: JavaScript without a JIT): bench_overview_webkit.py.

Owns: the 500 cards, the stand-in IPC, the timed runs, and the rows
`overview with 500 providers rendered` (Chromium) and `…, in WebKitGTK as the app runs it`.
Usage: bench_overview.py --rows FILE [--quick] [--providers N]
"""
import argparse, copy, functools, http.server, json, os, shutil, statistics, sys, tempfile, threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLEET = os.path.join(ROOT, "scripts", "bench_overview_fleet.json")
LIMIT_MS = 100

# Installed before the page's own scripts: the IPC the window's backend.js calls. `overview`
# answers the cards; every other command answers an error the page shows as such.
FAKE_IPC = """
window.__BENCH_OVERVIEW__ = %s;
window.__TAURI__ = {
  core: { invoke: async (command) => {
    if (command === 'overview') return window.__BENCH_OVERVIEW__;
    throw { code: 'internal', message: `not in the benchmark: ${command}` };
  } },
  event: { listen: async () => () => {} },
};
"""

# Mounts the overview view `runs` times and answers each run's milliseconds.
TIMED_RUNS = """
const [runs, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const view = await import('./js/views/overview.js');
  const main = document.getElementById('main');
  const data = window.__BENCH_OVERVIEW__;
  const ctx = { setTitle: () => {}, now: () => Date.now(), isActive: () => true,
    loadOverview: () => Promise.resolve(data) };
  const took = [];
  for (let k = 0; k < runs; k++) {
    main.replaceChildren();
    void main.scrollHeight;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    await view.mount(main, ctx).ready;
    void main.scrollHeight;  // style and layout of everything the view built
    took.push(performance.now() - t0);
  }
  const rows = main.querySelectorAll('.provider-row').length;
  done({ took, rows, height: main.scrollHeight });
})().catch((error) => done({ error: String(error && error.stack || error) }));
"""


def cards(count):
    """`count` providers made from the fleet's 42, each with an id and a name of its own."""
    with open(FLEET) as f:
        fleet = json.load(f)
    made = []
    for n in range(count):
        card = copy.deepcopy(fleet["providers"][n % len(fleet["providers"])])
        copy_no = n // len(fleet["providers"])
        card["id"] = n + 1
        if copy_no:
            card["name"] = f"{card['name']} {copy_no + 1}"
        for incident in card.get("active_incidents") or []:
            incident["provider_id"], incident["provider"] = card["id"], card["name"]
        for maintenance in card.get("maintenances") or []:
            maintenance["provider_id"], maintenance["provider"] = card["id"], card["name"]
        made.append(card)
    return dict(fleet, providers=made)


def serve_ui(overview):
    """An HTTP server of ui/ on 127.0.0.1 (a thread), whose index.html loads the stand-in IPC
    (answering `overview`) before the page's own modules; answers the server."""
    ipc = (FAKE_IPC % json.dumps(overview)).encode()
    with open(os.path.join(ROOT, "ui", "index.html"), encoding="utf-8") as f:
        page = f.read().replace('<script type="module"', '<script src="bench-ipc.js"></script>\n  '
                                '<script type="module"', 1).encode()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            body = {"/index.html": (page, "text/html"), "/bench-ipc.js": (ipc, "text/javascript")}
            found = body.get(self.path.split("?")[0])
            if not found:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", found[1])
            self.send_header("Content-Length", str(len(found[0])))
            self.end_headers()
            self.wfile.write(found[0])

        def log_message(self, *_):
            pass

    handler = functools.partial(Handler, directory=os.path.join(ROOT, "ui"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(providers, runs):
    """Each timed run's milliseconds, and what the last one drew."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        raise RuntimeError("chromium and chromium-driver are not installed")
    profile = tempfile.mkdtemp(prefix="lookout-bench-overview-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--window-size=1280,800", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    server, browser = serve_ui(cards(providers)), None
    try:
        browser = webdriver.Chrome(service=Service(driver), options=options)
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/index.html#/overview")
        browser.set_script_timeout(120)
        result = browser.execute_async_script(TIMED_RUNS, runs + 2)
    finally:
        if browser:
            browser.quit()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["took"][2:], result


APP_ENV = os.path.join(ROOT, "src-tauri", "src", "process_env.rs")


def app_environment():
    """The variables the app sets for WebKit (process_env.rs's WEBKIT_GTK and MALLOC_ARENA_MAX),
    read from its source so that the benchmark runs WebKit as the app does."""
    import re
    with open(APP_ENV, encoding="utf-8") as f:
        source = f.read()
    block = re.search(r"const WEBKIT_GTK[^=]*=\s*\[(.*?)\];", source, re.S).group(1)
    found = dict(re.findall(r'\("([A-Za-z_]+)", "([^"]*)"\)', block))
    found["MALLOC_ARENA_MAX"] = re.search(r'"MALLOC_ARENA_MAX", "(\d+)"', source).group(1)
    return found


def measure_webkit(providers, runs):
    """The same timed runs in WebKitGTK (bench_overview_webkit.py under Debian's python3, which
    has PyGObject), on an Xvfb of its own, with the app's environment for WebKit."""
    import subprocess
    if not shutil.which("Xvfb") or not os.path.exists("/usr/bin/python3"):
        raise RuntimeError("Xvfb or /usr/bin/python3 is missing")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as display:
            number = display.readline().strip()
        env = dict(os.environ, DISPLAY=f":{number}", **app_environment())
        done = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "bench_overview_webkit.py"),
                               "--providers", str(providers), "--runs", str(runs + 2)],
                              env=env, capture_output=True, text=True, timeout=300)
    finally:
        xvfb.terminate()
        xvfb.wait()
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise RuntimeError(f"WebKitGTK run failed: {done.stderr.strip()[-500:]}")
    result = json.loads(lines[-1])
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["took"][2:], result


def row(args, figure, measure_with, runs, where):
    """Measures, prints and appends one row; whether it was measured."""
    try:
        took, seen = measure_with(args.providers, runs)
    except Exception as error:  # a missing browser is a row not measured, not a crash
        print(f"bench_overview: {figure}: {error}", file=sys.stderr)
        took, seen = None, {}
    median = statistics.median(took) if took else None
    note = (f"data in hand → overview built and laid out (forced layout), median of {runs} runs "
            f"(min {min(took):.0f}, max {max(took):.0f} ms) after 2 warm-ups, ui/ in {where} "
            f"1280×800 with a stand-in IPC; {seen.get('rows')} rows drawn, "
            f"calm ones folded" if took else "not measured (see above)")
    shown = "" if median is None else f"{median:.1f}"
    print(f"  {figure}: {shown or 'not measured'} ms {note}", flush=True)
    if args.rows:
        with open(args.rows, "a") as f:
            f.write(f"{figure}|{shown}|ms|{LIMIT_MS}|{note}\n")
    return bool(took)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", help="append the rows here (see bench_table.py)")
    parser.add_argument("--quick", action="store_true", help="5 timed runs, not 15")
    parser.add_argument("--providers", type=int, default=500)
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    figure = f"overview with {args.providers} providers rendered"
    chromium = row(args, figure, measure, runs, "headless Chromium")
    webkit = row(args, f"{figure}, in WebKitGTK as the app runs it", measure_webkit, runs,
                 "WebKitGTK (Xvfb) with the app's WebKit environment: no JIT, no compositing")
    return 0 if chromium and webkit else 1


if __name__ == "__main__":
    sys.exit(main())
