"""Many clients following `lookout serve`'s `/api/v1/events` at once, for bench_serve.py: their
sockets, and when one event reached each of them.

Owns: the clients (raw HTTP/1.1 over plain sockets in one epoll loop: no client library's own
time in the figures), each arrival timed by the kernel's receive timestamp of the socket
(SO_TIMESTAMPNS, the wall clock), not by when Python got round to reading it; the watcher of the
database that tells when an event was stored; and the fan-out arithmetic (`fanout`).
"""
import re, selectors, socket, sqlite3, struct, threading, time

# Linux's value (asm-generic; x86 and arm alike): Python names it only from 3.12 on.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
HELLO = b"following the events stored"  # the comment that opens every stream
EVENT_ID = re.compile(rb"^id: ?(\d+)\r?$", re.M)


def kernel_time_ns(ancdata):
    """The SO_TIMESTAMPNS receive time in `recvmsg`'s ancillary data (ns), or None."""
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            seconds, nanoseconds = struct.unpack("qq", data[:16])
            return seconds * 1_000_000_000 + nanoseconds
    return None


def first_event_after(stream, after):
    """The first SSE event id in `stream` (the bytes read so far) above `after`, or None."""
    for found in EVENT_ID.finditer(stream):
        if int(found.group(1)) > after:
            return int(found.group(1))
    return None


def fanout(stored_ns, received_ns):
    """From when an event was stored (ns, or None if not seen) and when each client received it
    (ns): seconds from storing to the first client, from the first to the last, from storing to
    the last, and the median client's time from storing (or from the first when not stored)."""
    received = sorted(received_ns)
    first, last, median = received[0], received[-1], received[(len(received) - 1) // 2]
    origin = first if stored_ns is None else stored_ns
    seconds = lambda ns: ns / 1e9  # noqa: E731
    return {"stored_to_first": None if stored_ns is None else seconds(first - stored_ns),
            "first_to_last": seconds(last - first),
            "stored_to_last": None if stored_ns is None else seconds(last - stored_ns),
            "median_from_origin": seconds(median - origin)}


class Followers:
    """`count` clients of http://host:port/api/v1/events, all connected before `connect` returns."""

    def __init__(self, host, port, count):
        self.host, self.port, self.count = host, port, count
        self.selector = selectors.EpollSelector()
        self.streams = {}  # socket → the bytes read (the HTTP head and the frames)
        self.arrived = {}  # socket → the kernel time the awaited event arrived (ns)

    def connect(self, timeout):
        request = (f"GET /api/v1/events HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                   "Accept: text/event-stream\r\n\r\n").encode()
        for _ in range(self.count):
            sock = socket.create_connection((self.host, self.port), timeout=10)
            sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            sock.sendall(request)
            sock.setblocking(False)
            self.streams[sock] = b""
            self.selector.register(sock, selectors.EVENT_READ)
        self._until(lambda: all(HELLO in s for s in self.streams.values()), timeout,
                    "every client's stream to open")
        refused = [s for s in self.streams.values() if not s.startswith(b"HTTP/1.1 200")]
        if refused:
            raise RuntimeError(f"{len(refused)} clients refused: {refused[0][:80]!r}")

    def await_event(self, after, timeout):
        """Waits until every client received an event above id `after`; returns its id and the
        kernel receive times (ns) of it, one per client."""
        self.arrived = {}
        ids = set()

        def note(sock, at_ns):
            if sock not in self.arrived:
                found = first_event_after(self.streams[sock], after)
                if found is not None:
                    self.arrived[sock] = at_ns
                    ids.add(found)

        self._until(lambda: len(self.arrived) == self.count, timeout, "the event at every client",
                    note)
        if len(ids) != 1:
            raise RuntimeError(f"the clients' first new events differ: {sorted(ids)}")
        return ids.pop(), list(self.arrived.values())

    def _until(self, done, timeout, what, on_read=None):
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"timed out waiting for {what}")
            for key, _ in self.selector.select(min(left, 1.0)):
                data, ancdata, _, _ = key.fileobj.recvmsg(65536, socket.CMSG_SPACE(16))
                if not data:
                    raise RuntimeError("serve closed an event stream")
                self.streams[key.fileobj] += data
                if on_read:
                    on_read(key.fileobj, kernel_time_ns(ancdata) or time.time_ns())

    def close(self):
        for sock in self.streams:
            self.selector.unregister(sock)
            sock.close()
        self.streams = {}


class StoreWatcher:
    """Reads the newest event id of the database every `every` s in a thread until it passes
    `after`, and keeps the wall-clock time (ns) it first saw it: when the event was stored, late
    by at most one period and one read."""

    def __init__(self, db, after, every=0.001):
        self.db, self.after, self.every, self.seen_ns = db, after, every, None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        try:
            while not self.stopped.is_set():
                newest = conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0
                if newest > self.after:
                    self.seen_ns = time.time_ns()
                    return
                time.sleep(self.every)
        finally:
            conn.close()

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        return self.seen_ns
