"""What the tests that drive the real Closeness program through AT-SPI
(dogtail) share: the skip without a display, dogtail's settings, TAP
output, finding the program and waiting for the screen to settle.

Import it before anything else from dogtail."""

import os
import sys
import time

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('1..0 # SKIP needs a display and a session bus (run under xvfb-run dbus-run-session)')
    sys.exit(0)

from dogtail.config import config  # noqa: E402

config.checkForA11y = False
# The tests wait for what they need (wait_for()) instead of dogtail's fixed
# pauses after every action and key (1 s and 0.5 s by default).
config.actionDelay = 0
config.defaultDelay = 0
config.typingDelay = 0
config.searchBackoffDuration = 0.1
config.searchCutoffCount = 50
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail import tree  # noqa: E402

results = []


def check(name, ok, detail=''):
    """One TAP line; @detail is printed only when the check fails."""
    results.append((name, ok, detail))
    print(('ok' if ok else 'not ok') + f' {len(results)} - {name}' + (f' # {detail}' if detail and not ok else ''))
    sys.stdout.flush()


def find_app(timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            for app in tree.root.applications():
                if app.name in ('closeness', 'Closeness', 'com.example.Closeness'):
                    return app
        except Exception:  # the registry may not be up yet
            pass
        time.sleep(0.05)
    return None


def wait_for(predicate, timeout=5):
    """Polls @predicate until it returns something true; returns that, or None.
    The pause between polls only spares the CPU: it is not a wait for time."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception:  # nodes come and go while GTK updates
            pass
        time.sleep(0.05)
    return None


def exit_status(planned):
    """0 when every planned check ran and passed."""
    failed = [r for r in results if not r[1]]
    return 1 if failed or len(results) < planned else 0
