#!/usr/bin/python3
"""Kills `closeness --sync` at random moments, again and again, while the
couple's notes keep changing on laptop A, then lets one sync finish:
nothing is left unsent on A, and laptop B, joining afterwards, holds every
note exactly once, as last changed (no half-applied merge, no lost or
doubled record). Answers, notes and self-care, end-to-end encrypted.

Usage: test-couple-killloop.py PROGRAM [KILLS]   (Radicale on 127.0.0.1,
a keyring of the test's own). Prints TAP."""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

PROGRAM = sys.argv[1]
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
N_NOTES = 40
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import check, in_own_session, profile_env, start_keyring, start_radicale  # noqa: E402
import synctest  # noqa: E402


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def database(env):
    return sqlite3.connect(os.path.join(env['XDG_DATA_HOME'], 'closeness', 'closeness.db'), timeout=30)


def write_notes(env, version):
    """Every note changed, as the app would change it (the triggers note it)."""
    with database(env) as db:
        prompts = [row[0] for row in db.execute(
            'SELECT id FROM prompts WHERE builtin_key IS NOT NULL ORDER BY id LIMIT ?', (N_NOTES,))]
        for i, prompt in enumerate(prompts):
            db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1) '
                       'ON CONFLICT (prompt_id) DO UPDATE SET text = excluded.text',
                       (prompt, f'note {i} version {version}'))


def main():
    status = in_own_session()
    if status is not None:
        return status

    print('1..5')
    root = tempfile.mkdtemp(prefix='closeness-couple-killloop-')
    server, port = start_radicale(root)
    try:
        url = f'http://127.0.0.1:{port}/'
        started, why = start_keyring(root)
        a = profile_env(root, 'a')
        b = profile_env(root, 'b')
        run(a, '--sync-account', url, '--user', 'couple', stdin='\n')
        write_notes(a, 0)
        founded = run(a, '--sync', '--partner', 'both')
        check('laptop A founds the couple and sends its notes',
              started and founded.returncode == 0 and 'sent' in founded.stdout,
              why + founded.stdout + founded.stderr)

        # Kill at a random moment within what a sync takes on this machine
        # (a sync with nothing to send, the shortest kind), so that most kills
        # land in a running sync however fast the machine is.
        took = []
        for _ in range(3):
            started_at = time.monotonic()
            run(a, '--sync')
            took.append(time.monotonic() - started_at)
        window = sorted(took)[1]
        rng = random.Random(20261207)
        version = 0
        killed = 0
        for i in range(KILLS):
            if i % 10 == 5:
                version += 1
                write_notes(a, version)
            sync = subprocess.Popen([PROGRAM, '--sync'], env=a, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, window))
            if sync.poll() is None:
                sync.send_signal(signal.SIGKILL)
                killed += 1
            sync.wait()
        check(f'{KILLS} syncs started, {killed} killed while running', killed >= KILLS // 3,
              f'only {killed} of {KILLS} were still running when killed (a sync takes {window:.2f} s)')

        last = run(a, '--sync')
        with database(a) as db:
            left = db.execute('SELECT count(*) FROM couple_outbox').fetchone()[0]
        check('a sync after the kills finishes and leaves nothing unsent', last.returncode == 0 and left == 0,
              last.stdout + last.stderr + f'{left} records still to send')

        asked = run(b, '--sync-account', url, '--user', 'couple', stdin='\n')
        number = run(b, '--join').stdout.strip().splitlines()[-1]
        approved = run(a, '--approve-device', number)
        got = run(b, '--sync')
        with database(b) as db:
            notes = sorted(row[0] for row in db.execute('SELECT text FROM conversation_notes'))
        want = sorted(f'note {i} version {version}' for i in range(N_NOTES))
        check(f'laptop B joins and holds the {N_NOTES} notes exactly once, as last changed',
              asked.returncode == 0 and approved.returncode == 0 and got.returncode == 0 and notes == want,
              approved.stderr + got.stdout + got.stderr +
              f'{len(notes)} notes; missing: {sorted(set(want) - set(notes))[:5]}; '
              f'unexpected: {sorted(set(notes) - set(want))[:5]}')

        again = run(b, '--sync')
        check('syncing again changes nothing', again.returncode == 0 and 'self-care: 0 sent, 0 received, 0 refused' in again.stdout,
              again.stdout + again.stderr)
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
