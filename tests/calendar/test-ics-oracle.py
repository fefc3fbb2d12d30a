#!/usr/bin/python3
"""Imports every file of tests/calendar/corpus with the real program
(closeness --import-ics, isolated XDG dirs) and compares the occurrences
the app's own expansion produces (printed by the closeness-occurrences
helper) with those of an independent implementation,
python3-recurring-ical-events, over a three-year window. A case the
oracle cannot judge (NAME.expected beside NAME.ics) is compared with the
occurrences written by hand there. Importing a file a second time must add
nothing, and exporting and importing into an empty calendar keeps the
occurrences. The export writes every component the import kept as the
file wrote it, byte for byte, and the oracle reads the same occurrences
from the export as from the original. Prints TAP."""

import datetime
import os
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar
import recurring_ical_events

PROGRAM, HELPER, CORPUS = sys.argv[1:4]
ONLY = sys.argv[4:]

# Floating times and dates are read in the zone of this computer.
LOCAL_ZONE = 'Europe/Berlin'
WINDOW_START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
WINDOW_END = datetime.datetime(2029, 1, 1, tzinfo=datetime.timezone.utc)

count = 0
failed = 0


def check(what, ok, detail=''):
    global count, failed
    count += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {what}")
    if detail and not ok:
        for line in detail.splitlines():
            print(f'#   {line}')


def to_utc(value):
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(LOCAL_ZONE))
    return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def split_periods(calendar):
    """recurring_ical_events 2.0.1 cannot read RDATE;VALUE=PERIOD: each
    period becomes a single event of its own, which is what it means."""
    for component in list(calendar.subcomponents):
        if component.name != 'VEVENT':
            continue
        rdates = component.get('RDATE')
        if rdates is None:
            continue
        rdates = rdates if isinstance(rdates, list) else [rdates]
        kept = []
        for rdate in rdates:
            periods = [d.dt for d in rdate.dts if isinstance(d.dt, tuple)]
            if not periods:
                kept.append(rdate)
                continue
            for start, end in periods:
                single = icalendar.Event()
                single.add('SUMMARY', component.get('SUMMARY'))
                single.add('UID', f"{component.get('UID')}-period-{start.isoformat()}")
                single.add('DTSTART', start)
                if isinstance(end, datetime.timedelta):
                    single.add('DURATION', end)
                else:
                    single.add('DTEND', end)
                calendar.add_component(single)
        del component['RDATE']
        for rdate in kept:
            component.add('RDATE', [d.dt for d in rdate.dts])


def split_rrules(calendar):
    """recurring_ical_events 2.0.1 refuses several RRULEs: each further rule
    becomes a copy of the event with that rule alone; the union of their
    occurrences is what the event means (DTSTART once, see oracle())."""
    for component in list(calendar.subcomponents):
        rrules = component.get('RRULE') if component.name == 'VEVENT' else None
        if not isinstance(rrules, list):
            continue
        del component['RRULE']
        component.add('RRULE', rrules[0])
        for n, rrule in enumerate(rrules[1:]):
            copy = icalendar.Event.from_ical(component.to_ical())
            del copy['RRULE']
            copy.add('RRULE', rrule)
            del copy['UID']
            copy.add('UID', f"{component.get('UID')}\nrrule-{n}")
            calendar.add_component(copy)


def keep_newest_copies(calendar):
    """Of two copies of one UID (and RECURRENCE-ID) the one with the higher
    SEQUENCE is the event (RFC 5546); recurring_ical_events 2.0.1 keeps both
    when their start dates differ."""
    newest = {}
    for component in calendar.subcomponents:
        if component.name != 'VEVENT' or 'UID' not in component:
            continue
        rid = component.get('RECURRENCE-ID')
        key = (str(component['UID']), rid.to_ical() if rid is not None else b'')
        other = newest.get(key)
        if other is None or int(component.get('SEQUENCE', 0)) > int(other.get('SEQUENCE', 0)):
            newest[key] = component
    calendar.subcomponents = [c for c in calendar.subcomponents
                              if c.name != 'VEVENT' or 'UID' not in c or c in
                              [newest[(str(c['UID']), c['RECURRENCE-ID'].to_ical()
                                       if 'RECURRENCE-ID' in c else b'')]]]


