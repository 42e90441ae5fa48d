"""What a window manager and a user's eyes do to the app's window, without WebDriver: find it,
close it as a close button does (WM_DELETE_WINDOW), and tell a drawn page from a blank one.

Owns: the X calls (xdotool, libX11 through ctypes) and the colour count of the window's pixels
(window_shot.py --colours, under Debian's python3 with GDK). Used by the window's end-to-end
test and by the benchmarks' open/close cycles (scripts/bench_app.py, bench_window.py).
"""
import ctypes, os, subprocess

SHOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "window_shot.py")


def window_id(display_env, visible=True):
    """The id of the window named "Lookout" (visible only, unless not `visible`), or None."""
    found = subprocess.run(["xdotool", "search"] + (["--onlyvisible"] if visible else [])
                           + ["--name", "^Lookout$"], env=display_env, capture_output=True, text=True)
    ids = found.stdout.split()
    return int(ids[0]) if found.returncode == 0 and ids else None


def close_window(display_env):
    """Sends the window what a window manager's close button sends: WM_DELETE_WINDOW."""
    window = window_id(display_env, visible=False)
    if window is None:
        raise RuntimeError("no window named Lookout to close")
    x = ctypes.cdll.LoadLibrary("libX11.so.6")
    x.XOpenDisplay.argtypes, x.XOpenDisplay.restype = [ctypes.c_char_p], ctypes.c_void_p
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                    ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                    ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 16)]
    d = x.XOpenDisplay(display_env["DISPLAY"].encode())
    event = ClientMessage(type=33, window=window, format=32,
                          message_type=x.XInternAtom(d, b"WM_PROTOCOLS", 0))
    event.data[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
    x.XSendEvent(d, window, 0, 0, ctypes.byref(event))
    x.XFlush(d)
    x.XCloseDisplay(d)


def colours(display_env):
    """How many distinct colours the visible window shows: a drawn page has hundreds (text is
    anti-aliased), a blank one a handful."""
    window = window_id(display_env)
    if window is None:
        return 0
    done = subprocess.run(["/usr/bin/python3", SHOT, "--colours", str(window)], env=display_env,
                          capture_output=True, text=True, timeout=30)
    return int(done.stdout.strip() or 0) if done.returncode == 0 else 0
