# SPDX-License-Identifier: GPL-3.0-or-later
"""Exports a PNG through the export dialog (Ctrl+E), at a chosen size and
scale; the file is a complete PNG of exactly that size and a toast says so.
CHRONO_TEST_EXPORT_PATH makes the dialog skip the file chooser."""

import os
import time

import chronotest as ct

OUT = os.path.join(ct.ARTIFACTS, "export-dialog.png")


def set_spin(app, dialog_xid, dialog, name, value):
    spin = ct.wait_for(lambda: ct.find(dialog, role="spin button", name_re="^%s\\b" % name),
                       what="the %s field" % name)
    x, y, w, h = ct.extents(spin)
    app.click(x + w // 4, y + h // 2, xid=dialog_xid)
    ct.key("ctrl+a")
    ct.type_text(str(value))
    ct.key("Tab")


def body(app):
    if os.path.exists(OUT):
        os.unlink(OUT)

    app.key("ctrl+e")
    dialog = ct.wait_for(lambda: ct.find(app.node, role="frame", name="Export Timeline",
                                         showing=True), what="the export dialog")
    dialog_xid = app.find_window("Export Timeline")
    time.sleep(0.5)

    set_spin(app, dialog_xid, dialog, "Width", 800)
    set_spin(app, dialog_xid, dialog, "Height", 450)
    set_spin(app, dialog_xid, dialog, "Scale", 2)
    ct.wait_for(lambda: ct.find(dialog, role="label", name="1600 × 900 pixels"),
                what="the size label to read 1600 × 900 pixels")
    app.screenshot("dialog", xid=dialog_xid)

    button = ct.find(dialog, role="push button", name_re="Export…$")
    ct.check(button is not None, "no Export… button")
    app.click_node(button, xid=dialog_xid)

    ct.wait_for(lambda: os.path.exists(OUT) and ct.png_is_complete(OUT), timeout=30,
                what="a complete PNG at %s" % OUT)
    size = ct.read_png_size(OUT)
    ct.check(size == (1600, 900), "the PNG is %dx%d, not 1600x900" % size)

    # The dialog closes and the window shows a toast naming the file.
    ct.wait_for(lambda: ct.find(app.node, role="frame", name="Export Timeline",
                                showing=True) is None, what="the dialog to close")
    ct.wait_for(lambda: ct.find(app.frame, role="label",
                                name="Exported “%s”" % os.path.basename(OUT)),
                what="the toast")
    ct.check(ct.find(app.frame, name="Show in Folder") is not None, "no Show in Folder button")
    app.screenshot("toast")


ct.run(body, env={"CHRONO_TEST_EXPORT_PATH": OUT})
