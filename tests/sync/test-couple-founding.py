#!/usr/bin/python3
"""A first `closeness --sync` killed while it founds the couple: after it
kept the new keys, before the device list was all on the server. A proxy
in front of Radicale kills the process (SIGKILL) the moment it sends its
first (then, on another account, its second) device list entry, so the
kill lands there every time, not by timing. The next --sync finishes the
founding: it says it synced, --devices lists the computer, and a second
laptop joins, is approved and reads the note written before. On the
computer both partners use (the second founding), --recovery-code asks
whose code to make.

Usage: test-couple-founding.py PROGRAM. Prints TAP."""

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import (Proxy, check, in_own_session, join, profile_env, put_back_older,  # noqa: E402
                      start_keyring, start_radicale)
import synctest  # noqa: E402

NOTE = 'Ask about the trip to the coast before the summer'
LATER = 'Book the ferry for the second weekend of June'
# A control item's bytes start with "CLC": its envelope in base64.
CONTROL_ITEM = b'X-CLOSENESS-VAULT:Q0xD'


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def database(env):
    return sqlite3.connect(os.path.join(env['XDG_DATA_HOME'], 'closeness', 'closeness.db'))


def both_answer(env, first, words):
    """Both partners answer six built-in questions, from the FIRST-th on, as
    "WORDS n of partner slot"; returns the questions' ids."""
    with database(env) as db:
        prompts = [row[0] for row in db.execute(
            'SELECT id FROM prompts WHERE builtin_key IS NOT NULL ORDER BY id LIMIT 6 OFFSET ?', (first,))]
        for n, prompt in enumerate(prompts):
            for slot in (0, 1):
                db.execute('INSERT INTO answers (prompt_id, slot, text, created_at, updated_at) '
                           'VALUES (?, ?, ?, 1, 1)', (prompt, slot, f'{words} {n} of partner {slot}'))
    return prompts


