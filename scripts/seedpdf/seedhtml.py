#!/usr/bin/env python3
"""Typeset the seed disclosure (extracted text) as HTML for PDF golden tests.

Reads the seed text (narrative, then 附件 1..N: title block lines and
tab-separated table rows) and writes one HTML file per variant. make.sh
turns them into PDFs with LibreOffice and headless Chromium.

Python 3 standard library only.

Model of the seed
-----------------
* Narrative: every non-empty line before the first "附件 N" line is a
  paragraph (the first two are the document's title lines).
* An attachment starts at a line "附件 N". Its non-tab lines up to the first
  tab line are the title block; tab lines are table rows; blank lines
  between rows are ignored; a line of dashes only (the seed's "---" rule) is
  dropped. Non-tab lines after rows start a new title block when they contain
  "单位：" (a new page of the attachment), otherwise they are notes printed
  under the table (附件 2's 备注).
* A page whose first rows equal the header rows of the attachment's first
  page continues that table (title and header repeated, as the seed does);
  otherwise it is a table of its own (附件 12's six forms).
* Header rows of an ordinary table: the rows before the first row that holds
  an amount (d.dd), or a 合计 cell with nothing after it.
* Forms (title contains 绩效目标表) are split at the row holding 指标权重
  into a key–value part and an indicator part.

Span reconstruction (ordinary tables, header rows only)
-------------------------------------------------------
* colspan: a non-empty header cell followed by empty cells in the same row
  spans those empty cells, one by one, as long as some header row below has
  a label in that column;
* rowspan: a header cell (with its colspan) spans down while the rows below
  are empty over all of its columns.

Spans in forms
--------------
* key–value part: a non-empty cell spans the empty cells after it (up to the
  next non-empty cell); a row whose first cell is covered from above (e.g.
  "⇥⇥上级补助（万元）⇥") takes the column segmentation of the row above;
* both parts: a non-empty cell spans down while the next row is empty from
  the first column through the cell's last column (the leading empties of
  "⇥产出指标⇥…" rows are under 绩效指标);
* indicator rows shorter than the table (the seed drops the empty 绩效指标
  cell: 8 cells under a 9-cell header) are padded on the left.

Cell text
---------
The seed's text with the artefacts of wrapped cells removed: a space
between two CJK characters ("上年结 转结余 资金" -> "上年结转结余资金"),
a space after "-" before a CJK character ("307001- 网信办" ->
"307001-网信办"), and a space between two digits inside a code
("20137 99" -> "2013799", "50015225T00000499429 3-2025" ->
"50015225T000004994293-2025"). Junk marks (".", ",", "„") and every number
are kept as they are.
"""

import argparse
import html
import os
import re
import sys

CJK = r'\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef'
RE_CJK_SP_CJK = re.compile(r'(?<=[%s]) +(?=[%s])' % (CJK, CJK))
RE_DASH_SP_CJK = re.compile(r'(?<=-) +(?=[%s])' % CJK)
RE_DIGIT_SP_DIGIT = re.compile(r'(?<=\d) +(?=\d)')
RE_AMOUNT = re.compile(r'^-?\d[\d,]*\.\d+$')
RE_ATTACH = re.compile(r'^附件\s*(\d+)$')
RE_RULE = re.compile(r'^[-\t ]+$')
JUNK = {'.', ',', '„'}


def clean_cell(s):
    s = s.strip()
    s = RE_CJK_SP_CJK.sub('', s)
    s = RE_DASH_SP_CJK.sub('', s)
    s = RE_DIGIT_SP_DIGIT.sub('', s)
    return s


class Page:
    def __init__(self, title_lines):
        self.title = list(title_lines)
        self.rows = []       # list of list of cell text
        self.lines = []      # seed line number of each row
        self.notes = []


class Table:
    def __init__(self, first_page, form):
        self.pages = [first_page]
        self.form = form
        self.nhead = 0
        self.width = 0


class Attachment:
    def __init__(self, num, label):
        self.num = num
        self.label = label
        self.pages = []
        self.tables = []


