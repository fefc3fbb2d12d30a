#!/usr/bin/python3
"""`closeness --import-ics` of a 677-event export written the way Google
Calendar writes one (a VTIMEZONE, DTSTART/DTEND with TZID, weekly RRULEs,
LOCATION, DESCRIPTION, a VALARM each), into a store opened once before, as
a person's would be: wall time of the whole command, median of --runs.
Optionally side by side with another build (--other PROGRAM), alternating.

Usage: bench-import-google.py PROGRAM [--other PROGRAM] [--runs N]"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument('program')
parser.add_argument('--other')
parser.add_argument('--runs', type=int, default=9)
args = parser.parse_args()


def google_export(path, n=677):
    r = random.Random(677)
    lines = ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0',
             'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Us', 'X-WR-TIMEZONE:Europe/Berlin',
             'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'X-LIC-LOCATION:Europe/Berlin', 'BEGIN:DAYLIGHT',
             'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000',
             'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT', 'BEGIN:STANDARD',
             'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000',
             'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE']
    for i in range(n):
        y, m, d, h = 2020 + i % 7, 1 + r.randrange(12), 1 + r.randrange(28), 8 + r.randrange(13)
        lines += ['BEGIN:VEVENT', f'DTSTART;TZID=Europe/Berlin:{y}{m:02d}{d:02d}T{h:02d}0000',
                  f'DTEND;TZID=Europe/Berlin:{y}{m:02d}{d:02d}T{h + 1:02d}3000']
        if i % 10 == 0:
            lines.append('RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=20')
        lines += ['DTSTAMP:20261201T120000Z', f'UID:{r.getrandbits(64):016x}{i}@google.com',
                  'CREATED:20250101T100000Z', f'DESCRIPTION:Notes for evening {i}',
                  'LAST-MODIFIED:20250102T100000Z', f'LOCATION:Place {i}', 'SEQUENCE:0',
                  'STATUS:CONFIRMED', f'SUMMARY:Evening {i}', 'TRANSP:OPAQUE', 'BEGIN:VALARM',
                  'ACTION:DISPLAY', 'DESCRIPTION:This is an event reminder',
                  'TRIGGER:-P0DT0H30M0S', 'END:VALARM', 'END:VEVENT']
    lines.append('END:VCALENDAR')
    with open(path, 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def one_import(program, ics):
    root = tempfile.mkdtemp(prefix='closeness-bench-import-')
    env = dict(os.environ)
    for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        env[f'XDG_{kind}_HOME'] = os.path.join(root, kind.lower())
    env.pop('DISPLAY', None)
    subprocess.run([program, '--export-ics', os.path.join(root, 'warm.ics')], env=env, capture_output=True)
    started = time.monotonic()
    subprocess.run([program, '--import-ics', ics], env=env, capture_output=True, check=True)
    elapsed = (time.monotonic() - started) * 1000
    shutil.rmtree(root, ignore_errors=True)
    return elapsed


def main():
    workdir = tempfile.mkdtemp(prefix='closeness-bench-google-')
    ics = os.path.join(workdir, 'google-677.ics')
    google_export(ics)
    programs = {'this build': args.program}
    if args.other:
        programs['other build'] = args.other
    times = {k: [] for k in programs}
    for _ in range(args.runs):
        for name, program in programs.items():
            times[name].append(one_import(program, ics))
    for name, values in times.items():
        print(f'--import-ics of a 677-event Google export, {name}: median of {args.runs} '
              f'{statistics.median(values):.0f} ms (min {min(values):.0f})')
    if args.other:
        print(f'ratio this/other {statistics.median(times["this build"]) / statistics.median(times["other build"]):.2f}')
    print(f'RESULT calendar-import-google-677 {statistics.median(times["this build"]):.0f} ms -')
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()