def widen_utc_until(calendar):
    """UNTIL is inclusive (RFC 5545, 3.3.10), and Exchange writes it as the
    last start in UTC; recurring_ical_events 2.0.1 (through dateutil) reads
    the occurrences with DTSTART's offset before it corrects them for DST,
    and so leaves out that last occurrence when DST began in between. An
    hour later means the same for the corpus, whose rules repeat at most
    daily."""
    for component in calendar.walk('VEVENT'):
        rrules = component.get('RRULE')
        for rrule in rrules if isinstance(rrules, list) else [rrules] if rrules else []:
            until = rrule.get('UNTIL')
            if until and isinstance(until[0], datetime.datetime) and until[0].tzinfo is not None:
                rrule['UNTIL'] = [until[0] + datetime.timedelta(hours=1)]


def oracle(path):
    with open(path, 'rb') as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    keep_newest_copies(calendar)
    widen_utc_until(calendar)
    split_periods(calendar)
    split_rrules(calendar)
    lines = []
    seen = set()
    for event in recurring_ical_events.of(calendar).between(WINDOW_START, WINDOW_END):
        # A cancelled occurrence is not an evening (RFC 5545 STATUS).
        if str(event.get('STATUS', '')).upper() == 'CANCELLED':
            continue
        start = event['DTSTART'].dt
        if 'DTEND' in event:
            end = event['DTEND'].dt
        elif 'DURATION' in event:
            end = start + event['DURATION'].dt
        elif isinstance(start, datetime.datetime):
            end = start
        else:
            end = start + datetime.timedelta(days=1)
        line = f"{to_utc(start)} {to_utc(end)}"
        key = (str(event.get('UID', '')).split('\n')[0], line)
        if key not in seen or 'UID' not in event:
            seen.add(key)
            lines.append(line)
    return sorted(lines)


def vevent_blocks(data):
    """The VEVENTs directly inside the calendars of @data, as written
    (line ends made CRLF, folding kept)."""
    blocks = []
    current = None
    depth = 0
    for line in data.replace('\r\n', '\n').split('\n'):
        upper = line.upper()
        if upper.startswith('BEGIN:'):
            depth += 1
            if depth == 2 and upper == 'BEGIN:VEVENT':
                current = []
        if current is not None:
            current.append(line)
        if upper.startswith('END:'):
            depth -= 1
            if depth == 1 and current is not None:
                blocks.append('\r\n'.join(current) + '\r\n')
                current = None
    return blocks


def older_copies(data):
    """The VEVENTs another copy with a higher SEQUENCE replaces."""
    calendar = icalendar.Calendar.from_ical(data)
    newest = {}
    for component in calendar.walk('VEVENT'):
        rid = component.get('RECURRENCE-ID')
        key = (str(component.get('UID', '')), rid.to_ical() if rid is not None else b'')
        newest.setdefault(key, []).append(int(component.get('SEQUENCE', 0)))
    return {key: max(values) for key, values in newest.items() if len(values) > 1}


def expected_by_hand(path):
    with open(path) as f:
        return sorted(line.strip() for line in f if line.strip() and not line.startswith('#'))


