#!/usr/bin/python3
"""Accessibility smoke test: starts the real Closeness program on a fresh
profile and drives it through AT-SPI (dogtail) as a screen-reader user would.

Checks that every page is reachable by its visible name, that every
control in the header bar has a name, and walks every page: each control a
person can reach there has a name a screen reader can say. Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile

from closeness_atspi import check, find_app, wait_for, exit_status  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402

PAGES = ['Conversations', 'Calendar', 'Self-Care', 'Resources']
# What a person uses: buttons, toggles, menus, fields, choices, sliders.
CONTROL_ROLES = ('push button', 'toggle button', 'menu button', 'check box', 'radio button', 'combo box',
                 'text', 'password text', 'spin button', 'slider', 'switch', 'link', 'entry')


def has_state(node, state):
    return state in ' '.join(str(s) for s in node.getState().getStates())


def is_control(node):
    try:
        return node.roleName in CONTROL_ROLES
    except Exception:  # a node gone while the tree is read
        return False


def where(node):
    """The named ancestors of NODE, nearest first: for a failure message."""
    names = []
    parent = node.parent
    while parent is not None and len(names) < 3:
        if parent.name.strip():
            names.append(f'{parent.roleName} "{parent.name.strip()}"')
        parent = parent.parent
    return ' / '.join(names) or 'the window'


def selected(node):
    return has_state(node, 'SELECTED')


def main_frame(app):
    frames = [c for c in app.children if c.roleName in ('frame', 'window')]
    return frames[0] if frames else None


def main():
    home = tempfile.mkdtemp(prefix='closeness-a11y-')
    env = dict(os.environ)
    for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(home, var.lower())
    env['CLOSENESS_SKIP_WELCOME'] = '1'
    # A warning or critical from any library ends the program, so the clean
    # exit checked at the end also says nothing went wrong on the way.
    env['G_DEBUG'] = 'fatal-warnings'
    proc = subprocess.Popen([env['CLOSENESS_BINARY']], env=env)
    print('1..9')
    try:
        app = find_app()
        check('the application appears on the accessibility bus', app is not None)
        if app is None:
            return
        frame = wait_for(lambda: main_frame(app), timeout=20)
        check('the main window is exposed with its title', frame is not None and frame.name == 'Closeness',
              f'got {frame.name if frame else None}')
        if frame is None:
            return

        # Every control in the header bar has a name a screen reader can say.
        header = frame.findChildren(GenericPredicate(roleName='page tab list'))
        controls = []
        for role in ('push button', 'toggle button', 'page tab', 'menu button'):
            controls += frame.findChildren(GenericPredicate(roleName=role))
        # Without a name of its own, GTK 4.8 falls back to the widget's type name.
        unnamed = [f'{c.roleName} "{c.name}"' for c in controls
                   if not c.name.strip() or c.name.startswith(('Gtk', 'Adw'))]
        check('every button, toggle button and page tab has a name', controls and not unnamed,
              f'{len(unnamed)} unnamed of {len(controls)}: {unnamed}')
        menu = [b for b in frame.findChildren(GenericPredicate(roleName='push button', name='Main Menu'))
                if 'click' in b.actions]
        check('the primary menu button is named "Main Menu"', len(menu) >= 1)

        # Every page is reachable by its visible name: the header bar's switcher
        # (the first tab list) has a tab per page, and clicking it selects it.
        tabs = header[0].findChildren(GenericPredicate(roleName='page tab')) if header else []
        reached = []
        for page in PAGES:
            matching = [t for t in tabs if t.name == page]
            if not matching:
                continue
            matching[0].doActionNamed('click')
            if wait_for(lambda: selected(matching[0])) and \
                    not any(selected(t) for t in tabs if t.name != page):
                reached.append(page)
        check('every page is reachable by its visible name', reached == PAGES, f'reached {reached}')

        # Walk every page (each is built when first shown, above): every
        # control of the window a person can use has a name. GTK 4.8 sets
        # no SHOWING state, so this reads all pages' visible controls.
        controls = [c for c in frame.findChildren(is_control, isLambda=True) if has_state(c, 'VISIBLE')]
        unnamed = sorted({f'{c.roleName} "{c.name.strip()}" in {where(c)}' for c in controls
                          if not c.name.strip() or c.name.strip().startswith(('Gtk', 'Adw'))})
        roles = sorted({c.roleName for c in controls})
        # Fewer than 40 would mean the pages were not walked.
        check('on every page, every control has a name (none read as a type name)',
              len(controls) >= 40 and not unnamed,
              f'{len(controls)} controls ({", ".join(roles)}); {len(unnamed)} unnamed: {unnamed}')

        # The primary menu opens and names its items; Preferences opens from it.
        items = []
        if menu:
            menu[0].doActionNamed('click')
            wait_for(lambda: app.findChildren(GenericPredicate(roleName='menu item')))
            items = [i.name for i in app.findChildren(GenericPredicate(roleName='menu item'))]
        wanted = ['Preferences', 'Keyboard Shortcuts', 'About Closeness']
        check('the primary menu lists Preferences, Keyboard Shortcuts and About',
              all(w in items for w in wanted), f'items: {items}')
        from dogtail import rawinput
        rawinput.keyCombo('Escape')
        wait_for(lambda: not [i for i in app.findChildren(GenericPredicate(roleName='menu item'))
                              if has_state(i, 'SHOWING')])

        # Alt+2 switches to the Calendar page, as the shortcuts window says.
        rawinput.keyCombo('<Alt>2')
        calendar = [t for t in tabs if t.name == 'Calendar']
        check('Alt+2 shows the Calendar page', bool(calendar) and wait_for(lambda: selected(calendar[0])))

        # Ctrl+Q quits.
        rawinput.keyCombo('<Control>q')
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        check('Ctrl+Q quits the program cleanly', code == 0, f'exit {code}')
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(home, ignore_errors=True)


main()
sys.exit(exit_status(9))
