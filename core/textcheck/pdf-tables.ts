/**
 * The tables of a PDF's text layer, rebuilt as grids for check 9. A PDF has no table, only text
 * set at places: a table is found by its rows of figures set in columns, its columns by where
 * those rows' cells stand (a column is the span its cells cover, the same from row to row), its
 * headings by the lines just above set in the same columns, and a table that goes on at the top
 * of the next page (its headings repeated or not) is one table. What cannot be placed with
 * certainty is not a table: its lines stay text, and the reader says the table was not checked.
 */

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export interface PdfLine {
  items: PdfItem[];
  y: number;
  x0: number;
  x1: number;
  size: number;
  page: number;
  /** Footnote marks set in the line (raised small digits): the note's number and where in the line's text. */
  marks?: { n: number; at: number }[];
  /** A footnote's first line: the note's number, set just above it at its start. */
  note?: number;
}

/** A row of a rebuilt table: its cells' texts by column (0-based), where it is. */
export interface PdfTableRow {
  page: number;
  y: number;
  cells: { column: number; text: string; x: number }[];
}

export interface PdfTable {
  columns: number;
  rows: PdfTableRow[];
  /** The lines the table was rebuilt from: they are no paragraphs of their own. */
  lines: Set<PdfLine>;
}

/**
 * A line of a table: items set apart by more than a word space (columns) — a gap between them,
 * or the blank item pdf.js puts in such a gap.
 */
export function tabular(line: PdfLine): boolean {
  const wide = line.size * 1.5;
  for (let k = 0; k < line.items.length; k++) {
    const b = line.items[k]!;
    if (b.str.trim() === '' && b.w > wide) return true;
    const a = line.items[k - 1];
    if (a && b.x - (a.x + a.w) > wide) return true;
  }
  return false;
}

/** Word's limit on a table's columns. */
const MAX_COLUMNS = 63;

const FIGURE = /^\s*[\d.,%]*\d[\d.,%]*\s*$/u;

/** A row of a table of figures: set in columns, two or more of them figures. */
export function figureRow(line: PdfLine): boolean {
  return tabular(line) && line.items.filter((i) => FIGURE.test(i.str)).length >= 2;
}

/** The items of a line that are text (pdf.js's blank items in a gap are not). */
const inked = (l: PdfLine): PdfItem[] => l.items.filter((i) => i.str.trim() !== '');
const centre = (i: PdfItem): number => i.x + i.w / 2;

/** Columns as spans [x0, x1]: the union of the cells' spans of `rows`, where they overlap from row to row. */
function columnsOf(rows: PdfLine[]): [number, number][] {
  const spans = rows.flatMap((l) => inked(l).map((i): [number, number] => [i.x, i.x + i.w]));
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + 0.5) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** The column (0-based) an item stands in: by its centre, between the midpoints of the gaps. */
function columnAt(cols: [number, number][], x: number): number {
  let k = 0;
  while (k + 1 < cols.length && x > (cols[k]![1] + cols[k + 1]![0]) / 2) k++;
  return k;
}

/** A line's cells: its items by column, in order, each column's text joined. */
function cellsOf(line: PdfLine, cols: [number, number][]): Map<number, { text: string; x: number }> {
  const cells = new Map<number, { text: string; x: number }>();
  for (const i of inked(line).sort((a, b) => a.x - b.x)) {
    const k = columnAt(cols, centre(i));
    const c = cells.get(k);
    if (c) c.text += ` ${i.str.trim()}`;
    else cells.set(k, { text: i.str.trim(), x: i.x });
  }
  return cells;
}

/**
 * Words and a figure in one item ("Cấp sở 21"): pdf.js joins the texts of two cells set close
 * together (a name ending in a number, "Phường 10", looks the same: a table without headings is
 * then left as text, never misread).
 */
const runTogether = (i: PdfItem): boolean => /\p{L}/u.test(i.str) && /\s[\d.,%]*\d{2}[\d.,%]*\s*$/u.test(i.str);

/** Texts of the line set a column apart (a wide gap between them) stand in different columns. */
function apartInColumns(line: PdfLine, cols: [number, number][]): boolean {
  const items = inked(line).sort((a, b) => a.x - b.x);
  return items.every(
    (b, k) =>
      k === 0 ||
      b.x - (items[k - 1]!.x + items[k - 1]!.w) <= line.size * 1.5 ||
      columnAt(cols, centre(b)) !== columnAt(cols, centre(items[k - 1]!)),
  );
}

