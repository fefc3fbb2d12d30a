#!/usr/bin/python3
"""The real program's --export-data and --import-data, as people script
their own backups with them: one line on success, one on failure, a
non-zero exit on failure, private files written through a rename (a link
is replaced, never followed), and nothing changed by a refused file.
Also the option names: US English and "questions" in --help, the old
names (--favourites, --print-prompts) still accepted; and --print-questions,
which needs a display (run under xvfb-run when there is one). Prints TAP."""

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
count = 0
failed = 0

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Closeness tests//EN
BEGIN:VEVENT
UID:{uid}@closeness.test
DTSTART:20261203T190000Z
DURATION:PT1H
SUMMARY:{summary}
END:VEVENT
END:VCALENDAR
"""


def check(what, ok, detail=''):
    global count, failed
    count += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {what}" + (f' # {detail}' if detail and not ok else ''))


def run(env, *args):
    return subprocess.run([PROGRAM, *args], env=env, capture_output=True, text=True, timeout=60)


def evenings(env, home):
    out = os.path.join(home, 'peek.ics')
    done = run(env, '--export-ics', out)
    if done.returncode != 0:
        return None
    with open(out) as f:
        text = f.read()
    os.unlink(out)
    return sorted(line for line in text.splitlines() if line.startswith('SUMMARY:'))


def one_line(text):
    return len(text.strip().splitlines()) == 1


def run_with_display(env, *args):
    """The program under its own Xvfb and session bus; None without them."""
    if shutil.which('xvfb-run') is None or shutil.which('dbus-run-session') is None:
        return None
    env = dict(env, GDK_DEBUG='gl-disable')
    done = subprocess.run(['xvfb-run', '-a', '-s', '-screen 0 640x480x24 -nolisten tcp',
                           'dbus-run-session', '--', PROGRAM, *args],
                          env=env, capture_output=True, text=True, timeout=120)
    # What the session bus says about itself is not the program's.
    done.stderr = ''.join(line for line in done.stderr.splitlines(keepends=True)
                          if not line.startswith('dbus-daemon['))
    return done


def print_questions(env, home):
    pdf = os.path.join(home, 'cards.pdf')
    done = run_with_display(env, '--print-questions', '--output', pdf, '--layout', 'cards-6')
    if done is None:
        global count
        count += 1
        print(f'ok {count} - --print-questions # SKIP no xvfb-run or dbus-run-session')
        return
    check('print: exit 0 and one line on standard output, as the README says',
          done.returncode == 0 and one_line(done.stdout) and done.stderr == '',
          f'{done.returncode}: {done.stdout!r} {done.stderr!r}')
    check('print: the line names the PDF', os.path.basename(pdf) in done.stdout, done.stdout)
    check('print: a private PDF', os.path.isfile(pdf) and stat.S_IMODE(os.stat(pdf).st_mode) == 0o600)

    done = run_with_display(env, '--print-questions', '--output', pdf, '--decks', 'no-such-deck')
    check('print of an unknown deck: exit 2, one line on standard error, nothing on standard output',
          done.returncode == 2 and one_line(done.stderr) and done.stdout == '',
          f'{done.returncode}: {done.stdout!r} {done.stderr!r}')


def main():
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            env[f'XDG_{name}_HOME'] = os.path.join(home, name.lower())
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
        backups = os.path.join(home, 'data', 'closeness', 'backups')

        done = run(env, '--help')
        check('--help names both commands', '--export-data' in done.stdout and '--import-data' in done.stdout)
        check('--help spells --favorites the US way and hides the old spelling',
              '--favorites' in done.stdout and '--favourites' not in done.stdout, done.stdout)
        check('--help says --print-questions and hides --print-prompts',
              '--print-questions' in done.stdout and '--print-prompts' not in done.stdout, done.stdout)
        done = run(env, '--favourites', '--version')
        check('the old spelling --favourites is still accepted', done.returncode == 0, done.stderr)
        done = run(env, '--print-prompts', '--version')
        check('the old name --print-prompts is still accepted', done.returncode == 0, done.stderr)

        for uid, summary in (('a', 'Tea on the balcony'), ('b', 'Reading aloud')):
            source = os.path.join(home, uid + '.ics')
            with open(source, 'w') as f:
                f.write(ICS.format(uid=uid, summary=summary))
            run(env, '--import-ics', source)
        before = evenings(env, home)
        check('two evenings to begin with', before is not None and len(before) == 2, str(before))

        # Export through a link: the link is replaced, its target untouched.
        victim = os.path.join(home, 'victim.txt')
        with open(victim, 'w') as f:
            f.write('keep me')
        exported = os.path.join(home, 'all.closeness')
        os.symlink(victim, exported)
        done = run(env, '--export-data', exported)
        check('export: exit 0 and one line on standard output',
              done.returncode == 0 and one_line(done.stdout) and done.stderr == '',
              f'{done.returncode}: {done.stdout!r} {done.stderr!r}')
        check('export: the file is an ordinary private file (0600), the link replaced',
              not os.path.islink(exported) and stat.S_IMODE(os.stat(exported).st_mode) == 0o600)
        with open(victim) as f:
            check('export: the link target is untouched', f.read() == 'keep me')

        # A third evening after the export, then the export imported back.
        source = os.path.join(home, 'c.ics')
        with open(source, 'w') as f:
            f.write(ICS.format(uid='c', summary='Planned after the export'))
        run(env, '--import-ics', source)
        check('three evenings after the export', len(evenings(env, home) or []) == 3)

        n_backups = len(os.listdir(backups)) if os.path.isdir(backups) else 0
        done = run(env, '--import-data', exported)
        check('import: exit 0 and one line on standard output',
              done.returncode == 0 and one_line(done.stdout) and done.stderr == '',
              f'{done.returncode}: {done.stdout!r} {done.stderr!r}')
        check('import: the exported evenings are back', evenings(env, home) == before)
        after_backups = len(os.listdir(backups)) if os.path.isdir(backups) else 0
        check('import: the data before was backed up first', after_backups == n_backups + 1,
              f'{n_backups} → {after_backups}')

        # Files that must change nothing.
        hostile = os.path.join(home, 'hostile.closeness')
        with open(exported, 'rb') as f:
            contents = f.read()
        with open(hostile, 'wb') as f:
            f.write(contents)
        db = sqlite3.connect(hostile)
        db.execute("DELETE FROM partners WHERE slot = 1")
        db.commit()
        db.close()
        garbage = os.path.join(home, 'garbage.closeness')
        with open(garbage, 'w') as f:
            f.write('not a database')
        fifo = os.path.join(home, 'fifo.closeness')
        os.mkfifo(fifo)
        for what, path in (('a file with one partner', hostile), ('a text file', garbage),
                           ('a FIFO', fifo), ('/dev/zero', '/dev/zero'),
                           ('a missing file', os.path.join(home, 'nothing.closeness')), ('an empty name', '')):
            n_backups = len(os.listdir(backups))
            done = run(env, '--import-data', path)
            check(f'import of {what}: exit 1, one line on standard error, nothing on standard output',
                  done.returncode == 1 and one_line(done.stderr) and done.stdout == '',
                  f'{done.returncode}: {done.stdout!r} {done.stderr!r}')
            check(f'import of {what}: data and backups unchanged',
                  evenings(env, home) == before and len(os.listdir(backups)) == n_backups)

        done = run(env, '--export-data', os.path.join(home, 'no-such-folder', 'x.closeness'))
        check('export to a folder that does not exist: exit 1, one line on standard error',
              done.returncode == 1 and one_line(done.stderr), f'{done.returncode}: {done.stderr!r}')

        print_questions(env, home)

    print(f'1..{count}')
    return 1 if failed else 0


sys.exit(main())
