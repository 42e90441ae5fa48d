"""The fleet test's screenshots: every view of the window at both sizes, in one theme.

Owns: the views' order and what each waits for before its picture, the budget of one theme's
pictures, pausing notification bubbles, and taking a picture of the window from the X server
(window_shot.py) rather than through WebKitWebDriver.
"""
import os, shutil, subprocess, time

from headless import SETTINGS, Failure, log

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with PyGObject: window_shot.py reads the window
SHOTS_BUDGET = 240  # s for one theme's pictures (the checks before them have headless.BUDGET)
SIZES = ((1280, 800), (1920, 1080))
VIEWS = ("overview", "incidents", "maintenance", "services", "add", "settings")
# What each view shows once its data is in (the pictures wait for it).
READY = {"overview": ".provider-row", "incidents": ".incident-row", "maintenance": "#main h2",
         "services": ".service-row", "add": ".catalog-entry", "settings": "#sink-add-form"}


def every_view(run, theme, provider_id):
    """Every view at both sizes (the provider's page: provider_id's), with a time budget of its
    own (the checks before have theirs)."""
    SETTINGS.deadline = time.monotonic() + SHOTS_BUDGET
    os.makedirs(run.args.screenshots, exist_ok=True)
    quiet_notifications(run, True)
    try:
        pictures(run, theme, provider_id)
    finally:
        quiet_notifications(run, False)


def pictures(run, theme, provider_id):
    out = run.args.screenshots
    incident = None
    for width, height in SIZES:
        run.size(width, height)
        for view in VIEWS + ("provider", "incident"):
            if view == "provider":
                run.go(f"#/provider/{provider_id}", ".provider-summary")
            elif view == "incident":
                run.go("#/incidents", ".incident-row")
                incident = incident or run.wd.script(
                    "return document.querySelector('.incident-row').getAttribute('href');")
                run.go(incident, ".timeline-update")
            else:
                run.go(f"#/{view}", READY[view])
                time.sleep(1.0)
            run.wd.script("document.activeElement && document.activeElement.blur();"
                          " document.getElementById('main').scrollTop = 0;")
            shot(run, os.path.join(out, f"{view}-{width}x{height}-{theme}.png"), (width, height))


def quiet_notifications(run, paused):
    """No notification bubble over the window in a picture: dunst paused while they are taken
    (it keeps what comes meanwhile), and its bubbles closed."""
    if shutil.which("dunstctl"):
        for command in (["close-all"], ["set-paused", "true" if paused else "false"]):
            subprocess.run(["dunstctl", *command], env=run.env, capture_output=True, timeout=10)


def shot(run, path, size):
    """The window's pixels as the X server has them (window_shot.py), once two animation
    frames have passed (else it may show an older paint). Not WebKitWebDriver's screenshot
    command: on some views (Add, the dark overview) it never answered, every try timing out
    after 30 s, which spent the run's time."""
    try:
        run.wd.call("POST", "/execute/async", {"args": [], "script": "const done = arguments[0];"
                    " requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"})
    except Exception as error:  # a late frame is no reason to go without the picture
        log(f"no animation frame before {path}: {error}")
    time.sleep(0.3)
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Lookout$"], env=run.env,
                           capture_output=True, text=True, timeout=10).stdout.split()
    if len(found) != 1:
        raise Failure("one visible window named Lookout", found)
    done = subprocess.run([SYSTEM_PYTHON, os.path.join(HERE, "window_shot.py"), found[0], path],
                          env=run.env, capture_output=True, text=True, timeout=30)
    if done.returncode != 0 or done.stdout.strip() != f"{size[0]}x{size[1]}":
        raise Failure(f"a {size[0]}×{size[1]} screenshot in {path}", (done.stdout + done.stderr).strip())
    print(f"  screenshot: {path} ({os.path.getsize(path) // 1024} KiB)", flush=True)
