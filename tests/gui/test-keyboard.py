# SPDX-License-Identifier: GPL-3.0-or-later
"""Keyboard on the canvas: Home/End/Left/Right move the selection and the
sidebar's selected row follows; selecting a row moves the canvas' selection."""

import chronotest as ct


def selected_title(app, rows):
    """The title of the canvas' selected event, from its accessible name."""
    name = app.canvas_name()
    ct.check(name.startswith("Timeline: "), "canvas names no event: %r" % name)
    described = name[len("Timeline: "):]
    titles = [e["title"] for e in ct.builtin_timeline()["events"]]
    matches = [t for t in titles if described.startswith(t + ", ")]
    ct.check(matches, "canvas names an unknown event: %r" % name)
    return max(matches, key=len)


def expect_selected(app, index, what):
    def ok():
        rows, selected = app.list_rows()
        return (rows, selected) if selected == index else None
    rows, _ = ct.wait_for(ok, what="row %d selected after %s (now %r)" % (
        index, what, app.list_rows()[1]))
    title = selected_title(app, rows)
    ct.check(rows[index].startswith(title + ", "),
             "after %s the canvas selects %r but the sidebar row %d is %r" % (
                 what, title, index, rows[index]))


def body(app):
    n = len(ct.builtin_timeline()["events"])
    canvas = app.canvas()
    ct.check(ct.has_state(canvas, ct.pyatspi.STATE_FOCUSED),
             "the canvas does not have the keyboard focus at start")

    app.key("Home")
    expect_selected(app, 0, "Home")
    for i in range(1, 4):
        app.key("Right")
        expect_selected(app, i, "Right ×%d" % i)
    app.key("Left")
    expect_selected(app, 2, "Left")
    app.screenshot("after-left")

    app.key("End")
    expect_selected(app, n - 1, "End")
    app.key("Left")
    expect_selected(app, n - 2, "End, Left")
    app.screenshot("after-end")

    # The other way round: a click on a sidebar row selects on the canvas.
    items = [c for c in ct.children(app.event_list()) if ct.role_name(c) == "list item"]
    target = 4
    app.click_node(items[target])
    expect_selected(app, target, "a click on row %d" % target)
    app.screenshot("row-clicked")


ct.run(body)
