#!/usr/bin/python3
"""What end-to-end encryption costs couple sync: the ten-year profile's
initial sync and one change, with the engine as built (encrypted) and as
built for this benchmark only without encryption, in alternating rounds
on this machine; medians and ratios. Goal (issue 21): encryption adds at
most 10 % to the plaintext time.

Both builds use the same keys in every round (CLOSENESS_BENCH_KEYS, a
file the first run writes): the couple key decides which bucket each record
travels in, so with the keys of their own the two builds would send buckets
of different sizes for the same change.

Usage: bench-couple-overhead.py ENCRYPTED PLAINTEXT [ROUNDS]"""

import os
import statistics
import subprocess
import sys
import tempfile

encrypted, plaintext = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
names = ['initial sync, A sends (s)', 'initial sync, B receives (s)',
         'one change, A sends (s, median of 31 in a round)',
         'one change, B receives (s, median of 31 in a round)',
         'first change after the initial sync, A sends (s)',
         'first change after the initial sync, B receives (s)']
runs = {encrypted: [], plaintext: []}
keys_dir = tempfile.TemporaryDirectory(prefix='closeness-bench-keys-')
keys = os.path.join(keys_dir.name, 'keys')
for r in range(rounds):
    for program in (plaintext, encrypted) if r % 2 else (encrypted, plaintext):
        # One change is sent and received 31 times in each round (its median
        # is the round's figure): one sample each is too noisy to compare.
        env = dict(os.environ, CLOSENESS_BENCH_CHANGES=os.environ.get('CLOSENESS_BENCH_CHANGES', '31'),
                   CLOSENESS_BENCH_KEYS=keys)
        out = subprocess.run([program], capture_output=True, text=True, check=True, env=env).stdout
        line = [l for l in out.splitlines() if l.startswith('# figures:')][0]
        runs[program].append([float(x) for x in line.split(':')[1].split()])
        print(f'# round {r + 1}, {"encrypted" if program == encrypted else "plaintext"}: {line[11:]}',
              flush=True)

print(f'\n| median of {rounds} | encrypted | plaintext | ratio |\n| --- | ---: | ---: | ---: |')
for i, name in enumerate(names):
    e = statistics.median(run[i] for run in runs[encrypted])
    p = statistics.median(run[i] for run in runs[plaintext])
    print(f'| {name} | {e:.3f} | {p:.3f} | {e / p:.2f}× |')
