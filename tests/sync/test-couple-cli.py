#!/usr/bin/python3
"""Three laptops of a couple through the command line, as the issue's
scripts would drive them: Annika's (A, the first device) and her second
one (A2), Samira's (B). A gnome-keyring-daemon of the test's own keeps
every device's keys; Radicale on 127.0.0.1 is the server.

A founds the couple with --sync; A2 and B ask with --join, which prints
their number on a line of its own, exactly as --devices shows it on A;
A approves each with --approve-device; their next --sync says which
computer approved them. Names, the shared note and Annika's answer reach
A2; Samira's laptop gets names and note but Annika's answer only after
Samira answered too; then both read both. The server's folder holds none
of the words written.

Usage: test-couple-cli.py PROGRAM. Prints TAP."""

import http.client
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import (Proxy, check, in_own_session, join, profile_env, put_back_older,  # noqa: E402
                      start_keyring, start_radicale)
import synctest  # noqa: E402

FINGERPRINT = re.compile(r'^\d{4}( \d{4}){5}$')
CODE = re.compile(r'^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$')
ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
ANSWER_A = 'The smell of pine needles in the attic'
ANSWER_B = 'My grandmother humming while she cooked'
NOTE = 'Plan a cabin weekend before the spring thaw'
LATER = 'Book the cabin by the lake for the first week of April'
CHANGED = 'Plan a cabin weekend, maybe in March'


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def database(env):
    return sqlite3.connect(os.path.join(env['XDG_DATA_HOME'], 'closeness', 'closeness.db'))


def first_prompt(db):
    return db.execute('SELECT id FROM prompts WHERE builtin_key IS NOT NULL ORDER BY id LIMIT 1').fetchone()[0]


def answer(env, slot):
    with database(env) as db:
        row = db.execute('SELECT text FROM answers WHERE prompt_id = ? AND slot = ?',
                         (first_prompt(db), slot)).fetchone()
    return row[0] if row else None


def well_formed_code(seed):
    """A code whose check character is right (Luhn mod 32, as the vault
    makes them) but that no copy on the server was made with."""
    import random
    values = [random.Random(seed).randrange(32) for _ in range(23)]
    total, factor = 0, 2
    for value in reversed(values):
        addend = factor * value
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    values.append((32 - total % 32) % 32)
    text = ''.join(ALPHABET[v] for v in values)
    return '-'.join(text[i:i + 4] for i in range(0, 24, 4))


def mistyped(code):
    """CODE with one character changed."""
    first = code[0]
    return ALPHABET[(ALPHABET.index(first) + 1) % 32] + code[1:]


def sealed_items(root):
    """(name, id of the key that sealed it) of every bucket in the server's
    folder: the envelope's bytes 33 to 41 (docs/SYNC.md, "Items on the
    server"); control items ("CLC…") left out."""
    import base64
    found = set()
    for folder, _, names in os.walk(os.path.join(root, 'server')):
        for name in names:
            if not name.endswith('.ics'):
                continue
            if '.Radicale.cache' in folder:
                continue
            with open(os.path.join(folder, name), encoding='utf-8') as f:
                text = f.read().replace('\r\n ', '').replace('\n ', '')
            match = re.search(r'^X-CLOSENESS-VAULT:(\S+)', text, re.M)
            if not match:
                continue
            envelope = base64.b64decode(match.group(1))
            if envelope[:3] != b'CLC':
                found.add((name, envelope[33:41].hex()))
    return found


def this_computer(devices_output):
    for line in devices_output.splitlines():
        if 'this computer' in line:
            return line[:29]
    return None


