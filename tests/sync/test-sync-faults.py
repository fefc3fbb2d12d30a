#!/usr/bin/python3
"""Two laptops sync through a proxy that misbehaves on purpose: server
errors (500, 507 on reports), refused writes (412 without forwarding them),
dropped connections and delays, at random. Every failed sync says why in one line
and exits non-zero; nothing is lost or duplicated, and once the network
behaves both laptops and the server agree.

Usage: test-sync-faults.py PROGRAM   (Radicale, or Xandikos when
CLOSENESS_TEST_SERVER=xandikos, on 127.0.0.1). Prints TAP."""

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PROGRAM = sys.argv[1]
N_EVENINGS = 20
faults_on = True
rng = random.Random(7)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import check, profile_env, server_events, server_kind, start_server, Proxy  # noqa: E402
import synctest  # noqa: E402


def misbehave(handler):
    """Answers for the server now and then, as a bad network would."""
    roll = rng.random() if faults_on else 1.0
    if roll < 0.08:
        # The connection drops before any answer.
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)
        return True
    if roll < 0.16:
        handler.answer_empty(500)
        return True
    if roll < 0.20 and handler.command == 'PUT':
        # A write refused as if someone else had changed it first.
        handler.answer_empty(412)
        return True
    if roll < 0.24 and handler.command == 'REPORT':
        # "Insufficient storage": the server could not answer in full.
        handler.answer_empty(507)
        return True
    if roll < 0.28:
        time.sleep(0.3)
    return False


def calendar_file(path, version, only=None):
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Closeness faults//EN']
    for i in range(N_EVENINGS) if only is None else only:
        lines += ['BEGIN:VEVENT', f'UID:faults-{i}@closeness.test', 'DTSTAMP:20260101T000000Z',
                  f'DTSTART;TZID=Europe/Berlin:202702{1 + i % 28:02d}T2000{0}0',
                  'DURATION:PT1H', f'SUMMARY:Evening {i} version {version}', 'END:VEVENT']
    lines.append('END:VCALENDAR')
    with open(path, 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def sync_until_done(env, attempts=60):
    """Syncs until one goes through; returns (failures, their messages)."""
    messages = []
    for _ in range(attempts):
        done = run(env, '--sync')
        if done.returncode == 0:
            return messages, True
        messages.append(done.stderr.strip())
    return messages, False


def main():
    global faults_on
    print('1..6')
    root = tempfile.mkdtemp(prefix='closeness-faults-')
    server, port = start_server(server_kind(), root)
    proxy = Proxy(port, misbehave)
    url = proxy.url
    try:
        a = profile_env(root, 'a')
        b = profile_env(root, 'b')
        ics = os.path.join(root, 'evenings.ics')

        # The account is set up while the network behaves.
        faults_on = False
        calendar_file(ics, 0)
        run(a, '--import-ics', ics)
        ok_a = run(a, '--sync-account', url, '--user', 'couple', '--calendar-only', stdin='\n').returncode == 0
        ok_b = run(b, '--sync-account', url, '--user', 'couple', '--calendar-only', stdin='\n').returncode == 0
        check('both laptops set up the account', ok_a and ok_b)
        faults_on = True

        failures, done = sync_until_done(a)
        check(f'laptop A gets its evenings through ({len(failures)} syncs failed first)', done,
              '\n'.join(failures[-3:]))
        one_line = all(m.startswith('Cannot sync: ') and '\n' not in m for m in failures)
        check('every failed sync said why in one line', one_line, '\n'.join(failures[:5]))

        failures_b, done_b = sync_until_done(b)
        calendar_file(ics, 1, only=range(0, N_EVENINGS, 2))
        run(b, '--import-ics', ics)
        more, done_b2 = sync_until_done(b)
        again, done_a2 = sync_until_done(a)
        check('through the faults, B receives and sends its changes, A receives them',
              done_b and done_b2 and done_a2,
              '\n'.join((failures_b + more + again)[-3:]))

        faults_on = False
        run(a, '--sync')
        run(b, '--sync')
        exports = []
        for name, env_ in (('a', a), ('b', b)):
            path = os.path.join(root, f'{name}.ics')
            run(env_, '--export-ics', path)
            with open(path, encoding='utf-8') as f:
                exports.append(f.read())
        want = [f'Evening {i} version {1 if i % 2 == 0 else 0}' for i in range(N_EVENINGS)]
        agree = all(all(w in text for w in want) and text.count('BEGIN:VEVENT') == N_EVENINGS
                    for text in exports)
        check('both laptops hold every evening once, as last changed', agree,
              f'A: {exports[0].count("BEGIN:VEVENT")} evenings, B: {exports[1].count("BEGIN:VEVENT")}')

        items = server_events(f'http://127.0.0.1:{port}/')
        uids = {line for text in items for line in text.splitlines() if line.startswith('UID:')}
        check(f'the server holds {N_EVENINGS} evenings, no duplicates',
              len(items) == N_EVENINGS and len(uids) == N_EVENINGS,
              f'{len(items)} items, {len(uids)} distinct')
    finally:
        proxy.close()
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