/**
 * The column whose words wrapped onto `line` from the line `above`: one cell, a line's spacing
 * below, under words (not a figure) in that column there — `textAbove` gives them. Any other line
 * is a row of its own (undefined).
 */
function wrappedColumn(
  line: PdfLine,
  above: PdfLine,
  cols: [number, number][],
  textAbove: (column: number) => string | undefined,
): number | undefined {
  if (tabular(line) || above.y - line.y > line.size * 1.4) return undefined;
  const cells = cellsOf(line, cols);
  const [only] = cells.keys();
  if (cells.size !== 1 || only === undefined) return undefined;
  const text = textAbove(only);
  return text !== undefined && !FIGURE.test(text) ? only : undefined;
}

/** No two figures of the line in one column (a column would be read as one figure "12 7"). */
function oneFigureAColumn(line: PdfLine, cols: [number, number][]): boolean {
  const seen = new Set<number>();
  for (const i of inked(line)) {
    if (!FIGURE.test(i.str)) continue;
    const k = columnAt(cols, centre(i));
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

/**
 * The tables of a document whose lines are `lines` (in reading order: page by page, top to
 * bottom). A table needs two rows of figures or more, and every figure of its rows in a column
 * of its own; headings are the lines just above its first row that are set in columns or stand
 * inside the table's width without filling it.
 */
export function findTables(lines: PdfLine[]): PdfTable[] {
  const tables: PdfTable[] = [];
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) {
    const page = byPage.get(l.page);
    if (page) page.push(l);
    else byPage.set(l.page, [l]);
  }
  for (const [, page] of byPage) {
    let k = 0;
    while (k < page.length) {
      if (!figureRow(page[k]!)) {
        k++;
        continue;
      }
      // The block: from this row of figures to the last one reached through lines close together.
      let end = k;
      for (let j = k + 1; j < page.length; j++) {
        const l = page[j]!;
        const gap = page[j - 1]!.y - l.y;
        if (gap <= 0 || gap > l.size * 3) break;
        // A sentence, then a line of headings (columns, no figure): another table begins.
        const next = page[j + 1];
        if (!tabular(l) && next && tabular(next) && !inked(next).some((i) => FIGURE.test(i.str))) break;
        if (figureRow(l)) end = j;
      }
      const rows = page.slice(k, end + 1).filter(figureRow);
      if (rows.length < 2) {
        k = end + 1;
        continue;
      }
      const cols = columnsOf(rows);
      // More columns than Word can make is no table anyone typed (and bounds the work on a hostile page).
      if (cols.length > MAX_COLUMNS) {
        k = end + 1;
        continue;
      }
      const x0 = cols[0]![0];
      const x1 = cols[cols.length - 1]![1];
      const size = rows[0]!.size;
      // The last row's words wrapped onto the lines below it (its label "Tỷ lệ hồ sơ | đúng hạn (%)").
      while (
        end + 1 < page.length &&
        wrappedColumn(page[end + 1]!, page[end]!, cols, (c) => cellsOf(page[end]!, cols).get(c)?.text) !== undefined
      )
        end++;
      const body = page.slice(k, end + 1);
      // Every line of the block within the table's width, every row with one figure a column.
      const fits = body.every(
        (l) => l.x0 >= x0 - size && l.x1 <= x1 + size && (!figureRow(l) || oneFigureAColumn(l, cols)),
      );
      if (!fits || cols.length < 2) {
        k = end + 1;
        continue;
      }
      // Headings: the lines above, close together, in the rows' type, set in columns or standing
      // inside the table without filling it (a heading's other lines).
      let first = k;
      for (let j = k - 1; j >= 0; j--) {
        const l = page[j]!;
        const gap = l.y - page[j + 1]!.y;
        if (gap <= 0 || gap > l.size * 3 || l.x0 < x0 - size * 2 || figureRow(l)) break;
        // Headings are set as the rows are (a title above in larger type is not one).
        if (Math.abs(l.size - size) > 0.5) break;
        if (!tabular(l) && (l.x1 > x1 + size * 3 || l.x1 - l.x0 > (x1 - x0) * 0.5)) break;
        // A row of another table above (its number, "1", "2") is no heading; nor the sentence that
        // introduces the table, alone in the first column farther than a line's spacing above.
        if (inked(l).some((i) => FIGURE.test(i.str))) break;
        if (!tabular(l) && l.x0 < cols[0]![1] && gap > l.size * 1.3) break;
        first = j;
      }
      // The topmost line alone in the first column is the sentence before the table ("Cụ thể như
      // sau:"); a heading's line alone further right is the top of a tall heading set in the middle.
      while (first < k && !tabular(page[first]!) && page[first]!.x0 < cols[0]![1]) first++;
      const table: PdfTable = { columns: cols.length, rows: [], lines: new Set() };
      const heading = page.slice(first, k);
      // Cells set so close that pdf.js joined their texts ("Cấp sở 21", "Số đơn vị Đã nộp") make
      // columns that cannot be told apart: under headings, a column without its own heading, or two
      // headings set apart in one column, show it; without headings, a row's words ending in a
      // figure. Such a table stays text.
      const headed = new Set(heading.flatMap((l) => [...cellsOf(l, cols).keys()]));
      const joined =
        heading.length > 0
          ? headed.size < cols.length || heading.some((l) => !apartInColumns(l, cols))
          : rows.some((l) => inked(l).some(runTogether));
      if (joined) {
        k = end + 1;
        continue;
      }
      // Heading rows: a line more than a line's spacing below the one above begins a row (a cell's
      // words wrapped, or set lower in a taller row, stay in theirs).
      let cells = new Map<number, { text: string; x: number }>();
      heading.forEach((l, j) => {
        if (j > 0 && heading[j - 1]!.y - l.y > l.size * 1.3) {
          table.rows.push(row(heading[j - 1]!, cells));
          cells = new Map();
        }
        for (const [c, cell] of cellsOf(l, cols)) {
          const had = cells.get(c);
          if (had) had.text += ` ${cell.text}`;
          else cells.set(c, { ...cell });
        }
      });
      if (cells.size > 0) table.rows.push(row(heading[heading.length - 1]!, cells));
      for (const l of page.slice(first, end + 1)) table.lines.add(l);
      let prev: PdfTableRow | undefined;
      let prevLine: PdfLine | undefined;
      for (const l of body) {
        const cells = cellsOf(l, cols);
        // A cell's words wrapped onto a line of their own go on in that cell.
        const above = prev;
        const column =
          above && prevLine && wrappedColumn(l, prevLine, cols, (c) => above.cells.find((x) => x.column === c)?.text);
        if (above && column !== undefined) {
          above.cells.find((c) => c.column === column)!.text += ` ${cells.get(column)!.text}`;
        } else {
          prev = row(l, cells);
          table.rows.push(prev);
        }
        prevLine = l;
      }
      tables.push(table);
      k = end + 1;
    }
  }
  return joinAcrossPages(tables, lines);
}

function row(line: PdfLine, cells: Map<number, { text: string; x: number }>): PdfTableRow {
  return {
    page: line.page,
    y: line.y,
    cells: [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([column, c]) => ({ column, ...c })),
  };
}

const lineKey = (l: PdfLine): string =>
  inked(l)
    .map((i) => i.str.trim())
    .join(' ');

/**
 * A table that ends its page and one that begins the next are one table when they have as many
 * columns; the next page's repeated headings are left out. Lines between them must be in smaller
 * type than the table's (a footnote) or stand on other pages too (a running header): a title
 * between is another table's. A table that goes on with other columns (one left blank on the next
 * page) cannot be placed with certainty: its part on the next page stays text, never a table of
 * its own whose total would add up only that page's rows.
 */
function joinAcrossPages(tables: PdfTable[], lines: PdfLine[]): PdfTable[] {
  const out: PdfTable[] = [];
  const at = new Map(lines.map((l, i) => [l, i]));
  // A running header or footer (the same text on more than one page) may stand between.
  const pagesOf = new Map<string, Set<number>>();
  for (const l of lines) pagesOf.set(lineKey(l), (pagesOf.get(lineKey(l)) ?? new Set()).add(l.page));
  const running = new Set([...pagesOf].filter(([, pages]) => pages.size > 1).map(([k]) => k));
  for (const t of tables) {
    const before = out[out.length - 1];
    if (before && before.rows[before.rows.length - 1]!.page === t.rows[0]!.page - 1) {
      const last = [...before.lines].pop()!;
      const between = lines.slice(at.get(last)! + 1, at.get([...t.lines][0]!)!);
      if (between.every((l) => l.size < last.size - 0.5 || running.has(lineKey(l)))) {
        if (before.columns !== t.columns) continue;
        const head = (r: PdfTableRow) => r.cells.map((c) => `${c.column}:${c.text}`).join('|');
        let repeated = 0;
        while (
          repeated < Math.min(t.rows.length, before.rows.length) &&
          head(t.rows[repeated]!) === head(before.rows[repeated]!)
        )
          repeated++;
        before.rows.push(...t.rows.slice(repeated));
        for (const l of t.lines) before.lines.add(l);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
