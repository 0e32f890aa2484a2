#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of Chronoscope's desktop integration files.

Each subcommand is one meson test: it runs the validator the file format has
(desktop-file-validate, appstreamcli, glib-compile-schemas, xmllint,
update-mime-database) and then checks that the files agree with each other
and with the project (application ID, binary, version, MIME type).
Exit status 0 means the check passed; the reasons for a failure go to stderr.
"""

import argparse
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
SVG_NS = '{http://www.w3.org/2000/svg}'

# The keys the window and the export dialog bind to: a contract, see the
# schema's comments and the report of issue 7.
EXPECTED_KEYS = {
    'window-width', 'window-height', 'window-maximized', 'sidebar-visible',
    'lanes', 'last-export-format', 'last-export-width', 'last-export-height',
    'last-export-scale', 'last-export-theme', 'last-export-transparent',
    'last-export-range', 'last-export-folder',
}
EXPECTED_ENUMS = {
    'lanes': ['none', 'group', 'category', 'actor'],
    'last-export-format': ['png', 'svg', 'pdf'],
    'last-export-theme': ['light', 'dark'],
    'last-export-range': ['visible', 'whole', 'custom'],
}

failures = []


def fail(message):
    failures.append(message)
    print(f'FAIL: {message}', file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def run(argv, env=None, cwd=None):
    """Runs a tool; returns (exit status, stdout + stderr)."""
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, cwd=cwd, text=True)
    return proc.returncode, proc.stdout


def native_mime_type(mime_xml):
    root = ET.parse(mime_xml).getroot()
    types = root.findall(f'{MIME_NS}mime-type')
    if len(types) != 1:
        fail(f'{mime_xml}: expected exactly one <mime-type>, found {len(types)}')
        return None
    return types[0].get('type')


# --- desktop entry ---------------------------------------------------------

def cmd_desktop(args):
    status, out = run(['desktop-file-validate', args.file])
    # It exits 0 on warnings and hints: any output at all is a failure.
    check(status == 0 and out.strip() == '',
          f'desktop-file-validate {args.file} (exit {status}):\n{out}')

    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(args.file, encoding='utf-8')
    check(entry.has_section('Desktop Entry'), 'no [Desktop Entry] group')
    if not entry.has_section('Desktop Entry'):
        return
    group = entry['Desktop Entry']
    check(os.path.basename(args.file) == f'{args.app_id}.desktop',
          f'file name {os.path.basename(args.file)} is not {args.app_id}.desktop')
    check(group.get('Type') == 'Application', 'Type is not Application')
    check(group.get('Name') == 'Chronoscope', f'Name is {group.get("Name")!r}')
    exec_argv = group.get('Exec', '').split()
    check(exec_argv[:1] == [args.binary],
          f'Exec {group.get("Exec")!r} does not start the {args.binary} binary')
    check('%F' in exec_argv or '%U' in exec_argv,
          f'Exec {group.get("Exec")!r} takes no files, so files cannot be opened with it')
    check(group.get('Icon') == args.app_id, f'Icon {group.get("Icon")!r} is not {args.app_id}')
    check(group.get('StartupNotify') == 'true', 'StartupNotify is not true')
    keywords = group.get('Keywords', '')
    check(keywords.endswith(';') and len(keywords.split(';')) > 3,
          f'Keywords {keywords!r}: want several, ending with ";"')
    mime_types = [m for m in group.get('MimeType', '').split(';') if m]
    native = native_mime_type(args.mime_xml)
    check(native in mime_types,
          f'MimeType {mime_types} lacks the native type {native} of {args.mime_xml}')


# --- AppStream metainfo ----------------------------------------------------

# Pedantic hints we accept, with the reason.
ACCEPTED_PEDANTIC = {
    # Our reverse-DNS ID (DESIGN.md) has a capital C, as GNOME's IDs do.
    'cid-contains-uppercase-letter',
}


def cmd_metainfo(args):
    status, out = run(['appstreamcli', 'validate', '--pedantic', '--no-net', '--strict',
                       '--format=yaml', args.file])
    check(status == 0, f'appstreamcli validate failed (exit {status}):\n{out}')
    # The YAML report lists each issue as "- tag: T" followed by "severity: S".
    issues = re.findall(r'^- tag: (\S+)\n\s+severity: (\S+)', out, re.MULTILINE)
    check('Passed: yes' in out, f'appstreamcli did not pass:\n{out}')
    for tag, severity in issues:
        check(severity == 'pedantic' and tag in ACCEPTED_PEDANTIC,
              f'appstreamcli reported {severity}: {tag}\n{out}')

    root = ET.parse(args.file).getroot()

    def text(path):
        node = root.find(path)
        return node.text.strip() if node is not None and node.text else None

    check(root.get('type') == 'desktop-application', 'component type is not desktop-application')
    check(text('id') == args.app_id, f'id {text("id")!r} is not {args.app_id}')
    check(text('metadata_license') == 'CC0-1.0', 'metadata_license is not CC0-1.0')
    check(text('project_license') == 'GPL-3.0-or-later', 'project_license is not GPL-3.0-or-later')
    check(text('developer_name'), 'no developer_name')
    check(text("launchable[@type='desktop-id']") == f'{args.app_id}.desktop',
          'launchable does not name the desktop file')
    check(text('provides/binary') == args.binary, f'provides/binary is not {args.binary}')
    native = native_mime_type(args.mime_xml)
    check(native in [m.text for m in root.findall('provides/mediatype')],
          f'provides/mediatype lacks {native}')
    check(root.find("content_rating[@type='oars-1.1']") is not None, 'no OARS 1.1 content rating')
    check(len(root.findall('description/p')) >= 1 and root.find('description/ul') is not None,
          'description needs paragraphs and a list')
    check(root.find("screenshots/screenshot[@type='default']/image") is not None,
          'no default screenshot')
    for image in root.findall('screenshots/screenshot/image'):
        check(image.text and image.text.startswith(args.homepage + '/'),
              f'screenshot {image.text} is not under the homepage {args.homepage}')
    check(text("url[@type='homepage']") == args.homepage, 'homepage URL differs')
    check(text("url[@type='bugtracker']"), 'no bugtracker URL')
    check(text("translation[@type='gettext']") == args.gettext_package,
          f'translation domain is not {args.gettext_package}')
    releases = root.findall('releases/release')
    check(releases and releases[0].get('version') == args.version,
          f'newest release is not the project version {args.version}')
    for release in releases:
        check(re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date') or '') is not None,
              f'release {release.get("version")} has no ISO 8601 date')
        check(release.find('description/p') is not None,
              f'release {release.get("version")} has no description')
    check(root.find('requires/display_length') is not None, 'no required display length')
    controls = {c.text for c in root.findall('supports/control')}
    check({'keyboard', 'pointing'} <= controls, f'supported controls {controls}')


# --- GSettings schema ------------------------------------------------------

def cmd_schema(args):
    status, out = run(['glib-compile-schemas', '--strict', '--dry-run', args.source_dir])
    check(status == 0 and out.strip() == '',
          f'glib-compile-schemas --strict --dry-run (exit {status}):\n{out}')
    check(os.path.exists(os.path.join(args.compiled_dir, 'gschemas.compiled')),
          f'no gschemas.compiled in {args.compiled_dir}')

    # The compiled schema, read back through GSettings itself.
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR=args.compiled_dir, GSETTINGS_BACKEND='memory')

    def gsettings(*argv):
        status, out = run(['gsettings'] + list(argv), env=env)
        check(status == 0, f'gsettings {" ".join(argv)} (exit {status}): {out}')
        return out

    keys = set(gsettings('list-keys', args.app_id).split())
    check(keys == EXPECTED_KEYS,
          f'keys differ: missing {sorted(EXPECTED_KEYS - keys)}, extra {sorted(keys - EXPECTED_KEYS)}')
    for key in keys:
        check(re.fullmatch(r'[a-z][a-z0-9-]*', key) is not None, f'key name {key!r}')
        check(gsettings('describe', args.app_id, key).strip() != '',
              f'key {key} has no summary or description')
    for key, nicks in EXPECTED_ENUMS.items():
        got = gsettings('range', args.app_id, key).split()
        check(got[:1] == ['enum'] and got[1:] == [f"'{n}'" for n in nicks],
              f'{key}: range {got}, want enum {nicks}')
    # Bounds shared with the command-line export: a value outside is refused.
    check(gsettings('range', args.app_id, 'last-export-width').split() == ['range', 'i', '16', '32767'],
          'last-export-width range is not 16..32767')
    status, _ = run(['gsettings', 'set', args.app_id, 'last-export-scale', '9.0'], env=env)
    check(status != 0, 'last-export-scale accepted 9.0, beyond the exporter maximum 8')
    path = gsettings('list-schemas', '--print-paths')
    check(f'{args.app_id} /io/github/chronoscope/Chronoscope/' in path.splitlines(),
          f'schema path is not /io/github/chronoscope/Chronoscope/: {path}')


# --- MIME type -------------------------------------------------------------

def cmd_mime(args):
    status, out = run(['xmllint', '--noout', args.file])
    check(status == 0 and out.strip() == '', f'xmllint {args.file}:\n{out}')
    native = native_mime_type(args.file)
    check(native == 'application/x-chronoscope+json', f'native type is {native}')
    root = ET.parse(args.file).getroot()
    mime = root.find(f'{MIME_NS}mime-type')
    check(mime.find(f"{MIME_NS}sub-class-of[@type='application/json']") is not None,
          'not a sub-class of application/json')
    check(mime.find(f"{MIME_NS}glob[@pattern='*.chrono.json']") is not None,
          'no *.chrono.json glob')

    # Behaviour: build a MIME database from freedesktop's types plus ours and
    # ask GIO what it makes of typical files.
    freedesktop = args.freedesktop_xml
    if not os.path.exists(freedesktop):
        fail(f'{freedesktop} not found (shared-mime-info)')
        return
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, 'share', 'mime', 'packages')
        os.makedirs(packages)
        os.makedirs(os.path.join(tmp, 'home'))
        shutil.copy(freedesktop, packages)
        shutil.copy(args.file, os.path.join(packages, f'{args.app_id}.xml'))
        status, out = run(['update-mime-database', os.path.join(tmp, 'share', 'mime')])
        check(status == 0, f'update-mime-database (exit {status}):\n{out}')
        samples = {
            'story.chrono.json': ('{"chronoscope": 1, "events": []}\n', native),
            'STORY.CHRONO.JSON': ('{"chronoscope": 1, "events": []}\n', native),
            # unnamed: the magic recognises the native member, compact or pretty
            'download': ('{"chronoscope": 1, "events": []}\n', native),
            'pretty': ('{\n  "chronoscope" : 1,\n  "events" : []\n}\n', native),
            # other JSON stays JSON
            'data.json': ('{"chronoscope": 1}\n', 'application/json'),
            'other.json': ('{"title": "x"}\n', 'application/json'),
        }
        env = dict(os.environ, XDG_DATA_DIRS=os.path.join(tmp, 'share'),
                   XDG_DATA_HOME=os.path.join(tmp, 'home'))
        for name, (content, want) in samples.items():
            path = os.path.join(tmp, name)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(content)
            status, out = run(['gio', 'info', '-a', 'standard::content-type', path], env=env)
            m = re.search(r'standard::content-type: (\S+)', out)
            got = m.group(1) if m else None
            check(got == want, f'{name}: content type {got}, want {want} ({out.strip()})')


# --- icons -----------------------------------------------------------------

def cmd_icons(args):
    for path in (args.icon, args.symbolic):
        status, out = run(['xmllint', '--noout', path])
        check(status == 0 and out.strip() == '', f'xmllint {path}:\n{out}')

    def size(root):
        return (root.get('width'), root.get('height'), root.get('viewBox'))

    icon = ET.parse(args.icon).getroot()
    check(os.path.basename(args.icon) == f'{args.app_id}.svg', f'icon name {args.icon}')
    check(size(icon) == ('128', '128', '0 0 128 128'), f'app icon canvas {size(icon)}, want 128×128')

    symbolic = ET.parse(args.symbolic).getroot()
    check(os.path.basename(args.symbolic) == f'{args.app_id}-symbolic.svg',
          f'symbolic icon name {args.symbolic}')
    check(size(symbolic) == ('16', '16', '0 0 16 16'), f'symbolic canvas {size(symbolic)}, want 16×16')
    # GTK recolours symbolic icons: one colour, plain filled paths, no
    # gradients, images or text that would keep their own colour.
    shapes = 0
    for node in symbolic.iter():
        tag = node.tag.replace(SVG_NS, '')
        check(tag in ('svg', 'title', 'desc', 'g', 'path', 'rect', 'circle', 'ellipse'),
              f'symbolic icon uses <{tag}>')
        if tag in ('path', 'rect', 'circle', 'ellipse'):
            shapes += 1
            check(node.get('fill') == '#2e3436', f'symbolic shape with fill {node.get("fill")}')
            check(node.get('stroke') in (None, 'none'), 'symbolic shape with a stroke')
            check(node.get('style') is None and node.get('opacity') is None,
                  'symbolic shape with style or opacity')
    check(shapes > 0, 'symbolic icon draws nothing')

    # Both render; the app icon uses its canvas and is not blank.
    if shutil.which('rsvg-convert'):
        for path in (args.icon, args.symbolic):
            proc = subprocess.run(['rsvg-convert', '-w', '64', path], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
            check(proc.returncode == 0 and proc.stdout.startswith(b'\x89PNG'),
                  f'rsvg-convert {path}: {proc.stderr.decode(errors="replace")}')


# --- Flatpak manifest ------------------------------------------------------

def cmd_flatpak(args):
    try:
        with open(args.file, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(f'{args.file}: {e}')
        return
    check(os.path.basename(args.file) == f'{args.app_id}.json', 'manifest not named after the app ID')
    check(manifest.get('app-id', manifest.get('id')) == args.app_id,
          f'app-id {manifest.get("app-id")!r} is not {args.app_id}')
    check(manifest.get('command') == args.binary, f'command {manifest.get("command")!r} is not {args.binary}')
    check(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    check(re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))) is not None,
          'runtime-version is not a stable GNOME release')
    finish = manifest.get('finish-args', [])
    for arg in ('--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'):
        check(arg in finish, f'finish-args lacks {arg}')
    check('--socket=x11' not in finish, '--socket=x11 defeats the Wayland fallback')
    modules = manifest.get('modules', [])
    check(modules and isinstance(modules[-1], dict), 'no modules')
    if not modules or not isinstance(modules[-1], dict):
        return
    app = modules[-1]
    check(app.get('name') == args.project_name, f'last module is {app.get("name")!r}')
    check(app.get('buildsystem') == 'meson', 'the app module is not built with meson')
    sources = app.get('sources', [])
    check(len(sources) == 1 and sources[0].get('type') in ('git', 'dir'),
          'the app module should have one local git or dir source')
    if sources:
        where = sources[0].get('path')
        check(where is not None, 'the app source has no local path')
        if where is not None:
            top = os.path.realpath(os.path.join(os.path.dirname(args.file), where))
            check(top == os.path.realpath(args.source_root),
                  f'the app source {where} is not the project root')
        if sources[0].get('type') == 'git':
            check(sources[0].get('branch'), 'a git source without branch means "master"')
    for opt in app.get('config-opts', []):
        check(opt.startswith('-D') or opt.startswith('--'), f'odd config-opt {opt}')


# --- installation ----------------------------------------------------------

def cmd_install(args):
    with tempfile.TemporaryDirectory() as destdir:
        status, out = run(['meson', 'install', '--no-rebuild', '--quiet', '--destdir', destdir],
                          cwd=args.build_root)
        check(status == 0, f'meson install --destdir (exit {status}):\n{out}')
        prefix = os.path.abspath(args.prefix)

        def installed(rel):
            # bindir and datadir are relative to the prefix unless absolute
            return destdir + (rel if os.path.isabs(rel) else os.path.join(prefix, rel))

        share = args.datadir
        app = args.app_id
        expected = {
            os.path.join(args.bindir, args.binary): None,
            os.path.join(share, 'applications', f'{app}.desktop'): args.desktop,
            os.path.join(share, 'metainfo', f'{app}.metainfo.xml'): args.metainfo,
            os.path.join(share, 'icons/hicolor/scalable/apps', f'{app}.svg'): args.icon,
            os.path.join(share, 'icons/hicolor/symbolic/apps', f'{app}-symbolic.svg'): args.symbolic,
            os.path.join(share, 'glib-2.0/schemas', f'{app}.gschema.xml'): args.gschema,
            os.path.join(share, 'mime/packages', f'{app}.xml'): args.mime_xml,
        }
        for rel, original in expected.items():
            path = installed(rel)
            if not check(os.path.isfile(path), f'not installed: {rel}'):
                continue
            if original is None:
                check(os.access(path, os.X_OK), f'{rel} is not executable')
            else:
                with open(path, 'rb') as a, open(original, 'rb') as b:
                    check(a.read() == b.read(), f'{rel} differs from {original}')

        # Post-install caches belong to the packager when DESTDIR is set.
        check(not os.path.exists(installed(os.path.join(share, 'glib-2.0/schemas/gschemas.compiled'))),
              'glib-compile-schemas ran inside DESTDIR')

        # What a file manager does with the installed tree: the native type is
        # known and opens with Chronoscope.
        share_dir = installed(share)
        home = os.path.join(destdir, 'home')
        os.makedirs(home)
        # Run the caches as gnome.post_install (or a package trigger) would.
        status, out = run(['update-mime-database', os.path.join(share_dir, 'mime')])
        check(status == 0, f'update-mime-database (exit {status}): {out}')
        status, out = run(['update-desktop-database', os.path.join(share_dir, 'applications')])
        check(status == 0 and out.strip() == '', f'update-desktop-database (exit {status}): {out}')
        # GIO ignores a desktop entry whose Exec program is not on PATH.
        env = dict(os.environ, XDG_DATA_DIRS=f'{share_dir}:/usr/share', XDG_DATA_HOME=home,
                   XDG_CONFIG_HOME=home, XDG_CONFIG_DIRS=home,
                   PATH=installed(args.bindir) + os.pathsep + os.environ.get('PATH', ''))
        sample = os.path.join(destdir, 'story.chrono.json')
        with open(sample, 'w', encoding='utf-8') as f:
            f.write('{"chronoscope": 1, "events": []}\n')
        status, out = run(['gio', 'info', '-a', 'standard::content-type', sample], env=env)
        check('standard::content-type: application/x-chronoscope+json' in out,
              f'installed MIME type not recognised: {out}')
        status, out = run(['gio', 'mime', 'application/x-chronoscope+json'], env=env)
        check(status == 0 and re.search(rf'^Default application .*: {re.escape(app)}\.desktop$',
                                        out, re.MULTILINE) is not None,
              f'{app}.desktop is not registered for application/x-chronoscope+json: {out}')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--binary', default='chronoscope')
    sub = parser.add_subparsers(dest='command', required=True)

    p = sub.add_parser('desktop')
    p.add_argument('file')
    p.add_argument('--mime-xml', required=True)

    p = sub.add_parser('metainfo')
    p.add_argument('file')
    p.add_argument('--mime-xml', required=True)
    p.add_argument('--version', required=True)
    p.add_argument('--homepage', required=True)
    p.add_argument('--gettext-package', required=True)

    p = sub.add_parser('schema')
    p.add_argument('--source-dir', required=True)
    p.add_argument('--compiled-dir', required=True)

    p = sub.add_parser('mime')
    p.add_argument('file')
    p.add_argument('--freedesktop-xml', default='/usr/share/mime/packages/freedesktop.org.xml')

    p = sub.add_parser('icons')
    p.add_argument('--icon', required=True)
    p.add_argument('--symbolic', required=True)

    p = sub.add_parser('flatpak')
    p.add_argument('file')
    p.add_argument('--project-name', required=True)
    p.add_argument('--source-root', required=True)

    p = sub.add_parser('install')
    p.add_argument('--build-root', required=True)
    p.add_argument('--prefix', required=True)
    p.add_argument('--bindir', required=True)
    p.add_argument('--datadir', required=True)
    for name in ('desktop', 'metainfo', 'icon', 'symbolic', 'gschema', 'mime-xml'):
        p.add_argument(f'--{name}', required=True)

    args = parser.parse_args()
    globals()[f'cmd_{args.command}'](args)
    if failures:
        print(f'{len(failures)} check(s) failed', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
