/**
 * Check 9: the tables of a draft (Word's, or rebuilt from a PDF's pages by pdf-tables.ts). The province's table is typed by hand — units or tiers by
 * row, counts by column, a total row, a total column, a rate column — and the slips this product
 * exists for are made there as in the text:
 *
 * - a total row ("Tổng cộng", "Cộng", "Toàn tỉnh") that is not the sum of the rows it closes (or
 *   opens), or of its groups' rows ("I. Cấp sở", "II. Cấp huyện", each the sum of its own rows);
 * - a total column ("Tổng số", "Toàn tỉnh") that is not the sum of the columns after it ("Đúng hạn",
 *   "Quá hạn") or before it ("Cấp sở", "Cấp huyện", "Cấp xã"), where that is what most rows show;
 * - a rate column ("Tỷ lệ (%)") whose figure is not its row's count over its row's base — or over
 *   the total row's — where one such pair of columns explains most rows.
 *
 * Like the other checks it prefers silence to a wrong claim: a column is summed only when every
 * cell of it is a figure or nothing (a blank, a dash), rates, averages, scores and row numbers are
 * never summed, and a relation between columns is only assumed when most rows show it, with no
 * other relation explaining as many.
 */
import { foldLabel, normaliseCode } from '../import/text.js';
import { formatNumber } from '../numbers/index.js';
import { indicatorNamed, ratioNamed, returnOf } from './check-data.js';
import type { ParagraphContext } from './context.js';
import { agree, halfUnit, showComputedPercent, showNumber, suggestPercent } from './precision.js';
import { tokenize, type NumberValue, type Token } from './tokens.js';
import type { DataFacts, DocTable, DocTableCell, UnitFacts } from './types.js';

type Scope = 'province' | 'so' | 'huyen' | 'xa';
/** Where a figure of the data belongs: the province, a tier, or one unit. */
type Place = Scope | UnitFacts;
/** What a row's or a column's label names in the data. */
type Subject = { ratio: DataFacts['ratios'][number] } | { ind: DataFacts['indicators'][number] };
/** Labels of a scope the consolidated data has: a column "Cấp sở", a row "Toàn tỉnh". */
const SCOPES: [RegExp, Scope][] = [
  [/^(toàn tỉnh|cả tỉnh|tổng toàn tỉnh|tổng cộng toàn tỉnh|cộng toàn tỉnh)$/u, 'province'],
  [/^(cấp sở|cấp tỉnh|các sở, ban, ngành|khối sở, ban, ngành)$/u, 'so'],
  [/^cấp huyện$/u, 'huyen'],
  [/^cấp xã$/u, 'xa'],
];
const SCOPE_NAME: Record<Scope, string> = { province: 'toàn tỉnh', so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };
/** A total that is the province's only beside all three tiers ("Cấp sở | Cấp huyện | Cấp xã | Tổng cộng"). */
const TOTAL_SCOPE = /^(tổng cộng|tổng số|tổng|cộng)$/u;
/** Headings of another time than the period: "Năm 2022", "Kế hoạch", "Cùng kỳ". */
const OTHER_TIME = /(?<!\d)(19|20)\d{2}(?!\d)|kế hoạch|cùng kỳ|năm trước|kỳ trước|dự kiến|chỉ tiêu giao/u;

/** "UBND huyện X" is written "Huyện X" as often; "TP. Lai Châu" is "Thành phố Lai Châu". */
const UNIT_PREFIX = /^(?:ubnd|uy ban nhan dan)\s+/u;
const UNIT_ABBREVIATIONS: [RegExp, string][] = [
  [/^tp(?:\.\s*|\s+)/u, 'thanh pho '],
  [/^tx(?:\.\s*|\s+)/u, 'thi xa '],
  [/^tt(?:\.\s*|\s+)/u, 'thi tran '],
];
/** The kind of unit a name starts with: without it, a name still names its unit when no other has it. */
const UNIT_KIND = /^(?:so|huyen|thanh pho|thi xa|xa|phuong|thi tran)\s+/u;

/** A unit's name as compared: folded (case, diacritics, spaces), brackets and "UBND" dropped. */
function unitKey(name: string): string {
  let k = foldLabel(name.replace(/\(.*?\)/gu, ' '))
    .replace(/[.,;:]+$/u, '')
    .replace(UNIT_PREFIX, '');
  for (const [re, full] of UNIT_ABBREVIATIONS) k = k.replace(re, full);
  return k.trim();
}

interface UnitIndex {
  byCode: Map<string, UnitFacts>;
  /** Whole names; a name two units share names neither (null). */
  byName: Map<string, UnitFacts | null>;
  /** Names without their kind ("Tư pháp", "Tam Đường"), kept only when one unit has it. */
  byShortName: Map<string, UnitFacts | null>;
}
const unitIndexes = new WeakMap<readonly UnitFacts[], UnitIndex>();

function unitIndex(units: readonly UnitFacts[]): UnitIndex {
  let index = unitIndexes.get(units);
  if (index) return index;
  index = { byCode: new Map(), byName: new Map(), byShortName: new Map() };
  const put = (m: Map<string, UnitFacts | null>, k: string, u: UnitFacts): void => {
    if (k) m.set(k, m.has(k) && m.get(k) !== u ? null : u);
  };
  for (const u of units) {
    index.byCode.set(normaliseCode(u.code), u);
    const key = unitKey(u.name);
    put(index.byName, key, u);
    // "Phường 1" without its kind is "1": no name.
    const short = key.replace(UNIT_KIND, '');
    if (/\p{L}/u.test(short)) put(index.byShortName, short, u);
  }
  unitIndexes.set(units, index);
  return index;
}

/**
 * The unit a row's or a column's label names: its code ("S02", "S02 – Sở Tư pháp"), its name as
 * in the register, with or without "UBND", or without its kind ("Tư pháp") when no other unit
 * has that name; undefined when it names none, or two.
 */