def closeness_occurrences(env):
    done = subprocess.run([HELPER, str(int(WINDOW_START.timestamp())),
                           str(int(WINDOW_END.timestamp()))],
                          env=env, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        return None, done.stderr
    lines = []
    for line in done.stdout.splitlines():
        summary, start, end = line.split('\t')
        # An instant without length ends where it starts (the app gives it a minute).
        lines.append(f'{start} {end}')
    return sorted(lines), done.stderr


def main():
    names = sorted(n[:-4] for n in os.listdir(CORPUS) if n.endswith('.ics'))
    if ONLY:
        names = [n for n in names if n in ONLY]
    print(f'1..{6 * len(names)}')

    for name in names:
        path = os.path.join(CORPUS, name + '.ics')
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ)
            for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
                env[f'XDG_{kind}_HOME'] = os.path.join(home, kind.lower())
            env['TZ'] = LOCAL_ZONE
            env.pop('DISPLAY', None)
            env.pop('WAYLAND_DISPLAY', None)

            imported = subprocess.run([PROGRAM, '--import-ics', path], env=env,
                                      capture_output=True, text=True, timeout=60)
            check(f'{name}: imported', imported.returncode == 0,
                  imported.stdout + imported.stderr)

            got, errors = closeness_occurrences(env)
            hand = os.path.join(CORPUS, name + '.expected')
            try:
                want = expected_by_hand(hand) if os.path.exists(hand) else oracle(path)
            except Exception as e:
                want = [f'the oracle failed: {e!r}']
            if got is None:
                check(f'{name}: occurrences equal the oracle', False, errors)
            else:
                missing = [line for line in want if line not in got]
                extra = [line for line in got if line not in want]
                check(f'{name}: occurrences equal the oracle ({len(want)})',
                      got == want,
                      f'import said: {imported.stdout.strip()}\n' +
                      ''.join(f'missing {line}\n' for line in missing) +
                      ''.join(f'extra   {line}\n' for line in extra))

            subprocess.run([PROGRAM, '--import-ics', path], env=env,
                           capture_output=True, text=True, timeout=60)
            again, errors = closeness_occurrences(env)
            check(f'{name}: importing again adds nothing', got is not None and again == got,
                  f'{len(got or [])} before, {len(again or [])} after\n{errors}')

            # Exported and imported into an empty calendar, the same occurrences.
            exported = os.path.join(home, 'exported.ics')
            done = subprocess.run([PROGRAM, '--export-ics', exported], env=env,
                                  capture_output=True, text=True, timeout=60)
            other = dict(env)
            other['XDG_DATA_HOME'] = os.path.join(home, 'other')
            subprocess.run([PROGRAM, '--import-ics', exported], env=other,
                           capture_output=True, text=True, timeout=60)
            back, errors = closeness_occurrences(other)
            check(f'{name}: exported and imported again, the same occurrences',
                  done.returncode == 0 and back == got,
                  ''.join(f'missing {line}\n' for line in (got or []) if line not in (back or [])) +
                  ''.join(f'extra   {line}\n' for line in (back or []) if line not in (got or [])) +
                  done.stderr + errors)

            # The export is the file again: nothing the import kept is rewritten.
            with open(path, 'rb') as f:
                original = f.read().decode('utf-8', errors='replace')
            with open(exported, encoding='utf-8') as f:
                written = f.read()
            mine = vevent_blocks(original)
            theirs = vevent_blocks(written)
            replaced = older_copies(original.encode())
            kept = []
            for block in mine:
                component = icalendar.Event.from_ical(block)
                rid = component.get('RECURRENCE-ID')
                key = (str(component.get('UID', '')), rid.to_ical() if rid is not None else b'')
                if key in replaced and int(component.get('SEQUENCE', 0)) < replaced[key]:
                    continue
                kept.append(block)
            rewritten = [b for b in theirs if b not in mine]
            lost = [b for b in kept if b not in theirs]
            check(f'{name}: the export writes the {len(kept)} components as the file had them',
                  not rewritten and not lost,
                  ''.join(f'rewritten:\n{b}' for b in rewritten[:3]) +
                  ''.join(f'lost:\n{b}' for b in lost[:3]))

            try:
                again_want = oracle(exported) if not os.path.exists(hand) else want
            except Exception as e:
                again_want = [f'the oracle failed: {e!r}']
            check(f'{name}: the oracle reads the export as the original',
                  again_want == want,
                  ''.join(f'missing {line}\n' for line in want if line not in again_want) +
                  ''.join(f'extra   {line}\n' for line in again_want if line not in want))

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
