#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Chronoscope needs and that are missing.
#   install-deps.sh run    what building and running the app needs
#   install-deps.sh test   that, plus what the test suite needs
set -euo pipefail

run_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev
  fonts-cantarell fonts-dejavu-core
  desktop-file-utils appstream
)
test_packages=(
  clang libclang-rt-14-dev
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0
  xdotool imagemagick librsvg2-bin poppler-utils libxml2-utils
  python3-jsonschema python3-pil locales
)

packages=("${run_packages[@]}")
if [ "${1:-run}" = test ]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q "${missing[@]}" </dev/null
fi

# The i18n tests run under real German and French locales: gettext ignores
# LANGUAGE in the C locale, and month names come from the C library.
if [ "${1:-run}" = test ]; then
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z')
  if ! grep -qx 'de_de.utf8' <<<"$have" || ! grep -qx 'fr_fr.utf8' <<<"$have"; then
    echo "Generating locales: de_DE.UTF-8 fr_FR.UTF-8"
    $SUDO sed -i 's/^# *\(de_DE.UTF-8\)/\1/; s/^# *\(fr_FR.UTF-8\)/\1/' /etc/locale.gen
    $SUDO locale-gen
  fi
fi
