#!/usr/bin/python3
"""Kills `closeness --sync` at random moments, again and again, while the
evenings keep changing, then lets one sync finish: the server then holds
every evening exactly once, as last changed, and a second laptop receives
exactly those. Nothing is lost and nothing sent twice makes a duplicate.

Usage: test-sync-killloop.py PROGRAM [KILLS]   (Radicale, or Xandikos when
CLOSENESS_TEST_SERVER=xandikos, on 127.0.0.1)
Prints TAP."""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PROGRAM = sys.argv[1]
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
N_EVENINGS = 40

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import check, profile_env, server_events, server_kind, start_server  # noqa: E402
import synctest  # noqa: E402

def calendar_file(path, version):
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Closeness kill loop//EN']
    for i in range(N_EVENINGS):
        lines += ['BEGIN:VEVENT', f'UID:killloop-{i}@closeness.test', 'DTSTAMP:20260101T000000Z',
                  f'DTSTART;TZID=Europe/Berlin:202701{1 + i % 28:02d}T19{i % 60:02d}00',
                  'DURATION:PT1H', f'SUMMARY:Evening {i} version {version}', 'END:VEVENT']
    lines.append('END:VCALENDAR')
    with open(path, 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def run(env, *args, stdin=None, timeout=60):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=timeout)


def main():
    print('1..5')
    root = tempfile.mkdtemp(prefix='closeness-killloop-')
    server, port = start_server(server_kind(), root)
    try:
        url = f'http://127.0.0.1:{port}/'
        a = profile_env(root, 'a')
        b = profile_env(root, 'b')
        ics = os.path.join(root, 'evenings.ics')

        calendar_file(ics, 0)
        done = run(a, '--import-ics', ics)
        setup = run(a, '--sync-account', url, '--user', 'couple', '--calendar-only', stdin='\n')
        check('laptop A imports its evenings and sets up the account',
              done.returncode == 0 and setup.returncode == 0, done.stderr + setup.stderr)

        rng = random.Random(20261207)
        version = 0
        finished = killed = 0
        for i in range(KILLS):
            if i % 10 == 5:
                version += 1
                calendar_file(ics, version)
                run(a, '--import-ics', ics)
            sync = subprocess.Popen([PROGRAM, '--sync'], env=a, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.25))
            if sync.poll() is None:
                sync.send_signal(signal.SIGKILL)
                killed += 1
            else:
                finished += 1
            sync.wait()
        check(f'{KILLS} syncs started, {killed} killed while running', killed >= KILLS // 2,
              f'only {killed} of {KILLS} were still running when killed')

        last = run(a, '--sync')
        check('a sync after the kills finishes', last.returncode == 0, last.stdout + last.stderr)

        texts = server_events(url)
        uids = sorted(line.split(':', 1)[1].strip() for t in texts for line in t.splitlines()
                      if line.startswith('UID:'))
        expected = sorted(f'killloop-{i}@closeness.test' for i in range(N_EVENINGS))
        latest = all(f'version {version}' in t for t in texts)
        check(f'the server holds each of the {N_EVENINGS} evenings exactly once, as last changed',
              uids == expected and latest,
              f'{len(texts)} items; duplicates: {sorted(set(u for u in uids if uids.count(u) > 1))}; '
              f'missing: {sorted(set(expected) - set(uids))}; latest version everywhere: {latest}')

        join = run(b, '--sync-account', url, '--user', 'couple', '--calendar-only', stdin='\n')
        got = run(b, '--sync')
        exported = os.path.join(root, 'b.ics')
        run(b, '--export-ics', exported)
        with open(exported, encoding='utf-8') as f:
            text = f.read()
        check(f'laptop B receives the {N_EVENINGS} evenings, as last changed',
              join.returncode == 0 and got.returncode == 0 and
              text.count('BEGIN:VEVENT') == N_EVENINGS and text.count(f'version {version}') == N_EVENINGS,
              join.stderr + got.stdout + got.stderr + f'{text.count("BEGIN:VEVENT")} evenings, '
              f'{text.count(f"version {version}")} of version {version}')
    finally:
        server.terminate()
        server.wait()
        if synctest.failed and os.environ.get('CLOSENESS_KEEP'):
            print(f'# kept {root}')
        else:
            shutil.rmtree(root, ignore_errors=True)

    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
