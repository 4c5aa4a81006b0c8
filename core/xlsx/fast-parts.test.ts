import { describe, expect, it } from 'vitest';
import { readRows, readStrings, scanAround, type RowSink } from './fast-parts.js';
import type { XlsxSheet } from './model.js';
import { formatResolver, scanWorksheet, sharedStringsOf } from './parts.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STRINGS = ['Mã chỉ tiêu', 'Số liệu', 'A&B'];
const formatOf = formatResolver({ xfNumFmt: [0, 10, 14, 164], formats: new Map([[164, '0.0%']]) });

function sheet(data: string, after = ''): string {
  return `${DECL}<worksheet ${NS}><dimension ref="A1:F9"/><sheetData>${data}</sheetData>${after}</worksheet>`;
}

type Outcome = { rows: [number, [number, unknown][]][]; hidden: number[]; merges: unknown[] } | { error: string };

function read(xml: string, fast: boolean): Outcome {
  const s: XlsxSheet = { name: 'Số liệu', state: 'visible', rows: new Map(), hiddenRows: new Set(), merges: [] };
  try {
    scanWorksheet(xml, 'xl/worksheets/sheet1.xml', s, STRINGS, formatOf, { fast });
  } catch (e) {
    return { error: (e as Error).message };
  }
  return {
    rows: [...s.rows].map(([r, cells]) => [r, [...cells]]),
    hidden: [...s.hiddenRows],
    merges: s.merges,
  };
}

/** Whether the fast path itself accepts the rows of `xml` (it may still give up afterwards). */
function fastTakes(xml: string): boolean {
  const open = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const sink: RowSink = { row: () => true, cell: () => undefined };
  try {
    return readRows(xml, open, xml.indexOf('</sheetData>'), sink);
  } catch {
    return false; // an entity the scanner refuses
  }
}

/** Shapes written by Excel, LibreOffice, openpyxl and exceljs: the fast path reads them. */
const USUAL: Record<string, string> = {
  'shared strings, styles and numbers': sheet(
    '<row r="1" spans="1:6" ht="36" customHeight="1" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c>' +
      '<c r="B1" s="2"><v>45000</v></c><c r="C1" s="3"/><c r="D1" t="n"><v>-1.5E-3</v></c></row>',
    '<mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="$B$3:c4"/></mergeCells>',
  ).replace(`<worksheet ${NS}>`, `<worksheet ${NS} xmlns:x14ac="urn:x14ac">`),
  'inline strings with references and preserved space (openpyxl)': sheet(
    '<row r="2"><c r="A2" s="1" t="inlineStr"><is><t>S&#7888; li&#7879;u &amp; ghi ch&#250;</t></is></c>' +
      '<c r="B2" t="inlineStr"><is><t xml:space="preserve">  hai dòng\ntiếp  </t></is></c>' +
      '<c r="C2" s="1" t="n"></c><c r="D2" t="inlineStr"><is><t>_x0007_</t></is></c></row>',
  ),
  'formulas with and without a cached value': sheet(
    '<row r="3"><c r="A3"><f>SUM(B3:C3)</f><v>7</v></c><c r="B3"><f t="shared" ref="B3:B5" si="0">C3*2</f><v>4</v></c>' +
      '<c r="C3"><f t="shared" si="0"/><v>2</v></c><c r="D3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="E3"><f>1+1</f></c></row>',
  ),
  'booleans, errors, dates and text in a number cell': sheet(
    '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" s="2"><v>45292</v></c>' +
      '<c r="D4"><v>12,5</v></c><c r="E4" t="d"><v>2024-01-31</v></c><c r="F4" t="s"><v>2</v></c></row>',
  ),
  'hidden rows, a self-closing row, rows without a number and cells naming another row': sheet(
    '<row r="5" hidden="1"><c r="A5"><v>1</v></c></row><row r="6" hidden="true"/><row><c r="B7"><v>2</v></c></row>' +
      '<row r="8"><c r="A9"><v>3</v></c></row><row><c r="C10"><v>4</v></c></row><row r="11" hidden="0"></row>',
  ),
  'white space between tags (a pretty-printed file)': sheet(
    '\n  <row r="1">\n    <c r="A1" t="s">\n      <v>1</v>\n    </c>\n    <c r="B1"><f>A1</f>\r\n <v>5</v> </c>\n  </row>\n',
  ),
  'an empty sheetData': sheet(''),
};

