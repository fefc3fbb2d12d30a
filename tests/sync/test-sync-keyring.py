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
from synctest import check, profile_env, start_radicale  # noqa: E402
import synctest  # noqa: E402

PASSWORD = 'correct horse battery'


def in_own_session():
    """Runs this script again inside dbus-run-session, so the keyring
    daemon and everything it keeps go away with the test."""
    env = dict(os.environ, CLOSENESS_KEYRING_SESSION='1')
    return subprocess.call(['dbus-run-session', '--', sys.executable, *sys.argv], env=env)


def start_keyring(root):
    """gnome-keyring-daemon with an unlocked login keyring kept under
    ROOT/keyring (an empty keyring password would make it ask on screen)."""
    home = os.path.join(root, 'keyring')
    runtime = os.path.join(root, 'keyring-run')
    os.makedirs(home)
    os.makedirs(runtime, mode=0o700)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_RUNTIME_DIR=runtime)
    started = subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets'],
                             input='keyring of the test', env=env, capture_output=True, text=True, timeout=30)
    return started.returncode == 0, started.stderr


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
    if not os.environ.get('CLOSENESS_KEYRING_SESSION'):
        return in_own_session()

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