def main():
    status = in_own_session()
    if status is not None:
        return status

    print('1..20')
    root = tempfile.mkdtemp(prefix='closeness-couple-cli-')
    server, port = start_radicale(root)
    try:
        url = f'http://127.0.0.1:{port}/'
        started, why = start_keyring(root)
        a, a2, b = (profile_env(root, name) for name in ('a', 'a2', 'b'))
        for env in (a, a2, b):
            run(env, '--sync-account', url, '--user', 'couple', stdin='\n')

        # What Annika wrote on the laptop before any other computer.
        with database(a) as db:
            prompt = first_prompt(db)
            db.execute("UPDATE partners SET name = 'Annika' WHERE slot = 0")
            db.execute("UPDATE partners SET name = 'Samira' WHERE slot = 1")
            db.execute('INSERT INTO answers (prompt_id, slot, text, created_at, updated_at) '
                       'VALUES (?, 0, ?, 1, 1)', (prompt, ANSWER_A))
            db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1)',
                       (prompt, NOTE))

        founded = run(a, '--sync', '--partner', '1')
        check('the first --sync founds the couple and sends what is there',
              started and founded.returncode == 0 and
              re.search(r'answers, notes and self-care: [1-9]\d* sent', founded.stdout) is not None,
              why + founded.stdout + founded.stderr)
        own_a = this_computer(run(a, '--devices').stdout)

        wrong = run(a2, '--join', '--partner', 'three')
        check('--partner with anything but 1, 2 or both is refused in plain words, nothing sent',
              wrong.returncode != 0 and '--partner takes 1, 2 or both.' in wrong.stderr and
              run(a, '--devices').stdout.count('waiting to be approved') == 0,
              wrong.stdout + wrong.stderr)

        asked, number, listed, approved, synced = join(run, a2, '1', a)
        check('--join prints the number on a line of its own, as --devices shows it on the other laptop',
              asked.returncode == 0 and FINGERPRINT.match(number) is not None and number in listed.stdout,
              asked.stdout + asked.stderr + listed.stdout)
        check('--approve-device lets it in; its --sync names the approving computer by its number',
              approved.returncode == 0 and synced.returncode == 0 and own_a is not None and
              f'Approved by the computer showing {own_a}.' in synced.stdout,
              approved.stdout + approved.stderr + synced.stdout + synced.stderr + f'\nA is {own_a}')
        check("Annika's second laptop has the names, the note and her answer",
              answer(a2, 0) == ANSWER_A and
              database(a2).execute("SELECT name FROM partners WHERE slot = 1").fetchone()[0] == 'Samira' and
              database(a2).execute('SELECT text FROM conversation_notes').fetchone()[0] == NOTE,
              f'answer: {answer(a2, 0)!r}')

        asked, number, listed, approved, synced = join(run, b, '2', a)
        check("Samira's laptop joins and gets the names and the note, not Annika's answer",
              synced.returncode == 0 and answer(b, 0) is None and
              database(b).execute("SELECT name FROM partners WHERE slot = 0").fetchone()[0] == 'Annika' and
              database(b).execute('SELECT text FROM conversation_notes').fetchone()[0] == NOTE,
              synced.stdout + synced.stderr + f'answer on B: {answer(b, 0)!r}')

        # Samira answers on her laptop (as the app would: the change is noted).
        with database(b) as db:
            db.execute('INSERT INTO answers (prompt_id, slot, text, created_at, updated_at) '
                       'VALUES (?, 1, ?, 2, 2)', (first_prompt(db), ANSWER_B))
        sent = run(b, '--sync')
        got = run(a, '--sync')
        check("once Samira's answer is on the server, Annika's laptop reads it",
              sent.returncode == 0 and got.returncode == 0 and answer(a, 1) == ANSWER_B,
              sent.stdout + sent.stderr + got.stdout + got.stderr)
        run(a, '--sync')
        run(b, '--sync')
        check("and Samira's laptop reads Annika's", answer(b, 0) == ANSWER_A, f'{answer(b, 0)!r}')

        # The server puts back the bucket of the note as it was before a change.
        def change_note():
            with database(a) as db:
                db.execute('UPDATE conversation_notes SET text = ?', (CHANGED,))
            run(a, '--sync')
            run(b, '--sync')

        statuses = put_back_older(root, port, change_note)
        replayed = run(b, '--sync')
        with database(b) as db:
            note_b = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check('an older version the server puts back is refused, said so, and the newer note stays',
              statuses and all(status in (200, 201, 204) for status in statuses) and
              replayed.returncode == 0 and re.search(r'[1-9]\d* refused', replayed.stdout) is not None and
              'an older version put back' in replayed.stdout and note_b == CHANGED,
              f'{statuses}\n' + replayed.stdout + replayed.stderr + f'\nnote on B: {note_b!r}')

        # A recovery code for Annika, made on her laptop; a second one
        # replaces the first.
        replaced = run(a, '--recovery-code').stdout.strip().splitlines()
        made = run(a, '--recovery-code')
        lines = made.stdout.strip().splitlines()
        code = lines[-1] if lines else ''
        check('--recovery-code prints the code on a line of its own, below a line that says to keep it',
              made.returncode == 0 and len(lines) == 2 and CODE.match(code) is not None and
              'write it down or print it, and keep it somewhere safe' in lines[0] and
              "first partner" in lines[0] and len(replaced) == 2 and replaced[-1] != code,
              made.stdout + made.stderr)
        other = run(a, '--recovery-code', '--partner', '2')
        check("a code for the other partner is refused on Annika's laptop",
              other.returncode != 0 and 'only be made on a computer of the partner' in other.stderr,
              other.stdout + other.stderr)

        devices = run(b, '--devices').stdout
        check('--devices lists the three computers, the one it runs on marked',
              len([line for line in devices.splitlines() if FINGERPRINT.match(line[:29])]) == 3 and
              devices.count('this computer') == 1, devices)

        # Annika's second laptop is lost: removed from the first one.
        before = sealed_items(root)
        a2_number = this_computer(run(a2, '--devices').stdout)
        removed = run(a, '--remove-device', a2_number)
        with database(a) as db:
            db.execute('UPDATE conversation_notes SET text = ?', (LATER,))
        after = run(a, '--sync')
        lost = run(a2, '--sync')
        with database(a2) as db:
            note_a2 = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check('a removed laptop is told so in plain words and cannot read what is written afterwards',
              removed.returncode == 0 and after.returncode == 0 and lost.returncode == 0 and
              'was removed from the couple' in lost.stdout and note_a2 == NOTE and
              a2_number not in run(a, '--devices').stdout,
              removed.stdout + removed.stderr + lost.stdout + lost.stderr + f'\nnote on A2: {note_a2!r}')
        run(b, '--sync')
        with database(b) as db:
            note_b = db.execute('SELECT text FROM conversation_notes').fetchone()[0]
        check("Samira's laptop, still one of the couple's, reads it", note_b == LATER, repr(note_b))
        # Every bucket was sealed with keys the lost laptop held (there are no
        # private activities of Samira's here).
        now = sealed_items(root)
        check('after the next syncs of both laptops, no item has a name or a key the removed one knew',
              before and now and not ({name for name, _ in before} & {name for name, _ in now}) and
              not ({key for _, key in before} & {key for _, key in now}),
              f'before: {sorted(before)}\nnow: {sorted(now)}')

        # Annika's laptops are all lost: a new one with her recovery code.
        a3 = profile_env(root, 'a3')
        run(a3, '--sync-account', url, '--user', 'couple', stdin='\n')
        members = len(run(a, '--devices').stdout.splitlines())
        wrong = [run(a3, '--recover', stdin=attempt + '\n')
                 for attempt in (mistyped(code), well_formed_code(code), replaced[-1])]
        check('a mistyped, a wrong and a replaced code are each refused in plain words, nothing changed',
              all(attempt.returncode != 0 for attempt in wrong) and
              'mistyped' in wrong[0].stderr and 'does not open' in wrong[1].stderr and
              'replaced by a newer one' in wrong[2].stderr and
              run(a3, '--devices').returncode != 0 and
              len(run(a, '--devices').stdout.splitlines()) == members,
              '\n'.join(attempt.stdout + attempt.stderr for attempt in wrong))
        recovered = run(a3, '--recover', stdin=code + '\n')
        synced = run(a3, '--sync')
        with database(a3) as db:
            note_a3 = db.execute('SELECT text FROM conversation_notes').fetchone()
        check('--recover with the code, then --sync: the new laptop reads her answer, Samira’s and the note',
              recovered.returncode == 0 and synced.returncode == 0 and answer(a3, 0) == ANSWER_A and
              answer(a3, 1) == ANSWER_B and note_a3 is not None and note_a3[0] == LATER and
              code not in recovered.stdout + recovered.stderr,
              recovered.stdout + recovered.stderr + synced.stdout + synced.stderr +
              f'\nanswers: {answer(a3, 0)!r} {answer(a3, 1)!r}, note: {note_a3!r}')
        listed = run(a, '--devices').stdout
        check('and it is one of the couple’s devices on the others',
              len(listed.splitlines()) == members + 1, listed)

        # A server that answers a PUT without an ETag (nginx makes ETags weak
        # when it compresses): the next --sync knows its own items, and
        # neither refuses nor sends anything again.
        def no_etag_on_put(handler):
            if handler.command != 'PUT':
                return False
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in ('host', 'connection')}
            upstream = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
            upstream.request('PUT', handler.path, body=handler.body, headers=headers)
            answer_ = upstream.getresponse()
            data = answer_.read()
            upstream.close()
            handler.send_response(answer_.status, answer_.reason)
            handler.send_header('Content-Length', str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return True

        proxy = Proxy(port, no_etag_on_put)
        try:
            w = profile_env(root, 'w')
            run(w, '--sync-account', proxy.url, '--user', 'weak', stdin='\n')
            with database(w) as db:
                db.execute('INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, 1)',
                           (first_prompt(db), NOTE))
            first = run(w, '--sync', '--partner', '1')
            before = proxy.requests
            again = run(w, '--sync')
            puts = proxy.requests - before
            check('a server that sends no ETag on PUT: the next --sync refuses nothing and sends nothing again',
                  first.returncode == 0 and again.returncode == 0 and
                  'self-care: 0 sent, 0 received, 0 refused' in again.stdout and 'refused:' not in again.stdout,
                  first.stdout + first.stderr + again.stdout + again.stderr + f'\nrequests: {puts}')
        finally:
            proxy.close()

        found = []
        for folder, _, names in os.walk(os.path.join(root, 'server')):
            for name in names:
                with open(os.path.join(folder, name), 'rb') as f:
                    data = f.read()
                found += [(name, word) for word in ('Annika', 'Samira', ANSWER_A, ANSWER_B, NOTE, LATER, CHANGED,
                                                          code)
                          if word.encode() in data]
        check('the server holds none of the names, answers or the note', found == [], found)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
