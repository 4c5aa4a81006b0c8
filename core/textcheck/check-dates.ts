/**
 * Check 11: dates. A draft begun from last period's report keeps last period's dates as easily
 * as its figures, and the date a report's data are as of is a figure too. With the period:
 * - a statement of the data's cut-off — "(số liệu tính đến ngày 30/6/2023)", "số liệu được
 *   chốt đến hết ngày 30 tháng 6 năm 2023", "thời điểm chốt số liệu: 30/06/2023", "kết quả
 *   thực hiện đến ngày 30/6/2023" (the report's own sentence) — must give the period's cut-off
 *   (a different day is a warning, the same an `info`); a date without its year is compared by
 *   day and month, "tháng 6/2023" by month and year;
 * - the document's own date ("Lai Châu, ngày 15 tháng 7 năm 2023", its header line) cannot be
 *   before the cut-off: a report is not written before its data exist.
 * And always, the document against itself: its date line written as Nghị định 30 asks ("ngày 05
 * tháng 01 năm 2024": a notation warning otherwise), and an annex's "(Kèm theo Báo cáo số 245/BC-SNV ngày
 * 15/10/2025)" must give the date of the document's own date line and the number of its "Số:"
 * line (when both are written; a date changed at the top and not under the annexes is the slip).
 *
 * Left alone: "tính đến ngày …" without "số liệu" (a report also says what held at other dates:
 * "tính đến ngày 31/12/2022, toàn tỉnh có 35 cơ quan"), a cut-off compared with ("so với số liệu
 * tính đến …", "cùng kỳ"), and a header whose day is left blank for the signature.
 */
import { formatDateVN } from '../period/dates.js';
import type { ParagraphContext } from './context.js';
import type { DataFacts } from './types.js';

type PeriodFacts = NonNullable<DataFacts['period']>;
type Day = { day: number; month: number; year: number };

/** The words that say the date after them is the data's cut-off. */
const CUTOFF_LEAD =
  /(?<!\p{L})(?:số liệu(?:\s+(?:được|đã được))?(?:\s+(?:tính|chốt|cập nhật|tổng hợp))?\s+(?:đến|tới)(?:\s+hết)?|chốt số liệu(?:\s+(?:đến|tới|tại|vào))?(?:\s+hết)?|thời điểm chốt số liệu(?:\s+là)?\s*:?|kết quả thực hiện(?:\s+tính)?\s+đến(?:\s+hết)?)\s+(?:ngày\s+)?/gu;
/** A comparison with another time just before the lead: "so với số liệu tính đến …". */
const COMPARED_BEFORE = /(?<!\p{L})(?:so với|cùng kỳ|năm trước|kỳ trước)(?!\p{L})[^.;:]{0,30}$/u;

/** "30/6/2023", "30-06-2023", "30.6.2023", "30/6". */
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}))?(?![\d/.-]\d)/u;
/** "30 tháng 6 năm 2023", "30 tháng 06". */
const WORDED = /^(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?(?!\d)/u;
/** "tháng 6/2023", "tháng 6 năm 2023". */
const MONTH = /^tháng\s+(\d{1,2})(?:\s*\/\s*|\s+năm\s+)(\d{4})(?!\d)/u;

/**
 * The document's date line: "<place>, ngày 15 tháng 7 năm 2023" (its whole paragraph; in a PDF
 * the header's two cells come as one line, the number first: "Số: 245/BC-SNV Lai Châu, ngày …").
 */
const DATE_LINE =
  /^(?:Số\s*:?\s*\d*\s*[/-]\s*[\p{Lu}Đ][\p{Lu}Đ\d/-]*\s+)?[^\d,]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$/u;

/** A date as a text gives it: the parts it states, where it is, and how it writes them. */
interface StatedDate {
  day?: number;
  month: number;
  year?: number;
  start: number;
  end: number;
  style: 'numeric' | 'worded' | 'month';
  sep: string;
  /** Whether the text writes a day or month below 10 with a leading zero (undefined: it has none). */
  padded: boolean | undefined;
}

/** How written parts show padding: a "0" before a digit pads; a single digit does not; else unknown. */
function padding(...parts: string[]): boolean | undefined {
  if (parts.some((p) => p.length === 2 && p.startsWith('0'))) return true;
  if (parts.some((p) => p.length === 1)) return false;
  return undefined;
}

/** The date written at offset `at` of `text`, if one begins there. */
function dateAt(text: string, at: number): StatedDate | undefined {
  const rest = text.slice(at);
  const made = (
    m: RegExpExecArray,
    style: StatedDate['style'],
    sep: string,
    parts: { day?: string; month: string; year?: string | undefined },
  ): StatedDate => ({
    ...(parts.day !== undefined ? { day: Number(parts.day) } : {}),
    month: Number(parts.month),
    ...(parts.year ? { year: Number(parts.year) } : {}),
    start: at,
    end: at + m[0].length,
    style,
    sep,
    padded: padding(...(parts.day !== undefined ? [parts.day] : []), parts.month),
  });
  let m = NUMERIC.exec(rest);
  if (m) return made(m, 'numeric', m[2]!, { day: m[1]!, month: m[3]!, year: m[4] });
  m = WORDED.exec(rest);
  if (m) return made(m, 'worded', '', { day: m[1]!, month: m[2]!, year: m[3] });
  m = MONTH.exec(rest);
  if (m) return made(m, 'month', '/', { month: m[1]!, year: m[2] });
  return undefined;
}

/**
 * The cut-off written the way the text writes its date (and with only the parts it gives). A text
 * that shows no padding either way gets the app's own "30/06/2023", or "tháng 6" for a month.
 */
function written(cutoff: Day, like: StatedDate): string {
  const pad = like.padded ?? like.style === 'numeric';
  const two = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n));
  if (like.style === 'month') return `tháng ${two(cutoff.month)}/${cutoff.year}`;
  const year = like.year !== undefined ? cutoff.year : undefined;
  if (like.style === 'worded') return `${two(cutoff.day)} tháng ${two(cutoff.month)}${year ? ` năm ${year}` : ''}`;
  return `${two(cutoff.day)}${like.sep}${two(cutoff.month)}${year ? `${like.sep}${year}` : ''}`;
}

