#!/usr/bin/env python3
# bench-startup.py: time from exec to the first frame, and peak RSS, for
# Closeness and the floor program, launched alternately, on an empty profile
# and on the generated ten-year database: the start-up guard. Both programs
# report their own first frame (bench-first-frame.c).
#
# With --first-draw, the same programs and the GNOME apps a person would
# compare Closeness with (Calendar, Text Editor, when installed) are then
# measured from outside, one method for all: exec until the first window is
# mapped and drawn, and peak RSS then (closeness-first-draw).
#
#   bench-startup.py --closeness BIN --floor BIN --generator BIN --schema-dir DIR
#                    [--pairs N] [--callgrind SCRIPT]
#                    [--first-draw BIN --product BIN] [--also LABEL=BIN ...]
#
# Expects to run inside `xvfb-run -a -s "-screen 0 1920x1200x24" dbus-run-session`
# (`build-aux/dev bench` does that). A measurement, not a test: exits 0 whether
# the bars are met or not, unless it could not measure at all.
#
# Copyright 2026 The Closeness developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# The guard (issue 17): (start-up ratio, extra peak RSS in MiB)
BARS = {
    'empty': (1.35, 25.0),
    'ten-years': (1.35, 40.0),
}

# GNOME's own apps, measured beside Closeness when installed (Debian packages
# gnome-calendar and gnome-text-editor; build-aux/dev bench installs them).
PEERS = [
    ('GNOME Calendar', 'gnome-calendar'),
    ('GNOME Text Editor', 'gnome-text-editor'),
]

FIXED_ENV = {
    'GDK_DEBUG': 'gl-disable',
    'GSK_RENDERER': 'cairo',
    'GSETTINGS_BACKEND': 'memory',
    'CLOSENESS_SKIP_WELCOME': '1',
    'NO_AT_BRIDGE': '1',
    'TZ': 'Europe/Berlin',
    'LANG': 'C.UTF-8',
    'LC_ALL': 'C.UTF-8',
}


def make_env(profile_dir, schema_dir):
    env = dict(os.environ)
    # Nothing of the person's own session may leak into either program.
    for key in ('G_MESSAGES_DEBUG', 'GTK_DEBUG', 'GTK_THEME', 'LANGUAGE', 'GTK_A11Y'):
        env.pop(key, None)
    env.update(FIXED_ENV)
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        path = os.path.join(profile_dir, name.lower())
        os.makedirs(path, mode=0o700, exist_ok=True)
        env['XDG_%s_HOME' % name] = path
    return env


def launch(program, env, timeout=120):
    """Returns (microseconds from exec to first frame, peak RSS in KiB)."""
    for attempt in range(3):
        try:
            return launch_once(program, env, timeout)
        except RuntimeError as error:
            # Xvfb now and then refuses a connection on a loaded machine;
            # say so and measure that launch again.
            print('#   retrying: %s' % str(error).strip().replace('\n', ' '), flush=True)
    return launch_once(program, env, timeout)


def launch_once(program, env, timeout):
    env = dict(env)
    env['CLOSENESS_BENCH_FIRST_FRAME'] = '1'
    # CLOCK_MONOTONIC, the clock g_get_monotonic_time() reads in the child.
    start = time.monotonic_ns() // 1000
    proc = subprocess.run([program], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout, text=True)
    frame = rss = None
    for line in proc.stdout.splitlines():
        if line.startswith('first-frame '):
            frame = int(line.split()[1])
        elif line.startswith('peak-rss-kib '):
            rss = int(line.split()[1])
    if frame is None or rss is None:
        raise RuntimeError('%s printed no first frame (exit %d):\n%s' %
                           (os.path.basename(program), proc.returncode, proc.stderr[-2000:]))
    return frame - start, rss


def run_pairs(label, closeness, floor, env, pairs):
    rows = []
    # One launch of each first, not counted: the first exec pulls the
    # binaries and libraries into the page cache, and Closeness brings the
    # database up to date (schema, built-in prompts) as on any first start.
    launch(closeness, env)
    launch(floor, env)
    for i in range(pairs):
        # Alternate who goes first so neither always runs on a warmer cache.
        if i % 2 == 0:
            c = launch(closeness, env)
            f = launch(floor, env)
        else:
            f = launch(floor, env)
            c = launch(closeness, env)
        rows.append((c, f))
        print('#   %-9s pair %2d: closeness %7.1f ms %6.1f MiB | floor %7.1f ms %6.1f MiB | '
              'ratio %.2f' % (label, i + 1, c[0] / 1000, c[1] / 1024, f[0] / 1000, f[1] / 1024,
                              c[0] / f[0]), flush=True)
    return rows


