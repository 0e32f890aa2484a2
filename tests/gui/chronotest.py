# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Chronoscope under X11 as a person would: finds widgets
over AT-SPI (pyatspi), clicks and types with xdotool, takes screenshots.

Run with /usr/bin/python3 (pyatspi is a Debian package). Tests skip (exit 77)
without a DISPLAY. Screenshots and the app's stderr land in
$CHRONO_BUILD_ROOT/tests/gui/artifacts/.
"""

import atexit
import ctypes
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib

SKIP = 77

if not os.environ.get("DISPLAY"):
    print("SKIP: no DISPLAY (run under xvfb-run)")
    sys.exit(SKIP)

for tool in ("xdotool", "import"):
    if shutil.which(tool) is None:
        print("SKIP: %s is not installed" % tool)
        sys.exit(SKIP)

try:
    import pyatspi  # noqa: E402
except ImportError:
    print("SKIP: pyatspi is not available")
    sys.exit(SKIP)

SOURCE_ROOT = os.environ.get(
    "CHRONO_SOURCE_ROOT",
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUILD_ROOT = os.environ.get("CHRONO_BUILD_ROOT", os.path.join(SOURCE_ROOT, "build"))
BINARY = os.path.join(BUILD_ROOT, "src", "chronoscope")
ARTIFACTS = os.path.join(BUILD_ROOT, "tests", "gui", "artifacts")
BUILTIN_JSON = os.path.join(SOURCE_ROOT, "data", "timelines", "cyber-espionage.chrono.json")

os.makedirs(ARTIFACTS, exist_ok=True)


def _hold_display():
    """Keeps one X connection open for the whole test. Xvfb resets when its
    last client leaves (unless started with -noreset), and a client that
    connects during the reset is refused: the app would then fail with
    "cannot open display". Retrying here waits out a reset in progress."""
    try:
        xlib = ctypes.CDLL("libX11.so.6")
    except OSError:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        display = xlib.XOpenDisplay(None)
        if display:
            return display
        time.sleep(0.2)
    # DISPLAY is set but unusable: a broken test setup must not pass as a skip.
    print("FAIL: cannot open the display %s" % os.environ.get("DISPLAY"))
    sys.exit(1)


_DISPLAY_CONNECTION = _hold_display()


class TestFailure(Exception):
    pass


def log(message):
    print(message, flush=True)


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def wait_for(predicate, timeout=10.0, interval=0.1, what="condition"):
    """Polls @predicate until it returns something true; returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception as error:  # AT-SPI objects vanish while the UI changes
            last_error = error
        time.sleep(interval)
    raise TestFailure("timed out waiting for %s%s" % (
        what, " (last error: %s)" % last_error if last_error else ""))


def builtin_timeline():
    with open(BUILTIN_JSON, encoding="utf-8") as f:
        return json.load(f)


def event_haystack(event):
    """The text the window's search looks in, as the app casefolds it."""
    parts = [event.get("title") or "", event.get("description") or ""]
    for key in ("actors", "targets", "places", "tags"):
        parts.extend(event.get(key) or [])
    return "\n".join(parts).casefold()


# --- X11 ---------------------------------------------------------------

def xdotool(*args, check_rc=True):
    result = subprocess.run(["xdotool"] + [str(a) for a in args],
                            capture_output=True, text=True, timeout=30)
    if check_rc and result.returncode != 0:
        raise TestFailure("xdotool %s failed: %s" % (" ".join(map(str, args)),
                                                     result.stderr.strip()))
    return result.stdout


def key(*keys):
    """Presses keys as xdotool names them: "ctrl+f", "Right", "Return"."""
    for k in keys:
        xdotool("key", "--clearmodifiers", k)
        time.sleep(0.15)


def type_text(text):
    xdotool("type", "--delay", "40", text)


def read_png_size(path):
    with open(path, "rb") as f:
        head = f.read(33)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", "%s is not a PNG file" % path)
    check(head[12:16] == b"IHDR", "%s has no IHDR chunk first" % path)
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def png_is_complete(path):
    """Walks the chunks and checks every CRC up to IEND."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos = 8
    while pos + 12 <= len(data):
        length, = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            return False
        if kind == b"IEND":
            return True
        pos += 12 + length
    return False


# --- AT-SPI ------------------------------------------------------------

def role_name(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def name_of(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def children(node):
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def walk(node, max_depth=40):
    """Depth-first over the accessible tree below @node."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if current is None:
            continue
        yield current
        if depth < max_depth:
            kids = children(current)
            stack.extend((kid, depth + 1) for kid in reversed(kids))


