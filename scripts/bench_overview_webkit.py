"""The overview's render time in the app's own engine: ui/ in WebKitGTK (the WebKit2 4.1 the app
links), under the environment the app gives WebKit (src-tauri/src/process_env.rs: no JIT, no
compositing, the system's malloc), timed as bench_overview.py times it in Chromium.

Owns: the GTK window and webview, the page's load and the timed runs' result read back. Run by
bench_overview.py under Debian's /usr/bin/python3 (PyGObject with the WebKit2 typelib), with
DISPLAY set to an Xvfb of its own.
Usage: bench_overview_webkit.py --providers N --runs R   (prints {"took": [...], "rows": n})
"""
import argparse, json, os, sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_overview  # noqa: E402

TIMEOUT_S = 120


def timed_runs_script(runs):
    """bench_overview's timed runs, their result left in window.__BENCH_RESULT (no WebDriver)."""
    head = "const [runs, done] = [arguments[0], arguments[arguments.length - 1]];"
    assert head in bench_overview.TIMED_RUNS
    return bench_overview.TIMED_RUNS.replace(
        head, f"const runs = {runs}; const done = (r) => {{ window.__BENCH_RESULT = JSON.stringify(r); }};")


def measure(providers, runs):
    server = bench_overview.serve_ui(bench_overview.cards(providers))
    window, view, outcome = Gtk.Window(), WebKit2.WebView(), {}
    window.set_default_size(1280, 800)
    window.add(view)
    window.show_all()

    def finish(result):
        outcome.update(result)
        Gtk.main_quit()

    def poll():
        def read(webview, answer):
            try:
                text = webview.evaluate_javascript_finish(answer).to_string()
            except GLib.Error as error:
                return finish({"error": str(error)})
            if text not in ("", "undefined", "null"):
                return finish(json.loads(text))
            GLib.timeout_add(200, poll)
        view.evaluate_javascript("String(window.__BENCH_RESULT)", -1, None, None, None, read)
        return False

    def loaded(webview, event):
        if event == WebKit2.LoadEvent.FINISHED and not outcome.get("started"):
            outcome["started"] = True
            webview.evaluate_javascript(timed_runs_script(runs), -1, None, None, None, None)
            GLib.timeout_add(500, poll)

    view.connect("load-changed", loaded)
    view.load_uri(f"http://127.0.0.1:{server.server_address[1]}/index.html#/overview")
    GLib.timeout_add_seconds(TIMEOUT_S, lambda: finish({"error": f"no result within {TIMEOUT_S} s"}))
    Gtk.main()
    server.shutdown()
    outcome.pop("started", None)
    return outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, required=True)
    parser.add_argument("--runs", type=int, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args.providers, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