function unitNamed(label: string, units: readonly UnitFacts[]): UnitFacts | undefined {
  const index = unitIndex(units);
  const words = label.trim().split(/\s+/u);
  const lead = index.byCode.get(normaliseCode(words[0] ?? ''));
  if (lead) return lead;
  const key = unitKey(label);
  if (!key) return undefined;
  // A label of another kind ("Huyện Bản Hon" for the commune) names no unit.
  return (UNIT_KIND.test(key) ? index.byName.get(key) : index.byShortName.get(key)) ?? undefined;
}

/** What a cell holds, for the checks. */
type Value =
  | { kind: 'blank' }
  | { kind: 'text' }
  | { kind: 'num'; num: NumberValue; pct: boolean; paragraph: number; start: number; end: number };

type Num = Extract<Value, { kind: 'num' }>;

interface Row {
  /** 1-based row of the table. */
  index: number;
  /** Per grid column (0-based): the value of the cell that starts there; merged columns share it. */
  values: Value[];
  /** "Tổng cộng", "Sở Tư pháp": the row's first text with letters (its number or numeral left out). */
  label: string;
  /** "I", "1", "a": what precedes the label (its own cell, or the label's start). */
  marker: string;
}

/** Labels of a total row, whole (after its numeral and anything in brackets). */
const TOTAL_LABEL =
  /^(tổng cộng|tổng số|tổng|cộng|toàn tỉnh|cả tỉnh|tổng toàn tỉnh|tổng cộng toàn tỉnh|cộng toàn tỉnh)$/u;
/** A group row's numeral: "I", "II.", "A", "B." (the rows after it, to the next, are its parts). */
const GROUP_MARKER = /^(?:[IVX]{1,4}|[A-Z])[.)]?$/u;
/** Words of a group's label: "Cấp sở", "Khối huyện". */
const GROUP_LABEL = /^(cấp|khối|nhóm)\s/u;
/** The end of a word: `\b` does not know Vietnamese letters ("số", "đó"). */
const END = '(?=$|[\\s:;,.()])';
/** A row of "of which": "Trong đó:", "- Trong đó, nữ". */
const OF_WHICH = new RegExp(`^(?:[-–+*•]\\s*)?\\(?trong đó${END}`, 'u');
const BULLET = /^[-–+*•]\s*/u;
/** Words of a column's headings that make it one never summed: rates, averages, scores, ranks. */
const NOT_ADDITIVE = /tỷ lệ|%|phần trăm|bình quân|trung bình|điểm|chỉ số|xếp hạng|thứ hạng|ghi chú/u;
/** A column's own heading that makes it one never summed: row numbers, years. */
const NOT_ADDITIVE_OWN = /^(stt|tt|số tt|số thứ tự|năm)$/u;
/** Headers of rate columns. */
const RATE_HEADER = /tỷ lệ|%|phần trăm/u;
/** Labels of a row of rates: "Tỷ lệ …", "… (%)" (not "… (từ 10% trở lên)", a bound in a name). */
const RATE_ROW = /^tỷ lệ|\(\s*%\s*\)$|phần trăm/u;
/** Headers of a total column: its parts follow it, or come before it. */
const TOTAL_HEADER = new RegExp(`^(tổng số|tổng cộng|tổng|cộng|toàn tỉnh|cả tỉnh)${END}`, 'u');
/** The most judgements of a rate the rate columns of one table may take (a 600-row table of 20 columns takes ~1.3 million). */
const MAX_RATE_WORK = 5_000_000;
/** A code written as a word of its own: "TT01", "R_QUANTRIET" (capitals with a digit or "_"). */
const CODE_WORD = /^[A-Z][A-Z0-9_.-]*[\d_][A-Z0-9_.-]*$/u;
/** A cell meaning "none": a dash. */
const DASH = /^[-–—]$/u;
/** A row of column numbers under the headings: "(1) (2) (3)", "1 2 3", "A B 1 2". */
const COLUMN_NUMBER = /^\(?(\d{1,2}|[A-Z])\)?(\s*=.*)?$/u;

function lower(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A row's or column's label as a name: lower case, without what is in brackets or a closing ":" or ".". */
function bare(label: string): string {
  return lower(label)
    .replace(/\(.*?\)/gu, '')
    .replace(/[:.]$/u, '')
    .trim();
}

/**
 * The notation a number shows beyond doubt: "1,234,567", "46.29" are English; "1.234.567",
 * "98,48", "2.125,5" Vietnamese. "1,680" and "1.680" could be either: undefined.
 */
function notationOf(n: NumberValue): 'en' | 'vi' | undefined {
  switch (n.style) {
    case 'english':
    case 'decimal-point':
      return 'en';
    case 'grouped':
      return /\..*\.|,/u.test(n.raw) ? 'vi' : undefined;
    case 'decimal-comma':
      return n.decimals === 3 ? undefined : 'vi';
    default:
      return undefined;
  }
}

/** How many numbers of these paragraphs show English notation beyond doubt, and how many Vietnamese. */
function notationCount(contexts: Iterable<ParagraphContext | undefined>): { en: number; vi: number } {
  const count = { en: 0, vi: 0 };
  for (const ctx of contexts) {
    for (const t of ctx?.tokens ?? []) {
      for (const n of [t.num, t.a, t.b]) {
        const habit = n && notationOf(n);
        if (habit) count[habit]++;
      }
    }
  }
  return count;
}
const documentNotation = new WeakMap<ParagraphContext[], { en: number; vi: number }>();

/** The paragraphs of a table's cells. */
function cellParagraphs(table: DocTable): number[] {
  return table.rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs));
}

