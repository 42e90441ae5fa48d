"""A minimal W3C WebDriver client, enough to drive the app's window through tauri-driver.

Owns: `http` (one JSON request over urllib, also used to steer the fake status server) and
`WebDriver`: a session that launches the app, runs scripts in its page, reads texts, finds,
clicks and types into elements, chooses in a <select>, takes screenshots, and closes the app by
deleting the session.

Two hiccups are retried, a few times, rather than failing the run: tauri-driver dropping a
command unanswered when its connection to WebKitWebDriver was reset (its log says "Connection
reset by peer" in SendRequest: the command never reached WebKitWebDriver), and a "stale element
reference" when the page re-rendered (on the app's status-changed) between finding an element
and acting on it: the element is found again.
"""
import base64, json, time, urllib.error, urllib.request

from headless import Failure, log, wait_for

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element reference key
ATTEMPTS = 3  # per WebDriver command, for the two hiccups above
RESET = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)  # RemoteDisconnected too


def was_reset(error):
    return isinstance(error, RESET) or isinstance(getattr(error, "reason", None), RESET)


def http(method, url, body=None, timeout=10):
    """A JSON request; returns the decoded reply (None if empty); raises on HTTP errors."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{method} {url}: HTTP {error.code} {error.read()[:300]!r}") from None
    return json.loads(raw) if raw.strip() else None


class WebDriver:
    def __init__(self, port, app, args=()):
        self.base, self.session = f"http://127.0.0.1:{port}", None
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": app, "args": list(args)}}}}
        reply = wait_for("a WebDriver session from tauri-driver",
                         lambda: http("POST", f"{self.base}/session", caps, timeout=30), timeout=45)
        self.session = reply["value"]["sessionId"]
        log(f"WebDriver session {self.session}")

    def call(self, method, path, body=None):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return http(method, f"{self.base}/session/{self.session}{path}", body, 30)["value"]
            except OSError as error:  # urllib.error.URLError included
                if not was_reset(error) or attempt == ATTEMPTS:
                    raise
                log(f"WebDriver {method} {path}: {type(error).__name__}: {error}; again")
                time.sleep(0.2)

    def on_element(self, locate, action, body):
        """POSTs /element/<id>/<action> to the element locate() returns; if it went stale,
        locates it again."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self.call("POST", f"/element/{locate()}/{action}", body)
            except RuntimeError as error:
                if "stale element reference" not in str(error) or attempt == ATTEMPTS:
                    raise
                log(f"stale element for {action}; found again")

    def script(self, js, *args):
        return self.call("POST", "/execute/sync", {"script": js, "args": list(args)})

    def texts(self, css):
        """The textContent of every element matching css. (WebDriver's "Get Element Text" is not
        used: its visibility rules drop the app's ellipsis-styled title and provider spans.)"""
        return self.script("return [...document.querySelectorAll(arguments[0])]"
                           ".map((e) => e.textContent.trim());", css)

    def click_with_text(self, css, text, inner=None):
        """Clicks (a WebDriver element click) the first element matching css containing text, or
        the first element matching inner inside it."""
        def locate():
            found = self.script("const e = [...document.querySelectorAll(arguments[0])]"
                                ".find((e) => e.textContent.includes(arguments[1]));"
                                " return (e && arguments[2] ? e.querySelector(arguments[2]) : e) || null;",
                                css, text, inner)
            if not found:
                raise Failure(f"an element {css} containing {text!r}" + (f" with a {inner}" if inner else ""),
                              self.texts(css))
            return found[ELEMENT]
        self.on_element(locate, "click", {})

    def find(self, css):
        """The WebDriver element id of the first element matching css (raises if none)."""
        return self.call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def displayed(self, css):
        return self.call("GET", f"/element/{self.find(css)}/displayed")

    def click(self, css):
        self.on_element(lambda: self.find(css), "click", {})

    def type(self, css, text):
        """Clears the field matching css and types text into it (WebDriver Element Send Keys);
        fails unless the field then holds text."""
        self.on_element(lambda: self.find(css), "clear", {})
        self.on_element(lambda: self.find(css), "value", {"text": text})
        value = self.script("return document.querySelector(arguments[0]).value;", css)
        if value != text:
            raise Failure(f"{css} holding {text!r} once typed", repr(value))

    def choose(self, css, value):
        """Sets the <select> matching css to value and dispatches its change event."""
        chosen = self.script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                             " s.dispatchEvent(new Event('change', { bubbles: true })); return s.value;",
                             css, value)
        if chosen != value:
            raise Failure(f"{css} set to {value!r}", chosen)

    def screenshot(self, path):
        """Saves the window as PNG, after two animation frames (else it may show an older paint)."""
        try:
            self.call("POST", "/execute/async", {"args": [], "script": "const done = arguments[0];"
                      " requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"})
            with open(path, "wb") as f:
                f.write(base64.b64decode(self.call("GET", "/screenshot")))
            print(f"  screenshot: {path}")
        except Exception as error:
            print(f"  screenshot failed: {error}")

    def close(self):
        """Deletes the session, which closes the app."""
        session, self.session = self.session, None
        http("DELETE", f"{self.base}/session/{session}", timeout=20)
