#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-po.py SOURCE_ROOT LANG: po/LANG.po is complete and well-formed.

Fails when msgfmt --check finds a bad format string or accelerator, when any
message is fuzzy or untranslated, or when the sources (po/POTFILES.in) hold a
message the .po lacks. To bring the translations up to date:
    python3 tests/check-potfiles.py --update .
    ninja -C build chronoscope-pot chronoscope-update-po
then translate what msgfmt --statistics reports as fuzzy or untranslated."""
import os
import re
import subprocess
import sys
import tempfile

# The keywords and flags of meson's i18n.gettext(preset: 'glib').
GLIB_PRESET = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]


def linguas(root):
    langs = []
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                langs += line.split()
    return langs


def main():
    root, lang = sys.argv[1], sys.argv[2]
    po = os.path.join(root, "po", lang + ".po")
    ok = True

    if lang not in linguas(root):
        print(f"po/LINGUAS does not list {lang}")
        ok = False

    with open(po, encoding="utf-8") as f:
        text = f.read()
    if f'"Language: {lang}\\n"' not in text or '"Plural-Forms: ' not in text:
        print(f"{po}: the header needs Language: {lang} and Plural-Forms")
        ok = False

    check = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                            "-o", os.devnull, po],
                           capture_output=True, text=True)
    stats = check.stderr.strip()
    print(stats)
    if check.returncode != 0:
        print(f"{po}: msgfmt --check failed")
        ok = False
    elif not re.fullmatch(r"\d+ translated messages?\.", stats.splitlines()[-1]):
        print(f"{po}: every message must be translated, none fuzzy")
        ok = False

    # The template as the sources stand now, made the way meson makes it.
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "chronoscope.pot")
        gen = subprocess.run(["xgettext", "--package-name=chronoscope",
                              "-f", os.path.join(root, "po", "POTFILES.in"),
                              "-D", root, "-k_", "-o", pot] + GLIB_PRESET,
                             capture_output=True, text=True)
        if gen.returncode != 0:
            print(gen.stderr)
            print("xgettext failed")
            return 1
        cmp = subprocess.run(["msgcmp", po, pot], capture_output=True, text=True)
        if cmp.returncode != 0:
            with open(pot, encoding="utf-8") as f:
                pot_lines = f.read().splitlines()
            for m in re.finditer(r":(\d+): this message is used but not defined", cmp.stderr):
                # Print the whole entry the line belongs to.
                first = last = int(m.group(1)) - 1
                while first > 0 and pot_lines[first - 1].strip():
                    first -= 1
                while last + 1 < len(pot_lines) and pot_lines[last + 1].strip():
                    last += 1
                print("not translated:\n" + "\n".join(pot_lines[first:last + 1]))
            print(f"{po} lacks messages of the sources: run `ninja -C build chronoscope-pot "
                  "chronoscope-update-po` and translate them")
            ok = False

    print(f"{lang}: {'ok' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