/** Shapes the fast path leaves to the strict scanner, some of which it refuses. */
const UNUSUAL: Record<string, string> = {
  'attributes in another order': sheet('<row r="1"><c t="s" r="A1"><v>0</v></c></row>'),
  'a cell without a reference': sheet('<row r="1"><c><v>1</v></c><c t="s"><v>0</v></c></row>'),
  'lower-case and absolute references': sheet('<row r="1"><c r="a1"><v>1</v></c><c r="$B$1"><v>2</v></c></row>'),
  'single quotes': sheet("<row r='1'><c r='A1'><v>1</v></c></row>"),
  'a prefixed cell': sheet('<row r="1"><x:c r="A1" xmlns:x="urn:x"><x:v>1</x:v></x:c></row>'),
  'a comment between cells': sheet('<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>'),
  'a CDATA value': sheet('<row r="1"><c r="A1"><v><![CDATA[12]]></v></c></row>'),
  'a carriage return in a value': sheet('<row r="1"><c r="A1" t="str"><v>a\r\nb</v></c></row>'),
  'a ">" in a value': sheet('<row r="1"><c r="A1" t="str"><v>a > b</v></c></row>'),
  'rich text in an inline string': sheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>đậm</t></r><r><t> thường</t></r></is></c></row>',
  ),
  'a phonetic run': sheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t><rPh sb="0" eb="1"><t>y</t></rPh></is></c></row>',
  ),
  'a row number the scanner refuses': sheet('<row r="0"><c r="A1"><v>1</v></c></row>'),
  'a row number with leading zeros': sheet('<row r="007"><c r="A7"><v>1</v></c></row>'),
  'a row number that is not a number': sheet('<row r="x"><c r="A1"><v>1</v></c></row>'),
  'a duplicated row attribute': sheet('<row r="1" r="2"><c r="A1"><v>1</v></c></row>'),
  'a duplicated formula attribute': sheet('<row r="1"><c r="A1"><f t="shared" t="array">1</f><v>1</v></c></row>'),
  'an unknown entity in a value': sheet('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>'),
  'an unknown entity in a formula': sheet('<row r="1"><c r="A1"><f>&bogus;</f><v>1</v></c></row>'),
  'a missing shared string': sheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>'),
  'a cell outside any row': sheet('<c r="A1"><v>1</v></c>'),
  'a row inside a row': sheet('<row r="1"><row r="2"></row></row>'),
  'an unclosed row': sheet('<row r="1"><c r="A1"><v>1</v></c>'),
  'an end tag with space': sheet('<row r="1"><c r="A1"><v>1</v></c ></row>'),
  'a disallowed character': sheet('<row r="1"><c r="A1" t="str"><v>a\u0001b</v></c></row>'),
  'two values in a cell': sheet('<row r="1"><c r="A1"><v>1</v><v>2</v></c></row>'),
  'a self-closing value': sheet('<row r="1"><c r="A1" t="str"><v/></c></row>'),
  'cells after sheetData': sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<extLst><c r="B1"><v>5</v></c></extLst>'),
  'a second sheetData': sheet(
    '<row r="1"><c r="A1"><v>1</v></c></row>',
    '<sheetData><row r="2"><c r="A2"><v>2</v></c></row></sheetData>',
  ),
  'rows that look like data inside a comment before the real ones': `${DECL}<worksheet ${NS}><!-- <sheetData><row r="1"><c r="A1"><v>666</v></c></row></sheetData> --><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
  'rows inside an attribute value': `${DECL}<worksheet ${NS} note="<sheetData><row r=&quot;1&quot;></row></sheetData>"><sheetData/></worksheet>`,
  'a prefixed sheetData after a plain one in a comment': `${DECL}<x:worksheet xmlns:x="urn:x"><!--<sheetData>--><x:sheetData><x:row r="1"><x:c r="A1"><x:v>3</x:v></x:c></x:row></x:sheetData><!--</sheetData>--></x:worksheet>`,
  'text outside the root': `${sheet('<row r="1"><c r="A1"><v>1</v></c></row>')}stray`,
  'an unclosed root': sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</worksheet>', ''),
  'a DOCTYPE': sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace(DECL, `${DECL}<!DOCTYPE worksheet>`),
};

describe('worksheet fast path', () => {
  it.each(Object.entries(USUAL))('reads %s as the strict scanner does, itself', (_name, xml) => {
    expect(fastTakes(xml)).toBe(true);
    const fast = read(xml, true);
    expect(fast).toEqual(read(xml, false));
    expect('error' in fast).toBe(false);
  });

  it('gives each cell its value, type, format and place', () => {
    const out = read(USUAL['shared strings, styles and numbers']!, true);
    if ('error' in out) throw new Error(out.error);
    expect(out.rows[0]![1]).toEqual([
      [
        1,
        expect.objectContaining({ ref: 'A1', row: 1, col: 1, type: 'string', value: 'Mã chỉ tiêu', isPercent: true }),
      ],
      [2, expect.objectContaining({ ref: 'B1', type: 'number', value: 45000, isDate: true, numFmtId: 14 })],
      [4, expect.objectContaining({ ref: 'D1', type: 'number', value: -0.0015, raw: '-1.5E-3' })],
    ]);
    expect(out.merges).toEqual([
      { ref: 'A1:F1', top: 1, left: 1, bottom: 1, right: 6 },
      { ref: 'B3:C4', top: 3, left: 2, bottom: 4, right: 3 },
    ]);
    const rows = read(
      USUAL['hidden rows, a self-closing row, rows without a number and cells naming another row']!,
      true,
    );
    if ('error' in rows) throw new Error(rows.error);
    // Row 8's cell names row 9, so the next row without a number is 10.
    expect(rows.rows.map(([r, cells]) => [r, cells.map(([c]) => c)])).toEqual([
      [5, [1]],
      [7, [2]],
      [9, [1]],
      [10, [3]],
    ]);
    expect(rows.hidden).toEqual([5, 6]);
    const inline = read(USUAL['inline strings with references and preserved space (openpyxl)']!, true);
    if ('error' in inline) throw new Error(inline.error);
    expect(inline.rows[0]![1].map(([, c]) => (c as { value: unknown }).value)).toEqual([
      'SỐ liệu & ghi chú',
      '  hai dòng\ntiếp  ',
      '\u0007',
    ]);
  });

  it.each(Object.entries(UNUSUAL))('leaves %s to the strict scanner, with the same outcome', (_name, xml) => {
    expect(read(xml, true)).toEqual(read(xml, false));
  });

  it('refuses what the strict scanner refuses, with its message', () => {
    expect(read(UNUSUAL['a duplicated row attribute']!, true)).toEqual({
      error: expect.stringContaining('duplicate attribute r'),
    });
    expect(read(UNUSUAL['a missing shared string']!, true)).toEqual({
      error: 'BAD_XML: xl/worksheets/sheet1.xml: cell A1 names missing shared string 99',
    });
    expect(read(UNUSUAL['a row number the scanner refuses']!, true)).toEqual({
      error: 'BAD_XML: xl/worksheets/sheet1.xml: bad row number 0',
    });
    // Only the real rows count, not a copy inside a comment.
    const commented = read(UNUSUAL['rows that look like data inside a comment before the real ones']!, true);
    expect(commented).toEqual({ rows: [[1, [[1, expect.objectContaining({ value: 1 })]]]], hidden: [], merges: [] });
  });

  it('gives the same outcome as the strict scanner on every one of 3,000 damaged copies of a sheet', () => {
    const base = USUAL['shared strings, styles and numbers']!.replace(
      '</sheetData>',
      `${USUAL['formulas with and without a cached value']!.match(/<sheetData>(.*)<\/sheetData>/)![1]}` +
        `${USUAL['inline strings with references and preserved space (openpyxl)']!.match(/<sheetData>(.*)<\/sheetData>/s)![1]}</sheetData>`,
    );
    expect(fastTakes(base)).toBe(true);
    const pieces = [
      '<',
      '>',
      '/',
      '"',
      "'",
      '&',
      '&amp;',
      ' ',
      '\r',
      'r="A1" ',
      'c',
      'row',
      '<!---->',
      ']]>',
      '0',
      'x',
    ];
    let seed = 20261202;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let fastTaken = 0;
    for (let k = 0; k < 3000; k++) {
      const at = random(base.length);
      const cut = random(3);
      const mutant = base.slice(0, at) + (random(2) ? pieces[random(pieces.length)] : '') + base.slice(at + cut);
      if (fastTakes(mutant)) fastTaken++;
      expect(read(mutant, true), `mutant ${k}`).toEqual(read(mutant, false));
    }
    // Many damaged copies still have the usual shapes where they were damaged.
    expect(fastTaken).toBeGreaterThan(300);
  });
});

describe('shared-string fast path', () => {
  const table = (items: string, after = ''): string =>
    `${DECL}<sst ${NS} count="9" uniqueCount="9">${items}${after}</sst>`;
  const strings = (xml: string, fast: boolean): string[] | { error: string } => {
    try {
      return sharedStringsOf(xml, 'xl/sharedStrings.xml', { fast });
    } catch (e) {
      return { error: (e as Error).message };
    }
  };

  it('reads plain items itself, as the strict scanner does', () => {
    const xml = table(
      '<si><t>Mã đơn vị</t></si><si><t xml:space="preserve"> a &amp; b </t></si><si/>\n<si><t>x_x000D_y</t></si>' +
        '<si><t>&#272;&#417;n v&#7883;</t></si><si><t></t></si>',
    );
    const raw: string[] = [];
    expect(readStrings(xml, xml.indexOf('<si'), xml.lastIndexOf('</sst>'), raw)).toBe(true);
    expect(strings(xml, true)).toEqual(['Mã đơn vị', ' a & b ', '', 'x\ry', 'Đơn vị', '']);
    expect(strings(xml, true)).toEqual(strings(xml, false));
  });

  it.each([
    ['rich text', table('<si><r><rPr><b/></rPr><t>đậm</t></r><r><t> thường</t></r></si>')],
    ['phonetic runs', table('<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>')],
    ['an item after other elements', table('<si><t>a</t></si>', '<extLst/>')],
    ['an item before the table', `${DECL}<root><si><t>x</t></si><sst><si><t>a</t></si></sst></root>`],
    ['an item in a comment', table('<!--<si><t>a</t></si>--><si><t>b</t></si>')],
    ['a bad entity', table('<si><t>&nbsp;</t></si>')],
    ['a carriage return', table('<si><t>a\r\nb</t></si>')],
    ['an unclosed table', table('<si><t>a</t></si>').replace('</sst>', '')],
    ['items after the table', `${table('<si><t>a</t></si>')}<si><t>b</t></si>`],
  ])('leaves %s to the strict scanner, with the same outcome', (_name, xml) => {
    expect(strings(xml, true)).toEqual(strings(xml, false));
  });
});

describe('scanAround', () => {
  it('is true only when the content replaced was exactly the children of the named element', () => {
    const xml = '<a><b>CONTENT</b><c/></a>';
    const from = xml.indexOf('CONTENT');
    const to = from + 'CONTENT'.length;
    expect(scanAround(xml, from, to, 'b', new Set())).toBe(true);
    expect(scanAround(xml, from, to, 'a', new Set())).toBe(false);
    expect(scanAround(xml, from, to, 'b', new Set(['c']))).toBe(false);
    // The content inside a comment: the marker is no element.
    const commented = '<a><!--<b>CONTENT</b>--></a>';
    const at = commented.indexOf('CONTENT');
    expect(scanAround(commented, at, at + 7, 'b', new Set())).toBe(false);
    // Another element beside the marker.
    const beside = '<a><b><x/>CONTENT</b></a>';
    const bAt = beside.indexOf('CONTENT');
    expect(scanAround(beside, bAt, bAt + 7, 'b', new Set())).toBe(false);
    expect(() => scanAround('<a><b>CONTENT</a>', 6, 13, 'b', new Set())).toThrow(/does not match/);
  });
});
