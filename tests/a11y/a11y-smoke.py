#!/usr/bin/python3
"""Accessibility smoke test: starts the real Closeness program on a fresh
profile and drives it through AT-SPI (dogtail) as a screen-reader user would.

Checks that every page is reachable by its visible name and that every
control in the header bar has a name. Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('1..0 # SKIP needs a display and a session bus (run under xvfb-run dbus-run-session)')
    sys.exit(0)

from dogtail import config  # noqa: E402

config.checkForA11y = False
config.searchCutoffCount = 10
config.defaultDelay = 0.2
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail import tree  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402

PAGES = ['Conversations', 'Calendar', 'Self-Care', 'Resources']
PAGE_HEADINGS = {
    'Conversations': 'Conversations',
    'Calendar': 'Time Together',
    'Self-Care': 'Self-Care',
    'Resources': 'Resources',
}

results = []


def check(name, ok, detail=''):
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
        time.sleep(0.5)
    return None


def showing(node):
    try:
        return node.showing
    except Exception:
        return False


def main():
    home = tempfile.mkdtemp(prefix='closeness-a11y-')
    env = dict(os.environ)
    for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(home, var.lower())
    env['CLOSENESS_SKIP_WELCOME'] = '1'
    proc = subprocess.Popen([env['CLOSENESS_BINARY']], env=env)
    print('1..8')
    try:
        app = find_app()
        check('the application appears on the accessibility bus', app is not None)
        if app is None:
            return
        frame = None
        deadline = time.time() + 20
        while frame is None and time.time() < deadline:
            frames = [c for c in app.children if c.roleName in ('frame', 'window')]
            frame = frames[0] if frames else None
            time.sleep(0.3)
        check('the main window is exposed with its title', frame is not None and frame.name == 'Closeness',
              f'got {frame.name if frame else None}')
        if frame is None:
            return

        # Every control in the header bar has a name a screen reader can say.
        buttons = frame.findChildren(GenericPredicate(roleName='toggle button')) + \
            frame.findChildren(GenericPredicate(roleName='button'))
        unnamed = [b.roleName for b in buttons if showing(b) and not b.name.strip()]
        check('every visible button and toggle button has a name', not unnamed,
              f'{len(unnamed)} unnamed: {unnamed}')
        menu = [b for b in buttons if b.name == 'Main Menu']
        check('the primary menu button is named "Main Menu"', len(menu) >= 1)

        # Every page is reachable by its visible name.
        reached = []
        for page in PAGES:
            switches = [b for b in frame.findChildren(GenericPredicate(name=page))
                        if b.roleName in ('toggle button', 'radio button', 'button') and showing(b)]
            if not switches:
                continue
            switches[0].doActionNamed('click')
            time.sleep(0.6)
            heading = PAGE_HEADINGS[page]
            labels = [l for l in frame.findChildren(GenericPredicate(name=heading))
                      if l.roleName in ('label', 'heading') and showing(l)]
            if labels:
                reached.append(page)
        check('every page is reachable by its visible name', reached == PAGES,
              f'reached {reached}')

        out = os.environ.get('CLOSENESS_TEST_OUTPUT')
        if out and shutil.which('import'):
            os.makedirs(out, exist_ok=True)
            subprocess.run(['import', '-window', 'root', os.path.join(out, 'a11y-screen.png')],
                           check=False)

        # The primary menu opens and names its items.
        menu[0].doActionNamed('click') if menu else None
        time.sleep(0.6)
        items = [i.name for i in app.findChildren(GenericPredicate(roleName='menu item'))]
        wanted = ['Preferences', 'Keyboard Shortcuts', 'About Closeness']
        check('the primary menu lists Preferences, Keyboard Shortcuts and About',
              all(w in items for w in wanted), f'items: {items}')
        try:
            frame.keyCombo('Escape')
        except Exception:
            pass

        # Alt+3 switches to Self-Care, as the shortcuts window says.
        try:
            from dogtail import rawinput
            rawinput.keyCombo('<Alt>3')
            time.sleep(0.6)
            heading = [l for l in frame.findChildren(GenericPredicate(name='Self-Care'))
                       if l.roleName in ('label', 'heading') and showing(l)]
            check('Alt+3 shows the Self-Care page', bool(heading))
        except Exception as e:  # noqa: BLE001
            check('Alt+3 shows the Self-Care page', False, str(e))

        proc.terminate()
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
        check('the program quits cleanly when asked', code == 0 or code == -15, f'exit {code}')
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(home, ignore_errors=True)


main()
failed = [r for r in results if not r[1]]
sys.exit(1 if failed or len(results) < 8 else 0)
