#!/usr/bin/python3
"""The calendar page of the real program, with and without its calendar
module (src/calendar/closeness-ical.h).

Closeness opens libical only after its first frame, from closeness-ical.so.
A person who opens the Calendar page gets the calendar. If an installation
lacks the module, the page says so in plain words and the other pages keep
working. Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile

from closeness_atspi import check, find_app, wait_for, exit_status  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402

PLAN = 5
MISSING_TITLE = 'The Calendar Cannot Open'


def open_calendar(app):
    """Clicks the header bar's Calendar tab; returns the window."""
    frame = wait_for(lambda: [c for c in app.children if c.roleName in ('frame', 'window')], timeout=30)
    if not frame:
        return None
    frame = frame[0]
    tabs = wait_for(lambda: [t for t in frame.findChildren(GenericPredicate(roleName='page tab'))
                             if t.name == 'Calendar'], timeout=10)
    if not tabs:
        return None
    tabs[0].doActionNamed('click')
    return frame


def names(frame, role):
    return [n.name for n in frame.findChildren(GenericPredicate(roleName=role))]


def run(home, module):
    env = dict(os.environ)
    for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(home, var.lower())
    env['CLOSENESS_SKIP_WELCOME'] = '1'
    env.pop('CLOSENESS_ICAL_MODULE', None)
    if module is not None:
        env['CLOSENESS_ICAL_MODULE'] = module
    return subprocess.Popen([env['CLOSENESS_BINARY']], env=env, stderr=subprocess.PIPE, text=True)


def stop(proc):
    proc.terminate()
    try:
        return proc.communicate(timeout=10)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[1]


def main():
    home = tempfile.mkdtemp(prefix='closeness-calendar-')
    print(f'1..{PLAN}')
    try:
        # With the module, as installed.
        proc = run(home, None)
        try:
            app = find_app()
            frame = open_calendar(app) if app is not None else None
            shown = frame is not None and wait_for(lambda: 'Plan an Evening' in names(frame, 'push button'),
                                                   timeout=10)
            check('the Calendar page opens with its calendar', bool(shown),
                  f'buttons: {names(frame, "push button") if frame else None}')
            check('and without a word about missing parts',
                  frame is not None and MISSING_TITLE not in names(frame, 'label'))
        finally:
            stop(proc)

        # Without it: an installation that lost closeness-ical.so.
        proc = run(home, os.path.join(home, 'no-such-module.so'))
        try:
            app = find_app()
            frame = open_calendar(app) if app is not None else None
            said = frame is not None and wait_for(lambda: MISSING_TITLE in names(frame, 'label'), timeout=10)
            check('without the module, the Calendar page says it cannot open', bool(said),
                  f'labels: {names(frame, "label") if frame else None}')
            explained = frame is not None and any('Reinstalling it brings it back' in n
                                                  for n in names(frame, 'label'))
            check('and that reinstalling brings it back, with the saved evenings safe', explained)

            tabs = [t for t in frame.findChildren(GenericPredicate(roleName='page tab'))
                    if t.name == 'Conversations'] if frame else []
            if tabs:
                tabs[0].doActionNamed('click')
            tonight = frame is not None and wait_for(lambda: 'Tonight' in names(frame, 'label'), timeout=10)
            check('the other pages keep working', bool(tonight))
        finally:
            stop(proc)
    finally:
        shutil.rmtree(home, ignore_errors=True)


main()
sys.exit(exit_status(PLAN))
