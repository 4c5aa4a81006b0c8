/**
 * Ruled tables for documents drawn with the flow text engine: fixed and star column widths,
 * padded cells holding a stack of paragraphs, background fills, column spans, minimum row
 * heights, and rows cut across pages when a row is taller than a page.
 */
import {
  breakLines,
  drawLine,
  fillRects,
  heightOf,
  strokeLines,
  type Align,
  type Line,
  type PdfDoc,
  type Run,
} from './text.js';

/** A paragraph of a cell. */
export interface CellText {
  runs: Run[];
  align?: Align;
  lineHeight?: number;
}

export interface Cell {
  texts: CellText[];
  fill?: string;
  /** Columns this cell spans (default 1); the cells it covers are left out of the row. */
  span?: number;
}

export interface TableStyle {
  /** Content widths; `'*'` shares what is left of `totalWidth`. */
  widths: (number | '*')[];
  totalWidth: number;
  lineWidth: number;
  padX: number;
  padY: number;
}

export const THIN_GRID_STYLE = { lineWidth: 0.5, padX: 3, padY: 2 } as const;

interface LaidCell {
  x: number;
  width: number;
  fill: string | undefined;
  /** Each line with its paragraph's alignment and its offset from the cell's content top. */
  lines: { line: Line; align: Align; top: number }[];
  height: number;
}

/** A row measured for a table: its cells laid out, its height with paddings and lines. */
export interface Row {
  cells: LaidCell[];
  /** Content height (the tallest cell, or the minimum height). */
  content: number;
  /** Full height: content + paddings + one rule. */
  height: number;
}

export class Table {
  /** Left edge of each column and the table's right edge. */
  readonly edges: number[];

  constructor(readonly style: TableStyle) {
    const { widths, totalWidth, lineWidth, padX } = style;
    const fixed = widths.reduce<number>((s, w) => s + (w === '*' ? 0 : w), 0);
    const stars = widths.filter((w) => w === '*').length;
    const extra = widths.length * 2 * padX + (widths.length + 1) * lineWidth;
    const star = stars > 0 ? Math.max(0, (totalWidth - fixed - extra) / stars) : 0;
    const edges = [0];
    let x = 0;
    for (const w of widths) {
      x += (w === '*' ? star : w) + 2 * padX + lineWidth;
      edges.push(x);
    }
    if (stars > 0) edges[edges.length - 1] = totalWidth - lineWidth;
    this.edges = edges;
  }

  get width(): number {
    return (this.edges[this.edges.length - 1] as number) + this.style.lineWidth;
  }

  /** Lay out a row; `minHeight`: the least content height, paddings not counted (as pdfmake's `heights`). */
  row(cells: Cell[], minHeight = 0): Row {
    const { lineWidth, padX, padY } = this.style;
    const laid: LaidCell[] = [];
    let col = 0;
    let content = minHeight;
    for (const cell of cells) {
      const span = cell.span ?? 1;
      const left = this.edges[col] as number;
      const right = this.edges[col + span] as number;
      col += span;
      const x = left + lineWidth + padX;
      const width = right - left - lineWidth - 2 * padX;
      const lines: LaidCell['lines'] = [];
      let top = 0;
      for (const t of cell.texts) {
        for (const line of breakLines(t.runs, width, t.lineHeight ?? 1)) {
          lines.push({ line, align: t.align ?? 'left', top });
          top += line.height;
        }
      }
      laid.push({ x, width, fill: cell.fill, lines, height: top });
      content = Math.max(content, top);
    }
    return { cells: laid, content, height: content + 2 * padY + lineWidth };
  }

  /** Draw `row` whole with its top rule at `y`, table at `x`. Returns the height drawn. */
  draw(doc: PdfDoc, row: Row, x: number, y: number): number {
    return this.drawPart(
      doc,
      row,
      x,
      y,
      row.cells.map(() => 0),
      Infinity,
    ).height;
  }

  /**
   * Draw what is left of `row` (each cell from its line `next[i]`, updated) in `room` points
   * of page: each cell's next lines as long as they fit. A row is cut this way only when it
   * is taller than a page. Returns the height drawn and whether the row is finished.
   */
  drawPart(
    doc: PdfDoc,
    row: Row,
    x: number,
    y: number,
    next: number[],
    room: number,
  ): { height: number; done: boolean } {
    const { lineWidth, padX, padY } = this.style;
    const whole = next.every((n) => n === 0) && row.height <= room + 0.01;
    const space = room - 2 * padY - lineWidth;
    const parts: { cell: LaidCell; lines: LaidCell['lines']; first: number }[] = [];
    let content = 0;
    let done = true;
    row.cells.forEach((c, i) => {
      const first = next[i] as number;
      let end = first;
      let used = 0;
      if (whole) end = c.lines.length;
      else
        while (end < c.lines.length) {
          const h = (c.lines[end] as LaidCell['lines'][number]).line.height;
          // At least one line per part, so that a part always moves on.
          if (used + h > space + 0.01 && end > first) break;
          used += h;
          end++;
        }
      if (end < c.lines.length) done = false;
      next[i] = end;
      const lines = c.lines.slice(first, end);
      const top = lines[0]?.top ?? 0;
      parts.push({ cell: c, lines, first: top });
      const last = lines[lines.length - 1];
      if (last) content = Math.max(content, last.top + last.line.height - top);
    });
    if (whole) content = row.content;
    else if (done) content = Math.max(content, row.content - Math.max(0, ...parts.map((p) => p.first)));
    const h = content + 2 * padY + lineWidth;
    // Backgrounds, by colour.
    const fills = new Map<string, [number, number, number, number][]>();
    for (const c of row.cells) {
      if (!c.fill) continue;
      let list = fills.get(c.fill);
      if (!list) fills.set(c.fill, (list = []));
      list.push([x + c.x - padX - lineWidth / 2, y, c.width + 2 * padX + lineWidth, h]);
    }
    for (const [color, rects] of fills) fillRects(doc, color, rects);
    // Text.
    for (const p of parts)
      for (const { line, align, top } of p.lines)
        drawLine(doc, line, x + p.cell.x, y + lineWidth / 2 + padY + (top - p.first), p.cell.width, align);
    // Rules: top, bottom and each cell's sides.
    const right = x + (this.edges[this.edges.length - 1] as number) + lineWidth;
    const left = x + lineWidth / 2;
    const rules: [number, number, number, number][] = [
      [x, y, right, y],
      [x, y + h, right, y + h],
      [left, y, left, y + h],
    ];
    for (const c of row.cells) {
      const edge = x + c.x + c.width + padX + lineWidth / 2;
      rules.push([edge, y, edge, y + h]);
    }
    strokeLines(doc, lineWidth, rules);
    return { height: h, done };
  }
}

/** Height of a cell's lines (for tests). */
export function cellHeight(row: Row, index: number): number {
  const c = row.cells[index];
  return c ? heightOf(c.lines.map((l) => l.line)) : 0;
}
