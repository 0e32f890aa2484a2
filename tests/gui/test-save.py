# SPDX-License-Identifier: GPL-3.0-or-later
"""Saving to the native format with the keyboard. An imported CSV has no
native file, so Ctrl+S asks for a name (suggesting "chronoscope.chrono.json");
the file written is valid native JSON with the same events, and the window
then names it. A second Ctrl+S writes to the same file without asking and
keeps the previous version as a "~" backup."""

import csv
import json
import os
import tempfile
import time

import chronotest as ct

CSV = os.path.join(ct.SOURCE_ROOT, "tests", "data", "formats", "chronoscope.csv")


def csv_events():
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        return {r["Title"]: r for r in csv.DictReader(f)}


def check_saved(path, expected):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    ct.check(data.get("chronoscope") == 1, "no format version in %s" % path)
    events = {e["title"]: e for e in data["events"]}
    ct.check(sorted(events) == sorted(expected),
             "saved titles %r, expected %r" % (sorted(events), sorted(expected)))
    for title, row in expected.items():
        ct.check(events[title].get("id", "") == row["ID"] or row["ID"] == "",
                 "event %r has id %r, CSV says %r" % (title, events[title].get("id"), row["ID"]))
        ct.check(events[title]["start"] == row["Start"],
                 "event %r starts %r, CSV says %r" % (title, events[title]["start"], row["Start"]))
    return data


def body(app):
    expected = csv_events()
    ct.wait_for(lambda: app.subtitle() == "%d events" % len(expected), what="the CSV's events")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "saved.chrono.json")

        app.key("ctrl+s")
        chooser = ct.wait_for(lambda: app.toplevel("Save Timeline"), what="the Save chooser")
        name_entry = ct.wait_for(lambda: ct.find(chooser, role="text", name="Name")
                                 or ct.find(chooser, role="text"), what="the name field")
        ct.check(ct.text_of(name_entry) == "chronoscope.chrono.json",
                 "the suggested name is %r" % ct.text_of(name_entry))
        app.screenshot("chooser", whole_screen=True)
        app.choose_file("Save Timeline", out)

        ct.wait_for(lambda: os.path.exists(out), timeout=20, what="the saved file")
        check_saved(out, expected)
        ct.wait_for(lambda: app.window_title() == "saved.chrono.json",
                    what="the title to name the saved file (is %r)" % app.window_title())
        ct.wait_for(lambda: ct.find(app.frame, role="label", name="Saved “saved.chrono.json”"),
                    what="the Saved toast")
        app.screenshot("saved")

        # Save again: no chooser, the same file, the old one kept as a backup.
        first_mtime = os.stat(out).st_mtime_ns
        time.sleep(1.1)
        app.key("ctrl+s")
        ct.wait_for(lambda: os.stat(out).st_mtime_ns != first_mtime, timeout=20,
                    what="the file to be written again")
        ct.check(app.x_window("Save Timeline") is None, "Save asked for a name again")
        ct.check(os.path.exists(out + "~"), "no backup of the previous version")
        check_saved(out, expected)
        check_saved(out + "~", expected)


ct.run(body, args=[CSV], file_chooser=True)
