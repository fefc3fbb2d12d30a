#!/usr/bin/env python3
"""Source strings use US English (GNOME's convention), and the Spanish
translation never uses the Spain-only "vosotros" forms (it speaks to one
person with "tú" and of the couple impersonally, which reads well everywhere).
Reads the msgids of the template extracted from POTFILES.in and the msgstrs
of es.po; prints every offending message."""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]

# British spellings and their US forms; matched at word boundaries, any case.
BRITISH = {
    r'favourit\w*': 'favorite', r'colour\w*': 'color', r'counsell\w*': 'counsel…',
    r'cancell(?:ed|ing)': 'canceled', r'behaviour\w*': 'behavior',
    r'organis\w*': 'organiz…', r'recognis\w*': 'recogniz…', r'prioritis\w*': 'prioritiz…',
    r'apologis\w*': 'apologiz…', r'realis(?:e|ed|es|ing)': 'realiz…',
    r'personalis\w*': 'personaliz…', r'customis\w*': 'customiz…',
    r'summaris\w*': 'summariz…', r'emphasis(?:e|ed|es|ing)': 'emphasiz…',
    r'centre\w*': 'center', r'honour\w*': 'honor', r'labour\w*': 'labor',
    r'neighbour\w*': 'neighbor', r'humour\w*': 'humor', r'judgement\w*': 'judgment',
    r'programme\w*': 'program', r'licence': 'license', r'travell\w*': 'travel…',
    r'analys(?:e|ed|es|ing)': 'analyz…', r'fulfil(?:s|ment)?': 'fulfill',
    r'catalogue\w*': 'catalog', r'dialogue\w*': 'dialog', r'grey': 'gray',
    r'practise\w*': 'practice', r'defence': 'defense', r'offence': 'offense',
    r'endeavour\w*': 'endeavor', r'savour\w*': 'savor', r'rumour\w*': 'rumor',
    r'towards': 'toward', r'per cent': 'percent', r'flatmates?': 'roommate',
    r'whilst': 'while', r'amongst': 'among', r'learnt': 'learned',
}
# Proper names keep their own spelling.
PROPER_NAMES = [
    'British Association for Counselling and Psychotherapy',
    'WHO guidelines on physical activity and sedentary behaviour',
]
british_re = re.compile(r'\b(?:' + '|'.join(BRITISH) + r')\b', re.IGNORECASE)

# Vosotros verb forms and possessives; "os" as an object pronoun next to a verb.
VOSOTROS = [
    'habéis', 'tenéis', 'podéis', 'queréis', 'sois', 'estáis', 'sabéis', 'hacéis',
    'decís', 'vais', 'veis', 'creéis', 'sentís', 'vivís', 'elegís', 'preferís',
    'necesitáis', 'habláis', 'pasáis', 'usáis', 'encontráis', 'quedáis', 'soléis',
    'vuestro', 'vuestra', 'vuestros', 'vuestras', 'vosotros', 'vosotras',
    'habíais', 'teníais', 'podríais', 'querríais', 'estabais', 'erais', 'fuisteis',
    'hicisteis', 'disteis', 'estuvisteis', 'tuvisteis', 'pudisteis',
    # imperatives, and infinitives with "os" attached
    'hablad', 'mirad', 'elegid', 'probad', 'decid', 'haced', 'tomad', 'escribid', 'pensad',
    'recordad', 'contad', 'escuchad', 'buscad', 'elegidlo', 'elegidla', 'probadlo',
    'ayudaros', 'veros', 'deciros', 'contaros', 'preguntaros', 'pediros', 'recordaros',
    'animaros', 'cuidaros', 'quereros', 'sentiros', 'tomaros', 'daros', 'haceros',
    'escucharos', 'tocaros', 'abrazaros', 'besaros', 'hablaros',
]
vosotros_re = re.compile(
    r'\b(?:' + '|'.join(VOSOTROS) + r')\b'
    r'|\b\w+(?:áis|éis)\b'                    # present and subjunctive -áis/-éis
    r'|\b\w+(?:aos|eos|íos)\b(?<!\bdios)(?<!\bpíos)(?<!\bríos)(?<!\btíos)(?<!\bmíos)'
    r'(?<!\bfeos)(?<!\bdeseos)(?<!\bpaseos)(?<!\bcorreos)(?<!\bcaos)(?<!\bvíos)'
    r'|\bos\s+(?!\d)\w+',                      # "os + verb": os apetece, os ayudará
    re.IGNORECASE)
# Words ending like vosotros forms that are not (plurals, nouns, the abbreviation "os").
NOT_VOSOTROS = re.compile(r'^(?:seis|deis|reis|bebéis|veinteis)$', re.IGNORECASE)


def po_entries(path):
    """Yields (msgid, msgstr) pairs; plural forms are joined."""
    out = subprocess.run(['msgcat', '--no-wrap', '--no-location', path],
                         capture_output=True, text=True, check=True).stdout
    entry, key = {}, None
    for line in out.splitlines() + ['']:
        if line.startswith('#~') or line.startswith('#'):
            continue
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            key = 'msgid' if m.group(1).startswith('msgid') else \
                  'msgstr' if m.group(1).startswith('msgstr') else 'ctx'
            entry[key] = entry.get(key, '') + ' ' + m.group(2)
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]
        elif not line.strip():
            if entry.get('msgid', '').strip():
                yield entry['msgid'], entry.get('msgstr', '')
            entry, key = {}, None


def unescape(s):
    return s.replace('\\n', ' ').replace('\\"', '"')


failures = 0
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    files = [l.strip() for l in f if l.strip() and not l.startswith('#')]
env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, 'po'))
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'closeness.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--keyword=_', '--keyword=N_',
                    '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dngettext:2,3',
                    '-o', pot, *files], cwd=root, env=env, check=True)
    for msgid, _ in po_entries(pot):
        text = unescape(msgid)
        for name in PROPER_NAMES:
            text = text.replace(name, '')
        for m in british_re.finditer(text):
            failures += 1
            print(f'British spelling "{m.group(0)}" in msgid: {text.strip()[:100]}')
        # "%e" pads the day with a space ("  6 December"): dates use "%-d".
        if re.search(r'%[-_0^#]?e', text) and '%' in text:
            failures += 1
            print(f'padded day "%e" in a date format: {text.strip()[:100]} (use %-d)')

for lang in ('de', 'es'):
    for msgid, msgstr in po_entries(os.path.join(root, 'po', lang + '.po')):
        if re.search(r'%e\b', unescape(msgstr)):
            failures += 1
            print(f'{lang}.po: padded day "%e" in: {unescape(msgstr).strip()[:100]} (use %-d)')

for msgid, msgstr in po_entries(os.path.join(root, 'po', 'es.po')):
    text = unescape(msgstr)
    for m in vosotros_re.finditer(text):
        if NOT_VOSOTROS.match(m.group(0)):
            continue
        failures += 1
        print(f'es.po: vosotros form "{m.group(0)}" in: {text.strip()[:100]}')

if failures:
    print(f'{failures} wording problems: use US spellings in source strings, '
          'no vosotros forms in Spanish, no space-padded days in dates')
    sys.exit(1)
print('wording: US English source strings, no vosotros forms in es.po')