def parse(text):
    lines = text.split('\n')
    narrative = []
    atts = []
    cur = None      # current attachment
    page = None     # current page
    pending = []    # non-tab lines not yet placed
    changes = []    # (line, before, after) of cleaned cells
    for no, raw in enumerate(lines, 1):
        line = raw.rstrip('\r')
        if not line.strip():
            continue
        m = RE_ATTACH.match(line.strip())
        if m:
            if page is not None and pending:
                page.notes.extend(pending)
            pending = []
            page = None
            cur = Attachment(int(m.group(1)), line.strip())
            atts.append(cur)
            continue
        if cur is None:
            if RE_RULE.match(line):
                continue
            narrative.append(line.strip())
            continue
        if '\t' in line:
            if RE_RULE.match(line):
                continue  # the seed's "---" rule under 附件 10
            if page is None or pending:
                if page is not None and not any('单位：' in p for p in pending):
                    page.notes.extend(pending)
                    pending = []
                page = Page(pending)
                cur.pages.append(page)
                pending = []
            cells = []
            for c in line.split('\t'):
                cc = clean_cell(c)
                if cc != c.strip():
                    changes.append((no, c, cc))
                cells.append(cc)
            page.rows.append(cells)
            page.lines.append(no)
        else:
            if page is None:
                pending.append(line.strip())
            else:
                pending.append(line.strip())
    if page is not None and pending:
        page.notes.extend(pending)
    for a in atts:
        group_tables(a)
    return narrative, atts, changes


def is_data_row(row):
    """A body row: it holds an amount, or it is a 合计 row with nothing
    after the label (附件 5's empty table). Header rows hold 合计/总计 as
    column labels followed by more labels."""
    if any(RE_AMOUNT.match(c) for c in row):
        return True
    for i, c in enumerate(row):
        if c in ('合计', '总计') and not any(row[i + 1:]):
            return True
    return False


def group_tables(a):
    for p in a.pages:
        form = any('绩效目标表' in t for t in p.title)
        if a.tables and not form:
            t = a.tables[-1]
            h = t.nhead
            if h and p.rows[:h] == t.pages[0].rows[:h]:
                t.pages.append(p)
                continue
        t = Table(p, form)
        if not form:
            h = 0
            while h < len(p.rows) and not is_data_row(p.rows[h]):
                h += 1
            t.nhead = h
        a.tables.append(t)
    for t in a.tables:
        t.width = max(len(r) for p in t.pages for r in p.rows)


# ---------------------------------------------------------------- spans

def header_spans(hdr, width):
    """Cells of header rows as (col, text, colspan, rowspan) per row."""
    h = len(hdr)
    g = [r + [''] * (width - len(r)) for r in hdr]
    covered = set()
    out = [[] for _ in range(h)]
    for r in range(h):
        c = 0
        while c < width:
            if (r, c) in covered:
                c += 1
                continue
            t = g[r][c]
            cs = rs = 1
            if t:
                while (c + cs < width and not g[r][c + cs]
                       and (r, c + cs) not in covered
                       and any(g[rr][c + cs] for rr in range(r + 1, h))):
                    cs += 1
                while (r + rs < h and all(
                        not g[r + rs][cc] and (r + rs, cc) not in covered
                        for cc in range(c, c + cs))):
                    rs += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    covered.add((rr, cc))
            out[r].append((c, t, cs, rs))
            c += cs
    return out


def form_spans(rows, width, keyvalue):
    """Cells of a form part as (col, text, colspan, rowspan) per row."""
    n = len(rows)
    covered = set()
    out = [[] for _ in range(n)]
    prev_seg = None
    for r in range(n):
        g = rows[r]
        seg = []
        if keyvalue and (r, 0) in covered and prev_seg is not None:
            # continuation row: use the segmentation of the row above
            for (c, cs) in prev_seg:
                if all((r, cc) in covered for cc in range(c, c + cs)):
                    continue
                seg.append((c, cs))
        else:
            c = 0
            while c < width:
                if (r, c) in covered:
                    c += 1
                    continue
                cs = 1
                if keyvalue and g[c]:
                    while (c + cs < width and not g[c + cs]
                           and (r, c + cs) not in covered):
                        cs += 1
                seg.append((c, cs))
                c += cs
        row_seg = []
        for (c, cs) in seg:
            t = g[c]
            rs = 1
            if t:
                while r + rs < n and all(
                        not rows[r + rs][cc] for cc in range(0, c + cs)):
                    rs += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    covered.add((rr, cc))
            out[r].append((c, t, cs, rs))
            row_seg.append((c, cs))
        # the segmentation a continuation row copies: this row's cells plus
        # the cells covering it from above
        full = dict((c, cs) for (c, cs) in row_seg)
        if prev_seg is not None:
            for (c, cs) in prev_seg:
                if c not in full and all((r, cc) in covered
                                         for cc in range(c, c + cs)):
                    full[c] = cs
        prev_seg = sorted(full.items())
    return out


# ---------------------------------------------------------------- HTML

