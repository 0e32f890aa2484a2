# SPDX-License-Identifier: GPL-3.0-or-later
"""State survives a restart (GSettings with the keyfile backend in a fresh
XDG_CONFIG_HOME): the window's size, the hidden event list, the lanes
chosen in the main menu and the last export's size and folder are written
on quit, read back from the keyfile, and restored by the next start."""

import configparser
import os
import sys
import tempfile
import time

import chronotest as ct

SECTION = "io/github/chronoscope/Chronoscope"


def geometry(xid):
    out = ct.xdotool("getwindowgeometry", "--shell", xid)
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values["WIDTH"]), int(values["HEIGHT"])


def sidebar_shown(app):
    button = [b for b in ct.find_all(app.frame, name="Show Event List")
              if b.queryAction().nActions > 0][0]
    return (ct.has_state(button, ct.pyatspi.STATE_CHECKED)
            or ct.has_state(button, ct.pyatspi.STATE_PRESSED))


def lanes_checked(app, name):
    for root in ct.children(app.node):
        for item in ct.find_all(root, role="radio menu item", name=name) + \
                ct.find_all(root, role="check menu item", name=name) + \
                ct.find_all(root, role="menu item", name=name):
            if ct.has_state(item, ct.pyatspi.STATE_CHECKED):
                return True
    return False


def open_export(app):
    app.key("ctrl+e")
    dialog = ct.wait_for(lambda: app.toplevel("Export Timeline"), what="the export dialog")
    time.sleep(0.5)
    return dialog, app.find_window("Export Timeline")


def spin_field(dialog, name):
    return ct.wait_for(lambda: ct.find(dialog, role="spin button", name_re="^%s\\b" % name),
                       what="the %s field" % name)


def set_spin(app, xid, dialog, name, value):
    x, y, w, h = ct.extents(spin_field(dialog, name))
    app.click(x + w // 4, y + h // 2, xid=xid)
    ct.key("ctrl+a")
    ct.type_text(str(value))
    ct.key("Tab")


def read_keyfile(config):
    path = os.path.join(config, "glib-2.0", "settings", "keyfile")
    ct.check(os.path.exists(path), "no keyfile at %s" % path)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    ct.check(parser.has_section(SECTION), "no [%s] in the keyfile" % SECTION)
    return parser[SECTION]


def first_run(app, export_path):
    ct.check(sidebar_shown(app), "the event list is hidden on a first start")

    ct.xdotool("windowsize", "--sync", app.xid, 1000, 700)
    time.sleep(0.5)
    app.key("F9")
    ct.wait_for(lambda: not sidebar_shown(app), what="the event list to hide")

    app.menu("Lanes", "By Category")
    app.refocus()

    dialog, xid = open_export(app)
    set_spin(app, xid, dialog, "Width", 800)
    set_spin(app, xid, dialog, "Height", 450)
    button = ct.find(dialog, role="push button", name_re="Export…$")
    app.click_node(button, xid=xid)
    ct.wait_for(lambda: os.path.exists(export_path), timeout=30, what="the export")
    ct.wait_for(lambda: app.x_window("Export Timeline") is None, what="the dialog to close")
    app.screenshot("first-run")


def run(env, body, label):
    app = None
    try:
        app = ct.App("test-settings-" + label, env=env)
        body(app)
        app.check_alive()
        app.quit()
        app.check_clean_stderr()
    except ct.TestFailure as failure:
        ct.log("FAIL (%s run): %s" % (label, failure))
        if app is not None:
            try:
                app.screenshot("failure")
            except Exception:
                pass
            ct.log("# app stderr:\n" + app.stderr()[-4000:])
        sys.exit(1)
    finally:
        if app is not None:
            app.kill()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "config")
        export_path = os.path.join(tmp, "exports", "picture.png")
        os.makedirs(os.path.dirname(export_path))
        env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config,
               "CHRONO_TEST_EXPORT_PATH": export_path}

        run(env, lambda app: first_run(app, export_path), "first")

        try:
            keys = read_keyfile(config)
            ct.check(keys.get("window-width") == "1000" and keys.get("window-height") == "700",
                     "stored size %sx%s, not 1000x700" % (keys.get("window-width"),
                                                         keys.get("window-height")))
            ct.check(keys.get("sidebar-visible") == "false",
                     "sidebar-visible is %r" % keys.get("sidebar-visible"))
            ct.check(keys.get("lanes") == "'category'", "lanes is %r" % keys.get("lanes"))
            ct.check(keys.get("last-export-width") == "800", "last-export-width is %r"
                     % keys.get("last-export-width"))
            ct.check(keys.get("last-export-height") == "450", "last-export-height is %r"
                     % keys.get("last-export-height"))
            folder = "'file://%s'" % os.path.dirname(export_path)
            ct.check(keys.get("last-export-folder") == folder,
                     "last-export-folder is %r, not %r" % (keys.get("last-export-folder"), folder))
        except ct.TestFailure as failure:
            ct.log("FAIL: %s" % failure)
            sys.exit(1)

        def second_run(app):
            ct.wait_for(lambda: geometry(app.xid) == (1000, 700),
                        what="a 1000x700 window (is %r)" % (geometry(app.xid),))
            ct.check(not sidebar_shown(app), "the event list is shown again")

            dialog, _ = open_export(app)
            for name, value in (("Width", "800"), ("Height", "450")):
                field = spin_field(dialog, name)
                ct.check(ct.text_of(field) == value,
                         "the %s field shows %r, not %s" % (name, ct.text_of(field), value))
            app.screenshot("second-run")
            ct.key("Escape")
            ct.wait_for(lambda: app.x_window("Export Timeline") is None, what="the dialog to close")

            # The Lanes submenu shows the restored choice.
            app.menu("Lanes")
            ct.wait_for(lambda: lanes_checked(app, "By Category"), what="By Category checked")
            ct.check(not lanes_checked(app, "None"), "None is checked too")
            app.screenshot("lanes-menu", whole_screen=True)
            app.menu_close()

        run(env, second_run, "second")
    ct.log("PASS: test-settings")


main()