class Killer:
    """Runs the program and kills it (SIGKILL) the moment kill() is called
    for a request, which then gets 503 instead of reaching the server."""

    def __init__(self):
        self.process = None
        self.killed = False

    def kill(self, handler):
        self.process.send_signal(signal.SIGKILL)
        self.killed = True
        handler.answer_empty(503)
        return True

    def run(self, env, *args):
        self.killed = False
        self.process = subprocess.Popen([PROGRAM, *args], env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.process.communicate(timeout=120)
        self.process = None
        return self.killed


class KillAtEntry(Killer):
    """Kills the running program when it sends its Nth control item."""

    def __init__(self):
        super().__init__()
        self.at = 0
        self.seen = 0

    def __call__(self, handler):
        if handler.command != 'PUT' or not handler.body or CONTROL_ITEM not in handler.body:
            return False
        self.seen += 1
        if self.process is None or self.seen != self.at:
            return False
        return self.kill(handler)

    def run_killed(self, env, at, *args):
        self.seen, self.at = 0, at
        return self.run(env, *args)


class KillAtSecondPut(Killer):
    """Kills the running program when it sends an item a second time in one
    run: a shared laptop's first sync sending an answer bucket again with
    its keys."""

    def __init__(self):
        super().__init__()
        self.seen = set()

    def __call__(self, handler):
        if handler.command != 'PUT' or self.process is None:
            return False
        if handler.path not in self.seen:
            self.seen.add(handler.path)
            return False
        return self.kill(handler)

    def run_killed(self, env, *args):
        self.seen = set()
        return self.run(env, *args)


class KillAtFirstPut(Killer):
    """Kills the running program when it sends its first item."""

    def __call__(self, handler):
        if handler.command != 'PUT' or self.process is None:
            return False
        return self.kill(handler)


def main():
    status = in_own_session()
    if status is not None:
        return status

    print('1..16')
    root = tempfile.mkdtemp(prefix='closeness-couple-founding-')
    server, port = start_radicale(root)
    killer = KillAtEntry()
    proxy = Proxy(port, killer)
    try:
        started, why = start_keyring(root)
        check('a keyring of the test', started, why)
        for at in (1, 2):
            a, b = (profile_env(root, f'{name}{at}') for name in ('a', 'b'))
            for env in (a, b):
                run(env, '--sync-account', proxy.url, '--user', f'couple{at}', stdin='\n')
            with database(a) as db:
                prompt = db.execute('SELECT id FROM prompts WHERE builtin_key IS NOT NULL ORDER BY id LIMIT 1'
                                    ).fetchone()[0]
                db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1)',
                           (prompt, NOTE))

            # The second time on a computer both partners use.
            killed = killer.run_killed(a, at, '--sync', '--partner', '1' if at == 1 else 'both')
            again = run(a, '--sync')
            devices = run(a, '--devices')
            check(f'killed at device list entry {at} of the founding, the next --sync finishes it',
                  killed and again.returncode == 0 and
                  re.search(r'answers, notes and self-care: [1-9]\d* sent', again.stdout) is not None and
                  devices.returncode == 0 and
                  'this computer' in devices.stdout,
                  f'killed: {killed}\n' + again.stdout + again.stderr + devices.stdout + devices.stderr)

            asked, _, _, approved, joined = join(run, b, '2', a)
            with database(b) as db:
                row = db.execute('SELECT text FROM conversation_notes').fetchone()
            check('the account is usable: a second laptop joins, is approved, and reads the note',
                  asked.returncode == 0 and approved.returncode == 0 and joined.returncode == 0 and
                  row is not None and row[0] == NOTE,
                  asked.stdout + asked.stderr + approved.stdout + approved.stderr + joined.stdout +
                  joined.stderr + f'\nnote on B: {row!r}')
            later = run(a, '--sync')
            check('and the first laptop goes on syncing', later.returncode == 0, later.stdout + later.stderr)
        # On the computer both use, a recovery code says whose it is.
        unsaid = run(a, '--recovery-code')
        said = run(a, '--recovery-code', '--partner', '2')
        lines = said.stdout.strip().splitlines()
        check('on a computer both partners use, --recovery-code asks whose, and makes the one asked for',
              unsaid.returncode != 0 and 'with --partner 1 or --partner 2' in unsaid.stderr and
              unsaid.stdout == '' and said.returncode == 0 and len(lines) == 2 and
              lines[0].startswith("The second partner’s recovery code") and len(lines[1]) == 29,
              unsaid.stdout + unsaid.stderr + said.stdout + said.stderr)
        # A removal killed after it kept its new keys, before its grants were
        # on the server: the next command sends them, and the laptop that
        # stays reads what is written afterwards; the removed one does not.
        c = profile_env(root, 'c2')
        run(c, '--sync-account', proxy.url, '--user', 'couple2', stdin='\n')
        _, number_c, _, approved, _ = join(run, c, '2', a)
        run(b, '--sync')
        killed = killer.run_killed(a, 2, '--remove-device', number_c)
        again = run(a, '--sync')
        with database(a) as db:
            db.execute('UPDATE conversation_notes SET text = ?', (LATER,))
        sent = run(a, '--sync')
        got = run(b, '--sync')
        with database(b) as db:
            note_b = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check('a removal killed after its first item sends the rest with the next command; '
              'the laptop that stays reads what is written afterwards',
              approved.returncode == 0 and killed and again.returncode == 0 and sent.returncode == 0 and
              got.returncode == 0 and note_b == LATER,
              approved.stdout + approved.stderr + again.stdout + again.stderr + sent.stdout + sent.stderr +
              got.stdout + got.stderr + f'\nkilled: {killed}, note on B: {note_b!r}')
        lost = run(c, '--sync')
        with database(c) as db:
            note_c = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check('and the removed laptop is told so and does not read it',
              'was removed' in lost.stdout and note_c == NOTE, lost.stdout + lost.stderr + f'\n{note_c!r}')
        # A founding cut short before any of its device list reached the
        # server, and meanwhile the other partner's computer runs --sync (not
        # --join) and founds a couple itself: the first computer is told to
        # join that one, joins it, and what it had goes up.
        a3, b3 = profile_env(root, 'a3'), profile_env(root, 'b3')
        for env in (a3, b3):
            run(env, '--sync-account', proxy.url, '--user', 'couple3', stdin='\n')
        with database(a3) as db:
            prompt = db.execute('SELECT id FROM prompts WHERE builtin_key IS NOT NULL ORDER BY id LIMIT 1'
                                ).fetchone()[0]
            db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1)',
                       (prompt, NOTE))
        killed = killer.run_killed(a3, 1, '--sync', '--partner', '1')
        other = run(b3, '--sync', '--partner', '2')
        back = run(a3, '--sync')
        check('a founding cut short while another computer founds: the first is told to join that couple',
              killed and other.returncode == 0 and
              re.search(r'answers, notes and self-care: \d+ sent', other.stdout) is not None and
              back.returncode == 0 and 'Another computer set up answers, notes and self-care' in back.stdout and
              'run closeness --join' in back.stdout,
              f'killed: {killed}\n' + other.stdout + other.stderr + back.stdout + back.stderr)
        asked, _, _, approved, joined = join(run, a3, '1', b3)
        got = run(b3, '--sync')
        devices = run(b3, '--devices')
        with database(b3) as db:
            row = db.execute('SELECT text FROM conversation_notes').fetchone()
        check('it joins, is approved, and its note reaches the other computer; one couple on the account',
              asked.returncode == 0 and approved.returncode == 0 and joined.returncode == 0 and
              got.returncode == 0 and row is not None and row[0] == NOTE and
              len(re.findall(r'\d{4} \d{4} \d{4} \d{4} \d{4} \d{4}', devices.stdout)) == 2,
              asked.stdout + asked.stderr + approved.stdout + approved.stderr + joined.stdout +
              joined.stderr + got.stdout + got.stderr + devices.stdout + f'\nnote on B: {row!r}')
        # The shared laptop's first sync killed between sending the answers and
        # sending the first partner's again with their keys (and, as if a
        # moment earlier, before it noted which): the next --sync, which
        # looks at every bucket after a first sync cut short, sends the keys,
        # and the second partner's new laptop reads them all.
        second = KillAtSecondPut()
        proxy.fault = second
        s4, b4 = profile_env(root, 's4'), profile_env(root, 'b4')
        for env in (s4, b4):
            run(env, '--sync-account', proxy.url, '--user', 'couple4', stdin='\n')
        prompts = both_answer(s4, 0, 'Answer')
        killed = second.run_killed(s4, '--sync', '--partner', 'both')
        proxy.fault = killer
        # Killed a moment earlier, it would not even have noted the answers
        # to send again: what the outbox holds then.
        with database(s4) as db:
            db.execute('DELETE FROM couple_outbox')
        again = run(s4, '--sync')
        _, _, _, approved, joined = join(run, b4, '2', s4)
        with database(b4) as db:
            hers = sorted(row[0] for row in db.execute('SELECT text FROM answers WHERE slot = 0'))
        check('a shared laptop killed before it sent the answer keys sends them with its next --sync',
              killed and again.returncode == 0 and approved.returncode == 0 and joined.returncode == 0 and
              hers == sorted(f'Answer {n} of partner 0' for n in range(len(prompts))),
              f'killed: {killed}\n' + again.stdout + again.stderr + joined.stdout + joined.stderr +
              f'\nher answers on B: {hers!r}')
        # The same stop in a later sync: both partners answer six more
        # questions on the shared laptop, and its --sync is killed between
        # sending those answers and sending the first partner's again with
        # their keys (and, as if a moment earlier, before it noted which).
        # Nothing in those buckets changes again, so the next sync, which
        # reads nothing new from the server, must remember it by itself.
        more = both_answer(s4, 6, 'Later answer')
        proxy.fault = second
        killed_later = second.run_killed(s4, '--sync')
        proxy.fault = killer
        with database(s4) as db:
            db.execute('DELETE FROM couple_outbox')
        again = run(s4, '--sync')
        got = run(b4, '--sync')
        with database(b4) as db:
            hers = sorted(row[0] for row in db.execute(
                "SELECT text FROM answers WHERE slot = 0 AND text LIKE 'Later%'"))
        check('killed at the same point in a later sync, the shared laptop still sends the keys with its next --sync',
              killed_later and again.returncode == 0 and got.returncode == 0 and
              hers == sorted(f'Later answer {n} of partner 0' for n in range(len(more))),
              f'killed: {killed_later}\n' + again.stdout + again.stderr + got.stdout + got.stderr +
              f'\nher later answers on B: {hers!r}')
        # The server puts back an older version of the note's bucket; the
        # second partner's laptop refuses it and decides to put the newer one
        # back, and is killed as it sends it. Its next --sync, which reads
        # nothing new from the server, still sends it, so the shared laptop
        # then reads what it wrote and refuses nothing.
        with database(s4) as db:
            db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1)',
                       (prompts[0], NOTE))
        run(s4, '--sync')
        run(b4, '--sync')

        def change_note():
            with database(s4) as db:
                db.execute('UPDATE conversation_notes SET text = ?', (LATER,))
            run(s4, '--sync')
            run(b4, '--sync')

        replayed = put_back_older(root, port, change_note)
        first_put = KillAtFirstPut()
        proxy.fault = first_put
        killed_back = first_put.run(b4, '--sync')
        puts = []
        proxy.fault = lambda handler: puts.append(handler.path) if handler.command == 'PUT' else False
        resent = run(b4, '--sync')
        proxy.fault = killer
        shared = run(s4, '--sync')
        with database(s4) as db:
            note_s4 = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check('a laptop killed while it puts back a bucket the server replaced puts it back with its next --sync',
              replayed and all(status in (200, 201, 204) for status in replayed) and killed_back and
              resent.returncode == 0 and len(puts) == 1 and
              shared.returncode == 0 and 'self-care: 0 sent, 0 received, 0 refused' in shared.stdout and
              note_s4 == LATER,
              f'put back: {replayed}, killed: {killed_back}, sent again: {puts}\n' + resent.stdout +
              resent.stderr + shared.stdout + shared.stderr + f'\nnote on the shared laptop: {note_s4!r}')
        check('no kill was missed', killer.process is None)
    finally:
        proxy.close()
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
