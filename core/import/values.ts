/** Turning one workbook cell into an indicator figure, or saying exactly why not. */
import type { Indicator } from '../form/types.js';
import { decimalsOf, formatPercent, parseVietnameseNumber } from '../numbers/index.js';
import type { XlsxCell } from '../xlsx/index.js';
import { MAX_DECIMALS, MAX_MAGNITUDE, MAX_SIGNIFICANT_DIGITS, significantDigits } from './precision.js';

export type CellReading =
  | { kind: 'blank' }
  | { kind: 'value'; value: number; decimals: number; raw: string }
  | {
      kind: 'problem';
      check:
        | 'IMPORT_AMBIGUOUS_NUMBER'
        | 'IMPORT_NOT_A_NUMBER'
        | 'IMPORT_NEGATIVE'
        | 'IMPORT_NOT_WHOLE'
        | 'IMPORT_PERCENT_RANGE'
        | 'IMPORT_FORMULA_NO_CACHE'
        | 'IMPORT_CACHED_ERROR'
        | 'IMPORT_UNRELIABLE_NUMBER'
        | 'IMPORT_TOO_PRECISE';
      raw: string;
      /** For AMBIGUOUS and NOT_A_NUMBER: why; for PERCENT_RANGE: the value as a percentage; for TOO_PRECISE: the decimals shown. */
      detail: string;
      /** For AMBIGUOUS: what to type instead. */
      hint: string;
    };

/** Drop binary floating-point noise (0.1 + 0.2 → 0.3) keeping every digit a person could have typed. */
function clean(n: number): number {
  // A whole number of at most 15 digits has no noise (and -0 becomes 0, as through the string).
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n === 0 ? 0 : n;
  return Number(n.toPrecision(15));
}

function ambiguityHint(ind: Indicator, raw: string): string {
  const trimmed = raw.normalize('NFKC').trim();
  if (ind.kind === 'count') {
    const example = /^\d{1,3}(,\d{3})+$/.test(trimmed) ? `, ví dụ ${trimmed.replace(/,/g, '')}` : '';
    return `Hãy ghi số nguyên${example}.`;
  }
  if (/^\d+\.\d+$/.test(trimmed)) return `Số thập phân phải dùng dấu phẩy, ví dụ ${trimmed.replace('.', ',')}.`;
  return 'Hãy ghi theo cách viết Việt Nam: dấu chấm phân nhóm hàng nghìn, dấu phẩy trước phần thập phân.';
}

function checkRange(ind: Indicator, value: number, decimals: number, raw: string): CellReading {
  if (!Number.isFinite(value)) {
    return { kind: 'problem', check: 'IMPORT_NOT_A_NUMBER', raw, detail: 'số quá lớn', hint: '' };
  }
  if (Math.abs(value) >= MAX_MAGNITUDE) {
    return { kind: 'problem', check: 'IMPORT_UNRELIABLE_NUMBER', raw, detail: '', hint: '' };
  }
  if (ind.kind === 'percent') {
    if (value < 0 || value > 100) {
      return { kind: 'problem', check: 'IMPORT_PERCENT_RANGE', raw, detail: formatPercent(value), hint: '' };
    }
  } else if (value < 0) {
    return { kind: 'problem', check: 'IMPORT_NEGATIVE', raw, detail: '', hint: '' };
  }
  if (ind.kind === 'count' && !Number.isInteger(value)) {
    return { kind: 'problem', check: 'IMPORT_NOT_WHOLE', raw, detail: '', hint: '' };
  }
  if (decimals > MAX_DECIMALS[ind.kind]) {
    return { kind: 'problem', check: 'IMPORT_TOO_PRECISE', raw, detail: String(decimals), hint: '' };
  }
  return { kind: 'value', value, decimals, raw };
}

/**
 * Read the value cell of an indicator row by the indicator's kind: counts whole ≥ 0,
 * money and days ≥ 0, percent 0–100 in percent units (a percent-formatted 0.3736 is 37.36).
 * Text goes through the Vietnamese number parser; nothing ambiguous is guessed.
 */
export function readFigure(cell: XlsxCell | undefined, ind: Indicator): CellReading {
  if (!cell) return { kind: 'blank' };
  switch (cell.type) {
    case 'formula-without-cache':
      return { kind: 'problem', check: 'IMPORT_FORMULA_NO_CACHE', raw: '', detail: '', hint: '' };
    case 'error':
      return { kind: 'problem', check: 'IMPORT_CACHED_ERROR', raw: cell.raw, detail: '', hint: '' };
    case 'bool':
      return {
        kind: 'problem',
        check: 'IMPORT_NOT_A_NUMBER',
        raw: cell.value ? 'TRUE' : 'FALSE',
        detail: 'giá trị đúng/sai',
        hint: '',
      };
    case 'number': {
      const stored = cell.value as number;
      if (cell.isDate && !cell.isPercent) {
        return {
          kind: 'problem',
          check: 'IMPORT_NOT_A_NUMBER',
          raw: cell.raw,
          detail: 'ô định dạng ngày tháng',
          hint: '',
        };
      }
      const value = cell.isPercent && ind.kind === 'percent' ? clean(stored * 100) : clean(stored);
      return checkRange(ind, value, decimalsOf(value), cell.raw);
    }
    case 'string':
    case 'inline-string': {
      const text = cell.value as string;
      if (text.trim() === '') return { kind: 'blank' };
      const parsed = parseVietnameseNumber(text, { integerOnly: ind.kind === 'count' });
      if (!parsed.ok) {
        if (parsed.reason === 'empty') return { kind: 'blank' };
        const check = parsed.reason === 'ambiguous' ? 'IMPORT_AMBIGUOUS_NUMBER' : 'IMPORT_NOT_A_NUMBER';
        return { kind: 'problem', check, raw: text, detail: parsed.detail, hint: ambiguityHint(ind, text) };
      }
      if (parsed.percentSign && ind.kind !== 'percent') {
        return {
          kind: 'problem',
          check: 'IMPORT_NOT_A_NUMBER',
          raw: text,
          detail: 'chỉ tiêu này không tính bằng %',
          hint: '',
        };
      }
      if (Number.isFinite(parsed.value) && significantDigits(text) > MAX_SIGNIFICANT_DIGITS) {
        return { kind: 'problem', check: 'IMPORT_UNRELIABLE_NUMBER', raw: text, detail: '', hint: '' };
      }
      return checkRange(ind, parsed.value, parsed.decimals, text);
    }
  }
}
