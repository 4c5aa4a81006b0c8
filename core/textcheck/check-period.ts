/**
 * Check 11: the period's dates. A draft begun from last period's report keeps last period's
 * dates as easily as its figures, and the date a report's data are as of is a figure too:
 * - a statement of the data's cut-off — "(số liệu tính đến ngày 30/6/2023)", "số liệu được
 *   chốt đến hết ngày 30 tháng 6 năm 2023", "thời điểm chốt số liệu: 30/06/2023", "kết quả
 *   thực hiện đến ngày 30/6/2023" (the report's own sentence) — must give the period's cut-off
 *   (a different day is a warning, the same an `info`); a date without its year is compared by
 *   day and month, "tháng 6/2023" by month and year;
 * - the document's own date ("Lai Châu, ngày 15 tháng 7 năm 2023", its header line) cannot be
 *   before the cut-off: a report is not written before its data exist.
 *
 * Left alone: "tính đến ngày …" without "số liệu" (a report also says what held at other dates:
 * "tính đến ngày 31/12/2022, toàn tỉnh có 35 cơ quan"), a cut-off compared with ("so với số liệu
 * tính đến …", "cùng kỳ"), and a header whose day is left blank for the signature.
 */
import { formatDateVN } from '../period/dates.js';
import type { ParagraphContext } from './context.js';
import type { DataFacts } from './types.js';

type PeriodFacts = NonNullable<DataFacts['period']>;

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

/** The document's date line: "<place>, ngày 15 tháng 7 năm 2023" (its whole paragraph). */
const DATE_LINE = /^[^\d,]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$/u;

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

function dateAt(text: string, at: number): StatedDate | undefined {
  const rest = text.slice(at);
  let m = NUMERIC.exec(rest);
  if (m) {
    return {
      day: Number(m[1]),
      month: Number(m[3]),
      ...(m[4] ? { year: Number(m[4]) } : {}),
      start: at,
      end: at + m[0].length,
      style: 'numeric',
      sep: m[2]!,
      padded: padding(m[1]!, m[3]!),
    };
  }
  m = WORDED.exec(rest);
  if (m) {
    return {
      day: Number(m[1]),
      month: Number(m[2]),
      ...(m[3] ? { year: Number(m[3]) } : {}),
      start: at,
      end: at + m[0].length,
      style: 'worded',
      sep: '',
      padded: padding(m[1]!, m[2]!),
    };
  }
  m = MONTH.exec(rest);
  if (m) {
    return {
      month: Number(m[1]),
      year: Number(m[2]),
      start: at,
      end: at + m[0].length,
      style: 'month',
      sep: '/',
      padded: padding(m[1]!),
    };
  }
  return undefined;
}

/**
 * The cut-off written the way the text writes its date (and with only the parts it gives). A text
 * that shows no padding either way gets the app's own "30/06/2023", or "tháng 6" for a month.
 */
function written(cutoff: { day: number; month: number; year: number }, like: StatedDate): string {
  const pad = like.padded ?? like.style === 'numeric';
  const two = (n: number): string => (pad ? String(n).padStart(2, '0') : String(n));
  if (like.style === 'month') return `tháng ${two(cutoff.month)}/${cutoff.year}`;
  const year = like.year !== undefined ? cutoff.year : undefined;
  if (like.style === 'worded') return `${two(cutoff.day)} tháng ${two(cutoff.month)}${year ? ` năm ${year}` : ''}`;
  return `${two(cutoff.day)}${like.sep}${two(cutoff.month)}${year ? `${like.sep}${year}` : ''}`;
}

function partsOf(iso: string): { day: number; month: number; year: number } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { day: d, month: m, year: y };
}

/** Whether a stated date is the cut-off in every part it states. */
function sameDay(d: StatedDate, c: { day: number; month: number; year: number }): boolean {
  if (d.style === 'month') return d.month === c.month && d.year === c.year;
  return d.day === c.day && d.month === c.month && (d.year === undefined || d.year === c.year);
}

/** Whether a stated date is before the cut-off (a year not given is the cut-off's). */
function before(d: StatedDate, c: { day: number; month: number; year: number }): boolean {
  const key = (y: number, m: number, day: number): number => y * 10000 + m * 100 + day;
  return key(d.year ?? c.year, d.month, d.day ?? 31) < key(c.year, c.month, c.day);
}

export function checkPeriod(ctx: ParagraphContext, period: PeriodFacts): void {
  const cutoff = partsOf(period.cutoff);
  const cutoffVN = formatDateVN(period.cutoff);
  for (const lead of ctx.lower.matchAll(CUTOFF_LEAD)) {
    if (COMPARED_BEFORE.test(ctx.lower.slice(Math.max(0, lead.index - 40), lead.index))) continue;
    const d = dateAt(ctx.text, lead.index + lead[0].length);
    if (!d) continue;
    const stated = ctx.text.slice(d.start, d.end);
    if (sameDay(d, cutoff)) {
      ctx.emit({
        kind: 'period',
        severity: 'info',
        start: d.start,
        end: d.end,
        stated,
        computed: cutoffVN,
        suggestion: null,
        message: `Thời điểm chốt số liệu ${stated} khớp với kỳ ${period.shortTitle} (số liệu tính đến ngày ${cutoffVN}).`,
      });
      continue;
    }
    const suggestion = written(cutoff, d);
    ctx.emit({
      kind: 'period',
      severity: 'warning',
      start: d.start,
      end: d.end,
      stated,
      computed: cutoffVN,
      suggestion,
      message:
        `Văn bản ghi số liệu tính đến ${stated}, nhưng số liệu của kỳ ${period.shortTitle} tính đến ngày ${cutoffVN}` +
        (before(d, cutoff) ? ' (có thể ngày được chép từ báo cáo kỳ trước)' : '') +
        `; hãy sửa thành ${suggestion}.`,
    });
  }
  const line = DATE_LINE.exec(ctx.text);
  if (line) {
    const [day, month, year] = [Number(line[1]), Number(line[2]), Number(line[3])];
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (iso < period.cutoff && month >= 1 && month <= 12) {
      const start = line.index + line[0].indexOf('ngày');
      ctx.emit({
        kind: 'period',
        severity: 'warning',
        start,
        end: start + line[0].slice(line[0].indexOf('ngày')).trimEnd().length,
        stated: `${day}/${month}/${year}`,
        // No date to put instead: the message says what the document's date cannot be.
        computed: null,
        suggestion: null,
        message:
          `Văn bản đề ngày ${formatDateVN(iso)}, trước ngày chốt số liệu ${cutoffVN} của kỳ ${period.shortTitle}: ` +
          'báo cáo không thể được ký trước khi có số liệu. Hãy sửa ngày của văn bản (hoặc kiểm tra lại kỳ báo cáo đang đối chiếu).',
      });
    }
  }
}
