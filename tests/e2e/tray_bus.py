"""What the end-to-end test observes of the app on the private session bus.

Owns: the app's tray, i.e. finding its StatusNotifierItem, reading its icon (a PNG decoded here,
whose dominant opaque colour is mapped to a provider status) and its dbusmenu (the layout with
its submenus, flattened; a click on any item, submenu items included);
and the desktop notifications, parsed from dbus-monitor's log of Notify calls.
"""
import os, re, struct, subprocess, zlib

from headless import Failure, busctl, log, wait_for

STATUS_COLOURS = {
    "operational": (0x2D, 0xA4, 0x4E), "under_maintenance": (0x2F, 0x81, 0xF7),
    "unknown": (0x8B, 0x94, 0x9E), "degraded_performance": (0xD4, 0xA7, 0x2C),
    "partial_outage": (0xE1, 0x6F, 0x24), "major_outage": (0xCF, 0x22, 0x2E),
    "suspected": (0x82, 0x50, 0xDF),
}
TOLERANCE = 12  # ± per colour channel


# ---- PNG: the tray icon's dominant opaque colour --------------------------------------------

def png_pixels(path):
    """Decodes an 8-bit non-interlaced RGBA, RGB or palette PNG into a list of RGBA tuples."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, chunks = 8, {}
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        chunks[kind] = chunks.get(kind, b"") + data[pos + 8:pos + 8 + length]
        pos += 12 + length
    w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    if depth != 8 or interlace or ctype not in (2, 3, 6):
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, type {ctype}, interlace {interlace})")
    n = {2: 3, 3: 1, 6: 4}[ctype]
    raw, stride, prev, pixels = zlib.decompress(chunks[b"IDAT"]), w * n, bytearray(w * n), []
    palette, trns = chunks.get(b"PLTE", b""), chunks.get(b"tRNS", b"")
    for y in range(h):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row filter (PNG spec, section 9)
            a, b, c = (line[i - n] if i >= n else 0), prev[i], (prev[i - n] if i >= n else 0)
            p = a + b - c
            pred = [0, a, b, (a + b) // 2, a if abs(p - a) <= min(abs(p - b), abs(p - c))
                    else b if abs(p - b) <= abs(p - c) else c][kind]
            line[i] = (line[i] + pred) & 255
        prev = line
        for x in range(0, stride, n):
            if ctype == 3:
                i = line[x]
                pixels.append(tuple(palette[i * 3:i * 3 + 3]) + (trns[i] if i < len(trns) else 255,))
            else:
                pixels.append(tuple(line[x:x + 3]) + ((line[x + 3],) if n == 4 else (255,)))
    return pixels


def icon_status(path):
    """The status whose colour is the PNG's most common fully opaque colour (else a hex code)."""
    counts = {}
    for r, g, b, a in png_pixels(path):
        if a == 255:
            counts[(r, g, b)] = counts.get((r, g, b), 0) + 1
    if not counts:
        return "(no opaque pixel)"
    dominant = max(counts, key=counts.get)
    for status, colour in STATUS_COLOURS.items():
        if all(abs(x - y) <= TOLERANCE for x, y in zip(dominant, colour)):
            return status
    return "#%02x%02x%02x (no status colour)" % dominant


# ---- the tray: StatusNotifierItem + dbusmenu ------------------------------------------------

def find_tray(env):
    """(bus name, item path) of the app's StatusNotifierItem, or None. Tries lookout-app first."""
    names = []
    for cols in (line.split() for line in busctl(env, "list", "--no-legend").splitlines()):
        if len(cols) > 2 and cols[0].startswith(":"):
            names.insert(0, cols[0]) if cols[2] == "lookout-app" else names.append(cols[0])
    for name in names:
        try:
            paths = busctl(env, "--list", "tree", name).split()
        except (RuntimeError, subprocess.TimeoutExpired):  # gone, or too busy to answer: not ours
            continue
        items = [p for p in paths if re.fullmatch(r"/org/ayatana/NotificationItem/[^/]+", p)]
        if items:
            return name, items[0]
    return None


def menu_items(layout):
    """Flattens a dbusmenu GetLayout reply (u(ia{sv}av), busctl JSON) into [(id, label)]."""
    out = []

    def walk(node):
        item_id, props, children = node
        label = props.get("label") or ""  # separators have none
        out.append((item_id, (label.get("data", "") if isinstance(label, dict) else label).replace("_", "")))
        for child in children:
            walk(child["data"])
    walk(layout["data"][1])
    return out[1:]  # without the root


class Tray:
    def __init__(self, env):
        self.env = env
        self.name, self.path = wait_for("the app's tray item on the session bus", lambda: find_tray(env))
        log(f"tray at {self.name} {self.path}")

    def status(self):
        """The status shown by the icon now (IconName is the path of a PNG)."""
        path = busctl(self.env, "get-property", self.name, self.path, "org.kde.StatusNotifierItem",
                      "IconName", json_out=True)["data"]
        return icon_status(path) if os.path.isfile(path) else f"(IconName {path!r} is not a file)"

    def items(self):
        return menu_items(busctl(self.env, "call", self.name, self.path + "/Menu",
                                 "com.canonical.dbusmenu", "GetLayout", "iias", "--", "0", "-1", "1",
                                 "label", json_out=True))

    def labels(self):
        return [label for _, label in self.items()]

    def click(self, wanted):
        for item_id, label in self.items():  # re-read: the menu is rebuilt at every change
            if label == wanted:
                busctl(self.env, "call", self.name, self.path + "/Menu", "com.canonical.dbusmenu",
                       "Event", "isvu", "--", str(item_id), "clicked", "s", "", "0")
                log(f"clicked tray item {wanted!r} (id {item_id})")
                return
        raise Failure(f"a tray menu item {wanted!r}", self.labels())

    def wait_status(self, status):
        wait_for(f"tray icon {status}", self.status, lambda seen: seen == status)


# ---- notifications --------------------------------------------------------------------------

def notifications(path):
    """Every Notify call dbus-monitor logged, as the list of its string arguments
    (app name, icon, title, body, ...)."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return []
    blocks = re.split(r"\n(?=(?:method call|method return|signal|error) time=)", text)
    return [re.findall(r'^   string "(.*?)"$', b, re.M | re.S) for b in blocks
            if b.startswith("method call") and "member=Notify" in b.splitlines()[0]]