VARIANTS = {
    'ruled-portrait-lo': dict(ruled=True, landscape=False, narrow=False,
                              producer='lo', font='Noto Sans CJK SC'),
    'ruled-landscape-narrow-lo': dict(ruled=True, landscape=True, narrow=True,
                                      producer='lo', font='Noto Sans CJK SC'),
    'unruled-portrait-lo': dict(ruled=False, landscape=False, narrow=False,
                                producer='lo', font='Noto Sans CJK SC'),
    'ruled-portrait-chromium': dict(ruled=True, landscape=False, narrow=False,
                                    producer='chromium',
                                    font='WenQuanYi Zen Hei'),
}

NARROW_LABELS = ('科目编码', '预算单位', '项目名称')


def esc(s):
    return html.escape(s, quote=True)


def numeric_columns(t):
    """Columns whose body cells are amounts (or junk marks) only."""
    body = [r for p in t.pages for r in p.rows[t.nhead:]]
    cols = set()
    for c in range(t.width):
        vals = [r[c] for r in body if c < len(r) and r[c]]
        if vals and any(RE_AMOUNT.match(v) for v in vals) and all(
                RE_AMOUNT.match(v) or v in JUNK for v in vals):
            cols.add(c)
    return cols


def text_em(s):
    """Rough printed width of s in em: CJK and full-width 1, others 0.55."""
    w = 0.0
    for ch in s:
        o = ord(ch)
        if ch == ' ':
            w += 0.3
        elif o >= 0x2e80:
            w += 1.0
        else:
            w += 0.58
    return w


def auto_widths(grid, width, head_rows=0, skip=None, cap=16.0):
    """Column widths in em from the cells' text: body cells count whole
    (up to cap), header labels at most 4 em (they may wrap); cells that
    span several columns (skip) do not count."""
    want = [2.5] * width
    for ri, r in enumerate(grid):
        for c in range(min(width, len(r))):
            if skip and (ri, c) in skip:
                continue
            e = text_em(r[c])
            if ri < head_rows:
                e = min(e, 4.0)
            want[c] = max(want[c], min(e, cap))
    return [w + 2.0 for w in want]


def narrow_columns(t):
    cols = set()
    for r in t.pages[0].rows[:t.nhead]:
        for c, v in enumerate(r):
            if v in NARROW_LABELS:
                cols.add(c)
    return cols


