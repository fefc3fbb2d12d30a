#!/usr/bin/python3
"""The real program and its calendar module (src/calendar/closeness-ical.h).

Closeness opens libical only when the calendar first needs it, from
closeness-ical.so. Here the built program imports and exports a repeating
evening through that module from the command line; then, with the module
missing or replaced by a library that is not it, the same commands say
plainly what is wrong, exit with status 1, write no file and leave the
saved evenings as they were. Prints TAP."""

import ctypes.util
import os
import stat
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
MISSING = 'Calendar support is missing from this installation'
PLAN = 9
count = 0
failed = 0

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Closeness tests//EN
BEGIN:VEVENT
UID:walk-1@closeness.test
DTSTART:20261203T190000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Evening walk by the river
END:VEVENT
END:VCALENDAR
"""


def check(what, ok, detail=''):
    global count, failed
    count += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {what}" + (f' # {detail}' if detail and not ok else ''))


def run(env, *args, module=None):
    env = dict(env)
    env.pop('CLOSENESS_ICAL_MODULE', None)
    if module is not None:
        env['CLOSENESS_ICAL_MODULE'] = module
    return subprocess.run([PROGRAM, *args], env=env, capture_output=True, text=True, timeout=60)


def needed_libraries(path):
    out = subprocess.run(['readelf', '-d', path], capture_output=True, text=True, check=True).stdout
    return [line.split('[')[1].rstrip(']') for line in out.splitlines() if '(NEEDED)' in line]


def main():
    print(f'1..{PLAN}')
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            env[f'XDG_{name}_HOME'] = os.path.join(home, name.lower())
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
        source = os.path.join(home, 'walks.ics')
        with open(source, 'w') as f:
            f.write(ICS)

        # The program itself does not load libical; the module does.
        needed = needed_libraries(PROGRAM)
        check('the program does not link libical', not any('libical' in n for n in needed), ', '.join(needed))

        done = run(env, '--import-ics', source)
        check('the program imports a repeating evening through the module',
              done.returncode == 0 and 'Imported 1 event' in done.stdout, done.stdout + done.stderr)

        exported = os.path.join(home, 'out.ics')
        done = run(env, '--export-ics', exported)
        text = open(exported).read() if os.path.exists(exported) else ''
        check('and exports it again, with its rule',
              done.returncode == 0 and 'Evening walk by the river' in text and 'FREQ=WEEKLY' in text,
              done.stderr)
        check('the exported file is private (0600)',
              os.path.exists(exported) and stat.S_IMODE(os.stat(exported).st_mode) == 0o600)

        # Without the module.
        nowhere = os.path.join(home, 'no-such-module.so')
        refused = os.path.join(home, 'refused.ics')
        done = run(env, '--export-ics', refused, module=nowhere)
        check('without the module, export says why and exits with 1',
              done.returncode == 1 and MISSING in done.stderr, f'{done.returncode}: {done.stderr}')
        check('and writes no file', not os.path.exists(refused))

        done = run(env, '--import-ics', source, module=nowhere)
        check('without the module, import says why and exits with 1',
              done.returncode == 1 and MISSING in done.stderr, f'{done.returncode}: {done.stderr}')

        # A library that is not the module.
        libc = ctypes.util.find_library('c') or 'libc.so.6'
        done = run(env, '--export-ics', refused, module=libc)
        check('a library that is not the module is refused the same way',
              done.returncode == 1 and MISSING in done.stderr and not os.path.exists(refused),
              f'{done.returncode}: {done.stderr}')

        # What was saved is unchanged: one evening, still there.
        again = os.path.join(home, 'again.ics')
        done = run(env, '--export-ics', again)
        text = open(again).read() if os.path.exists(again) else ''
        check('the saved evening is unchanged afterwards',
              done.returncode == 0 and text.count('BEGIN:VEVENT') == 1 and 'Evening walk by the river' in text,
              done.stdout + done.stderr)

    return 1 if failed or count != PLAN else 0


sys.exit(main())
