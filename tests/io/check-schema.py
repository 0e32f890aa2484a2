#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates native timeline files against data/chronoscope.schema.json.

Usage: check-schema.py SCHEMA FILE...
Also checks that the schema rejects documents that Chronoscope rejects, so
that a schema accepting anything cannot pass. Exit status 0 when all is well.
"""
import copy
import json
import sys

import jsonschema

MINIMAL = {"chronoscope": 1, "events": [{"id": "a", "title": "A", "start": "2021"}]}


def bad_documents():
    def with_event(**fields):
        doc = copy.deepcopy(MINIMAL)
        doc["events"][0].update(fields)
        return doc

    no_events = copy.deepcopy(MINIMAL)
    del no_events["events"]
    no_id = copy.deepcopy(MINIMAL)
    del no_id["events"][0]["id"]
    yield "events missing", no_events
    yield "newer version", dict(MINIMAL, chronoscope=2)
    yield "events not a list", dict(MINIMAL, events={})
    yield "event id missing", no_id
    yield "empty id", with_event(id="")
    yield "month 13", with_event(start="2021-13")
    yield "not a date", with_event(start="yesterday")
    yield "open start", with_event(start="..")
    yield "importance too big", with_event(importance=101)
    yield "importance fractional", with_event(importance=2.5)
    yield "title not a string", with_event(title=3)
    yield "actors not strings", with_event(actors=["a", 1])
    yield "bad colour", dict(MINIMAL, categories=[{"id": "c", "color": "red"}])


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            print(f"{path}: /{'/'.join(map(str, error.path))}: {error.message}")
        failures += bool(errors)
        print(f"{path}: {'invalid' if errors else 'valid'}")

    for name, document in bad_documents():
        if validator.is_valid(document):
            print(f"schema accepts a bad document: {name}")
            failures += 1

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
