#!/usr/bin/env python3
"""Every source file with translatable strings is in po/POTFILES.in, the list is
sorted, and every listed file exists."""
import os
import re
import sys

root = sys.argv[1]
potfiles_path = os.path.join(root, 'po', 'POTFILES.in')

with open(potfiles_path, encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

problems = []
if listed != sorted(listed):
    problems.append('po/POTFILES.in is not sorted')
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f'po/POTFILES.in lists {path}, which does not exist')

C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(')
UI_MARKER = re.compile(r'translatable="yes"')
needed = set()
for folder in ('src', 'data'):
    for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            try:
                with open(path, encoding='utf-8') as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue
            if name.endswith(('.c', '.h')) and C_MARKERS.search(text):
                needed.add(rel)
            elif name.endswith('.ui') and UI_MARKER.search(text):
                needed.add(rel)
            elif name.endswith(('.desktop', '.desktop.in', '.metainfo.xml.in', '.gschema.xml',
                                '.prompts.xml', '.articles.xml')):
                needed.add(rel)
for name in os.listdir(root):
    if name.endswith('.desktop'):
        needed.add(name)

for rel in sorted(needed - set(listed)):
    problems.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

if problems:
    print('\n'.join(problems))
    sys.exit(1)
print(f'{len(listed)} files in POTFILES.in, all present and sorted')
