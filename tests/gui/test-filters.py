# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter popover, used with the keyboard: checking categories narrows
the sidebar to them (any of the checked ones), and "Show All Events" brings
every event back."""

import chronotest as ct


def shown_titles(app, events):
    rows, _ = app.list_rows()
    return sorted(e["title"] for e in events if any(r.startswith(e["title"] + ", ") for r in rows)
                  ), len(rows)


def expect(app, events, category_ids):
    want = sorted(e["title"] for e in events if e["category"] in category_ids)
    ct.check(0 < len(want) < len(events), "categories %r make no useful test" % category_ids)
    ct.wait_for(lambda: shown_titles(app, events) == (want, len(want)),
                what="rows of %r (have %r)" % (category_ids, shown_titles(app, events)))
    subtitle = "%d of %d events" % (len(want), len(events))
    ct.wait_for(lambda: ct.find(app.frame, role="label", name=subtitle),
                what="the subtitle %r" % subtitle)


def check_box(app, name):
    for root in ct.children(app.node):
        found = ct.find(root, role="check box", name=name)
        if found is not None:
            return found
    return None


def body(app):
    data = ct.builtin_timeline()
    events = data["events"]
    categories = [c["id"] for c in data["categories"]]
    names = {c["id"]: c["name"] for c in data["categories"]}

    app.click_node(ct.find(app.frame, role="push button", name="Filter"))
    first = ct.wait_for(lambda: check_box(app, names[categories[0]]),
                        what="the filter popover's first check box")
    ct.wait_for(lambda: ct.has_state(first, ct.pyatspi.STATE_FOCUSED),
                what="focus on the first check box")

    # Tab down to "Sanctions" and check it.
    target = categories.index("sanctions")
    for _ in range(target):
        ct.key("Tab")
    ct.key("space")
    expect(app, events, {"sanctions"})
    ct.check(ct.has_state(check_box(app, names["sanctions"]), ct.pyatspi.STATE_CHECKED),
             "the Sanctions box is not checked")

    # One up is "Legal action": two categories show either.
    ct.key("shift+Tab", "space")
    expect(app, events, {"sanctions", "legal-action"})
    app.screenshot("two-categories", whole_screen=True)

    # Closing the popover keeps the filter.
    ct.key("Escape")
    expect(app, events, {"sanctions", "legal-action"})

    # "Show All Events" clears it.
    app.click_node(ct.find(app.frame, role="push button", name="Filter"))
    button = ct.wait_for(lambda: next((ct.find(r, role="push button", name_re="Show All Events")
                                       for r in ct.children(app.node)
                                       if ct.find(r, role="push button",
                                                  name_re="Show All Events")), None),
                         what="the Show All Events button")
    # Tab from the last check box reaches it; count the boxes to get there.
    boxes = [n for r in ct.children(app.node) for n in ct.walk(r) if ct.role_name(n) == "check box"]
    focused = next(i for i, b in enumerate(boxes) if ct.has_state(b, ct.pyatspi.STATE_FOCUSED))
    for _ in range(len(boxes) - focused):
        ct.key("Tab")
    ct.wait_for(lambda: ct.has_state(button, ct.pyatspi.STATE_FOCUSED),
                what="focus on Show All Events")
    ct.key("space")
    ct.wait_for(lambda: len(app.list_rows()[0]) == len(events), what="all rows back")
    ct.wait_for(lambda: ct.find(app.frame, role="label", name="%d events" % len(events)),
                what="the subtitle back to all events")
    ct.check(not ct.has_state(check_box(app, names["sanctions"]), ct.pyatspi.STATE_CHECKED),
             "Sanctions is still checked")
    ct.key("Escape")


ct.run(body)
