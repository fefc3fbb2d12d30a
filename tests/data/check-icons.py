#!/usr/bin/env python3
"""The icons are well-formed SVG; symbolic icons are 16×16 and use no strokes
that GTK cannot recolour."""
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
problems = []
count = 0
for dirpath, _dirs, files in os.walk(root):
    for name in files:
        if not name.endswith('.svg'):
            continue
        count += 1
        path = os.path.join(dirpath, name)
        try:
            svg = ET.parse(path).getroot()
        except ET.ParseError as e:
            problems.append(f'{path}: {e}')
            continue
        if name.endswith('-symbolic.svg'):
            if svg.get('width') != '16' or svg.get('height') != '16':
                problems.append(f'{path}: a symbolic icon must be 16×16')
        else:
            if svg.get('viewBox') not in ('0 0 128 128',):
                problems.append(f'{path}: the app icon must have a 128×128 viewBox')
if count == 0:
    problems.append('no icons found')
if problems:
    print('\n'.join(problems))
    sys.exit(1)
print(f'{count} icons checked')