class Writer:
    def __init__(self, v):
        self.v = v
        self.out = []
        self.first_block = True

    def w(self, s):
        self.out.append(s)

    def brk(self):
        """Attribute forcing a page break before the element."""
        return ' style="page-break-before: always"'

    def td(self, tag, text, cs=1, rs=1, align=None, width=None, cls=None):
        a = ''
        if cs > 1:
            a += ' colspan="%d"' % cs
        if rs > 1:
            a += ' rowspan="%d"' % rs
        if align:
            a += ' align="%s"' % align
        if width:
            a += ' width="%s"' % width
        if cls:
            a += ' class="%s"' % cls
        self.w('<%s%s>%s</%s>' % (tag, a, esc(text), tag))

    def table_open(self, t, widths, form=False):
        v = self.v
        self.w('<table border="%d" cellspacing="0" cellpadding="2" '
               'width="%d" class="%s%s">'
               % (1 if v['ruled'] else 0, sum(widths),
                  'ruled' if v['ruled'] else 'unruled',
                  ' form' if form else ''))
        if widths:
            self.w('<colgroup>')
            for wd in widths:
                self.w('<col width="%d">' % wd)
            self.w('</colgroup>')

    def text_width_pt(self):
        # A4 less 2 x 15 mm margins
        return (297 - 30 if self.v['landscape'] else 210 - 30) * 72 / 25.4

    def percents(self, want_em, fixed_pt=None):
        """Column widths in whole pixels (96 per inch; LibreOffice's HTML
        import ignores fractional percentages) from wanted em widths at the
        9 pt table font; columns in fixed_pt keep that many points."""
        fixed_pt = fixed_pt or {}
        total = self.text_width_pt()
        free = total - sum(fixed_pt.values())
        flex = [w for c, w in enumerate(want_em) if c not in fixed_pt]
        scale = free / (sum(flex) * 9.0) if flex else 1.0
        pts = [fixed_pt[c] if c in fixed_pt else w * 9.0 * scale
               for c, w in enumerate(want_em)]
        px = [int(p * 96 / 72) for p in pts]
        return px

    def col_widths(self, t):
        grid = [r for p in t.pages for r in p.rows]
        want = auto_widths(grid, t.width, head_rows=t.nhead)
        fixed = {}
        if self.v['narrow']:
            # narrow code / unit / project columns: 2013799 and
            # 50015225T000004994293 wrap over two lines, 307001-网信办（本级）
            # over three
            hdr = t.pages[0].rows[:t.nhead]
            for r in hdr:
                for c, v in enumerate(r):
                    if v == '科目编码':
                        fixed[c] = 30.0
                    elif v == '预算单位':
                        fixed[c] = 36.0
                    elif v == '项目名称':
                        fixed[c] = 98.0
        return self.percents(want, fixed)

    def title_block(self, lines, attach_label, page_break):
        st = ' style="page-break-before: always"' if page_break else ''
        first = True
        if attach_label:
            self.w('<p class="attach"%s>%s</p>' % (st, esc(attach_label)))
            st = ''
        for ln in lines:
            if ln.startswith('单位：'):
                self.w('<p class="unit" align="right"%s>%s</p>' % (st, esc(ln)))
            elif ln.startswith('编制单位：'):
                self.w('<p class="maker"%s>%s</p>' % (st, esc(ln)))
            else:
                self.w('<p class="title" align="center"%s><b>%s</b></p>'
                       % (st, esc(ln)))
            st = ''
            first = False

    def ordinary_table(self, a, t, ti):
        v = self.v
        num = numeric_columns(t)
        widths = self.col_widths(t)
        breakable = narrow_columns(t) if self.v['narrow'] else set()
        h = t.nhead
        pages = t.pages
        if v['producer'] == 'chromium':
            # one table; the header rows are a <thead> that the browser
            # repeats on every page the table runs over
            pages = [t.pages[0]]
            body = [(r, ln) for p in t.pages
                    for r, ln in zip(p.rows[h:], p.lines[h:])]
        for pi, p in enumerate(pages):
            label = a.label if (ti == 0 and pi == 0) else None
            self.title_block(p.title, label, page_break=True)
            self.table_open(t, widths)
            if h:
                self.w('<thead>')
                for row in header_spans(p.rows[:h], t.width):
                    self.w('<tr>')
                    for (c, text, cs, rs) in row:
                        self.td('th', text, cs, rs, align='center')
                    self.w('</tr>')
                self.w('</thead>')
            self.w('<tbody>')
            rows = body if v['producer'] == 'chromium' else \
                list(zip(p.rows[h:], p.lines[h:]))
            for r, ln in rows:
                r = r + [''] * (t.width - len(r))
                self.w('<tr>')
                for c, text in enumerate(r):
                    if c in breakable:
                        # LibreOffice's HTML table layout never makes a
                        # column narrower than its longest word: a zero-width
                        # space between characters lets 2013799 wrap (it
                        # has no glyph and does not reach the text layer)
                        text = '\u200b'.join(text)
                    self.td('td', text,
                            align='right' if c in num else 'left')
                self.w('</tr>')
            self.w('</tbody></table>')
        for p in t.pages:
            for n in p.notes:
                self.w('<p class="note">%s</p>' % esc(n))

    def form_table(self, a, t, ti):
        p = t.pages[0]
        label = a.label if ti == 0 else None
        self.title_block(p.title, label, page_break=True)
        rows = p.rows
        split = len(rows)
        for i, r in enumerate(rows):
            if '指标权重' in r:
                split = i
                break
        kv = rows[:split]
        ind = rows[split:]
        kvw = max([len(r) for r in kv] or [0])
        indw = max([len(r) for r in ind] or [0])
        kvg = [r + [''] * (kvw - len(r)) for r in kv]
        indg = [[''] * (indw - len(r)) + r for r in ind]
        parts = []
        for grid, width, keyvalue in ((kvg, kvw, True), (indg, indw, False)):
            if not grid:
                continue
            spans = form_spans(grid, width, keyvalue)
            skip = set()
            for ri, row in enumerate(spans):
                for (c, text, cs, rs) in row:
                    if cs > 1:
                        skip.add((ri, c))
            want = auto_widths(grid, width, head_rows=0 if keyvalue else 1,
                               skip=skip, cap=12.0)
            parts.append([grid, width, keyvalue, spans, want])
        if len(parts) == 2 and parts[0][1] == parts[1][1]:
            # one form: the key–value part takes the indicator part's columns
            parts[0][4] = parts[1][4]
        for grid, width, keyvalue, spans, want in parts:
            self.table_open(None, self.percents(want), form=True)
            # no <thead> in forms: 绩效指标 spans from the indicator header
            # row down over the body, which a thead/tbody split would cut
            self.w('<tbody>')
            for ri, row in enumerate(spans):
                self.w('<tr>')
                for (c, text, cs, rs) in row:
                    center = not keyvalue and (ri == 0 or (
                        c > 0 and len(text) <= 6))
                    self.td('td', text, cs, rs,
                            align='center' if center else 'left')
                self.w('</tr>')
            self.w('</tbody></table>')
        for n in p.notes:
            self.w('<p class="note">%s</p>' % esc(n))

    def document(self, narrative, atts):
        v = self.v
        page_css = 'A4 landscape' if v['landscape'] else 'A4 portrait'
        border = '0.5pt solid #000' if v['ruled'] else 'none'
        self.w('<!DOCTYPE html>')
        self.w('<html lang="zh-CN"><head><meta charset="utf-8">')
        self.w('<title>2025 年部门预算情况说明</title>')
        self.w('<meta name="generator" content="yusuan scripts/seedpdf">')
        self.w('<style>')
        self.w('@page { size: %s; margin: 15mm 15mm 15mm 15mm; }' % page_css)
        self.w('body { font-family: "%s"; font-size: 10.5pt; }' % v['font'])
        self.w('p { margin: 0 0 4pt 0; line-height: 1.4; }')
        self.w('p.doctitle { font-size: 16pt; text-align: center; '
               'margin-bottom: 10pt; }')
        self.w('p.h1 { font-weight: bold; margin-top: 6pt; }')
        self.w('p.attach { font-size: 10.5pt; margin-bottom: 6pt; }')
        self.w('p.title { font-size: 11pt; text-align: center; '
               'margin-bottom: 4pt; }')
        self.w('p.unit { text-align: right; font-size: 9pt; }')
        self.w('p.maker { font-size: 9pt; }')
        self.w('p.note { font-size: 9pt; margin-top: 4pt; }')
        self.w('table { border-collapse: collapse; '
               'font-size: 9pt; }')
        self.w('table.form { margin: 0; }')
        self.w('th, td { border: %s; padding: 1pt 2pt; font-size: 9pt; '
               'vertical-align: middle; }' % border)
        self.w('th { font-weight: normal; }')
        if v['narrow']:
            self.w('table { table-layout: fixed; }')
            self.w('td, th { word-break: break-all; }')
        if v['producer'] == 'chromium':
            # WenQuanYi Zen Hei has no bold face; Chromium would embed a
            # synthetic bold as bulky Type 3 fonts
            self.w('b, p.h1 { font-weight: normal; }')
            self.w('thead { display: table-header-group; }')
            # a larger table font than the LibreOffice variants, so that the
            # long tables (附件 1, 3, 6) run over a page and the browser
            # repeats their <thead>
            self.w('th, td { font-size: 11pt; padding: 3pt 3pt; }')
            self.w('tr { break-inside: avoid; }')
        self.w('</style></head><body>')
        for i, para in enumerate(narrative):
            if i < 2:
                self.w('<p class="doctitle" align="center"><b>%s</b></p>'
                       % esc(para))
            elif re.match(r'^[一二三四五六七八九十]+、', para):
                self.w('<p class="h1"><b>%s</b></p>' % esc(para))
            else:
                self.w('<p>%s</p>' % esc(para))
        for a in atts:
            for ti, t in enumerate(a.tables):
                if t.form:
                    self.form_table(a, t, ti)
                else:
                    self.ordinary_table(a, t, ti)
        self.w('</body></html>')
        return '\n'.join(self.out) + '\n'