/**
 * Whether a table's figures are in English notation: a table pasted from Excel in an English
 * locale shows "5,514" and "46.29". Its own figures decide when they show one notation beyond
 * doubt. When they leave it open ("5,514" among whole numbers) or show both, the reading under
 * which the table adds up and agrees with the data is taken — "1,250 + 830 = 2,080" holds only
 * the English way —, then the notation ten times more of its figures show, then the document's.
 * This keeps the sums and the comparisons from reading "5,514" as 5,514; check 5 still asks for
 * Vietnamese notation (once for the table, see markEnglish).
 */
function readsEnglish(table: DocTable, contexts: ParagraphContext[], data: DataFacts | undefined): boolean {
  const paragraphs = cellParagraphs(table);
  const own = notationCount(paragraphs.map((p) => contexts[p - 1]));
  // One notation only: that one.
  if (own.en > 0 !== own.vi > 0) return own.en > 0;
  // Both (cells typed over a pasted table) or neither: the reading under which the table holds.
  const ambiguous = paragraphs.some((p) =>
    contexts[p - 1]?.tokens.some((t) => t.num && englishReading(t.num) !== t.num),
  );
  // Nothing reads otherwise: the notation most of its figures show (check 5 says it once then).
  if (!ambiguous) return own.en > MOSTLY * own.vi;
  const slips = (english: boolean): number => {
    let n = 0;
    const dry = contexts.slice();
    for (const p of paragraphs) {
      const ctx = contexts[p - 1];
      if (ctx)
        dry[p - 1] = {
          ...ctx,
          emit: (f) => {
            if (f.severity !== 'info') n++;
          },
        };
    }
    checkTable(table, dry, data, english);
    return n;
  };
  const vietnamese = slips(false);
  const english = slips(true);
  if (english !== vietnamese) return english < vietnamese;
  if (own.en > MOSTLY * own.vi || own.vi > MOSTLY * own.en) return own.en > own.vi;
  let doc = documentNotation.get(contexts);
  if (!doc) documentNotation.set(contexts, (doc = notationCount(contexts)));
  return doc.en > 0 && doc.vi === 0;
}

/** How many times more figures of one notation than of the other make a table that notation's. */
const MOSTLY = 10;

/** An ambiguous number read the English way: "5,514" is 5514, "1.586" is 1.586. */
function englishReading(n: NumberValue): NumberValue {
  if (n.style === 'decimal-comma' && /^\d{1,3},\d{3}$/u.test(n.raw))
    return { ...n, value: Number(n.raw.replace(',', '')), decimals: 0, style: 'english' };
  if (n.style === 'grouped' && /^\d{1,3}\.\d{3}$/u.test(n.raw))
    return { ...n, value: Number(n.raw), decimals: 3, style: 'decimal-point' };
  return n;
}

/** The figure of a cell: one number (a percentage or not) and nothing else but punctuation. */
function valueOf(cell: DocTableCell | undefined, contexts: ParagraphContext[], english: boolean): Value {
  if (!cell || cell.text.trim() === '' || DASH.test(cell.text.trim())) return { kind: 'blank' };
  if (cell.paragraphs.length !== 1) return { kind: 'text' };
  const paragraph = cell.paragraphs[0] as number;
  const ctx = contexts[paragraph - 1];
  const t = ctx && soleFigure(ctx.text, ctx.tokens);
  if (!t) return { kind: 'text' };
  const read = english ? englishReading(t.num!) : t.num!;
  // "-200" in a column of changes: a fall.
  const minus = /[-−–]\s*$/u.exec(ctx.text.slice(0, t.start));
  const num = minus ? { ...read, value: -read.value, raw: `${minus[0].trim()}${read.raw}` } : read;
  const start = minus ? minus.index : t.start;
  return { kind: 'num', num, pct: t.kind === 'pct', paragraph, start, end: t.end };
}

/** The one figure a cell's text is (a number or a percentage, with nothing but punctuation around it). */
function soleFigure(text: string, tokens: readonly Token[]): Token | undefined {
  const t = tokens.length === 1 ? tokens[0] : undefined;
  if (!t || (t.kind !== 'num' && t.kind !== 'pct')) return undefined;
  return /[\p{L}\p{N}]/u.test(text.slice(0, t.start) + text.slice(t.end)) ? undefined : t;
}

/**
 * How many rows of a table are its headings: every row before the first with a figure past its
 * first column (a row of column numbers under the headings is one too). The check and the screen
 * that shows a finding's row with its headings read them alike.
 */
export function headingRows(rows: readonly (readonly { text: string; column: number }[])[]): number {
  let head = 0;
  while (head < rows.length) {
    const cells = rows[head]!;
    const figures = cells.some((c) => c.column > 1 && soleFigure(c.text, tokenize(c.text)) !== undefined);
    if (!figures || isColumnNumbers(cells)) head++;
    else break;
  }
  return head;
}

/** The grid's width: the last column any cell reaches. */
function widthOf(table: DocTable): number {
  let w = 0;
  for (const r of table.rows) for (const c of r.cells) w = Math.max(w, c.column + c.colSpan - 1);
  return w;
}

/** Whether a row is the column numbers under the headings: "(1) (2) (3)", "A B 1 2 3", each number one more. */
export function isColumnNumbers(cells: readonly { text: string }[]): boolean {
  const texts = cells.map((c) => c.text.trim()).filter((t) => t !== '');
  if (texts.length < 2 || !texts.every((t) => COLUMN_NUMBER.test(t))) return false;
  const numbers = texts.map((t) => /\d+/.exec(t)).flatMap((m) => (m ? [Number(m[0])] : []));
  return numbers.length >= 2 && numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1);
}

