# SPDX-License-Identifier: GPL-3.0-or-later
"""Opening files as a person does: `chronoscope FILE` with a CSV import;
Ctrl+O and a path typed into the file chooser opens a native timeline into
the same window; a broken file through the same route shows an error naming
the file and leaves the open document as it was (title, rows, selection);
the main menu's Open Recent brings the first file back."""

import csv
import json
import os
import tempfile

import chronotest as ct

CSV = os.path.join(ct.SOURCE_ROOT, "tests", "data", "formats", "chronoscope.csv")
NATIVE = os.path.join(ct.SOURCE_ROOT, "tests", "data", "native", "full.chrono.json")


def csv_titles():
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return sorted(r["Title"] for r in rows)


def native_titles():
    with open(NATIVE, encoding="utf-8") as f:
        data = json.load(f)
    return data["title"], sorted(e["title"] for e in data["events"])


def row_titles(app, titles):
    """The titles among @titles that have a sidebar row, and the row count."""
    rows, _ = app.list_rows()
    return sorted(t for t in titles if any(r.startswith(t + ", ") for r in rows)), len(rows)


def expect_document(app, title, titles):
    ct.wait_for(lambda: app.window_title() == title,
                what="the window title %r (is %r)" % (title, app.window_title()))
    ct.wait_for(lambda: row_titles(app, titles) == (titles, len(titles)),
                what="rows %r (have %r)" % (titles, row_titles(app, titles)))
    subtitle = "%d events" % len(titles)
    ct.wait_for(lambda: app.subtitle() == subtitle,
                what="the subtitle %r (is %r)" % (subtitle, app.subtitle()))


def body(app):
    # 1. From the command line: an import is titled after its file.
    expect_document(app, os.path.basename(CSV), csv_titles())
    app.screenshot("csv")

    # 2. Ctrl+O, the path typed into the chooser: the native file replaces it.
    app.key("ctrl+o")
    app.choose_file("Open Timeline", NATIVE)
    title, titles = native_titles()
    expect_document(app, title, titles)
    ct.check(app.toplevel_with_label("Cannot Open the Timeline") is None,
             "an error dialog for a good file")

    # Select the second event so that the failed open has a selection to keep.
    app.key("Home", "Right")
    ct.wait_for(lambda: app.list_rows()[1] == 1, what="row 1 selected")
    canvas_before = app.canvas_name()
    rows_before = app.list_rows()

    # 3. A truncated file through the same route: an error, and nothing lost.
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "broken.chrono.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"chronoscope": 1, "title": "Broken", "events": [{"id": "a", ')

        app.key("ctrl+o")
        app.choose_file("Open Timeline", bad)
        dialog = ct.wait_for(lambda: app.toplevel_with_label("Cannot Open the Timeline"),
                             what="the error dialog")
        texts = app.labels_in(dialog)
        ct.check(any("broken.chrono.json" in t for t in texts),
                 "the error does not name the file: %r" % texts)
        app.screenshot("error", whole_screen=True)
        ct.key("Escape")
        ct.wait_for(lambda: app.toplevel_with_label("Cannot Open the Timeline") is None,
                    what="the error dialog to close")

    app.focus()
    expect_document(app, title, titles)
    ct.check(app.list_rows() == rows_before,
             "rows or selection changed: %r, was %r" % (app.list_rows(), rows_before))
    ct.check(app.canvas_name() == canvas_before,
             "the canvas changed: %r, was %r" % (app.canvas_name(), canvas_before))

    # 4. Open Recent lists both files, newest first; the CSV opens again.
    app.menu("Open Recent", os.path.basename(CSV))
    expect_document(app, os.path.basename(CSV), csv_titles())
    app.screenshot("recent")


ct.run(body, args=[CSV], file_chooser=True)