function partsOf(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { day: d, month: m, year: y };
}

/** Whether a stated date is the cut-off in every part it states. */
function sameDay(d: StatedDate, c: Day): boolean {
  if (d.style === 'month') return d.month === c.month && d.year === c.year;
  return d.day === c.day && d.month === c.month && (d.year === undefined || d.year === c.year);
}

/** Whether a stated date is before the cut-off (a year not given is the cut-off's). */
function before(d: Pick<StatedDate, 'day' | 'month' | 'year'>, c: Day): boolean {
  const key = (y: number, m: number, day: number): number => y * 10000 + m * 100 + day;
  return key(d.year ?? c.year, d.month, d.day ?? 31) < key(c.year, c.month, c.day);
}

/**
 * The document's number as its header gives it: "Số: 245/BC-SNV", "Số:     /BC-SNV" (no number
 * yet), a Party document's "Số 15-BC/TU".
 */
const NUMBER_LINE = /^Số\s*:?\s*(\d*)\s*([/-])\s*([\p{Lu}Đ][\p{Lu}Đ\d/-]*)/u;
/** An annex's reference to the document it is attached to. */
const ATTACHED =
  /(?<!\p{L})kèm theo\s+(?:báo cáo|công văn|tờ trình|kế hoạch|quyết định)\s+số\s*(\d*)\s*([/-])\s*([\p{Lu}Đ][\p{Lu}Đ\d/-]*)\s+ngày\s+/giu;

/** The one value all `found` agree on, or undefined (none, or several that differ). */
function only<T>(found: T[], same: (a: T, b: T) => boolean): T | undefined {
  const first = found[0];
  return first !== undefined && found.every((f) => same(f, first)) ? first : undefined;
}

/**
 * Check 11 over a whole document: the cut-off it states and its own date against the period's
 * (when the period is given), and its annexes' references against its own date and number.
 */