def summarize(label, rows):
    c_ms = [c[0] / 1000 for c, _ in rows]
    f_ms = [f[0] / 1000 for _, f in rows]
    c_mib = [c[1] / 1024 for c, _ in rows]
    f_mib = [f[1] / 1024 for _, f in rows]
    ratios = [c[0] / f[0] for c, f in rows]
    return {
        'label': label,
        'pairs': len(rows),
        'closeness_ms': statistics.median(c_ms),
        'floor_ms': statistics.median(f_ms),
        'ratios': ratios,
        'ratio': statistics.median(ratios),
        'closeness_mib': statistics.median(c_mib),
        'floor_mib': statistics.median(f_mib),
        'extra_mib': statistics.median([a - b for a, b in zip(c_mib, f_mib)]),
    }


def callgrind(script, program, env, out_dir, name):
    if script is None or shutil.which('valgrind') is None:
        return None
    out = os.path.join(out_dir, 'callgrind.%s.out' % name)
    proc = subprocess.run([script, out, program], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=1200)
    for line in proc.stdout.splitlines():
        if line.startswith('total-ir '):
            return int(line.split()[1])
    print('# callgrind of %s failed:\n%s' % (name, proc.stdout[-2000:]))
    return None


def draw_once(first_draw, command, env, timeout=120):
    """Returns (microseconds from exec until the first window is drawn,
    until it is mapped, peak RSS in KiB then, until it stopped drawing (fully
    drawn), peak RSS in KiB one second after the first drawing), seen from
    outside."""
    for attempt in range(3):
        proc = subprocess.run([first_draw] + command, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, text=True)
        values = dict(line.split() for line in proc.stdout.splitlines() if ' ' in line)
        if proc.returncode == 0 and 'drawn-us' in values:
            return (int(values['drawn-us']), int(values['mapped-us']),
                    int(values['peak-rss-kib']), int(values.get('settled-us', -1)),
                    int(values.get('peak-rss-1s-kib', -1)))
        print('#   retrying %s: %s' % (command[0], proc.stderr.strip()[-300:].replace('\n', ' ')),
              flush=True)
    raise RuntimeError('%s drew no window' % command[0])


def run_outside(args, profiles):
    """Every program once per round, in an order that turns every round."""
    programs = [('floor', 'empty', [args.floor])]
    if args.product:
        programs += [('Closeness', 'empty', [args.product]),
                     ('Closeness', 'ten-years', [args.product])]
    for also in args.also:
        label, _, path = also.partition('=')
        programs.append((label, 'empty', [path]))
    for label, program in PEERS:
        path = shutil.which(program)
        if path:
            programs.append((label, 'empty', [path]))
        else:
            print('# %s is not installed (apt-get install %s): not measured' % (label, program))

    print('# from outside: exec -> first window mapped and drawn (XDamage, more than one '
          'colour), peak RSS = VmHWM then; %d rounds, every program once per round' % args.pairs,
          flush=True)
    # One uncounted launch each: page cache, D-Bus activation of the
    # services the peers use (evolution-data-server for GNOME Calendar).
    for label, profile, command in programs:
        draw_once(args.first_draw, command, profiles[profile])
    rows = {(label, profile): [] for label, profile, _ in programs}
    for i in range(args.pairs):
        shift = i % len(programs)
        for label, profile, command in programs[shift:] + programs[:shift]:
            rows[(label, profile)].append(draw_once(args.first_draw, command, profiles[profile]))
        print('#   round %2d: %s' % (i + 1, ' | '.join(
            '%s %s %.0f ms' % (label, profile, rows[(label, profile)][-1][0] / 1000)
            for label, profile, _ in programs)), flush=True)
    return rows


