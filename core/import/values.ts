/** Turning one workbook cell (or one typed province input) into a figure, or saying exactly why not. */
import type { IndicatorKind } from '../form/types.js';
import { decimalsOf, formatPercent, parseVietnameseNumber } from '../numbers/index.js';
import type { XlsxCell } from '../xlsx/index.js';
import { IMPORT_CHECKS, type ValuePlace } from './checks.js';
import { MAX_DECIMALS, MAX_MAGNITUDE, MAX_SIGNIFICANT_DIGITS, significantDigits } from './precision.js';

/**
 * How many provinces a national ranking (PAR INDEX, PCI) ranks: the 63 provinces and
 * centrally-run cities. The 2025 merger leaves 34, but the rankings a report of either
 * built-in period quotes (PAR INDEX and PCI 2022 for the 2023 review, 2024 for the 2025
 * review) rank the 63; rankings of the 34 begin with the 2025 indices, published in 2026.
 */
export const PROVINCES_RANKED = 63;

/** What a figure measures, as far as reading it goes: an indicator, or a province input's target. */
export interface Measure {
  /** `rank`: a place in a national ranking, 1…{@link PROVINCES_RANKED}. */
  kind: IndicatorKind | 'rank';
  /** The unit shown to users; money in "đồng" is whole. */
  unit: string;
}

/** The value checks, shared by cells of a return and province inputs. */
export type ValueCheck =
  | 'IMPORT_AMBIGUOUS_NUMBER'
  | 'IMPORT_NOT_A_NUMBER'
  | 'IMPORT_NEGATIVE'
  | 'IMPORT_NOT_WHOLE'
  | 'IMPORT_PERCENT_RANGE'
  | 'IMPORT_RANK_RANGE'
  | 'IMPORT_FORMULA_NO_CACHE'
  | 'IMPORT_CACHED_ERROR'
  | 'IMPORT_UNRELIABLE_NUMBER'
  | 'IMPORT_TOO_PRECISE';

export interface ValueProblem {
  kind: 'problem';
  check: ValueCheck;
  raw: string;
  /**
   * AMBIGUOUS and NOT_A_NUMBER: why; PERCENT_RANGE: the value as a percentage; NOT_WHOLE:
   * what must be whole; TOO_PRECISE: the decimals shown.
   */
  detail: string;
  /** For AMBIGUOUS: what to type instead. */
  hint: string;
  /** For TOO_PRECISE: the decimals the measure allows. */
  limit?: number;
}

export type CellReading =
  { kind: 'blank' } | { kind: 'value'; value: number; decimals: number; raw: string } | ValueProblem;

/**
 * Drop binary floating-point noise (0.1 + 0.2 → 0.3) keeping every digit a person could have
 * typed (Excel keeps 15 significant digits). A whole number below 10^15 has at most 15 digits
 * and comes back as it is (-0 as 0). From 10^15 up rounding may change the figure
 * (9007199254740993 → 9007199254740990), but the range check refuses every such figure
 * (precision.ts) and the refusal quotes the cell as stored, never this value. (A fast path for
 * whole numbers, or for those from 10^15 up, would change nothing anyone can see: mutation
 * testing showed it, test/mutation/README.md.)
 */
function clean(n: number): number {
  return Number(n.toPrecision(15));
}

/** Decimals a figure of this measure may show: none for a rank, else as its indicator kind allows. */
function maxDecimals(m: Measure): number {
  return m.kind === 'rank' ? 0 : MAX_DECIMALS[m.kind];
}

/** Why a figure of this measure must be whole, or undefined when it may have decimals. */
function wholeRule(m: Measure): string | undefined {
  if (m.kind === 'count') return 'chỉ tiêu đếm số lượng phải là số nguyên';
  if (m.kind === 'rank') return 'thứ hạng phải là số nguyên';
  if (m.kind === 'money' && m.unit.normalize('NFC') === 'đồng') return 'số tiền tính bằng đồng phải là số nguyên';
  return undefined;
}

function ambiguityHint(m: Measure, raw: string, readings?: { grouped: string; decimal: string }): string {
  const whole = wholeRule(m) !== undefined;
  if (readings) {
    const { grouped, decimal } = readings;
    const digits = grouped.replace('.', '');
    if (whole) return `Hãy ghi ${grouped} hoặc ${digits} (không dùng dấu phẩy).`;
    return `Nếu là ${grouped} thì ghi ${grouped} hoặc ${digits}; nếu là số thập phân ${decimal} thì ghi ${decimal}0.`;
  }
  const trimmed = raw.normalize('NFKC').trim();
  if (whole) {
    const example = /^\d{1,3}(,\d{3})+$/.test(trimmed) ? `, ví dụ ${trimmed.replace(/,/g, '')}` : '';
    return `Hãy ghi số nguyên${example}.`;
  }
  if (/^\d+\.\d+$/.test(trimmed)) return `Số thập phân phải dùng dấu phẩy, ví dụ ${trimmed.replace('.', ',')}.`;
  return 'Hãy ghi theo cách viết Việt Nam: dấu chấm phân nhóm hàng nghìn, dấu phẩy trước phần thập phân.';
}

const problem = (check: ValueCheck, raw: string, detail = '', hint = ''): ValueProblem => ({
  kind: 'problem',
  check,
  raw,
  detail,
  hint,
});

