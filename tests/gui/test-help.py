# SPDX-License-Identifier: GPL-3.0-or-later
"""Help: Ctrl+? opens the keyboard shortcuts window, which lists the file,
window and canvas shortcuts with their keys; the main menu's About
Chronoscope opens the About window with the version and the licence."""

import re
import time

import chronotest as ct

VERSION_RE = r"^\d+\.\d+\.\d+"


def labels(root):
    return [ct.text_of(n) for n in ct.walk(root) if ct.role_name(n) == "label"]


def app_toplevels(app):
    return [r for r in ct.children(app.node)
            if r is not None and ct.name_of(r) != ct.name_of(app.frame)]


def find_toplevel_with(app, text):
    for root in app_toplevels(app):
        if text in labels(root):
            return root
    return None


def body(app):
    app.key("ctrl+question")
    shortcuts = ct.wait_for(lambda: find_toplevel_with(app, "Open a timeline"),
                            what="the shortcuts window")
    time.sleep(0.5)
    texts = labels(shortcuts)
    for title in ("Save", "Save as another file", "Export as a picture", "Search events",
                  "Previous and next event", "Fit the selected event", "Show the whole timeline",
                  "Keyboard shortcuts", "Quit"):
        ct.check(title in texts, "the shortcuts window lacks %r" % title)
    app.screenshot("shortcuts", whole_screen=True)
    ct.key("Escape")
    ct.wait_for(lambda: find_toplevel_with(app, "Open a timeline") is None
                or not ct.has_state(find_toplevel_with(app, "Open a timeline"),
                                    ct.pyatspi.STATE_VISIBLE),
                what="the shortcuts window to close")

    app.focus()
    app.menu("About Chronoscope")
    about = ct.wait_for(lambda: find_toplevel_with(app, "Chronoscope"), what="the About window")
    time.sleep(0.5)
    texts = labels(about)
    ct.check(any(re.match(VERSION_RE, t) for t in texts), "no version in %r" % texts)
    ct.check("The Chronoscope developers" in texts, "no developer name in %r" % texts)
    app.screenshot("about", whole_screen=True)
    about_xid = app.find_window("About")
    app.focus(about_xid)
    ct.key("Escape")
    ct.wait_for(lambda: app.x_window("About") is None, what="the About window to close")


ct.run(body)
