/**
 * Tables rebuilt from a PDF's lines (pdf-tables.ts), on lines laid out by hand: what is a table,
 * what is its heading, and what is left as text because it cannot be placed with certainty.
 * (Tables printed by LibreOffice are read in read.test.ts; the app's own annexes in report-pdf.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { findTables, type PdfLine } from './pdf-tables.js';

const SIZE = 10;
/** A line of `cells` ([x, text]) at height `y` of `page`, each character half the type size wide. */
function line(page: number, y: number, cells: [number, string][], size = SIZE): PdfLine {
  const items = cells.map(([x, str]) => ({ str, x, y, w: str.length * size * 0.5, size }));
  return {
    items,
    y,
    size,
    page,
    x0: Math.min(...items.map((i) => i.x)),
    x1: Math.max(...items.map((i) => i.x + i.w)),
  };
}

/** Columns of the tables below: a label at 50, figures at 200, 280 and 360. */
const row = (page: number, y: number, label: string, ...figures: string[]): PdfLine =>
  line(page, y, [[50, label], ...figures.map((f, i): [number, string] => [200 + 80 * i, f])]);
const HEAD = (page: number, y: number): PdfLine =>
  line(page, y, [
    [50, 'Cấp'],
    [190, 'Số đơn vị'],
    [270, 'Đã nộp'],
    [350, 'Tỷ lệ'],
  ]);

const grids = (lines: PdfLine[]) =>
  findTables(lines).map((t) => t.rows.map((r) => [r.page, ...r.cells.map((c) => `${c.column}:${c.text}`)]));

