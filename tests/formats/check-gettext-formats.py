#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when xgettext cuts a translatable message short. A format macro such
as G_GINT64_FORMAT pasted into _() ends the string xgettext sees at its "%",
so the message can never be translated: format the number first and pass it
as "%s", or use "%zu". Prints TAP."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CHRONO_SOURCE_ROOT", ".")
xgettext = shutil.which("xgettext")
if xgettext is None:
    print("1..0 # SKIP xgettext is not installed")
    sys.exit(0)

sources = sorted(glob.glob(os.path.join(root, "src", "**", "*.[ch]"), recursive=True))
# one whole C conversion; "%%" is a literal percent sign
conversion = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?"
                        r"(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcCsSpnm%]")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "messages.pot")
    subprocess.run([xgettext, "--from-code=UTF-8", "--language=C", "-k_", "-kN_",
                    "-kC_:1c,2", "-kNC_:1c,2", "-o", pot] + sources, check=True)
    text = open(pot, encoding="utf-8").read() if os.path.exists(pot) else ""

# msgid "…" with its continuation lines, joined
messages = []
for block in re.finditer(r'^msgid((?:\s*"(?:[^"\\]|\\.)*")+)', text, re.M):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block.group(1))
    messages.append("".join(parts))

broken = []
for message in messages:
    rest = conversion.sub("", message)
    if "%" in rest:
        broken.append(message)

print("1..2")
print("ok 1 - xgettext found %d messages" % len(messages) if messages else
      "not ok 1 - xgettext found no messages")
if broken:
    print("not ok 2 - messages cut short or with a bad conversion")
    for message in broken:
        print("# %r" % message)
else:
    print("ok 2 - every message's conversions are whole")
