#!/usr/bin/env python3
"""Make a generated PDF reproducible: overwrite its dates and file ID in place.

    fixpdf.py IN.pdf OUT.pdf

LibreOffice and Chromium stamp the wall clock into /CreationDate and
/ModDate, and LibreOffice a random trailer /ID and /DocChecksum. Each is rewritten with a
string of the same length (so the cross-reference offsets stay valid): the
dates become 2025-01-01 00:00:00, the ID an MD5 of the file with its ID
blanked. Python 3 standard library only.
"""

import hashlib
import re
import sys

FIXED = b'20250101000000'


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, 'rb') as f:
        data = f.read()
    data = re.sub(rb'(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})',
                  lambda m: m.group(1) + FIXED, data)
    pat = re.compile(rb'(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)')
    blank = pat.sub(lambda m: m.group(1) + b'0' * len(m.group(2)) +
                    m.group(3) + b'0' * len(m.group(4)) + m.group(5), data)
    cks = re.compile(rb'(/DocChecksum\s*/)([0-9A-Fa-f]{32})')
    blank = cks.sub(lambda m: m.group(1) + b'0' * 32, blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    data = cks.sub(lambda m: m.group(1) + digest, data)

    def ident(m):
        a = (digest * 4)[:len(m.group(2))]
        b = (digest * 4)[:len(m.group(4))]
        return m.group(1) + a + m.group(3) + b + m.group(5)

    data = pat.sub(ident, data)
    with open(dst, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    main()