const short = (s: string, n = 48): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** Check one table; findings go to the contexts of its cells' paragraphs. */
function checkTable(
  table: DocTable,
  contexts: ParagraphContext[],
  data: DataFacts | undefined,
  english: boolean,
): void {
  const width = widthOf(table);
  if (width < 2 || table.rows.length < 3) return;
  // Each row's values by grid column: a cell's own in its first column; the other columns it spans
  // hold nothing that can be summed (its figure is theirs together). A cell merged down counts once,
  // in its first row: the rows under it are blank there.
  const grid = table.rows.map((r) => {
    const values: Value[] = Array.from({ length: width }, () => ({ kind: 'blank' }) as Value);
    for (const c of r.cells) {
      const v = valueOf(c, contexts, english);
      for (let k = c.column; k < c.column + c.colSpan; k++) values[k - 1] = k === c.column ? v : { kind: 'text' };
    }
    return values;
  });
  const head = headingRows(table.rows.map((r) => r.cells));
  if (head === 0 || head >= table.rows.length) return;
  // Each column's headings from the top (a heading over several columns is each one's), and its
  // own: the lowest, nearest its figures ("Tổng số" under "Số hồ sơ").
  const headers: string[] = Array.from({ length: width }, () => '');
  const own: string[] = Array.from({ length: width }, () => '');
  for (let i = 0; i < head; i++) {
    const r = table.rows[i]!;
    // A row of column numbers, and a section's title across the table ("A. Công tác chỉ đạo…", one
    // merged cell or the same text in every cell), name no column.
    const texts = new Set(r.cells.map((c) => c.text.trim()).filter((t) => t !== ''));
    const across =
      texts.size === 1 &&
      r.cells.filter((c) => c.text.trim() !== '').reduce((w, c) => w + c.colSpan, 0) >= Math.min(width, 3);
    if (isColumnNumbers(r.cells) || across) continue;
    for (const c of r.cells) {
      const t = c.text.trim();
      if (!t) continue;
      for (let k = c.column; k < c.column + c.colSpan; k++) {
        headers[k - 1] = headers[k - 1] ? `${headers[k - 1]} ${t}` : t;
        own[k - 1] = t;
      }
    }
  }
  const rows: Row[] = [];
  for (let i = head; i < table.rows.length; i++) {
    const r = table.rows[i]!;
    let label = '';
    let marker = '';
    for (const c of r.cells) {
      const t = c.text.trim();
      if (!t) continue;
      if (/\p{L}/u.test(t) && !GROUP_MARKER.test(t)) {
        const m = /^((?:[IVX]{1,4}|[A-Za-z]|\d{1,3})[.)]\s+)(.*)$/u.exec(t);
        if (m && !marker) marker = (m[1] as string).trim();
        const text = (m ? (m[2] as string) : t).trim();
        // A code ("TT01") is followed by the name it stands for: the row is named by both.
        if (!label && CODE_WORD.test(text)) {
          label = text;
          continue;
        }
        label = label ? `${label} – ${text}` : text;
        break;
      }
      if (!marker) marker = t;
    }
    rows.push({ index: i + 1, values: grid[i]!, label, marker });
  }
  const lowerHeaders = headers.map(lower);
  const lowerOwn = own.map(lower);
  const columnName = (c: number): string => short(own[c] || `cột ${c + 1}`);
  const rowName = (r: Row): string => short(r.label || r.marker || `dòng ${r.index}`, 64);
  const where = `Bảng ${table.index}`;

  /** The total rows ("Tổng cộng", "Cộng", "Toàn tỉnh"), found once. */
  const totalRows = new Set(rows.filter((r) => TOTAL_LABEL.test(bare(r.label))));
  const isTotal = (r: Row): boolean => totalRows.has(r);
  const isGroup = (r: Row): boolean => !isTotal(r) && (GROUP_MARKER.test(r.marker) || GROUP_LABEL.test(lower(r.label)));
  const isOfWhich = (r: Row): boolean => OF_WHICH.test(lower(r.label));
  const isBullet = (r: Row): boolean => BULLET.test(r.label);

  /** The figure of row `r` in column `c`, 0 for a blank; undefined for text. */
  const amount = (r: Row, c: number): number | undefined => {
    const v = r.values[c]!;
    // A row of rates ("Tỷ lệ … (%)") among rows of counts holds no amounts.
    if (RATE_ROW.test(lower(r.label))) return undefined;
    if (v.kind === 'blank') return 0;
    if (v.kind === 'num' && !v.pct) return v.num.value;
    return undefined;
  };
  const decimalsOf = (rs: Row[], c: number): number =>
    Math.max(
      0,
      ...rs.map((r) => {
        const v = r.values[c]!;
        return v.kind === 'num' ? v.num.decimals : 0;
      }),
    );
  /** Whether a sum of `n` figures equals `whole`, allowing the rounding of figures with decimals. */
  const sameSum = (sum: number, whole: number, n: number, decimals: number): boolean =>
    Math.abs(sum - whole) <= (decimals > 0 ? (n + 1) * halfUnit(decimals) : 0) + 1e-9;

  /** Whether column `c` holds amounts (its headings and figures say so); once per column. */
  const additiveColumns = Array.from(
    { length: width },
    (_, c) =>
      !NOT_ADDITIVE.test(lowerHeaders[c] as string) &&
      !NOT_ADDITIVE_OWN.test(lowerOwn[c] as string) &&
      rows.every((r) => r.values[c]!.kind !== 'num' || !(r.values[c] as Num).pct),
  );
  const additive = (c: number): boolean => additiveColumns[c] === true;

  /** Cells found not to be the sum they stand for: a rate computed from them is not judged. */
  const flagged = new Set<Value>();
  /** A figure that is not the sum it stands for: said at its cell (the sum suggested when `suggest`). */
  const sumSlip = (stated: Num, sum: number, decimals: number, suggest: boolean, message: string): void => {
    flagged.add(stated);
    contexts[stated.paragraph - 1]!.emit({
      kind: 'table',
      severity: 'error',
      start: stated.start,
      end: stated.end,
      stated: stated.num.raw,
      computed: showNumber(sum, decimals),
      suggestion: suggest ? showNumber(sum, decimals) : null,
      message,
    });
  };

  // ---- Total rows: the sum of the rows they close (or open), or of their groups.
  const totals = [...totalRows];
  for (const total of totals) {
    const at = rows.indexOf(total);
    const before = totals.indexOf(total) - 1;
    const prevTotal = before >= 0 ? rows.indexOf(totals[before]!) : -1;
    let body = rows.slice(prevTotal + 1, at);
    let subtotals = false;
    if (body.length === 0 && at === 0) {
      // A total first: the rows after it, to the next total.
      const after = totals[totals.indexOf(total) + 1];
      body = rows.slice(at + 1, after ? rows.indexOf(after) : rows.length);
    } else if (body.length === 0) {
      // A grand total right after subtotals: the sum of those.
      body = totals.slice(0, totals.indexOf(total));
      subtotals = true;
    }
    if (body.length < 2) continue;
    for (let c = 1; c < width; c++) {
      const stated = total.values[c]!;
      if (stated.kind !== 'num' || stated.pct || !additive(c)) continue;
      const figures = body.map((r) => amount(r, c));
      if (figures.some((f) => f === undefined)) continue;
      if (!body.some((r) => r.values[c]!.kind === 'num')) continue;
      const decimals = Math.max(decimalsOf(body, c), stated.num.decimals);
      // The readings of the rows: all of them; only the groups; without "of which" and dashed lines.
      // Group rows are groups only when some have rows of their own after them ("Cấp sở", "Cấp
      // huyện", "Cấp xã" alone are three plain rows).
      const grouped = body.some((r, i) => isGroup(r) && i + 1 < body.length && !isGroup(body[i + 1]!));
      const groups = subtotals || !grouped ? [] : body.filter(isGroup);
      const plain = body.filter((r) => !isOfWhich(r) && !isBullet(r));
      const readings: Row[][] = [body];
      if (groups.length > 0) readings.unshift(groups);
      if (plain.length > 0 && plain.length < body.length) readings.push(plain);
      const sums = readings.map((rs) => rs.reduce((s, r) => s + (amount(r, c) as number), 0));
      if (sums.some((s, i) => sameSum(s, stated.num.value, (readings[i] as Row[]).length, decimals))) {
        // Each group against its own rows, when the total is read through the groups.
        if (groups.length > 0 && sameSum(sums[0] as number, stated.num.value, groups.length, decimals))
          checkGroups(body, c, decimals);
        continue;
      }
      // A total first and "Trong đó:" right under it: the rows name some of its parts only, which
      // may come short of it, never above it.
      const partial = at === 0 && !subtotals && isOfWhich(body[0]!);
      const whole = body.reduce((s, r) => s + (amount(r, c) as number), 0);
      if (partial && whole <= stated.num.value + (decimals > 0 ? (body.length + 1) * halfUnit(decimals) : 0)) continue;
      const reading = partial ? body : (readings[0] as Row[]);
      const sum = partial ? whole : (sums[0] as number);
      const simple = groups.length === 0 && plain.length === body.length;
      sumSlip(
        stated,
        sum,
        decimals,
        simple,
        `${where}, dòng “${rowName(total)}”, cột “${columnName(c)}”: cộng ${reading.length} ${reading === groups ? 'nhóm' : 'dòng'} ${at === 0 && !subtotals ? 'dưới' : 'trên'} được ${showNumber(sum, decimals)}, ` +
          (partial
            ? `lớn hơn tổng ${stated.num.raw} mà bảng ghi. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.`
            : `bảng ghi ${stated.num.raw}. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.`),
      );
    }
  }

  /** Each group row against the sum of the rows after it (to the next group), in column `c`. */
  function checkGroups(body: Row[], c: number, decimals: number): void {
    for (let g = 0; g < body.length; g++) {
      const group = body[g]!;
      if (!isGroup(group)) continue;
      const stated = group.values[c]!;
      if (stated.kind !== 'num' || stated.pct) continue;
      const members: Row[] = [];
      for (let k = g + 1; k < body.length && !isGroup(body[k]!); k++) members.push(body[k]!);
      const parts = members.filter((r) => !isOfWhich(r) && !(isBullet(r) && members.some((m) => !isBullet(m))));
      if (parts.length < 2 || !parts.some((r) => r.values[c]!.kind === 'num')) continue;
      const figures = parts.map((r) => amount(r, c));
      if (figures.some((f) => f === undefined)) continue;
      const sum = (figures as number[]).reduce((s, f) => s + f, 0);
      if (sameSum(sum, stated.num.value, parts.length, decimals)) continue;
      sumSlip(
        stated,
        sum,
        decimals,
        false,
        `${where}, dòng “${rowName(group)}”, cột “${columnName(c)}”: cộng ${parts.length} dòng của nhóm được ${showNumber(sum, decimals)}, ` +
          `bảng ghi ${stated.num.raw}. Đề nghị kiểm tra lại dòng của nhóm hoặc các dòng.`,
      );
    }
  }

  /** The rows with the total rows last (see below). */
  const totalsLast = [...rows.filter((x) => !isTotal(x)), ...totals];
  // ---- Total columns: the sum of the columns after them ("Tổng số | Đúng hạn | Quá hạn") or
  // before them ("Cấp sở | Cấp huyện | Cấp xã | Toàn tỉnh"), where most rows show it.
  for (let c = 1; c < width; c++) {
    if (!TOTAL_HEADER.test(lowerOwn[c] as string) || !additive(c)) continue;
    const candidates: number[][] = [];
    for (const step of [1, -1]) {
      for (let k = 2; ; k++) {
        const parts = Array.from({ length: k }, (_, i) => c + step * (1 + i));
        if (parts.some((p) => p < 0 || p >= width)) break;
        if (!parts.every((p) => additive(p) && !TOTAL_HEADER.test(lowerOwn[p] as string))) break;
        candidates.push(step > 0 ? parts : [...parts].reverse());
      }
    }
    let best: { parts: number[]; support: number; misses: Row[] } | undefined;
    let tie = false;
    for (const parts of candidates) {
      const k = parts.length;
      let support = 0;
      const misses: Row[] = [];
      // Total rows last: a slip in a row is carried into them, and said once, in its row.
      for (const r of totalsLast) {
        if (isTotal(r) && misses.length > 0) break;
        const whole = r.values[c]!;
        if (whole.kind !== 'num' || whole.pct) continue;
        const figures = parts.map((p) => amount(r, p));
        if (figures.some((f) => f === undefined) || !parts.some((p) => r.values[p]!.kind === 'num')) continue;
        const decimals = Math.max(whole.num.decimals, ...parts.map((p) => decimalsOf([r], p)));
        const sum = (figures as number[]).reduce((s, f) => s + f, 0);
        if (sameSum(sum, whole.num.value, k, decimals)) support++;
        else misses.push(r);
      }
      if (!best || support > best.support) {
        best = { parts, support, misses };
        tie = false;
      } else if (support === best.support) tie = true;
    }
    if (!best || tie || best.support < 2 || best.support <= best.misses.length) continue;
    const parts = best.parts;
    for (const r of best.misses) {
      const whole = r.values[c] as Num;
      const decimals = Math.max(whole.num.decimals, ...parts.map((p) => decimalsOf([r], p)));
      const sum = parts.reduce((s, p) => s + (amount(r, p) as number), 0);
      sumSlip(
        whole,
        sum,
        decimals,
        false,
        `${where}, dòng “${rowName(r)}”: cột “${columnName(c)}” ghi ${whole.num.raw}, cộng ` +
          (parts.length > 3
            ? `${parts.length} cột từ “${columnName(parts[0]!)}” đến “${columnName(parts[parts.length - 1]!)}”`
            : `các cột ${parts.map((p) => `“${columnName(p)}”`).join(', ')}`) +
          ` được ${showNumber(sum, decimals)}. Đề nghị kiểm tra lại.`,
      );
    }
  }

  // ---- Rate columns: count over base in the same row, or over the total row's figure.
  const counts = Array.from({ length: width }, (_, c) => c).filter(
    (c) => c > 0 && additive(c) && rows.some((r) => r.values[c]!.kind === 'num'),
  );
  const grand = totals.length === 1 ? totals[0] : undefined;
  // Every pair of columns is tried against every row of every rate column: a table too large for
  // that (a hostile or generated one) is not judged on its rates rather than held up for minutes.
  const rateColumns = lowerHeaders.filter((h, c) => c > 0 && RATE_HEADER.test(h)).length;
  const rateWork = rateColumns * (counts.length * counts.length + counts.length) * rows.length;
  for (let c = 1; c < width && rateWork <= MAX_RATE_WORK; c++) {
    const rated = rows.filter((r) => r.values[c]!.kind === 'num');
    const isRate =
      RATE_HEADER.test(lowerHeaders[c] as string) && !/bình quân|trung bình|điểm/u.test(lowerHeaders[c] as string);
    if (!isRate || rated.length < 2) continue;
    type Pair = { a: number; b: number | 'total' };
    const pairs: Pair[] = [];
    for (const a of counts) {
      for (const b of counts) if (a !== b) pairs.push({ a, b });
      if (grand) pairs.push({ a, b: 'total' });
    }
    const judge = (p: Pair, r: Row): 'ok' | 'truncated' | 'wrong' | undefined => {
      const base = p.b === 'total' ? grand : r;
      const a = amount(r, p.a);
      const b = p.b === 'total' ? amount(grand as Row, p.a) : amount(r, p.b);
      const v = r.values[c] as Num;
      if (a === undefined || b === undefined || b === 0 || r.values[p.a]!.kind !== 'num') return undefined;
      // A figure already found wrong: its rate is said nothing of (it may be right for the true figure).
      if (flagged.has(r.values[p.a]!) || flagged.has((base as Row).values[p.b === 'total' ? p.a : p.b]!))
        return undefined;
      return agree(v.num, (a / b) * 100);
    };
    // A pair of columns is taken as the rate's when its rows agree with it, and at least one of
    // them tells (0 % and 100 % fit many pairs); no other pair may explain as many rows.
    let best: { pair: Pair; support: number; strong: number; misses: Row[] } | undefined;
    let tie = false;
    for (const p of pairs) {
      let support = 0;
      let strong = 0;
      const misses: Row[] = [];
      for (const r of rated) {
        const j = judge(p, r);
        if (j === 'ok' || j === 'truncated') {
          support++;
          const v = (r.values[c] as Num).num.value;
          if (v !== 0 && v !== 100) strong++;
        } else if (j === 'wrong') misses.push(r);
      }
      if (!best || support > best.support || (support === best.support && strong > best.strong)) {
        best = { pair: p, support, strong, misses };
        tie = false;
      } else if (support === best.support && strong === best.strong && support > 0) tie = true;
    }
    if (!best || tie || best.strong < 1 || best.support < 2 || best.support < best.misses.length) continue;
    const { pair } = best;
    for (const r of rated) {
      const j = judge(pair, r);
      if (j !== 'wrong' && j !== 'truncated') continue;
      const v = r.values[c] as Num;
      const a = amount(r, pair.a) as number;
      const b = (pair.b === 'total' ? amount(grand as Row, pair.a) : amount(r, pair.b)) as number;
      const exact = (a / b) * 100;
      const d = v.num.decimals;
      const base =
        pair.b === 'total'
          ? `${showNumber(a)} trên tổng ${showNumber(b)} (dòng “${rowName(grand as Row)}”)`
          : `${showNumber(a)}/${showNumber(b)}`;
      contexts[v.paragraph - 1]!.emit({
        kind: 'table',
        severity: j === 'wrong' ? 'error' : 'warning',
        start: v.start,
        end: v.end,
        stated: v.pct ? `${v.num.raw}%` : v.num.raw,
        computed: showComputedPercent(exact, d),
        suggestion: suggestPercent(exact, d).replace(/%$/u, v.pct ? '%' : ''),
        message:
          j === 'truncated'
            ? `${where}, dòng “${rowName(r)}”, cột “${columnName(c)}”: ${v.num.raw}% bị cắt bớt chữ số: ${base} = ${showComputedPercent(exact, d)}, làm tròn là ${suggestPercent(exact, d)}.`
            : `${where}, dòng “${rowName(r)}”, cột “${columnName(c)}”: ${base} = ${showComputedPercent(exact, d)}, không phải ${v.num.raw}%` +
              ` (tỷ lệ tính theo cột “${columnName(pair.a)}” trên ${pair.b === 'total' ? 'dòng tổng' : `cột “${columnName(pair.b)}”`}, như các dòng khác của bảng).`,
      });
    }
  }

  if (data) compareWithData(data);

  /**
   * Check 7 in a table: cells whose row (or column) names an indicator or a ratio of the form and
   * whose column (or row) names a scope of the data ("Cấp sở", "Toàn tỉnh") against the
   * consolidated figure. A difference is a warning at its cell; a row that agrees is one `info`.
   * Money (its unit may be another), and tables of another time ("Năm 2022", "Kế hoạch") are left
   * alone.
   */
  function compareWithData(facts: DataFacts): void {
    if (lowerHeaders.some((h) => OTHER_TIME.test(h))) return;
    const units = facts.unitFigures ?? [];
    const named = (label: string): Place | undefined =>
      SCOPES.find(([re]) => re.test(bare(label)))?.[1] ??
      (label && units.length > 0 ? unitNamed(label, units) : undefined);
    /**
     * The scopes of a table's columns (or rows) by their labels: a tier's, the province's; a bare
     * "Tổng cộng" is the province's only when all three tiers stand beside it — in a table of one
     * tier's units it is that tier's total, not the province's.
     */
    const scopesOf = (labels: string[]): (Place | undefined)[] => {
      const found = labels.map(named);
      const allTiers = (['so', 'huyen', 'xa'] as const).every((t) => found.includes(t));
      return labels.map((l, i) => found[i] ?? (allTiers && TOTAL_SCOPE.test(bare(l)) ? 'province' : undefined));
    };
    /** What a label names: an additive indicator (not money) or a ratio; undefined when it names none clearly. */
    const subjects = new Map<string, Subject | undefined>();
    const subjectOf = (label: string): Subject | undefined => {
      if (!subjects.has(label)) subjects.set(label, nameSubject(label));
      return subjects.get(label);
    };
    const nameSubject = (label: string): Subject | undefined => {
      if (!label) return undefined;
      // A row led by a code ("R_QUANTRIET – Tỷ lệ … = (TT04) / (TT03)", "TT01 – Số văn bản…") is that code's.
      const lead = label.trim().split(/\s/u)[0] as string;
      const byCode = CODE_WORD.test(lead) ? facts.ratios.find((x) => x.code === lead) : undefined;
      if (byCode) return { ratio: byCode };
      if (/^tỷ lệ/u.test(lower(label))) {
        const ratio = ratioNamed(lower(label).replace(/^tỷ lệ\s*/u, ''), facts);
        return ratio ? { ratio } : undefined;
      }
      const ind = indicatorNamed(label, facts);
      return ind && ind.kind !== 'money' && ind.kind !== 'percent' ? { ind } : undefined;
    };
    const columnScopes = scopesOf(own.map((h, c) => (c > 0 ? h : '')));
    const rowScopes = scopesOf(rows.map((r) => r.label));
    /** How a place is named in a message: "cấp xã", "Sở Tư pháp (S02)". */
    const placeName = (p: Place): string => (typeof p === 'string' ? SCOPE_NAME[p] : `${p.name} (${p.code})`);
    rows.forEach((r, ri) => {
      // A row named as a unit is the unit's, whatever its words share with an indicator's label
      // ("Văn phòng Ủy ban nhân dân tỉnh", "Ban Dân tộc").
      const unitRow = typeof rowScopes[ri] === 'object';
      const rowSubject = unitRow ? undefined : subjectOf(r.label);
      const rowScope = rowSubject ? undefined : rowScopes[ri];
      const agreed: string[] = [];
      let first: Num | undefined;
      let tiersAgreed = false;
      for (let c = 1; c < width; c++) {
        const v = r.values[c]!;
        if (v.kind !== 'num') continue;
        const scope = rowSubject ? columnScopes[c] : rowScope;
        const subject = rowSubject ?? (rowScope ? subjectOf(headers[c] as string) : undefined);
        if (!scope || !subject) continue;
        // A percentage: written with "%", or in a column or a row of rates ("Tỷ lệ … (%)").
        const percentColumn = v.pct || RATE_HEADER.test(lowerHeaders[c] as string) || RATE_ROW.test(lower(r.label));
        const unit = typeof scope === 'string' ? undefined : scope;
        let value: number | null | undefined;
        let shown: string;
        let code: string;
        let says: string;
        let original: string | undefined;
        if ('ratio' in subject) {
          if (!percentColumn) continue;
          const ratio = subject.ratio;
          value = unit
            ? unit.ratios[ratio.code]
            : scope === 'province'
              ? ratio.province
              : ratio.tiers[scope as Exclude<Scope, 'province'>];
          if (value === null || value === undefined) continue;
          shown = `${formatNumber(value, { decimals: Math.max(2, v.num.decimals) })}%`;
          code = ratio.code;
          original = unit ? returnOf(unit) : undefined;
          const name = ratio.label.charAt(0).toLowerCase() + ratio.label.slice(1);
          says = unit
            ? `${name} của ${placeName(unit)}, tính từ số liệu đã nhập của đơn vị, là ${shown}`
            : `số liệu tổng hợp của ${name} ở ${placeName(scope)} là ${shown}`;
        } else {
          if (percentColumn) continue;
          const ind = subject.ind;
          const figure = unit?.indicators[ind.code];
          value = unit
            ? figure?.value
            : scope === 'province'
              ? ind.province
              : ind.tiers[scope as Exclude<Scope, 'province'>];
          if (value === null || value === undefined) continue;
          shown = `${showNumber(value)} ${ind.unit}`;
          code = ind.code;
          original = figure?.sha256;
          says =
            unit && figure
              ? `số liệu đã nhập của ${placeName(unit)} cho chỉ tiêu ${ind.code} (${ind.label}) là ${shown} (${figure.from}` +
                `${figure.corrected ? '; số đã sửa sau khi xác nhận với đơn vị' : ''})`
              : `số liệu tổng hợp của chỉ tiêu ${ind.code} (${ind.label}) ở ${placeName(scope)} là ${shown}`;
        }
        if (agree(v.num, value) === 'ok') {
          first ??= v;
          if (!unit) tiersAgreed = true;
          const label = rowSubject ? (unit ? unit.code : SCOPE_NAME[scope as Scope]) : code;
          agreed.push(`${label} ${v.num.raw}${'ratio' in subject ? '%' : ''}`);
          continue;
        }
        contexts[v.paragraph - 1]!.emit({
          kind: 'data',
          severity: 'warning',
          start: v.start,
          end: v.end,
          stated: v.pct ? `${v.num.raw}%` : v.num.raw,
          computed: shown,
          suggestion:
            'ratio' in subject
              ? suggestPercent(value, v.num.decimals).replace(/%$/u, v.pct ? '%' : '')
              : showNumber(value),
          indicator: code,
          ...(original ? { original } : {}),
          message: `${where}, dòng “${rowName(r)}”, cột “${columnName(c)}”: bảng ghi ${v.num.raw}${'ratio' in subject ? '%' : ''} nhưng ${says}.`,
        });
      }
      if (first && agreed.length > 0) {
        const whose =
          rowScope && typeof rowScope !== 'string'
            ? `số liệu đã nhập của ${placeName(rowScope)}`
            : tiersAgreed
              ? 'số liệu tổng hợp'
              : 'số liệu đã nhập của các đơn vị';
        contexts[first.paragraph - 1]!.emit({
          kind: 'data',
          severity: 'info',
          start: first.start,
          end: first.end,
          stated: null,
          computed: null,
          suggestion: null,
          ...(rowSubject ? { indicator: 'ratio' in rowSubject ? rowSubject.ratio.code : rowSubject.ind.code } : {}),
          message: `${where}, dòng “${rowName(r)}”: khớp ${whose} (${agreed.join(', ')}).`,
        });
      }
    });
  }
}

