#!/usr/bin/env python3
"""check-poison.py - no source may call a GLib function that
portos/glib-compat.h poisons.

The header's `#pragma GCC poison` only refuses the names in files that
include it; this check covers every C file under the given folders. The
names come from the header itself, so the two cannot drift apart. Comments
and string literals are ignored. Prints one `file:line: ...` per use and
exits 1 if there is any.

usage: check-poison.py HEADER ROOT DIR...   (DIRs relative to ROOT)
"""
import os
import re
import sys
import tempfile

C_SUFFIXES = ('.c', '.h', '.inc')


def poisoned_names(header):
    names = []
    with open(header, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'\s*#\s*pragma\s+GCC\s+poison\s+(.*)', line)
            if m:
                names += m.group(1).split()
    return names


def code_only(text):
    """@text with comments and string/char literals blanked out; newlines
    are kept so line numbers stay right."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append('\n' * text.count('\n', i, j))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def uses(path, pattern):
    """(line, name) of every use of a poisoned name in @path."""
    with open(path, encoding='utf-8', errors='replace') as f:
        code = code_only(f.read())
    for m in pattern.finditer(code):
        yield code.count('\n', 0, m.start()) + 1, m.group(1)


def c_files(root, dirs, skip):
    for d in dirs:
        for top, subdirs, files in os.walk(os.path.join(root, d)):
            subdirs.sort()
            for name in sorted(files):
                path = os.path.join(top, name)
                if name.endswith(C_SUFFIXES) and \
                        os.path.realpath(path) != skip:
                    yield path


def self_test(pattern):
    """The scanner finds a real call and nothing in comments, strings or
    longer names; a check that found nothing here could not fail."""
    planted = ('/* g_list_sort() in a comment */\n'
               '// g_list_sort(l, cmp);\n'
               'const char *s = "g_list_sort(";\n'
               'l = portos_g_list_sort(l, cmp);\n'
               'g_ptr_array_sort_with_data(a, cmp, NULL);\n'
               'l = g_list_sort (l, cmp);\n')
    with tempfile.NamedTemporaryFile('w', suffix='.c', delete=False) as f:
        f.write(planted)
    try:
        found = list(uses(f.name, pattern))
    finally:
        os.unlink(f.name)
    if found != [(6, 'g_list_sort')]:
        sys.exit('check-poison.py: self-test found %r, expected line 6'
                 % found)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    header, root, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    names = poisoned_names(header)
    if not names:
        sys.exit('check-poison.py: no #pragma GCC poison in ' + header)
    pattern = re.compile(r'\b(' + '|'.join(map(re.escape, names)) + r')\b')
    self_test(pattern)
    bad = 0
    files = 0
    for path in c_files(root, dirs, os.path.realpath(header)):
        files += 1
        for line, name in uses(path, pattern):
            print('%s:%d: %s is poisoned by portos/glib-compat.h (it calls '
                  'a callback through another function type; wasm traps)'
                  % (os.path.relpath(path, root), line, name))
            bad += 1
    print('%d poisoned names, %d C files checked, %d uses' %
          (len(names), files, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
