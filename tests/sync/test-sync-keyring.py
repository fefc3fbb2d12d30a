#!/usr/bin/python3
"""The sync account's password goes through a real Secret Service: a
gnome-keyring-daemon of the test's own, on a D-Bus session of its own,
and a Radicale that asks for a password. Set up with the right password,
a later sync finds it in the keyring; the password is in no file of the
profile; a wrong password is refused in plain words and changes nothing.

Usage: test-sync-keyring.py PROGRAM. Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import check, in_own_session, profile_env, start_keyring, start_radicale  # noqa: E402
import synctest  # noqa: E402

PASSWORD = 'correct horse battery'


def files_containing(top, secret):
    found = []
    for folder, _, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            try:
                with open(path, 'rb') as f:
                    if secret.encode() in f.read():
                        found.append(path)
            except OSError:
                pass
    return found


def main():
    status = in_own_session()
    if status is not None:
        return status

    print('1..5')
    root = tempfile.mkdtemp(prefix='closeness-keyring-')
    server, port = start_radicale(root, users={'anna': PASSWORD})
    try:
        url = f'http://127.0.0.1:{port}/'
        started, why = start_keyring(root)
        check('a keyring daemon of the test\'s own is running', started, why)
        a = profile_env(root, 'a')

        wrong = subprocess.run([PROGRAM, '--sync-account', url, '--user', 'anna'], env=a,
                               input='not the password\n', text=True, capture_output=True, timeout=60)
        check('a wrong password is refused in plain words and nothing is set up',
              wrong.returncode != 0 and 'refused the user name or password' in wrong.stderr and
              subprocess.run([PROGRAM, '--sync'], env=a, capture_output=True, timeout=60).returncode != 0,
              wrong.stdout + wrong.stderr)

        setup = subprocess.run([PROGRAM, '--sync-account', url, '--user', 'anna'], env=a,
                               input=PASSWORD + '\n', text=True, capture_output=True, timeout=60)
        check('the right password sets up the account', setup.returncode == 0,
              setup.stdout + setup.stderr)

        sync = subprocess.run([PROGRAM, '--sync'], env=a, text=True, capture_output=True, timeout=60)
        check('a later sync finds the password in the Secret Service',
              sync.returncode == 0 and sync.stdout.startswith('Synced: '), sync.stdout + sync.stderr)

        kept = files_containing(os.path.join(root, 'a'), PASSWORD)
        check('the password is in no file of the profile (database, settings, logs)', kept == [],
              '\n'.join(kept))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