export function checkDates(contexts: ParagraphContext[], period: PeriodFacts | undefined): void {
  const lines: { ctx: ParagraphContext; day: Day; start: number; end: number }[] = [];
  for (const ctx of contexts) {
    const m = DATE_LINE.exec(ctx.text);
    if (!m) continue;
    const start = m.index + m[0].indexOf('ngày');
    const line = {
      ctx,
      day: { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) },
      start,
      end: start + m[0].slice(m[0].indexOf('ngày')).trimEnd().length,
    };
    lines.push(line);
    checkDateLineNotation(line, m[1]!, m[2]!);
  }
  if (period) {
    const cutoff = partsOf(period.cutoff);
    for (const ctx of contexts) checkCutoff(ctx, period, cutoff);
    for (const l of lines) {
      if (!before(l.day, cutoff)) continue;
      l.ctx.emit({
        kind: 'date',
        severity: 'warning',
        start: l.start,
        end: l.end,
        stated: `${l.day.day}/${l.day.month}/${l.day.year}`,
        // No date to put instead: the message says what the document's date cannot be.
        computed: null,
        suggestion: null,
        message:
          `Văn bản đề ngày ${vn(l.day)}, trước ngày chốt số liệu ${formatDateVN(period.cutoff)} của kỳ ${period.shortTitle}: ` +
          'báo cáo không thể được ký trước khi có số liệu. Hãy sửa ngày của văn bản (hoặc kiểm tra lại kỳ báo cáo đang đối chiếu).',
      });
    }
  }
  const own = only(lines, (a, b) => vn(a.day) === vn(b.day))?.day;
  const numbers = contexts.flatMap((ctx) => {
    const m = NUMBER_LINE.exec(ctx.text);
    return m ? [{ num: m[1]!, sep: m[2]!, symbol: m[3]! }] : [];
  });
  const number = only(numbers, (a, b) => a.num === b.num && a.symbol === b.symbol);
  for (const ctx of contexts) {
    for (const m of ctx.text.matchAll(ATTACHED)) {
      const [, num, sep, symbol] = m as unknown as [string, string, string, string];
      // Another series than the document's own: another document, not this one.
      if (number && symbol !== number.symbol) continue;
      if (number?.num && num && num !== number.num) {
        const start = m.index + m[0].search(/\d/u);
        ctx.emit({
          kind: 'date',
          severity: 'warning',
          start,
          end: start + num.length,
          stated: num,
          computed: number.num,
          suggestion: number.num,
          message: `Phụ lục ghi kèm theo văn bản số ${num}${sep}${symbol}, nhưng văn bản mang số ${number.num}${number.sep}${number.symbol}: hãy sửa cho cùng một số.`,
        });
      }
      const d = dateAt(ctx.text, m.index + m[0].length);
      if (!own || !d || d.day === undefined || d.year === undefined || sameDay(d, own)) continue;
      const stated = ctx.text.slice(d.start, d.end);
      const suggestion = written(own, d);
      sayDate(
        ctx,
        d,
        'warning',
        vn(own),
        suggestion,
        `Phụ lục ghi kèm theo văn bản ngày ${stated}, nhưng văn bản đề ngày ${vn(own)}: hãy sửa thành ${suggestion} (hoặc sửa ngày của văn bản).`,
      );
    }
  }
}

/**
 * The date line as Nghị định 30/2020/NĐ-CP writes it: a day below 10 and the months 1 and 2 with a
 * leading 0 ("ngày 05 tháng 01 năm 2024"), the other months without ("tháng 9"). A warning of
 * check 5 (notation), with the line written so.
 */
function checkDateLineNotation(
  line: { ctx: ParagraphContext; day: Day; start: number; end: number },
  day: string,
  month: string,
): void {
  const { day: d, month: mo, year } = line.day;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return;
  const want = { day: String(d).padStart(2, '0'), month: mo <= 2 ? String(mo).padStart(2, '0') : String(mo) };
  if (day === want.day && month === want.month) return;
  const suggestion = `ngày ${want.day} tháng ${want.month} năm ${year}`;
  line.ctx.emit({
    kind: 'notation',
    severity: 'warning',
    start: line.start,
    end: line.end,
    stated: line.ctx.text.slice(line.start, line.end),
    computed: null,
    suggestion,
    message:
      'Theo Nghị định 30/2020/NĐ-CP, ngày ban hành văn bản ghi ngày dưới 10 và tháng 1, 2 có thêm số 0 ở trước ' +
      `(các tháng khác thì không): hãy viết "${suggestion}".`,
  });
}

/** A finding of check 11 on a date as the text writes it. */
function sayDate(
  ctx: ParagraphContext,
  d: StatedDate,
  severity: 'info' | 'warning',
  computed: string,
  suggestion: string | null,
  message: string,
): void {
  const stated = ctx.text.slice(d.start, d.end);
  ctx.emit({ kind: 'date', severity, start: d.start, end: d.end, stated, computed, suggestion, message });
}

/** A day as "dd/mm/yyyy". */
function vn(d: Day): string {
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** The cut-off a paragraph states, against the period's. */
function checkCutoff(ctx: ParagraphContext, period: PeriodFacts, cutoff: Day): void {
  const cutoffVN = formatDateVN(period.cutoff);
  for (const lead of ctx.lower.matchAll(CUTOFF_LEAD)) {
    if (COMPARED_BEFORE.test(ctx.lower.slice(Math.max(0, lead.index - 40), lead.index))) continue;
    const d = dateAt(ctx.text, lead.index + lead[0].length);
    if (!d) continue;
    const stated = ctx.text.slice(d.start, d.end);
    if (sameDay(d, cutoff)) {
      const message = `Thời điểm chốt số liệu ${stated} khớp với kỳ ${period.shortTitle} (số liệu tính đến ngày ${cutoffVN}).`;
      sayDate(ctx, d, 'info', cutoffVN, null, message);
      continue;
    }
    const suggestion = written(cutoff, d);
    sayDate(
      ctx,
      d,
      'warning',
      cutoffVN,
      suggestion,
      `Văn bản ghi số liệu tính đến ${stated}, nhưng số liệu của kỳ ${period.shortTitle} tính đến ngày ${cutoffVN}` +
        (before(d, cutoff) ? ' (có thể ngày được chép từ báo cáo kỳ trước)' : '') +
        `; hãy sửa thành ${suggestion}.`,
    );
  }
}
