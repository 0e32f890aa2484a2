#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in names a file that does not exist."""
import os
import re
import sys

args = [a for a in sys.argv[1:] if a != "--update"]
update = "--update" in sys.argv
root = args[0] if args else os.environ.get("CHRONO_SOURCE_ROOT", ".")
listed = set()
with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

# g_dngettext() takes the domain first: g_dngettext (GETTEXT_PACKAGE, "…", …).
c_marker = re.compile(r'\b(?:_|N_|C_|NC_|ngettext)\s*\(\s*"'
                      r'|\bg_dngettext\s*\(\s*(?:GETTEXT_PACKAGE|NULL)\s*,\s*"')
ui_marker = re.compile(r'translatable="yes"')
needed = set()
for folder in ("src", "ui", "data"):
    for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            if name.endswith((".c", ".h")) and c_marker.search(text):
                needed.add(rel)
            elif name.endswith(".ui") and ui_marker.search(text):
                needed.add(rel)
            elif name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                needed.add(rel)

if update:
    with open(os.path.join(root, "po", "POTFILES.in"), "w", encoding="utf-8") as f:
        f.write("# Files with translatable strings; tests/check-potfiles.py keeps this complete.\n")
        f.write("# Regenerate with: python3 tests/check-potfiles.py --update\n")
        for p in sorted(needed):
            f.write(p + "\n")
    listed = needed

missing = sorted(needed - listed)
stale = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
for p in missing:
    print(f"not in po/POTFILES.in: {p}")
for p in stale:
    print(f"in po/POTFILES.in but missing: {p}")
print(f"{len(needed)} files with translatable strings, {len(listed)} listed")
sys.exit(1 if missing or stale else 0)