function checkRange(m: Measure, value: number, decimals: number, raw: string): CellReading {
  if (Number.isNaN(value)) return problem('IMPORT_NOT_A_NUMBER', raw);
  if (!Number.isFinite(value)) return problem('IMPORT_NOT_A_NUMBER', raw, 'số quá lớn');
  if (Math.abs(value) >= MAX_MAGNITUDE) return problem('IMPORT_UNRELIABLE_NUMBER', raw);
  if (m.kind === 'percent') {
    if (value < 0 || value > 100) return problem('IMPORT_PERCENT_RANGE', raw, formatPercent(value));
  } else if (value < 0) {
    return problem('IMPORT_NEGATIVE', raw);
  }
  const whole = wholeRule(m);
  if (whole !== undefined && !Number.isInteger(value)) return problem('IMPORT_NOT_WHOLE', raw, whole);
  if (m.kind === 'rank' && (value < 1 || value > PROVINCES_RANKED)) return problem('IMPORT_RANK_RANGE', raw);
  const limit = maxDecimals(m);
  if (decimals > limit) return { ...problem('IMPORT_TOO_PRECISE', raw, String(decimals)), limit };
  return { kind: 'value', value, decimals, raw };
}

/**
 * Read a number as stored (in a cell, or given by a program): `percentFormatted` when the
 * cell shows it as a percentage (0.3736 → 37.36 for a percent measure).
 */
export function readStoredNumber(stored: number, m: Measure, raw: string, percentFormatted = false): CellReading {
  const value = percentFormatted && m.kind === 'percent' ? clean(stored * 100) : clean(stored);
  return checkRange(m, value, decimalsOf(value), raw);
}

/** Read text typed by a person, in Vietnamese notation; nothing ambiguous is guessed. */
export function readTypedText(text: string, m: Measure): CellReading {
  const parsed = parseVietnameseNumber(text);
  if (!parsed.ok) {
    if (parsed.reason === 'empty') return { kind: 'blank' };
    const check = parsed.reason === 'ambiguous' ? 'IMPORT_AMBIGUOUS_NUMBER' : 'IMPORT_NOT_A_NUMBER';
    return problem(check, text, parsed.detail, ambiguityHint(m, text, parsed.readings));
  }
  if (parsed.percentSign && m.kind !== 'percent') {
    return problem('IMPORT_NOT_A_NUMBER', text, 'chỉ tiêu này không tính bằng %');
  }
  if (Number.isFinite(parsed.value) && significantDigits(text) > MAX_SIGNIFICANT_DIGITS) {
    return problem('IMPORT_UNRELIABLE_NUMBER', text);
  }
  return checkRange(m, parsed.value, parsed.decimals, text);
}

/**
 * Read the value cell of an indicator row by the indicator's kind: counts whole ≥ 0,
 * money ≥ 0 (whole in đồng), days ≥ 0, percent 0–100 in percent units (a percent-formatted
 * 0.3736 is 37.36). Text goes through the Vietnamese number parser; nothing ambiguous is guessed.
 */
export function readFigure(cell: XlsxCell | undefined, m: Measure): CellReading {
  if (!cell) return { kind: 'blank' };
  switch (cell.type) {
    case 'formula-without-cache':
      return problem('IMPORT_FORMULA_NO_CACHE', '');
    case 'error':
      return problem('IMPORT_CACHED_ERROR', cell.raw);
    case 'bool':
      return problem('IMPORT_NOT_A_NUMBER', cell.value ? 'TRUE' : 'FALSE', 'giá trị đúng/sai');
    case 'number':
      if (cell.isDate && !cell.isPercent) return problem('IMPORT_NOT_A_NUMBER', cell.raw, 'ô định dạng ngày tháng');
      return readStoredNumber(cell.value as number, m, cell.raw, cell.isPercent);
    case 'string':
    case 'inline-string':
      return readTypedText(cell.value as string, m);
  }
}

/**
 * The Vietnamese sentence for a value problem, `shown` being the value as the person sees it
 * (a stored number in Vietnamese notation, text exactly as typed).
 */
export function valueProblemMessage(p: ValuePlace, r: ValueProblem, shown: string): string {
  const c = IMPORT_CHECKS;
  switch (r.check) {
    case 'IMPORT_AMBIGUOUS_NUMBER':
      return c.IMPORT_AMBIGUOUS_NUMBER.message(p, shown, r.detail, r.hint);
    case 'IMPORT_NOT_A_NUMBER':
      return c.IMPORT_NOT_A_NUMBER.message(p, shown, r.detail);
    case 'IMPORT_PERCENT_RANGE':
      return c.IMPORT_PERCENT_RANGE.message(p, shown, r.detail);
    case 'IMPORT_NOT_WHOLE':
      return c.IMPORT_NOT_WHOLE.message(p, shown, r.detail);
    case 'IMPORT_RANK_RANGE':
      return c.IMPORT_RANK_RANGE.message(p, shown, PROVINCES_RANKED);
    case 'IMPORT_NEGATIVE':
      return c.IMPORT_NEGATIVE.message(p, shown);
    case 'IMPORT_UNRELIABLE_NUMBER':
      return c.IMPORT_UNRELIABLE_NUMBER.message(p, shown);
    case 'IMPORT_TOO_PRECISE':
      return c.IMPORT_TOO_PRECISE.message(p, shown, r.detail, r.limit ?? 0);
    case 'IMPORT_FORMULA_NO_CACHE':
      return c.IMPORT_FORMULA_NO_CACHE.message(p, '');
    case 'IMPORT_CACHED_ERROR':
      return c.IMPORT_CACHED_ERROR.message(p, shown);
  }
}
