#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-cli.py LANG...: `LANGUAGE=LANG chronoscope --help` speaks LANG.

Runs the built binary with this build's translations (CHRONO_LOCALEDIR points
at build/po, where meson compiles <lang>/LC_MESSAGES/chronoscope.mo) under a
real locale, since gettext ignores LANGUAGE in the C locale. Every option
description of the English help must appear translated, as the .mo has it,
and the English text must be gone; an error message printed by the program
itself must be translated too. Skips (77) without the GUI build or the locale."""
import gettext
import os
import re
import subprocess
import sys

LOCALES = {"de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}


def run(binary, args, lang=None, localedir=None):
    env = dict(os.environ)
    env.pop("LANGUAGE", None)
    env.pop("CHRONO_LOCALEDIR", None)
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    if lang is not None:
        env["LANGUAGE"] = lang
        env["LC_ALL"] = env["LANG"] = LOCALES[lang]
        env["CHRONO_LOCALEDIR"] = localedir
    return subprocess.run([binary] + args, env=env, capture_output=True, text=True, timeout=30)


def option_descriptions(help_text):
    """The descriptions of the options, from lines like
    '  --width=PIXELS     Width of the exported picture (default 1600)'."""
    out = []
    for line in help_text.splitlines():
        m = re.match(r"^\s+(?:-\w, )?--[\w-]+(?:=\S+)?\s{2,}(\S.*)$", line)
        if m and not line.strip().startswith(("-h,", "--help")):
            out.append(m.group(1).strip())
    return out


def installed_locales():
    res = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return {l.strip().lower().replace("utf-8", "utf8") for l in res.stdout.splitlines()}


def main():
    build = os.environ.get("CHRONO_BUILD_ROOT")
    binary = os.path.join(build or "", "src", "chronoscope")
    if not build or not os.path.exists(binary):
        print("no chronoscope binary (built with -Dgui=true only): skipped")
        return 77
    localedir = os.path.join(build, "po")
    langs = sys.argv[1:]
    have = installed_locales()
    missing = [LOCALES[l] for l in langs if LOCALES[l].lower().replace("utf-8", "utf8") not in have]
    if missing:
        print(f"locales {missing} are not installed (build-aux/install-deps.sh test "
              "generates them): skipped")
        return 77

    english = run(binary, ["--help"])
    if english.returncode != 0:
        print(english.stdout, english.stderr)
        print("chronoscope --help failed")
        return 1
    descriptions = option_descriptions(english.stdout)
    if len(descriptions) < 5:
        print(english.stdout)
        print(f"found only {len(descriptions)} option descriptions in the English help")
        return 1
    # An error the program prints with _(): an export option without --export.
    misuse = ["--width", "800"]
    english_error = run(binary, misuse)

    failures = 0
    for lang in langs:
        mo = os.path.join(localedir, lang, "LC_MESSAGES", "chronoscope.mo")
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)
        local = run(binary, ["--help"], lang, localedir)
        print(f"--- LANGUAGE={lang} chronoscope --help\n{local.stdout}")
        if local.returncode != 0:
            print(local.stderr)
            print(f"{lang}: --help failed")
            failures += 1
            continue
        for text in descriptions:
            translated = catalog.gettext(text)
            if translated == text:
                print(f"{lang}: “{text}” has no translation in {mo}")
                failures += 1
            elif translated not in local.stdout:
                print(f"{lang}: the help lacks “{translated}”")
                failures += 1
            if text in local.stdout:
                print(f"{lang}: the help still shows “{text}”")
                failures += 1

        if english_error.returncode != 0 and english_error.stderr.strip():
            message = english_error.stderr.strip()
            local_error = run(binary, misuse, lang, localedir)
            expected = catalog.gettext(message)
            print(f"--- LANGUAGE={lang} chronoscope {' '.join(misuse)}\n{local_error.stderr}")
            if expected == message or local_error.stderr.strip() != expected:
                print(f"{lang}: expected the error “{expected}”")
                failures += 1
        else:
            print(f"chronoscope {' '.join(misuse)} no longer fails; error not checked")

    print(f"{len(langs)} languages, {len(descriptions)} option descriptions, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
