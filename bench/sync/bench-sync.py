#!/usr/bin/python3
"""Calendar sync, side by side with vdirsyncer, against Radicale on loopback.

Both clients talk to the same Radicale through a counting proxy (each to a
calendar of its own), so requests are counted the same way for both:

- initial sync of the ten-year calendar (4,000 evenings) to the server;
- incremental sync of one changed evening (median of --rounds, the two
  clients alternating).

Usage: bench-sync.py PROGRAM [--evenings N] [--rounds N]
Prints a table and RESULT lines; never fails on a figure (a benchmark is
not a timed test)."""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument('program')
parser.add_argument('--evenings', type=int, default=4000)
parser.add_argument('--rounds', type=int, default=5)
args = parser.parse_args()

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'sync'))
from synctest import profile_env, start_radicale, Proxy  # noqa: E402


def evening(i, version=0):
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2017 + i // 400
    return (f'BEGIN:VEVENT\r\nUID:bench-{i}@closeness.test\r\nDTSTAMP:20260101T000000Z\r\n'
            f'DTSTART;TZID=Europe/Berlin:{year}{month:02d}{day:02d}T19{i % 60:02d}00\r\n'
            f'DURATION:PT1H30M\r\nSUMMARY:Evening {i} version {version}\r\nEND:VEVENT\r\n')


def calendar(events):
    return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Closeness bench//EN\r\n' + ''.join(events) + 'END:VCALENDAR\r\n'


def main():
    root = tempfile.mkdtemp(prefix='closeness-bench-sync-')
    radicale, port = start_radicale(root)
    proxy = Proxy(port)
    url = proxy.url
    counted = proxy.counted
    try:

        # Closeness: the ten-year calendar, imported, then synced.
        a = profile_env(root, 'closeness')
        ics = os.path.join(root, 'ten-years.ics')
        with open(ics, 'w') as f:
            f.write(calendar(evening(i) for i in range(args.evenings)))
        subprocess.run([args.program, '--import-ics', ics], env=a, check=True, capture_output=True)
        subprocess.run([args.program, '--sync-account', url, '--user', 'closeness', '--calendar-only'], env=a,
                       input='\n', text=True, check=True, capture_output=True)
        c_initial = counted(lambda: subprocess.run([args.program, '--sync'], env=a, check=True,
                                                   capture_output=True))

        # vdirsyncer: the same evenings as one file each, to a calendar of its own.
        local = os.path.join(root, 'vdir')
        os.makedirs(local)
        for i in range(args.evenings):
            with open(os.path.join(local, f'bench-{i}.ics'), 'w') as f:
                f.write(calendar([evening(i)]))
        status = os.path.join(root, 'vdirsyncer-status')
        config = os.path.join(root, 'vdirsyncer.conf')
        collection = f'{url}vdirsyncer/bench/'
        # The calendar vdirsyncer syncs to, made the way a client makes one.
        conn = http.client.HTTPConnection('127.0.0.1', proxy.port)
        conn.request('MKCALENDAR', '/vdirsyncer/bench/', headers={'Authorization': 'Basic dmRpcnN5bmNlcjo='})
        conn.getresponse().read()
        with open(config, 'w') as f:
            f.write(f'[general]\nstatus_path = "{status}"\n\n'
                    f'[pair bench]\na = "local"\nb = "server"\ncollections = null\n'
                    f'conflict_resolution = "a wins"\n\n'
                    f'[storage local]\ntype = "filesystem"\npath = "{local}"\nfileext = ".ics"\n\n'
                    f'[storage server]\ntype = "caldav"\nurl = "{collection}"\n'
                    f'username = "vdirsyncer"\npassword = ""\n')
        venv = dict(os.environ, VDIRSYNCER_CONFIG=config, HOME=root)
        subprocess.run(['vdirsyncer', 'discover'], env=venv, input='y\n' * 4, text=True,
                       capture_output=True)
        v_initial = counted(lambda: subprocess.run(['vdirsyncer', 'sync'], env=venv, check=True,
                                                   capture_output=True))

        # One change, alternately, median of the rounds.
        c_inc, v_inc = [], []
        for r in range(args.rounds):
            changed = os.path.join(root, f'changed-{r}.ics')
            with open(changed, 'w') as f:
                f.write(calendar([evening(7, version=r + 1)]))
            subprocess.run([args.program, '--import-ics', changed], env=a, check=True, capture_output=True)
            c_inc.append(counted(lambda: subprocess.run([args.program, '--sync'], env=a, check=True,
                                                        capture_output=True)))
            with open(os.path.join(local, 'bench-7.ics'), 'w') as f:
                f.write(calendar([evening(7, version=r + 1)]))
            v_inc.append(counted(lambda: subprocess.run(['vdirsyncer', 'sync'], env=venv, check=True,
                                                        capture_output=True)))

        def med(values, k):
            return statistics.median(v[k] for v in values)

        print(f'calendar sync against Radicale on loopback, {args.evenings} evenings, '
              f'incremental: median of {args.rounds} alternating rounds')
        print('| | Closeness | vdirsyncer 0.19 | ratio |')
        print('|---|---|---|---|')
        print(f'| initial sync, wall time | {c_initial[0]:.1f} s | {v_initial[0]:.1f} s | '
              f'{c_initial[0] / v_initial[0]:.2f}× |')
        print(f'| initial sync, requests | {c_initial[1]} | {v_initial[1]} | '
              f'{c_initial[1] / v_initial[1]:.2f}× |')
        print(f'| one change, wall time | {med(c_inc, 0) * 1000:.0f} ms | {med(v_inc, 0) * 1000:.0f} ms | '
              f'{med(c_inc, 0) / med(v_inc, 0):.2f}× |')
        print(f'| one change, requests | {med(c_inc, 1):.0f} | {med(v_inc, 1):.0f} | '
              f'{med(c_inc, 1) / med(v_inc, 1):.2f}× |')
        print(f'RESULT sync-initial-seconds {c_initial[0]:.2f} s <=vdirsyncer:{v_initial[0]:.2f}')
        print(f'RESULT sync-initial-requests {c_initial[1]} requests <=vdirsyncer:{v_initial[1]}')
        print(f'RESULT sync-one-change-ms {med(c_inc, 0) * 1000:.0f} ms <=vdirsyncer:{med(v_inc, 0) * 1000:.0f}')
        print(f'RESULT sync-one-change-requests {med(c_inc, 1):.0f} requests <=3')
    finally:
        proxy.close()
        radicale.terminate()
        radicale.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
