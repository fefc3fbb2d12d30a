#!/usr/bin/env python3
"""Every toast is made with closeness_toast_new(), which escapes its title:
libadwaita 1.2 reads toast titles as Pango markup, so a name such as
"A & B <3" passed to adw_toast_new() shows as an empty toast and GTK prints
it in a warning."""
import os
import re
import sys

root = sys.argv[1]
helper = os.path.join('src', 'shared', 'closeness-toast.c')
call = re.compile(r'\badw_toast_new\s*\(')
problems = []

for dirpath, _dirs, files in os.walk(os.path.join(root, 'src')):
    for name in files:
        if not name.endswith('.c'):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        if rel == helper:
            continue
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                if call.search(line):
                    problems.append(f'{rel}:{number}: use closeness_toast_new(), not adw_toast_new()')

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
