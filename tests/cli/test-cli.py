#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The headless command line, as a script or a person uses it: no display,
exit codes, FILE:LINE:COL messages, and that a failed export leaves no file."""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

BUILD = os.environ.get("CHRONO_BUILD_ROOT", "build")
SOURCE = os.environ.get("CHRONO_SOURCE_ROOT", ".")
APP = os.path.join(BUILD, "src", "chronoscope")


def run(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    if env_extra:
        env.update(env_extra)
    return subprocess.run([APP, *args], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)


class CommandLine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^chronoscope \d+\.\d+\.\d+\n$")

    def test_help_lists_export_options(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for option in ("--export", "--width", "--height", "--scale", "--range",
                       "--theme", "--lanes", "--transparent", "--version"):
            self.assertIn(option, r.stdout)

    def test_export_every_picture_format_without_display(self):
        magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
        for ext, head in magic.items():
            out = self.path("t." + ext)
            r = run("--export", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, "")
            with open(out, "rb") as f:
                self.assertTrue(f.read().startswith(head), ext)

    def test_png_size_follows_width_height_scale(self):
        out = self.path("t.png")
        r = run("--export", out, "--width", "800", "--height", "300", "--scale", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            header = f.read(24)
        width = int.from_bytes(header[16:20], "big")
        height = int.from_bytes(header[20:24], "big")
        self.assertEqual((width, height), (1600, 600))

    def test_json_export_round_trips_builtin(self):
        out = self.path("builtin.chrono.json")
        self.assertEqual(run("--export", out).returncode, 0)
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["chronoscope"], 1)
        self.assertGreaterEqual(len(doc["events"]), 10)
        again = self.path("again.chrono.json")
        r = run("--export", again, out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as a, open(again, encoding="utf-8") as b:
            self.assertEqual(a.read(), b.read())

    def test_csv_export(self):
        out = self.path("t.csv")
        r = run("--export", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8-sig") as f:
            header = f.readline()
        self.assertIn("start", header)
        self.assertIn("title", header)

    def assert_fails(self, result, pattern, *outputs):
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, pattern)
        for out in outputs:
            self.assertFalse(os.path.exists(out), out)
        leftovers = [n for n in os.listdir(self.dir) if n.startswith(".") or "~" in n]
        self.assertEqual(leftovers, [])

    def test_unknown_extension(self):
        out = self.path("t.bmp")
        self.assert_fails(run("--export", out), r"unknown export format", out)

    def test_bad_sizes_scale_range_theme(self):
        out = self.path("t.png")
        cases = [
            (["--width", "0"], r"Invalid size"),
            (["--height", "-5"], r"Invalid size"),
            (["--width", "40000"], r"Invalid size"),
            (["--scale", "0"], r"Invalid scale"),
            (["--scale", "100"], r"Invalid scale"),
            (["--range", "2024/2020"], r"range"),
            (["--range", "garbage"], r"Invalid range"),
            (["--range", "2020/.."], r"known start and end"),
            (["--theme", "purple"], r"Invalid theme"),
            (["--lanes", "sideways"], r"Invalid lanes"),
            (["--width", "abc"], r"abc"),
        ]
        for args, pattern in cases:
            with self.subTest(args=args):
                self.assert_fails(run("--export", out, *args), pattern, out)

    def test_picture_options_refused_for_data_formats(self):
        out = self.path("t.csv")
        self.assert_fails(run("--export", out, "--width", "800"), r"picture exports", out)
        self.assert_fails(run("--width", "800"), r"go with --export")

    def test_unwritable_path(self):
        out = os.path.join(self.dir, "no", "such", "folder", "t.png")
        self.assert_fails(run("--export", out), re.escape(out))

    def test_missing_input(self):
        out = self.path("t.png")
        missing = self.path("missing.chrono.json")
        self.assert_fails(run("--export", out, missing), re.escape(missing) + r":", out)

    def test_malformed_input_names_line_and_column(self):
        bad = self.write("bad.chrono.json", '{"chronoscope": 1,\n "events": [\n  {"id": "a",, }\n ]}\n')
        out = self.path("t.svg")
        r = run("--export", out, bad)
        self.assert_fails(r, "^" + re.escape(bad) + r":3:\d+: ", out)

    def test_bad_date_names_event(self):
        bad = self.write("date.chrono.json",
                         '{"chronoscope": 1, "events": [\n'
                         '{"id": "e1", "title": "x", "start": "2023-02-29"}]}\n')
        out = self.path("t.pdf")
        r = run("--export", out, bad)
        self.assert_fails(r, "^" + re.escape(bad) + r":2:\d+: .*e1.*2023-02-29", out)

    def test_failed_export_keeps_existing_file(self):
        out = self.path("keep.png")
        with open(out, "wb") as f:
            f.write(b"previous")
        bad = self.write("bad.chrono.json", "{")
        self.assertEqual(run("--export", out, bad).returncode, 1)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"previous")

    def test_two_inputs_refused(self):
        out = self.path("t.png")
        a = self.write("a.chrono.json", '{"chronoscope": 1, "events": []}')
        self.assert_fails(run("--export", out, a, a), r"one input file", out)


if __name__ == "__main__":
    if not os.path.exists(APP):
        print("1..0 # SKIP chronoscope not built")
        sys.exit(77)
    unittest.main(verbosity=2)
