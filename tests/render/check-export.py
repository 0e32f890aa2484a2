#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent tools read the exports: the SVG parses as XML and renders with
rsvg-convert, the PDF renders with pdftoppm, and both renders match the PNG
export pixel for pixel within a tolerance. Prints TAP.

Usage: check-export.py EXPORT_DRIVER
Also checks the real `chronoscope --export` when CHRONO_BUILD_ROOT/src/chronoscope exists."""

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from PIL import Image, ImageChops, ImageStat

WIDTH, HEIGHT = 800, 450
# Text is antialiased differently by each renderer: allow a small mean error
# and a few strongly differing pixels (glyph edges), nothing more.
MAX_MEAN = 5.0          # of 255, per channel
MAX_BAD_FRACTION = 0.02 # pixels differing by more than 96 in some channel

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc


def load_rgb(path):
    image = Image.open(path).convert("RGBA")
    background = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, image).convert("RGB")


def compare(a_path, b_path):
    a, b = load_rgb(a_path), load_rgb(b_path)
    if a.size != b.size:
        return False, f"sizes differ: {a.size} vs {b.size}"
    diff = ImageChops.difference(a, b)
    mean = max(ImageStat.Stat(diff).mean)
    bad = sum(1 for px in diff.getdata() if max(px) > 96) / (a.size[0] * a.size[1])
    ok = mean <= MAX_MEAN and bad <= MAX_BAD_FRACTION
    return ok, f"mean difference {mean:.2f}, {bad * 100:.2f}% pixels differ strongly"


def check_set(label, export, tmp):
    """export(path, extra_args) writes one file."""
    png = os.path.join(tmp, f"{label}.png")
    svg = os.path.join(tmp, f"{label}.svg")
    pdf = os.path.join(tmp, f"{label}.pdf")
    try:
        for path in (png, svg, pdf):
            export(path)
    except RuntimeError as e:
        check(f"{label}: export", False, str(e))
        return
    check(f"{label}: export", True)

    with Image.open(png) as image:
        check(f"{label}: PNG is {WIDTH}x{HEIGHT}", image.size == (WIDTH, HEIGHT), str(image.size))

    try:
        root = ET.parse(svg).getroot()
        check(f"{label}: SVG parses as XML", root.tag.endswith("svg"), root.tag)
        check(f"{label}: SVG is {WIDTH}px wide", root.get("width") in (f"{WIDTH}px", f"{WIDTH}"),
              str(root.get("width")))
    except ET.ParseError as e:
        check(f"{label}: SVG parses as XML", False, str(e))

    svg_png = os.path.join(tmp, f"{label}-rsvg.png")
    try:
        run(["rsvg-convert", "-w", str(WIDTH), "-h", str(HEIGHT), "-o", svg_png, svg])
        ok, detail = compare(png, svg_png)
        check(f"{label}: rsvg-convert render matches the PNG", ok, detail)
    except RuntimeError as e:
        check(f"{label}: rsvg-convert renders the SVG", False, str(e))

    # Text stays text: glyphs in the SVG, searchable characters in the PDF.
    try:
        with open(svg, encoding="utf-8") as f:
            content = f.read()
        check(f"{label}: SVG text is glyph outlines, no embedded pictures",
              "<symbol" in content and "<image" not in content)
        text = run(["pdftotext", pdf, "-"]).stdout
        check(f"{label}: PDF text is searchable", len(text.split()) >= 10, repr(text[:80]))
    except (OSError, RuntimeError) as e:
        check(f"{label}: text stays text", False, str(e))

    pdf_base = os.path.join(tmp, f"{label}-pdf")
    try:
        # A page of WIDTH×HEIGHT points is WIDTH×HEIGHT pixels at 72 dpi.
        run(["pdftoppm", "-r", "72", "-png", "-singlefile", pdf, pdf_base])
        ok, detail = compare(png, pdf_base + ".png")
        check(f"{label}: pdftoppm render matches the PNG", ok, detail)
    except RuntimeError as e:
        check(f"{label}: pdftoppm renders the PDF", False, str(e))


def main():
    driver = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="chrono-check-export-")
    try:
        for theme in ("light", "dark"):
            extra = ["--dark"] if theme == "dark" else []
            check_set(f"sample-{theme}",
                      lambda path, extra=extra: run([driver, "--width", str(WIDTH), "--height", str(HEIGHT)]
                                                    + extra + [path]), tmp)
        check_set("random-lanes",
                  lambda path: run([driver, "--width", str(WIDTH), "--height", str(HEIGHT),
                                    "--random", "3000", "--lanes", "category", path]), tmp)

        # The transparent SVG still parses and renders.
        svg = os.path.join(tmp, "transparent.svg")
        try:
            run([driver, "--transparent", "--width", str(WIDTH), "--height", str(HEIGHT), svg])
            ET.parse(svg)
            run(["rsvg-convert", "-o", os.path.join(tmp, "transparent.png"), svg])
            with Image.open(os.path.join(tmp, "transparent.png")) as image:
                corner = image.convert("RGBA").getpixel((WIDTH - 2, 2))
            check("transparent SVG renders with a clear background", corner[3] == 0, str(corner))
        except (RuntimeError, ET.ParseError) as e:
            check("transparent SVG renders with a clear background", False, str(e))

        app = os.path.join(os.environ.get("CHRONO_BUILD_ROOT", ""), "src", "chronoscope")
        if os.path.exists(app):
            check_set("chronoscope-cli",
                      lambda path: run([app, "--export", path, "--width", str(WIDTH),
                                        "--height", str(HEIGHT)]), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}" + (f" # {detail}" if detail and ok else ""))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print(f"# {line}")
    print(f"# {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
