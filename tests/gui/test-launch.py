# SPDX-License-Identifier: GPL-3.0-or-later
"""Launch on the built-in timeline: the window is titled after it and the
sidebar lists every one of its events."""

import chronotest as ct


def body(app):
    data = ct.builtin_timeline()
    title = data["title"]
    events = data["events"]

    ct.wait_for(lambda: app.window_title() == title, what="the window title %r" % title)

    # The header bar says how many events there are.
    subtitle = "%d events" % len(events)
    ct.wait_for(lambda: ct.find(app.frame, role="label", name=subtitle),
                what="the subtitle %r" % subtitle)

    # The sidebar has one row per event, each named "title, date, category".
    rows = ct.wait_for(lambda: (lambda r: r if len(r) == len(events) else None)(app.list_rows()[0]),
                       what="%d rows in the event list" % len(events))
    categories = {c["id"]: c["name"] for c in data["categories"]}
    for event in events:
        prefix = event["title"] + ", "
        matches = [r for r in rows if r.startswith(prefix)]
        ct.check(len(matches) == 1, "no single row for %r in %r" % (event["title"], rows))
        ct.check(matches[0].endswith(", " + categories[event["category"]]),
                 "row %r does not end with its category" % matches[0])

    # Nothing is selected yet, and the canvas says so.
    ct.check(app.list_rows()[1] is None, "a row is selected at start")
    ct.check(app.canvas_name() == "Timeline", "canvas name is %r" % app.canvas_name())

    # The header bar's buttons are labelled for screen readers.
    for name in ("Search", "Filter", "Export", "Main Menu"):
        ct.check(ct.find(app.frame, name=name) is not None, "no control named %r" % name)

    app.screenshot("launch")


ct.run(body)
