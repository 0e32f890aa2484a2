# SPDX-License-Identifier: GPL-3.0-or-later
"""Opening an event's details from the canvas, by keyboard (Home, Enter) and
by clicking a marker found on a screenshot by its category colour. The
popover must show that event's title, date and source."""

from PIL import Image

import chronotest as ct


def event_for_canvas_name(name, events):
    """The event the canvas names ("Timeline: TITLE, DATE") and the date text."""
    ct.check(name.startswith("Timeline: "), "canvas names no event: %r" % name)
    described = name[len("Timeline: "):]
    matches = [e for e in events if described.startswith(e["title"] + ", ")]
    ct.check(matches, "canvas names an unknown event: %r" % name)
    event = max(matches, key=lambda e: len(e["title"]))
    return event, described[len(event["title"]) + 2:]


def check_popover(app, event, date):
    popover = ct.wait_for(lambda: (app.popovers() or [None])[0], what="the details popover")
    want = [event["title"], date]
    sources = event.get("sources") or []
    ct.check(sources, "event %r has no source in the file" % event["title"])
    source_title = sources[0].get("title") or sources[0].get("publisher")

    def shown():
        text = "\n".join(app.labels_in(popover) + [ct.name_of(n) for n in ct.walk(popover)])
        return text if all(w in text for w in want + [source_title]) else None
    ct.wait_for(shown, what="title %r, date %r and source %r in the popover (it shows %r)" % (
        event["title"], date, source_title, app.labels_in(popover)))


def close_popover(app):
    app.key("Escape")
    ct.wait_for(lambda: not app.popovers(), what="the popover to close")


def find_markers(path, box, colours):
    """Centres of solid blobs of a category colour inside @box, biggest first."""
    image = Image.open(path).convert("RGB")
    x0, y0, w, h = box
    # Skip the axis band at the top of the canvas.
    top = y0 + 40
    pixels = image.load()
    seen = set()
    blobs = []

    def near(p, c):
        return abs(p[0] - c[0]) + abs(p[1] - c[1]) + abs(p[2] - c[2]) <= 24

    for y in range(top, y0 + h, 2):
        for x in range(x0, x0 + w, 2):
            if (x, y) in seen:
                continue
            p = pixels[x, y]
            colour = next((c for c in colours if near(p, c)), None)
            if colour is None:
                continue
            # Flood-fill the blob on the 2-pixel grid.
            stack, blob = [(x, y)], []
            seen.add((x, y))
            while stack:
                bx, by = stack.pop()
                blob.append((bx, by))
                for nx, ny in ((bx + 2, by), (bx - 2, by), (bx, by + 2), (bx, by - 2)):
                    if (x0 <= nx < x0 + w and top <= ny < y0 + h and (nx, ny) not in seen
                            and near(pixels[nx, ny], colour)):
                        seen.add((nx, ny))
                        stack.append((nx, ny))
            if len(blob) >= 6:
                xs = sorted(b[0] for b in blob)
                ys = sorted(b[1] for b in blob)
                blobs.append((len(blob), xs[len(xs) // 2], ys[len(ys) // 2]))
    blobs.sort(reverse=True)
    return [(x, y) for _, x, y in blobs]


def hex_colour(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def body(app):
    data = ct.builtin_timeline()
    events = data["events"]
    canvas = app.canvas()

    # 1. Keyboard: Home selects the first event, Enter opens its details.
    app.key("Home")
    ct.wait_for(lambda: app.canvas_name().startswith("Timeline: "), what="a selection")
    event, date = event_for_canvas_name(app.canvas_name(), events)
    rows, selected = app.list_rows()
    ct.check(selected == 0 and rows[0].startswith(event["title"] + ", "),
             "Home selected %r, not the first row %r" % (event["title"], rows[0]))
    app.key("Return")
    check_popover(app, event, date)
    app.screenshot("keyboard-popover", whole_screen=True)
    close_popover(app)

    # 2. Pointer: click a marker seen on screen in a category's colour.
    app.key("Escape")
    xdo_x, xdo_y, w, h = ct.extents(canvas)
    app.focus()
    ct.xdotool("mousemove", "--window", app.xid, 5, 5)  # no hover highlight
    shot = app.screenshot("before-click")
    colours = [hex_colour(c["color"]) for c in data["categories"]]
    markers = find_markers(shot, (xdo_x, xdo_y, w, h), colours)
    ct.check(markers, "no marker in a category colour on the canvas")

    clicked = None
    before = app.canvas_name()
    for x, y in markers[:6]:
        app.click(x, y)
        # The canvas opens the popover once a double click can be ruled out.
        try:
            ct.wait_for(lambda: app.popovers(), timeout=3, what="a popover")
        except ct.TestFailure:
            continue
        if app.canvas_name().startswith("Timeline: "):
            clicked = (x, y)
            break
        close_popover(app)
    ct.check(clicked is not None, "clicking the markers at %r opened no popover" % markers[:6])
    ct.log("# clicked a marker at %r (canvas was %r, now %r)" % (clicked, before,
                                                                  app.canvas_name()))
    event, date = event_for_canvas_name(app.canvas_name(), events)
    check_popover(app, event, date)

    # The clicked marker has the colour of the event's category.
    image = Image.open(shot).convert("RGB")
    category = next(c for c in data["categories"] if c["id"] == event["category"])
    got = image.getpixel(clicked)
    want = hex_colour(category["color"])
    ct.check(sum(abs(a - b) for a, b in zip(got, want)) <= 24,
             "clicked colour %r is not %r's %r" % (got, event["title"], want))

    # The sidebar follows the click.
    rows, selected = app.list_rows()
    ct.check(selected is not None and rows[selected].startswith(event["title"] + ", "),
             "the sidebar does not select the clicked %r" % event["title"])
    app.screenshot("click-popover", whole_screen=True)
    close_popover(app)


ct.run(body)
