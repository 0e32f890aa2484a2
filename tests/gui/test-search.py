# SPDX-License-Identifier: GPL-3.0-or-later
"""Typing in the search bar narrows the sidebar; closing it brings all back."""

import chronotest as ct


def expected_rows(events, words):
    return sorted(e["title"] for e in events
                  if all(w.casefold() in ct.event_haystack(e) for w in words))


def rows_titles(app, events):
    rows, _ = app.list_rows()
    titles = []
    for row in rows:
        matches = [e["title"] for e in events if row.startswith(e["title"] + ", ")]
        titles.append(max(matches, key=len) if matches else row)
    return sorted(titles)


def body(app):
    data = ct.builtin_timeline()
    events = data["events"]
    n = len(events)
    ct.wait_for(lambda: len(app.list_rows()[0]) == n, what="all rows at start")

    app.key("ctrl+f")
    entry = ct.wait_for(lambda: ct.find(app.frame, role="entry", name="Search events"),
                        what="the search entry")
    ct.wait_for(lambda: ct.has_state(entry, ct.pyatspi.STATE_FOCUSED),
                what="focus in the search entry")

    for words in (["APT40"], ["sanctions"], ["sanctions", "uk"]):
        app.key("ctrl+a", "BackSpace")
        ct.type_text(" ".join(words))
        want = expected_rows(events, words)
        ct.check(0 < len(want) < n, "search %r is not a useful test (%d rows)" % (words, len(want)))
        ct.wait_for(lambda: rows_titles(app, events) == want,
                    what="rows %r for %r (have %r)" % (want, words, rows_titles(app, events)))
        subtitle = "%d of %d events" % (len(want), n)
        ct.wait_for(lambda: ct.find(app.frame, role="label", name=subtitle),
                    what="the subtitle %r" % subtitle)
        app.screenshot("search-" + "-".join(words))

    # Nothing matches: the sidebar says so.
    app.key("ctrl+a", "BackSpace")
    ct.type_text("zzqqxx")
    ct.wait_for(lambda: not app.list_rows()[0], what="an empty list")
    ct.wait_for(lambda: ct.find(app.frame, role="label", name="0 of %d events" % n),
                what="the subtitle 0 of %d events" % n)
    app.screenshot("search-nothing")

    # Escape closes the search and every event comes back.
    app.key("Escape")
    ct.wait_for(lambda: len(app.list_rows()[0]) == n, what="all %d rows back" % n)
    ct.wait_for(lambda: ct.find(app.frame, role="label", name="%d events" % n),
                what="the subtitle back to all events")

    # With an event selected, narrowing and clearing the search keeps the
    # app alive and the event selected (clearing used to crash GTK 4.8).
    app.refocus()
    app.key("Home", "Right")
    ct.wait_for(lambda: app.list_rows()[1] is not None, what="a selected sidebar row")
    rows, selected = app.list_rows()
    title = rows[selected]
    for text in ("APT", "zzqqxx"):
        app.key("ctrl+f")
        app.key("ctrl+a", "BackSpace")
        ct.type_text(text)
        ct.wait_for(lambda: len(app.list_rows()[0]) < n, what="a narrowed list for %r" % text)
        app.key("Escape")
        ct.wait_for(lambda: len(app.list_rows()[0]) == n, what="all rows back after %r" % text)
        app.check_alive()
        ct.wait_for(lambda: app.list_rows()[1] is not None
                    and app.list_rows()[0][app.list_rows()[1]] == title,
                    what="%r still selected after clearing %r" % (title, text))


ct.run(body)
