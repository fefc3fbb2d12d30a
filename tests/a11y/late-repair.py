#!/usr/bin/python3
"""A damaged data file found after the window is up: starts the real
Closeness program on a profile whose database has a damaged page (one the
first screen does not read) and a good backup from before a last change.

The program opens at once and checks the whole file right after its first
frame (see start_check() in src/closeness-application.c). A person then sees
"Your Data Was Repaired"; the damaged file is kept aside, private, the
backup is back in place, and the change made after the backup is read back
from the damaged file (it was not on the damaged page). Prints TAP."""

import glob
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

from closeness_atspi import check, find_app, wait_for, exit_status  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402

PLAN = 6


def partner_name(path):
    db = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        return db.execute('SELECT name FROM partners WHERE slot = 0').fetchone()[0]
    finally:
        db.close()


def prepare_profile(env):
    """A database made by Closeness itself, a backup of it, a change after
    the backup, then one damaged b-tree page."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([env['CLOSENESS_BINARY'], '--export-ics', os.path.join(scratch, 'x.ics')],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    data_dir = os.path.join(env['XDG_DATA_HOME'], 'closeness')
    path = os.path.join(data_dir, 'closeness.db')

    db = sqlite3.connect(path)
    db.execute("UPDATE partners SET name = 'Robin' WHERE slot = 0")
    db.commit()
    root = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'conversation_notes'").fetchone()[0]
    page_size = db.execute('PRAGMA page_size').fetchone()[0]
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()

    backups = os.path.join(data_dir, 'backups')
    os.makedirs(backups, mode=0o700, exist_ok=True)
    stamp = time.strftime('%Y%m%d-%H%M%S', time.localtime(time.time() - 3600))
    backup = os.path.join(backups, f'closeness-{stamp}.db')
    shutil.copyfile(path, backup)
    os.chmod(backup, 0o600)

    db = sqlite3.connect(path)
    db.execute("UPDATE partners SET name = 'Sam' WHERE slot = 0")
    db.commit()
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()

    # The page's type byte: no valid b-tree page has 0x7f there.
    with open(path, 'r+b') as f:
        f.seek((root - 1) * page_size)
        f.write(b'\x7f')
    return data_dir, path


def main():
    home = tempfile.mkdtemp(prefix='closeness-repair-')
    env = dict(os.environ)
    for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(home, var.lower())
    env['CLOSENESS_SKIP_WELCOME'] = '1'
    print(f'1..{PLAN}')
    proc = None
    try:
        data_dir, path = prepare_profile(env)
        proc = subprocess.Popen([env['CLOSENESS_BINARY']], env=env)
        app = find_app()
        check('the application starts on the damaged file', app is not None)
        if app is None:
            return

        heading = wait_for(lambda: app.findChildren(GenericPredicate(name='Your Data Was Repaired')), 20)
        check('"Your Data Was Repaired" is shown', bool(heading))

        texts = [n.name for n in app.findChildren(GenericPredicate(roleName='label'))]
        report = [t for t in texts if 'was damaged' in t]
        check('the message says where the damaged file was kept, which backup came back '
              'and that newer changes were recovered',
              bool(report) and '.corrupt-' in report[0] and 'restored from the backup' in report[0]
              and 'recovered from the damaged file' in report[0],
              f'labels: {texts}')

        kept = glob.glob(os.path.join(data_dir, 'closeness.db.corrupt-*'))
        modes = [stat.S_IMODE(os.stat(k).st_mode) for k in kept]
        check('the damaged file is kept aside, readable only by its owner',
              len(kept) >= 1 and all(m == 0o600 for m in modes), f'{kept} {modes}')

        name = partner_name(path)
        check('the change made after the backup is back, read from the damaged file',
              name == 'Sam', f'partner 0 is {name!r}')

        # AdwMessageDialog keeps each response button twice (side by side
        # and stacked layouts); GTK 4.8 names them from label and mnemonic.
        ok = [b for b in app.findChildren(GenericPredicate(roleName='push button'))
              if b.name.replace('_', '').split()[-1:] == ['OK'] and 'click' in b.actions]
        for button in ok:
            if app.findChildren(GenericPredicate(name='Your Data Was Repaired')):
                button.doActionNamed('click')
                # Of the two copies only the shown one closes the message.
                wait_for(lambda: not app.findChildren(GenericPredicate(name='Your Data Was Repaired')),
                         timeout=1)
        closed = wait_for(lambda: not app.findChildren(GenericPredicate(name='Your Data Was Repaired')))
        frames = [c.name for c in app.children if c.roleName in ('frame', 'window')]
        check('OK closes the message and the window goes on', bool(ok) and bool(closed) and
              frames == ['Closeness'], f'ok button: {bool(ok)}, closed: {closed}, windows: {frames}')
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
        shutil.rmtree(home, ignore_errors=True)


main()
sys.exit(exit_status(PLAN))
