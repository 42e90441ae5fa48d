#!/usr/bin/python3
"""Saves an X window's pixels as a PNG: `window_shot.py WINDOW_ID PATH` (DISPLAY set), or
prints how many distinct colours it shows: `window_shot.py --colours WINDOW_ID`.

Owns: reading the window from the X server (GDK's pixbuf of a foreign window) and writing it
with libpng's best compression. The fleet test's screenshots use it instead of WebKitWebDriver's
screenshot command, which on some views never answers (each try timing out after 30 s) and so
spent the run's time. Runs under Debian's /usr/bin/python3, which has PyGObject (python3-gi) and
GDK's typelibs (gir1.2-gtk-3.0, with libwebkit2gtk-4.1-dev).
"""
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("GdkX11", "3.0")
from gi.repository import Gdk, GdkX11  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: window_shot.py WINDOW_ID PATH | window_shot.py --colours WINDOW_ID")
    counting = sys.argv[1] == "--colours"
    window_id, path = int(sys.argv[2 if counting else 1], 0), sys.argv[2]
    Gdk.init([])
    display = Gdk.Display.get_default()
    if display is None:
        sys.exit("window_shot: no X display (DISPLAY)")
    window = GdkX11.X11Window.foreign_new_for_display(display, window_id)
    if window is None:
        sys.exit(f"window_shot: no window {window_id}")
    width, height = window.get_width(), window.get_height()
    pixbuf = Gdk.pixbuf_get_from_window(window, 0, 0, width, height)
    if pixbuf is None:
        sys.exit(f"window_shot: cannot read window {window_id} ({width}×{height})")
    if counting:
        step, stride, pixels = pixbuf.get_n_channels(), pixbuf.get_rowstride(), pixbuf.get_pixels()
        seen = set()
        for row in range(height):
            line = pixels[row * stride:row * stride + width * step]
            seen.update(line[i:i + 3] for i in range(0, len(line), step))
        print(len(seen))
        return
    pixbuf.savev(path, "png", ["compression"], ["9"])
    print(f"{width}x{height}")


if __name__ == "__main__":
    main()
