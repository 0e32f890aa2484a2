# SPDX-License-Identifier: GPL-3.0-or-later
"""Zoom (keyboard and wheel) and pan (drag) change what the canvas shows;
Ctrl+0 fits the whole timeline again, exactly as at start."""

from PIL import Image, ImageChops

import chronotest as ct


def canvas_image(app, label):
    x, y, w, h = ct.extents(app.canvas())
    ct.xdotool("mousemove", "--window", app.xid, 5, 5)  # no hover highlight
    import time
    time.sleep(0.6)
    path = app.screenshot(label)
    return Image.open(path).convert("RGB").crop((x, y, x + w, y + h))


def difference(a, b):
    """Share of pixels that differ between two same-sized images."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 16 else 0)
    histogram = diff.histogram()
    return histogram[255] / float(a.size[0] * a.size[1])


def body(app):
    x, y, w, h = ct.extents(app.canvas())
    ct.check(w > 400 and h > 200, "the canvas is only %dx%d" % (w, h))
    fitted = canvas_image(app, "fitted")

    app.key("ctrl+plus", "ctrl+plus")
    zoomed = canvas_image(app, "zoomed-in")
    ct.check(difference(fitted, zoomed) > 0.01,
             "Ctrl+plus did not change the canvas (%.4f)" % difference(fitted, zoomed))

    app.key("ctrl+0")
    refitted = canvas_image(app, "refitted")
    ct.check(difference(fitted, refitted) < 0.002,
             "Ctrl+0 does not give the fitted view back (%.4f)" % difference(fitted, refitted))

    # Drag from the middle to the right: earlier times come into view.
    cx, cy = x + w // 2, y + h * 2 // 3
    app.drag(cx, cy, cx + w // 4, cy)
    panned = canvas_image(app, "panned")
    ct.check(difference(refitted, panned) > 0.01, "dragging did not pan the canvas")
    # Panning moves the picture: the shifted fitted view resembles it more
    # than the unshifted one does.
    shift = w // 4
    shifted = Image.new("RGB", fitted.size)
    shifted.paste(fitted.crop((0, 0, w - shift, h)), (shift, 0))
    region = (shift + 10, 60, w - 10, h - 10)
    ct.check(difference(shifted.crop(region), panned.crop(region))
             < difference(fitted.crop(region), panned.crop(region)),
             "the dragged picture did not move with the pointer")

    app.key("ctrl+0")
    canvas_image(app, "refitted-2")

    # The wheel zooms around the pointer.
    app.scroll(cx, cy, up=True, clicks=3)
    wheeled = canvas_image(app, "wheel-zoom")
    ct.check(difference(fitted, wheeled) > 0.01, "the wheel did not zoom")

    app.key("ctrl+0")
    again = canvas_image(app, "refitted-3")
    ct.check(difference(fitted, again) < 0.002, "Ctrl+0 after the wheel is not the fitted view")


ct.run(body)
