#!/usr/bin/env python3
"""A translation is complete: it covers every message of a freshly extracted
template, with no untranslated, fuzzy or obsolete-only entries, and msgfmt
accepts it with --check."""
import os
import subprocess
import sys
import tempfile

po_path, root = sys.argv[1], sys.argv[2]
lang = os.path.splitext(os.path.basename(po_path))[0]

with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    files = [l.strip() for l in f if l.strip() and not l.startswith('#')]

env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, 'po'))
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'closeness.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments=Translators',
                    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                    '--keyword=g_dngettext:2,3', '--flag=g_strdup_printf:1:c-format',
                    '-o', pot, *files], cwd=root, env=env, check=True)
    merged = os.path.join(tmp, f'{lang}.po')
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po_path, pot],
                   check=True)
    subprocess.run(['msgfmt', '--check', '-o', os.devnull, merged], check=True)
    stats = subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, merged],
                           capture_output=True, text=True, check=True).stderr.strip()

# msgfmt says e.g. "12 translated messages, 1 fuzzy translation, 2 untranslated messages."
print(f'{lang}: {stats}')
if 'fuzzy' in stats or 'untranslated' in stats:
    print(f'{lang} is not complete: translate every message and clear the fuzzy flags')
    sys.exit(1)
