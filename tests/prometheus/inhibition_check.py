#!/usr/bin/env python3
"""The shipped Alertmanager example (docs/prometheus/alertmanager-inhibit.yml) in a real
Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1: while LookoutServiceAffected fires
for Checkout, the team's CheckoutErrorRateHigh for Checkout is inhibited and Signup's own alert
is not. Run by scripts/test; says "skipped" only when Alertmanager is absent outside CI."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "prometheus" / "alertmanager-inhibit.yml"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=5) as answer:
        text = answer.read().decode()
        is_json = answer.headers.get("Content-Type", "").startswith("application/json")
        return json.loads(text) if text and is_json else text


def alert(name, service, **labels):
    return {"labels": {"alertname": name, "service": service, **labels}}


def main():
    binary = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    if binary is None:
        if os.environ.get("CI"):
            sys.exit("prometheus-alertmanager is missing (scripts/install-deps --test installs it)")
        print("skipped: no prometheus-alertmanager")
        return
    port, cluster = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as storage:
        server = subprocess.Popen(
            [binary, f"--config.file={CONFIG}", f"--storage.path={storage}",
             f"--web.listen-address=127.0.0.1:{port}",
             f"--cluster.listen-address=127.0.0.1:{cluster}", "--log.level=warn"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            check(base, server)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("ok: Checkout's own alert inhibited while Lookout says a vendor it uses is affected")


def ready(base, server):
    for _ in range(100):
        if server.poll() is not None:
            sys.exit("alertmanager stopped: " + server.stderr.read().decode()[-2000:])
        try:
            call(base, "/-/ready")
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("alertmanager did not start")


def check(base, server):
    ready(base, server)
    call(base, "/api/v2/alerts", [
        alert("LookoutServiceAffected", "Checkout", criticality="high", severity="info"),
        alert("CheckoutErrorRateHigh", "Checkout", severity="page"),
        alert("SignupErrorRateHigh", "Signup", severity="page"),
    ])
    for _ in range(50):
        states = {a["labels"]["alertname"]: a["status"] for a in call(base, "/api/v2/alerts")}
        if len(states) == 3 and states["CheckoutErrorRateHigh"]["inhibitedBy"]:
            break
        time.sleep(0.1)
    assert states["CheckoutErrorRateHigh"]["state"] == "suppressed", states
    assert states["CheckoutErrorRateHigh"]["inhibitedBy"], states
    assert states["SignupErrorRateHigh"]["state"] == "active", states
    assert states["LookoutServiceAffected"]["state"] == "active", states


if __name__ == "__main__":
    main()
