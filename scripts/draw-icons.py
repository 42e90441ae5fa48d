#!/usr/bin/env python3
"""Draws every icon in `icons/`; this script owns the icon art.

The PNG, ICO and ICNS files in `icons/` are generated, so change the art here rather than
editing them by hand, then re-run from the repository root:

    python3 scripts/draw-icons.py

It uses only the Python standard library (no Pillow). Shapes are tested on a supersampled grid
(SS x SS points per pixel) and averaged, so edges are anti-aliased while every fully covered
pixel keeps the exact fill colour. That matters: tests identify a tray icon's status by the most
common opaque colour of its PNG.

Coordinates are normalised: (0, 0) is the top-left corner of the image, (1, 1) the bottom-right,
so the same drawing renders at any size.
"""

import math
import os
import struct
import zlib

SS = 4  # supersamples per pixel along each axis
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "icons")

WHITE = (255, 255, 255)
INK = (0x1F, 0x23, 0x28)  # dark glyph colour, for the yellow icon
NAVY = (0x1F, 0x2A, 0x44)
GREEN = (0x2D, 0xA4, 0x4E)


# --- Geometry: each shape is a function (x, y) -> bool ------------------------------------


def seg_dist(px, py, ax, ay, bx, by):
    """Distance from point p to the segment a-b."""
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def disc(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 < r * r


def rounded_square(margin, radius):
    """Axis-aligned square inset by `margin` on every side, with rounded corners."""
    half, centre = 0.5 - margin - radius, 0.5

    def inside(x, y):
        qx = max(abs(x - centre) - half, 0.0)
        qy = max(abs(y - centre) - half, 0.0)
        return qx * qx + qy * qy < radius * radius

    return inside


def rounded_polygon(points, radius=0.0):
    """Convex or concave polygon (list of (x, y)), grown by `radius` to round its corners."""
    edges = list(zip(points, points[1:] + points[:1]))

    def inside(x, y):
        crossings = False
        for (ax, ay), (bx, by) in edges:
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                crossings = not crossings
        if crossings:
            return True
        return radius > 0 and min(seg_dist(x, y, *a, *b) for a, b in edges) < radius

    return inside


def regular_polygon(n, r, rotation=0.0, cx=0.5, cy=0.5):
    return [
        (cx + r * math.cos(rotation + 2 * math.pi * i / n), cy + r * math.sin(rotation + 2 * math.pi * i / n))
        for i in range(n)
    ]


def stroke(points, width):
    """Thick polyline with round caps and joins (a chain of capsules)."""
    half = width / 2
    segs = list(zip(points, points[1:]))
    return lambda x, y: any(seg_dist(x, y, *a, *b) < half for a, b in segs)


def arc(cx, cy, r, start_deg, end_deg, width):
    """Thick circular arc with round caps; angles in degrees, clockwise on screen from +x."""
    half = width / 2
    a0, a1 = math.radians(start_deg), math.radians(end_deg)
    ends = [disc(cx + r * math.cos(a), cy + r * math.sin(a), half) for a in (a0, a1)]

    def inside(x, y):
        if abs(math.hypot(x - cx, y - cy) - r) < half:
            angle = (math.atan2(y - cy, x - cx) - a0) % (2 * math.pi)
            if angle <= a1 - a0:
                return True
        return any(end(x, y) for end in ends)

    return inside


def union(*shapes):
    return lambda x, y: any(s(x, y) for s in shapes)


def minus(shape, hole):
    return lambda x, y: shape(x, y) and not hole(x, y)


def intersect(*shapes):
    return lambda x, y: all(s(x, y) for s in shapes)


# --- Glyphs ----------------------------------------------------------------------------------


def check_mark():
    return stroke([(0.29, 0.52), (0.44, 0.67), (0.72, 0.36)], 0.13)


def exclamation(top, bottom, dot_y, width=0.13):
    return union(stroke([(0.5, top), (0.5, bottom)], width), disc(0.5, dot_y, width * 0.58))


def question_mark():
    return union(
        arc(0.5, 0.38, 0.13, 180, 405, 0.11),  # hook: from 9 o'clock over the top to 4:30
        stroke([(0.5 + 0.13 * math.cos(math.radians(45)), 0.38 + 0.13 * math.sin(math.radians(45))),
                (0.5, 0.56), (0.5, 0.60)], 0.11),
        disc(0.5, 0.74, 0.07),
    )


def pulse():
    """A heartbeat line: Lookout's own probes are what noticed."""
    return stroke([(0.20, 0.53), (0.36, 0.53), (0.44, 0.33), (0.56, 0.71), (0.64, 0.53),
                   (0.80, 0.53)], 0.10)


def cross():
    return union(stroke([(0.33, 0.33), (0.67, 0.67)], 0.13), stroke([(0.67, 0.33), (0.33, 0.67)], 0.13))


def wrench():
    """Open-ended spanner: a diagonal handle and a round head with a notch cut out."""
    head = minus(disc(0.62, 0.38, 0.17), union(
        disc(0.72, 0.28, 0.09),
        stroke([(0.72, 0.28), (0.86, 0.14)], 0.18),
    ))
    return union(head, stroke([(0.30, 0.70), (0.58, 0.42)], 0.13))


# --- Icons: a list of (rgb, shape) layers, later layers on top ------------------------------

TRAY = {
    "operational": [(GREEN, disc(0.5, 0.5, 0.47)), (WHITE, check_mark())],
    "under_maintenance": [((0x2F, 0x81, 0xF7), rounded_square(0.05, 0.14)), (WHITE, wrench())],
    "unknown": [((0x8B, 0x94, 0x9E), disc(0.5, 0.5, 0.47)), (WHITE, question_mark())],
    "degraded_performance": [
        ((0xD4, 0xA7, 0x2C), rounded_polygon([(0.5, 0.09), (0.93, 0.86), (0.07, 0.86)], 0.05)),
        (INK, exclamation(0.38, 0.62, 0.76, 0.12)),
    ],
    "partial_outage": [
        ((0xE1, 0x6F, 0x24), rounded_polygon(regular_polygon(4, 0.45), 0.04)),
        (WHITE, exclamation(0.27, 0.55, 0.71)),
    ],
    "major_outage": [
        ((0xCF, 0x22, 0x2E), rounded_polygon(regular_polygon(8, 0.47, math.pi / 8), 0.02)),
        (WHITE, cross()),
    ],
    "suspected": [
        ((0x82, 0x50, 0xDF), rounded_polygon(regular_polygon(6, 0.47), 0.03)),
        (WHITE, pulse()),
    ],
}


def eye_logo():
    """Lookout logo: a navy tile with a white almond eye and a green iris."""
    # The almond is the lens where two circles overlap: 0.72 wide, 0.40 tall.
    r, d = 0.424, 0.224
    almond = intersect(disc(0.5, 0.5 - d, r), disc(0.5, 0.5 + d, r))
    return [
        (NAVY, rounded_square(0.03, 0.18)),
        (WHITE, almond),
        (GREEN, disc(0.5, 0.5, 0.15)),
        (NAVY, disc(0.5, 0.5, 0.065)),
        (WHITE, disc(0.55, 0.45, 0.03)),
    ]


# --- Rendering and file formats --------------------------------------------------------------


def render(layers, size):
    """Rasterise layers to RGBA rows, averaging SS x SS samples per pixel."""
    offsets = [(i + 0.5) / SS for i in range(SS)]
    n = SS * SS
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = hits = 0
            for oy in offsets:
                y = (py + oy) / size
                for ox in offsets:
                    x = (px + ox) / size
                    for rgb, shape in reversed(layers):
                        if shape(x, y):
                            r, g, b, hits = r + rgb[0], g + rgb[1], b + rgb[2], hits + 1
                            break
            if hits:
                row += bytes((round(r / hits), round(g / hits), round(b / hits), round(255 * hits / n)))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return rows


def png(rows):
    """Encode RGBA rows as an 8-bit, non-interlaced PNG (colour type 6)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = len(rows[0]) // 4, len(rows)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every scanline
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def ico(pngs):
    """ICO container with PNG-encoded entries; pngs maps size -> PNG bytes."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns(entries):
    """ICNS container; entries is a list of (4-byte type, PNG bytes)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write(path, data):
    path = os.path.normpath(os.path.join(ROOT, path))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print("wrote", os.path.relpath(path))


def main():
    for status, layers in TRAY.items():
        write(f"tray/{status}.png", png(render(layers, 64)))

    logo = eye_logo()
    app = {size: png(render(logo, size)) for size in (16, 32, 48, 128, 256, 512)}
    write("32x32.png", app[32])
    write("128x128.png", app[128])
    write("128x128@2x.png", app[256])
    write("icon.png", app[512])
    write("icon.ico", ico({s: app[s] for s in (16, 32, 48, 256)}))
    write("icon.icns", icns([(b"ic07", app[128]), (b"ic08", app[256]), (b"ic09", app[512])]))


if __name__ == "__main__":
    main()