describe('tables rebuilt from a PDF page', () => {
  it('rows of figures in columns, under headings in the same type; the sentence before is not a heading', () => {
    const lines = [
      line(1, 700, [[50, 'Tình hình gửi báo cáo như sau:']]),
      HEAD(1, 680),
      row(1, 665, 'Cấp sở', '21', '20', '95,2'),
      row(1, 650, 'Cấp huyện', '7', '7', '100'),
      row(1, 635, 'Tổng cộng', '28', '27', '96,4'),
      line(1, 600, [[50, 'Các đơn vị đã gửi đủ báo cáo.']]),
    ];
    const [t] = findTables(lines);
    expect(grids(lines)).toEqual([
      [
        [1, '0:Cấp', '1:Số đơn vị', '2:Đã nộp', '3:Tỷ lệ'],
        [1, '0:Cấp sở', '1:21', '2:20', '3:95,2'],
        [1, '0:Cấp huyện', '1:7', '2:7', '3:100'],
        [1, '0:Tổng cộng', '1:28', '2:27', '3:96,4'],
      ],
    ]);
    expect(t!.columns).toBe(4);
    // Its lines are the table's; the sentences before and after are not.
    expect([...t!.lines]).toEqual(lines.slice(1, 5));
  });

  it('a cell’s words wrapped onto the next line stay in their cell; a label alone a row apart is a row', () => {
    const lines = [
      HEAD(1, 680),
      row(1, 665, 'Sở Lao động - Thương binh', '21', '20', '95,2'),
      line(1, 654, [[50, 'và Xã hội']]),
      line(1, 635, [[50, 'Cấp huyện']]),
      row(1, 620, 'Huyện Tam Đường', '7', '7', '100'),
    ];
    expect(grids(lines)).toEqual([
      [
        [1, '0:Cấp', '1:Số đơn vị', '2:Đã nộp', '3:Tỷ lệ'],
        [1, '0:Sở Lao động - Thương binh và Xã hội', '1:21', '2:20', '3:95,2'],
        [1, '0:Cấp huyện'],
        [1, '0:Huyện Tam Đường', '1:7', '2:7', '3:100'],
      ],
    ]);
  });

  it('leaves as text what cannot be placed: two figures in one column, cells whose texts pdf.js joined', () => {
    // One row has two figures where the others have one.
    expect(
      grids([
        HEAD(1, 680),
        row(1, 665, 'Cấp sở', '21', '20', '95,2'),
        line(1, 650, [
          [50, 'Cấp huyện'],
          [200, '7'],
          [215, '12'],
          [280, '7'],
          [360, '100'],
        ]),
      ]),
    ).toEqual([]);
    // The label and the first figure joined into one text: the column of "Số đơn vị" has no
    // figure of its own, so its heading lands on another column and one column has none.
    const joined = (y: number, label: string, a: string, b: string, c: string) =>
      line(1, y, [
        [50, `${label} ${a}`],
        [280, b],
        [360, c],
      ]);
    expect(
      grids([HEAD(1, 680), joined(665, 'Cấp sở', '21', '20', '95,2'), joined(650, 'Cấp xã', '12', '10', '85,3')]),
    ).toEqual([]);
    // Without headings, words ending in a figure tell it.
    expect(grids([joined(665, 'Cấp sở', '21', '20', '95,2'), joined(650, 'Cấp xã', '12', '10', '85,3')])).toEqual([]);
    // A single row of figures is no table.
    expect(grids([HEAD(1, 680), row(1, 665, 'Cấp sở', '21', '20', '95,2')])).toEqual([]);
    // Nor rows of more columns than Word can make (a hostile page: the work stays bounded).
    const wide = (y: number, n: number) =>
      line(
        1,
        y,
        Array.from({ length: n }, (_, i): [number, string] => [30 * i, '1']),
      );
    expect(grids([wide(700, 64), wide(690, 64)])).toEqual([]);
    expect(grids([wide(700, 63), wide(690, 63)])).toHaveLength(1);
  });

  it('a table that goes on at the next page is one table, its repeated headings left out', () => {
    const lines = [
      HEAD(1, 200),
      row(1, 185, 'Sở A', '21', '20', '95,2'),
      row(1, 170, 'Sở B', '7', '7', '100'),
      // A footnote at the foot of the page, in smaller type.
      line(1, 60, [[50, 'Số liệu đến ngày 30/6.']], 8),
      HEAD(2, 780),
      row(2, 765, 'Sở C', '12', '10', '85,3'),
      row(2, 750, 'Tổng cộng', '40', '37', '92,5'),
    ];
    expect(grids(lines)).toEqual([
      [
        [1, '0:Cấp', '1:Số đơn vị', '2:Đã nộp', '3:Tỷ lệ'],
        [1, '0:Sở A', '1:21', '2:20', '3:95,2'],
        [1, '0:Sở B', '1:7', '2:7', '3:100'],
        [2, '0:Sở C', '1:12', '2:10', '3:85,3'],
        [2, '0:Tổng cộng', '1:40', '2:37', '3:92,5'],
      ],
    ]);
  });

  it('a title between two pages’ tables makes two tables; a table going on with other columns leaves its next page as text', () => {
    const first = [HEAD(1, 200), row(1, 185, 'Sở A', '21', '20', '95,2'), row(1, 170, 'Sở B', '7', '7', '100')];
    expect(
      grids([
        ...first,
        line(2, 800, [[50, '2. Cấp huyện']], 13),
        HEAD(2, 780),
        row(2, 765, 'Huyện C', '12', '10', '85,3'),
        row(2, 750, 'Huyện D', '40', '37', '92,5'),
      ]).map((t) => t.length),
    ).toEqual([3, 3]);
    // On the next page a column is blank in every row: three columns where the first part had four.
    const other = (y: number, label: string, a: string, b: string) =>
      line(2, y, [
        [50, label],
        [200, a],
        [280, b],
      ]);
    const t = findTables([...first, other(780, 'Sở C', '12', '10'), other(765, 'Tổng cộng', '40', '37')]);
    expect(t).toHaveLength(1);
    expect(t[0]!.rows.map((r) => r.page)).toEqual([1, 1, 1]);
  });
});
