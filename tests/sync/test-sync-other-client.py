#!/usr/bin/python3
"""Another CalDAV client (python3-caldav, as a phone's calendar app would)
and Closeness share a calendar on Radicale or Xandikos
(CLOSENESS_TEST_SERVER): the other client's evening,
with a place, a category and two alarms, arrives with both reminders;
changed in Closeness, it keeps its place, category and alarms when the
other client reads it back; and what Closeness planned reads correctly
there.

Usage: test-sync-other-client.py PROGRAM. Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile

import caldav

PROGRAM = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synctest import check, profile_env, server_kind, start_server  # noqa: E402
import synctest  # noqa: E402

PHONE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Phone//Calendar 1.0//EN
BEGIN:VEVENT
UID:phone-concert-3f1a@example.org
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Berlin:20261222T183000
DTEND;TZID=Europe/Berlin:20261222T203000
SUMMARY:Concert
LOCATION:Town hall
CATEGORIES:Music
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Concert
TRIGGER:-PT30M
END:VALARM
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Concert
TRIGGER:-P1D
END:VALARM
END:VEVENT
END:VCALENDAR
"""


def main():
    print('1..4')
    root = tempfile.mkdtemp(prefix='closeness-other-client-')
    server, port = start_server(server_kind(), root)
    try:
        url = f'http://127.0.0.1:{port}/'
        a = profile_env(root, 'a')

        # Closeness makes the "Closeness" calendar; the phone writes into it.
        setup = subprocess.run([PROGRAM, '--sync-account', url, '--user', 'couple', '--calendar-only'], env=a,
                               input='\n', text=True, capture_output=True)
        client = caldav.DAVClient(url=url, username='couple', password='any')
        calendar = [c for c in client.principal().calendars() if c.name == 'Closeness'][0]
        calendar.save_event(PHONE)
        got = subprocess.run([PROGRAM, '--sync'], env=a, capture_output=True, text=True)
        exported = os.path.join(root, 'a.ics')
        subprocess.run([PROGRAM, '--export-ics', exported], env=a, capture_output=True)
        with open(exported, encoding='utf-8') as f:
            text = f.read()
        check('the phone\'s evening arrives with its place and both alarms',
              setup.returncode == 0 and got.returncode == 0 and 'SUMMARY:Concert' in text and
              'LOCATION:Town hall' in text and text.count('BEGIN:VALARM') == 2,
              setup.stderr + got.stdout + got.stderr + text[-800:])

        # Changed in Closeness (an import of the same uid stands in for the editor).
        changed = os.path.join(root, 'changed.ics')
        with open(changed, 'w') as f:
            f.write(PHONE.replace('SUMMARY:Concert', 'SUMMARY:Concert with Sam'))
        subprocess.run([PROGRAM, '--import-ics', changed], env=a, capture_output=True)
        sent = subprocess.run([PROGRAM, '--sync'], env=a, capture_output=True, text=True)
        event = calendar.event_by_uid('phone-concert-3f1a@example.org')
        data = event.data
        check('the change reaches the phone with place, category and alarms kept',
              sent.returncode == 0 and 'SUMMARY:Concert with Sam' in data and
              'LOCATION:Town hall' in data and 'CATEGORIES:Music' in data and
              'TRIGGER:-PT30M' in data and 'TRIGGER:-P1D' in data,
              sent.stdout + sent.stderr + data)

        # Planned in Closeness, read by the phone.
        ours = os.path.join(root, 'ours.ics')
        with open(ours, 'w') as f:
            f.write('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n'
                    'UID:planned-here@closeness.test\r\nDTSTAMP:20261201T090000Z\r\n'
                    'DTSTART;TZID=Europe/Berlin:20261224T190000\r\nDURATION:PT2H\r\n'
                    'SUMMARY:Christmas Eve dinner\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')
        subprocess.run([PROGRAM, '--import-ics', ours], env=a, capture_output=True)
        subprocess.run([PROGRAM, '--sync'], env=a, capture_output=True)
        mine = calendar.event_by_uid('planned-here@closeness.test')
        vevent = mine.vobject_instance.vevent
        check('an evening planned in Closeness reads correctly in the other client',
              vevent.summary.value == 'Christmas Eve dinner' and
              vevent.dtstart.value.strftime('%Y-%m-%d %H:%M') == '2026-12-24 19:00',
              mine.data)

        # The phone deletes it; Closeness follows.
        mine.delete()
        subprocess.run([PROGRAM, '--sync'], env=a, capture_output=True)
        subprocess.run([PROGRAM, '--export-ics', exported], env=a, capture_output=True)
        with open(exported, encoding='utf-8') as f:
            text = f.read()
        check('deleted on the phone, gone in Closeness', 'Christmas Eve dinner' not in text and
              'Concert with Sam' in text, text[-600:])
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if synctest.failed else 0


if __name__ == '__main__':
    sys.exit(main())
