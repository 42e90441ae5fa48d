"""The webhook endpoint the end-to-end test gives the app as an alert destination.

Owns: `Receiver`, a `http.server.ThreadingHTTPServer` on 127.0.0.1 (a free port) served from a
daemon thread, that records every POST (path, headers, raw body, the body decoded as JSON when it
is) and answers 204 (and 404 to any GET: a failing endpoint on another host than the fake
status page, for the probe step); waiting for a POST that matches; and checking a POST's `X-Lookout-Delivery`
and `X-Lookout-Signature` headers (README, "The webhook payload").
"""
import hashlib, hmac, http.server, json, threading

from headless import Failure, log, wait_for


class Receiver:
    def __init__(self):
        self.lock, self.received = threading.Lock(), []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/lookout-hook"
        threading.Thread(target=self.server.serve_forever, name="webhook-receiver", daemon=True).start()
        log(f"webhook receiver at {self.url}")

    def _handler(receiver):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    body = b""
                    while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                        body += self.rfile.read(size)
                        self.rfile.readline()  # the CRLF after each chunk
                    while self.rfile.readline().strip():  # trailers, up to the blank line
                        pass
                else:
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    parsed = json.loads(body)
                except ValueError:
                    parsed = None
                post = {"path": self.path, "body": body, "json": parsed,
                        "headers": {k.lower(): v for k, v in self.headers.items()}}
                with receiver.lock:
                    receiver.received.append(post)
                self.send_response(204)
                self.end_headers()

            def do_GET(self):
                # A page it does not serve: what a failing probe of another host asks for.
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, fmt, *args):
                log("webhook receiver: " + fmt % args)
        return Handler

    def posts(self):
        """Every POST received so far, oldest first."""
        with self.lock:
            return list(self.received)

    def wait_post(self, kind, title):
        """Waits for a POST whose JSON has this kind and title; returns it."""
        def brief(post):
            data = post["json"]
            return (data.get("kind"), data.get("title")) if isinstance(data, dict) else post["body"][:80]
        found = wait_for(f"a POST to the webhook receiver with kind {kind!r} and title {title!r}",
                         lambda: [brief(p) for p in self.posts()], lambda seen: (kind, title) in seen)
        post = self.posts()[found.index((kind, title))]
        log(f"webhook POST {post['path']}: {post['json'].get('delivery_id')} {title!r}")
        return post

    @staticmethod
    def check_signed(post, secret):
        """Fails unless X-Lookout-Delivery is the body's delivery_id and X-Lookout-Signature the
        HMAC-SHA256 of the raw body keyed with secret."""
        headers, body = post["headers"], post["body"]
        delivery = post["json"].get("delivery_id")
        if not delivery or headers.get("x-lookout-delivery") != delivery:
            raise Failure(f"X-Lookout-Delivery == the body's delivery_id {delivery!r}",
                          headers.get("x-lookout-delivery"))
        wanted = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(headers.get("x-lookout-signature", ""), wanted):
            raise Failure(f"X-Lookout-Signature == {wanted}", headers.get("x-lookout-signature"))
        if "application/json" not in headers.get("content-type", ""):
            raise Failure("Content-Type: application/json", headers.get("content-type"))

    def close(self):
        self.server.shutdown()
        self.server.server_close()