/**
 * Check 9 over every table of the document. Returns the paragraphs of the tables read in English
 * notation: check 5 leaves their figures to the one warning each such table gets here.
 */
export function checkTables(tables: readonly DocTable[], contexts: ParagraphContext[], data?: DataFacts): Set<number> {
  const english = new Set<number>();
  for (const t of tables) {
    const isEnglish = readsEnglish(t, contexts, data);
    checkTable(t, contexts, data, isEnglish);
    if (isEnglish && markEnglish(t, contexts)) for (const p of cellParagraphs(t)) english.add(p);
  }
  return english;
}

/**
 * Check 5 for a table read the English way, said once for the table rather than at each of its
 * figures (a table pasted from Excel has hundreds): how many are written the English way, an
 * example of each kind and how Vietnamese writes it, anchored at the first. False when the table
 * has no figure written the English way.
 */
function markEnglish(table: DocTable, contexts: ParagraphContext[]): boolean {
  let first: { ctx: ParagraphContext; t: Token; fixed: string } | undefined;
  let count = 0;
  const examples = new Map<'thousands' | 'decimal', [string, string]>();
  for (const p of cellParagraphs(table)) {
    const ctx = contexts[p - 1];
    for (const t of ctx?.tokens ?? []) {
      for (const n of [t.num, t.a, t.b]) {
        if (!n) continue;
        const read = englishReading(n);
        if (read === n && notationOf(n) !== 'en') continue;
        const fixed = formatNumber(read.value, { decimals: read.decimals });
        count++;
        if (!first) first = { ctx: ctx!, t, fixed };
        const kind = read.style === 'decimal-point' ? 'decimal' : 'thousands';
        if (!examples.has(kind)) examples.set(kind, [n.raw, fixed]);
      }
    }
  }
  if (!first) return false;
  const said = [...examples.entries()].map(([kind, [raw, fixed]]) =>
    kind === 'thousands'
      ? `“${raw}” là ${fixed} (dấu phẩy ngăn cách hàng nghìn)`
      : `“${raw}” là ${fixed} (dấu chấm thập phân)`,
  );
  const { ctx, t, fixed } = first;
  ctx.emit({
    kind: 'notation',
    severity: 'warning',
    start: t.start,
    end: t.end,
    stated: t.num?.raw ?? t.raw,
    computed: null,
    suggestion: fixed,
    message:
      `Bảng ${table.index} viết ${formatNumber(count)} số theo kiểu tiếng Anh (dán từ Excel đặt ngôn ngữ tiếng Anh?): ` +
      `${said.join('; ')}. Bảng được đọc theo cách đó; văn bản tiếng Việt cần viết lại các số theo kiểu Việt Nam.`,
  });
  return true;
}