def print_outside(rows, pairs):
    floor = rows[('floor', 'empty')]
    print()
    print('First window drawn, seen from outside (medians of %d rounds, same run)' % pairs)
    print('%-20s %-10s %9s %9s %9s %8s %9s' %
          ('program', 'profile', 'mapped ms', 'drawn ms', 'x floor', 'MiB', '+MiB'))
    for (label, profile), values in rows.items():
        ratios = [v[0] / f[0] for v, f in zip(values, floor)]
        extra = [(v[2] - f[2]) / 1024 for v, f in zip(values, floor)]
        print('%-20s %-10s %9.1f %9.1f %9.2f %8.1f %9.1f' %
              (label, profile, statistics.median(v[1] for v in values) / 1000,
               statistics.median(v[0] for v in values) / 1000, statistics.median(ratios),
               statistics.median(v[2] for v in values) / 1024, statistics.median(extra)))
    # What a person sees: the window fully drawn (the last drawing before
    # it stayed still), against the floor's first drawing; memory one
    # second in. Goals of issue 17: <= 1.4x and <= floor + 15 MiB.
    print()
    print('Fully drawn and memory one second in (medians of %d rounds, same run)' % pairs)
    print('%-20s %-10s %11s %16s %10s %11s' %
          ('program', 'profile', 'settled ms', 'x floor drawn', 'MiB at 1s', '+MiB at 1s'))
    for (label, profile), values in rows.items():
        settled = [v[3] / f[0] for v, f in zip(values, floor) if v[3] > 0]
        extra = [(v[4] - f[4]) / 1024 for v, f in zip(values, floor) if v[4] > 0 and f[4] > 0]
        print('%-20s %-10s %11.1f %16.2f %10.1f %11.1f' %
              (label, profile, statistics.median(v[3] for v in values) / 1000,
               statistics.median(settled) if settled else float('nan'),
               statistics.median(v[4] for v in values) / 1024,
               statistics.median(extra) if extra else float('nan')))
    for (label, profile), values in rows.items():
        if label != 'Closeness':
            continue
        name = 'closeness-%s' % profile
        print('RESULT settled-%s-ratio %.3f x <=1.4' %
              (name, statistics.median(v[3] / f[0] for v, f in zip(values, floor))))
        print('RESULT rss-1s-%s-extra %.1f MiB <=15' %
              (name, statistics.median((v[4] - f[4]) / 1024 for v, f in zip(values, floor))))
    for (label, profile), values in rows.items():
        name = '%s-%s' % (label.lower().replace(' ', '-'), profile)
        print('RESULT outside-%s-drawn-ms %.1f ms -' %
              (name, statistics.median(v[0] for v in values) / 1000))
        print('RESULT outside-%s-ratio %.3f x -' %
              (name, statistics.median(v[0] / f[0] for v, f in zip(values, floor))))
        print('RESULT outside-%s-rss %.1f MiB -' %
              (name, statistics.median(v[2] for v in values) / 1024))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--closeness', required=True)
    parser.add_argument('--floor', required=True)
    parser.add_argument('--generator', required=True)
    parser.add_argument('--schema-dir', required=True)
    parser.add_argument('--pairs', type=int,
                        default=int(os.environ.get('CLOSENESS_BENCH_PAIRS', '25')))
    parser.add_argument('--callgrind')
    parser.add_argument('--first-draw')
    parser.add_argument('--product')
    parser.add_argument('--also', action='append', default=[],
                        help='LABEL=PROGRAM, measured from outside beside the others')
    parser.add_argument('--keep', action='store_true')
    args = parser.parse_args()

    if args.pairs < 10:
        parser.error('at least 10 pairs')
    if 'DISPLAY' not in os.environ:
        print('start-up benchmark skipped: no display (run it with build-aux/dev bench)')
        return 0
    if os.environ.get('CLOSENESS_BENCH_CALLGRIND', '1') == '0':
        args.callgrind = None

    work = tempfile.mkdtemp(prefix='closeness-bench-startup-')
    results = []
    irs = {}
    outside = None
    try:
        profiles = {}
        profiles['empty'] = make_env(os.path.join(work, 'empty'), args.schema_dir)
        ten_env = make_env(os.path.join(work, 'ten-years'), args.schema_dir)
        db_dir = os.path.join(ten_env['XDG_DATA_HOME'], 'closeness')
        os.makedirs(db_dir, mode=0o700, exist_ok=True)
        started = time.monotonic()
        gen = subprocess.run([args.generator, os.path.join(db_dir, 'closeness.db')],
                             env=ten_env, stdout=subprocess.PIPE, text=True, check=True)
        print('# ten-year database (%.1f s): %s' % (time.monotonic() - started,
                                                    gen.stdout.strip()))
        profiles['ten-years'] = ten_env

        print('# environment of both programs: %s' %
              ' '.join('%s=%s' % kv for kv in sorted(FIXED_ENV.items())))
        print('# plus private XDG_DATA/CONFIG/CACHE/STATE_HOME per profile, '
              'GSETTINGS_SCHEMA_DIR=<build>/data; display %s, D-Bus %s' %
              (os.environ.get('DISPLAY'),
               'private session' if 'DBUS_SESSION_BUS_ADDRESS' in os.environ else 'none'))
        print('# %d pairs per profile, launched alternately (order flipped every pair); '
              'time = parent CLOCK_MONOTONIC before exec -> child after-paint of frame 1'
              % args.pairs, flush=True)

        for label, env in profiles.items():
            rows = run_pairs(label, args.closeness, args.floor, env, args.pairs)
            results.append(summarize(label, rows))

        if args.first_draw:
            outside = run_outside(args, profiles)

        if args.callgrind:
            print('# callgrind: instructions from exec to the first frame (slow)...', flush=True)
            for label, env in profiles.items():
                irs[('closeness', label)] = callgrind(args.callgrind, args.closeness, env, work,
                                                      'closeness-' + label)
            irs[('floor', 'empty')] = callgrind(args.callgrind, args.floor, profiles['empty'],
                                                work, 'floor')
    finally:
        if args.keep:
            print('# kept %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print('Start-up to first frame (medians of %d pairs, same run)' % args.pairs)
    print('%-10s %12s %10s %11s %11s %12s %10s %9s %6s %6s' %
          ('profile', 'closeness ms', 'floor ms', 'ratio(med)', 'bar', 'closeness MiB',
           'floor MiB', 'extra MiB', 'bar', ''))
    for r in results:
        bar_ratio, bar_mib = BARS[r['label']]
        t_ok = r['ratio'] <= bar_ratio
        m_ok = r['extra_mib'] <= bar_mib
        print('%-10s %12.1f %10.1f %11.2f %5s %5s %12.1f %10.1f %9.1f %5s %4s' %
              (r['label'], r['closeness_ms'], r['floor_ms'], r['ratio'],
               '<=%.2f' % bar_ratio, 'PASS' if t_ok else 'FAIL',
               r['closeness_mib'], r['floor_mib'], r['extra_mib'],
               '<=%g' % bar_mib, 'PASS' if m_ok else 'FAIL'))
    for r in results:
        print('%-10s ratio per pair: %s' % (r['label'], ' '.join('%.2f' % x for x in r['ratios'])))
    for r in results:
        bar_ratio, bar_mib = BARS[r['label']]
        print('RESULT startup-%s-ratio %.3f x <=%.2f' % (r['label'], r['ratio'], bar_ratio))
        print('RESULT startup-%s-closeness-ms %.1f ms -' % (r['label'], r['closeness_ms']))
        print('RESULT startup-%s-floor-ms %.1f ms -' % (r['label'], r['floor_ms']))
        print('RESULT startup-%s-extra-rss %.1f MiB <=%g' % (r['label'], r['extra_mib'], bar_mib))
    if irs:
        print()
        print('Instructions to first frame (callgrind, Ir)')
        for (prog, label), ir in irs.items():
            print('%-10s %-10s %s' % (prog, label, '{:,}'.format(ir) if ir else 'n/a'))
        floor_ir = irs.get(('floor', 'empty'))
        for (prog, label), ir in irs.items():
            if ir:
                print('RESULT callgrind-%s-%s %d Ir -' % (prog, label, ir))
            if prog == 'closeness' and ir and floor_ir:
                print('%-10s %-10s %.2fx floor' % (prog, label, ir / floor_ir))
    elif args.callgrind is not None:
        print('# callgrind skipped: valgrind is not installed')
    if outside:
        print_outside(outside, args.pairs)

    return 0


if __name__ == '__main__':
    sys.exit(main())
