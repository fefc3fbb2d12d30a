#!/usr/bin/python3
"""Preferences → Your Devices against a real server and keyring.

Starts Radicale on 127.0.0.1 and a gnome-keyring-daemon of the test's own,
founds the couple on Annika's laptop (A) with the command line, sets up the
account on Samira's laptop (B), Annika's second one (A2) and Samira's
second one (B2) and a new one of hers (B3), then runs
the UI test (TEST_BINARY) as Samira's laptop: it drives the window and
runs the other laptops' commands itself. Then, with a recovery code made
on Samira's laptop, the UI test again as her new laptop (B3), which uses
the code in the window.

Usage: test-devices-prefs.py PROGRAM TEST_BINARY. Prints TAP (the UI
test's own)."""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import shutil

PROGRAM, TEST_BINARY = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import in_own_session, profile_env, start_keyring, start_radicale  # noqa: E402


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


counted = [0]


def run_ui(env):
    """Runs the UI test, passing its TAP on as part of one stream."""
    done = subprocess.run([TEST_BINARY, '--tap'], env=env, timeout=600, capture_output=True, text=True)
    sys.stderr.write(done.stderr)
    for line in done.stdout.splitlines():
        if re.match(r'1\.\.\d+', line):
            continue
        result = re.match(r'(not ok|ok) \d+(.*)', line)
        if result:
            counted[0] += 1
            line = f'{result.group(1)} {counted[0]}{result.group(2)}'
        print(line, flush=True)
    if done.returncode != 0:
        print(f'1..{counted[0]}')
    return done.returncode


def main():
    status = in_own_session()
    if status is not None:
        return status

    root = tempfile.mkdtemp(prefix='closeness-devices-prefs-')
    server, port = start_radicale(root)
    try:
        url = f'http://127.0.0.1:{port}/'
        started, why = start_keyring(root)
        if not started:
            print('1..0 # SKIP no keyring daemon: ' + why.strip())
            return 0
        a, a2, b, b2, b3 = (profile_env(root, name) for name in ('a', 'a2', 'b', 'b2', 'b3'))
        for env in (a, a2, b, b2, b3):
            done = run(env, '--sync-account', url, '--user', 'couple', stdin='\n')
            if done.returncode != 0:
                print('Bail out! --sync-account: ' + done.stderr)
                return 1
        for env in (a, b):
            with sqlite3.connect(os.path.join(env['XDG_DATA_HOME'], 'closeness', 'closeness.db')) as db:
                db.execute("UPDATE partners SET name = 'Annika' WHERE slot = 0")
                db.execute("UPDATE partners SET name = 'Samira' WHERE slot = 1")
        founded = run(a, '--sync', '--partner', '1')
        if founded.returncode != 0:
            print('Bail out! --sync on A: ' + founded.stderr)
            return 1

        ui = dict(b, CLOSENESS_PROGRAM=PROGRAM, CLOSENESS_TEST_ROOT=root)
        for name in ('DISPLAY', 'WAYLAND_DISPLAY'):
            if name in os.environ:
                ui[name] = os.environ[name]
        status = run_ui(ui)
        if status != 0:
            return status

        # Then Samira's new laptop (B3), with none of her computers left to
        # approve it, uses a recovery code made on B meanwhile.
        made = run(b, '--recovery-code')
        code = made.stdout.strip().splitlines()[-1] if made.stdout.strip() else ''
        if made.returncode != 0 or len(code) != 29:
            print('Bail out! --recovery-code on B: ' + made.stdout + made.stderr)
            return 1
        code_file = os.path.join(root, 'code')
        with open(os.open(code_file, os.O_WRONLY | os.O_CREAT, 0o600), 'w') as f:
            f.write(code)
        ui = dict(b3, CLOSENESS_PROGRAM=PROGRAM, CLOSENESS_TEST_ROOT=root, CLOSENESS_TEST_CODE_FILE=code_file)
        for name in ('DISPLAY', 'WAYLAND_DISPLAY'):
            if name in os.environ:
                ui[name] = os.environ[name]
        status = run_ui(ui)
        print(f'1..{counted[0]}')
        return status
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