def find_all(node, role=None, name=None, name_re=None, showing=None):
    found = []
    for n in walk(node):
        if role is not None and role_name(n) != role:
            continue
        if name is not None and name_of(n) != name:
            continue
        if name_re is not None and not re.search(name_re, name_of(n)):
            continue
        if showing is not None and is_showing(n) != showing:
            continue
        found.append(n)
    return found


def find(node, role=None, name=None, name_re=None, showing=None):
    result = find_all(node, role, name, name_re, showing)
    return result[0] if result else None


def has_state(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


def is_showing(node):
    """Reliable for toplevels only: GTK 4.8 does not update SHOWING on
    widgets inside revealers, stacks or popovers."""
    return has_state(node, pyatspi.STATE_SHOWING)


def extents(node):
    """(x, y, width, height) relative to the toplevel window."""
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return box.x, box.y, box.width, box.height


def do_action(node, wanted=("click", "activate", "press", "toggle")):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    for want in wanted:
        if want in names:
            action.doAction(names.index(want))
            return
    raise TestFailure("%s %r has no action among %s (has %s)" % (
        role_name(node), name_of(node), wanted, names))


def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return name_of(node)


# --- The application ---------------------------------------------------

class App:
    """One running chronoscope, killed when the test ends."""

    def __init__(self, test_name, args=(), env=None, file_chooser=False):
        self.test_name = test_name
        self.stderr_path = os.path.join(ARTIFACTS, test_name + ".stderr.txt")
        self.screenshot_count = 0
        check(os.access(BINARY, os.X_OK), "no binary at %s" % BINARY)

        child_env = dict(os.environ)
        # The app must talk AT-SPI: neither switch may turn it off.
        child_env.pop("NO_AT_BRIDGE", None)
        child_env.pop("GTK_A11Y", None)
        # Under AddressSanitizer: the file chooser's system-library leaks are
        # suppressed, which needs full stacks (see lsan-gui.supp).
        suppressions = os.path.join(SOURCE_ROOT, "tests", "gui", "lsan-gui.supp")
        if file_chooser:
            suppressions = self._chooser_suppressions(suppressions)
        child_env["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % suppressions
        child_env["ASAN_OPTIONS"] = ":".join(
            o for o in (os.environ.get("ASAN_OPTIONS"), "fast_unwind_on_malloc=0") if o)
        child_env.update(env or {})
        self.stderr_file = open(self.stderr_path, "w")
        cmd = [BINARY] + list(args)
        log("# starting %s" % " ".join(cmd))
        self.proc = subprocess.Popen(cmd, env=child_env, stdout=subprocess.DEVNULL,
                                     stderr=self.stderr_file, start_new_session=True)
        atexit.register(self.kill)
        self.node = wait_for(self._find_app_node, timeout=30, what="the app on AT-SPI")
        self.frame = wait_for(lambda: find(self.node, role="frame", showing=True),
                              timeout=20, what="the main window")
        self.xid = self._find_window()
        self.focus()
        time.sleep(0.5)

    def _chooser_suppressions(self, base):
        """GTK 4.8's file chooser now and then leaks a few bytes of its own
        (g_strconcat() from a GIO callback deep inside libgtk, which has no
        symbols to name). A test that drives the chooser allows leaks that
        pass through libgtk; the others, and the C tests of our widgets,
        still catch every leak in our code."""
        path = os.path.join(ARTIFACTS, self.test_name + ".lsan.supp")
        with open(base, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
            out.write(f.read())
            out.write("leak:libgtk-4.so\n")
        return path

    def _find_app_node(self):
        if self.proc.poll() is not None:
            raise TestFailure("the app exited early with status %d; stderr:\n%s" % (
                self.proc.returncode, self.stderr()))
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app is not None and app.get_process_id() == self.proc.pid:
                    return app
            except Exception:
                continue
        return None

    def _find_window(self):
        def search():
            out = xdotool("search", "--onlyvisible", "--pid", self.proc.pid, check_rc=False)
            ids = [int(x) for x in out.split()]
            # The biggest visible window of the process is the main window.
            best, best_area = None, 0
            for xid in ids:
                geo = xdotool("getwindowgeometry", "--shell", xid, check_rc=False)
                values = dict(line.split("=", 1) for line in geo.split() if "=" in line)
                area = int(values.get("WIDTH", 0)) * int(values.get("HEIGHT", 0))
                if area > best_area:
                    best, best_area = xid, area
            return best
        return wait_for(search, timeout=20, what="the X window")

    def focus(self, xid=None):
        # Xvfb runs no window manager: windowactivate needs one, windowfocus not.
        xid = xid or self.xid
        xdotool("windowactivate", "--sync", xid, check_rc=False)
        xdotool("windowfocus", "--sync", xid, check_rc=False)

    def stderr(self):
        self.stderr_file.flush()
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if not self.stderr_file.closed:
            self.stderr_file.close()

    def check_alive(self):
        check(self.proc.poll() is None, "the app died (status %s); stderr:\n%s" % (
            self.proc.returncode, self.stderr()))

    def quit(self):
        """Quits as a person does (Ctrl+Q) and checks the exit status: under
        AddressSanitizer a leak makes it non-zero."""
        self.key("ctrl+q")
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise TestFailure("the app did not quit on Ctrl+Q")
        check(self.proc.returncode == 0, "the app exited with status %d; stderr:\n%s" % (
            self.proc.returncode, self.stderr()[-6000:]))

    def check_clean_stderr(self):
        """No GTK/GLib warnings or criticals (fatal-criticals would abort)."""
        text = self.stderr()
        bad = [line for line in text.splitlines()
               if re.search(r"-(WARNING|CRITICAL)\b|\bCRITICAL\b|Gtk-WARNING|Adwaita-WARNING",
                            line)]
        check(not bad, "warnings on stderr:\n" + "\n".join(bad))

    # --- pointer and keyboard at window coordinates --------------------

    def find_window(self, name):
        """The visible X window of this app whose title is @name."""
        def search():
            out = xdotool("search", "--onlyvisible", "--pid", self.proc.pid, check_rc=False)
            for xid in out.split():
                title = xdotool("getwindowname", xid, check_rc=False).strip()
                if title == name:
                    return int(xid)
            return None
        return wait_for(search, timeout=10, what="the window %r" % name)

    def click(self, x, y, button=1, double=False, xid=None):
        xid = xid or self.xid
        self.focus(xid)
        xdotool("mousemove", "--window", xid, int(x), int(y))
        time.sleep(0.15)
        xdotool("click", "--repeat", 2 if double else 1, "--delay", 80, button)
        time.sleep(0.3)

    def click_node(self, node, xid=None):
        x, y, w, h = extents(node)
        self.click(x + w / 2, y + h / 2, xid=xid)

    def drag(self, x0, y0, x1, y1, steps=12):
        self.focus()
        xdotool("mousemove", "--window", self.xid, int(x0), int(y0))
        time.sleep(0.1)
        xdotool("mousedown", 1)
        for i in range(1, steps + 1):
            x = x0 + (x1 - x0) * i / steps
            y = y0 + (y1 - y0) * i / steps
            xdotool("mousemove", "--window", self.xid, int(x), int(y))
            time.sleep(0.03)
        time.sleep(0.2)  # hold still so the drag ends without a fling
        xdotool("mouseup", 1)
        time.sleep(0.4)

    def scroll(self, x, y, up=True, clicks=1):
        self.focus()
        xdotool("mousemove", "--window", self.xid, int(x), int(y))
        time.sleep(0.1)
        for _ in range(clicks):
            xdotool("click", 4 if up else 5)
            time.sleep(0.1)
        time.sleep(0.3)

    def key(self, *keys):
        self.focus()
        key(*keys)

    # --- screenshots ----------------------------------------------------

    def screenshot(self, label, whole_screen=False, xid=None):
        """Saves the window (or the whole screen) as a PNG and returns its path."""
        self.screenshot_count += 1
        path = os.path.join(ARTIFACTS, "%s-%02d-%s.png" % (
            self.test_name, self.screenshot_count, label))
        target = "root" if whole_screen else str(xid or self.xid)
        subprocess.run(["import", "-window", target, path], check=True, timeout=30,
                       capture_output=True)
        log("# screenshot %s" % path)
        return path

    # --- the main window's parts ---------------------------------------

    def window_title(self):
        return name_of(self.frame)

    def event_list(self):
        return wait_for(lambda: find(self.frame, role="list", name="Events"),
                        what="the event list")

    def list_rows(self):
        """Accessible names of the sidebar's rows, in order, and which is selected."""
        items = [n for n in children(self.event_list()) if role_name(n) == "list item"]
        names, selected = [], None
        for i, item in enumerate(items):
            kids = children(item)
            names.append(name_of(kids[0]) if kids else name_of(item))
            if has_state(item, pyatspi.STATE_SELECTED):
                selected = i
        return names, selected

    def canvas(self):
        return wait_for(lambda: find(self.frame, role="image", name_re=r"^Timeline"),
                        what="the timeline canvas")

    def canvas_name(self):
        return name_of(self.canvas())

    def popovers(self):
        """Showing popovers of the app (they may hang off the frame)."""
        found = []
        for root in children(self.node):
            for n in walk(root):
                if name_of(n) == "Event details" and has_state(n, pyatspi.STATE_VISIBLE):
                    found.append(n)
        return found

    def labels_in(self, node):
        return [text_of(n) for n in walk(node) if role_name(n) == "label"]

    def subtitle(self, pattern=r"^([\d,.\u00a0\u202f]+ events?|[\d,.\u00a0\u202f]+ of [\d,.\u00a0\u202f]+ events?|Loading…|Saving…)$"):
        """The header bar's subtitle: the event count or what is going on."""
        label = find(self.frame, role="label", name_re=pattern)
        return name_of(label) if label is not None else None

    # --- other windows, dialogs and menus -------------------------------

    def x_window(self, name):
        """The visible X window of this app titled @name, or None."""
        out = xdotool("search", "--onlyvisible", "--pid", self.proc.pid, check_rc=False)
        for xid in out.split():
            if xdotool("getwindowname", xid, check_rc=False).strip() == name:
                return int(xid)
        return None

    def toplevel(self, name):
        """A toplevel of the app (window or dialog) named @name that is on
        screen. (GTK 4.8 leaves SHOWING unset on some dialogs: ask X.)"""
        if self.x_window(name) is None:
            return None
        for root in children(self.node):
            if name_of(root) == name:
                return root
        return None

    def toplevel_with_label(self, text):
        """A showing toplevel other than the main window that has a label @text
        (message dialogs are named after their heading only on some versions)."""
        for root in children(self.node):
            if root is None or name_of(root) == name_of(self.frame):
                continue
            if not (is_showing(root) or has_state(root, pyatspi.STATE_VISIBLE)):
                continue
            if find(root, role="label", name=text) is not None:
                return root
        return None

    def menu(self, *path):
        """Activates an item of the main menu, going through submenus:
        app.menu("Lanes", "By Category")."""
        # The menu button and its inner toggle share the name; the inner one clicks.
        buttons = [b for b in find_all(self.frame, role="push button", name="Main Menu")
                   if b.queryAction().nActions > 0]
        check(buttons, "no main menu button")
        do_action(buttons[0])
        def shown_item(name):
            # A popover menu keeps every page; the page on screen has a size.
            for root in children(self.node):
                for n in find_all(root, role="menu item", name=name):
                    if extents(n)[2] > 0:
                        return n
            return None

        for name in path:
            item = wait_for(lambda: shown_item(name), what="the menu item %r" % name)
            do_action(item)
            time.sleep(0.3)

    def menu_close(self):
        """Closes the main menu with its button and gives the keyboard back."""
        buttons = [b for b in find_all(self.frame, role="push button", name="Main Menu")
                   if b.queryAction().nActions > 0]
        do_action(buttons[0])
        time.sleep(0.3)
        self.refocus()

    def refocus(self):
        """A click on the canvas' axis (the canvas takes the focus), to
        give the keyboard back to the window: after a menu item is activated
        over AT-SPI, GTK 4.8 keeps key events in the closed popover until a
        focusable widget is clicked. Clears the canvas' selection."""
        x, y, w, h = extents(self.canvas())
        self.click(x + w / 2, y + 10)

    def choose_file(self, title, path):
        """Types @path into the GTK file chooser titled @title, as a person
        does with the keyboard: Ctrl+L, the path, Enter."""
        wait_for(lambda: self.toplevel(title), what="the file chooser %r" % title)
        xid = self.find_window(title)
        time.sleep(0.5)
        self.focus(xid)
        key("ctrl+l")
        time.sleep(0.3)
        key("ctrl+a")
        type_text(path)
        time.sleep(0.3)
        key("Return")
        wait_for(lambda: self.x_window(title) is None, what="the file chooser to close")
        self.focus()


def run(body, args=(), env=None, file_chooser=False):
    """Starts the app, runs body(app), then checks the app is alive and its
    stderr clean. Exits 0 on success, 1 on failure (with a screenshot)."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    app = None
    try:
        app = App(name, args=args, env=env, file_chooser=file_chooser)
        body(app)
        app.check_alive()
        app.quit()
        app.check_clean_stderr()
    except TestFailure as failure:
        log("FAIL: %s" % failure)
        if app is not None:
            try:
                app.screenshot("failure")
            except Exception:
                pass
            log("# app stderr:\n" + app.stderr()[-4000:])
        sys.exit(1)
    finally:
        if app is not None:
            app.kill()
    log("PASS: %s" % name)
    sys.exit(0)