def summary(narrative, atts, changes):
    out = ['narrative paragraphs: %d' % len(narrative)]
    for a in atts:
        for t in a.tables:
            out.append('%s: %s table, %d page(s), %d header row(s), width %d, '
                       'rows %s, title %r' % (
                           a.label, 'form' if t.form else 'ordinary',
                           len(t.pages), t.nhead, t.width,
                           '+'.join(str(len(p.rows)) for p in t.pages),
                           ' / '.join(t.pages[0].title)))
            for p in t.pages[1:]:
                out.append('    continued under %r' % ' / '.join(p.title))
            for p in t.pages:
                for n in p.notes:
                    out.append('    note: %r' % n)
    out.append('cells cleaned of wrap artefacts:')
    for (no, b, c) in changes:
        out.append('    line %d: %r -> %r' % (no, b.strip(), c))
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('seed')
    ap.add_argument('outdir')
    ap.add_argument('--summary', action='store_true',
                    help='print what was parsed')
    args = ap.parse_args()
    with open(args.seed, encoding='utf-8') as f:
        text = f.read()
    narrative, atts, changes = parse(text)
    if args.summary:
        sys.stdout.write(summary(narrative, atts, changes))
    os.makedirs(args.outdir, exist_ok=True)
    for name, v in VARIANTS.items():
        doc = Writer(v).document(narrative, atts)
        with open(os.path.join(args.outdir, name + '.html'), 'w',
                  encoding='utf-8') as f:
            f.write(doc)


if __name__ == '__main__':
    main()
