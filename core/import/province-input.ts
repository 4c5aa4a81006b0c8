/**
 * Figures the department enters itself at province level (`tonghop input`, the app's entry
 * form): a target judged from a province input (MT3, MT5 in percent; MT8, MT9 ranks), or the
 * province total of an additive indicator held in another system. Each is read exactly as a
 * cell of the same kind — the same grammar, the same checks, the same Vietnamese sentences —
 * and named by its key instead of a cell.
 */
import type { Form } from '../form/types.js';
import { decimalsOf, formatNumber } from '../numbers/index.js';
import { normaliseCode } from './text.js';
import { readStoredNumber, readTypedText, valueProblemMessage, type Measure, type ValueCheck } from './values.js';

/** One key that takes a province input. */
export interface ProvinceInputSlot {
  key: string;
  label: string;
  /** The unit shown next to the entry ("%", "hạng", "người"). */
  unit: string;
  measure: Measure;
  /** A target's input, or an indicator's province total held elsewhere. */
  source: 'target' | 'indicator';
}

/** Every key that takes a province input: the form's input targets, then its additive indicators. */
export function provinceInputSlots(form: Form): ProvinceInputSlot[] {
  const slots: ProvinceInputSlot[] = [];
  for (const t of form.targets) {
    if (t.input !== 'province') continue;
    // The form loader allows only "%" and "hạng" for a province input.
    const measure: Measure = t.unit === 'hạng' ? { kind: 'rank', unit: 'hạng' } : { kind: 'percent', unit: '%' };
    slots.push({ key: t.id, label: t.label, unit: measure.unit, measure, source: 'target' });
  }
  for (const i of form.indicators) {
    if (i.aggregate === 'sum')
      slots.push({ key: i.code, label: i.label, unit: i.unit, measure: i, source: 'indicator' });
  }
  return slots;
}

export type ProvinceInputReading =
  | { ok: true; key: string; value: number; decimals: number }
  | {
      ok: false;
      key: string;
      check: ValueCheck | 'INPUT_UNKNOWN_KEY' | 'INPUT_EMPTY';
      /** A Vietnamese sentence naming the input. */
      message: string;
    };

/**
 * Read a province input as typed (text in Vietnamese notation, as a clerk types it) or as a
 * number (from a program): the key must take a province input, and the value must pass the
 * checks of a cell of that measure — whole, ≥ 0, a percentage 0–100, a rank 1–63.
 */
export function readProvinceInput(form: Form, key: string, value: string | number): ProvinceInputReading {
  const k = normaliseCode(key);
  const slots = provinceInputSlots(form);
  const slot = slots.find((s) => s.key === k);
  if (!slot) {
    const targets = slots.filter((s) => s.source === 'target').map((s) => s.key);
    return {
      ok: false,
      key: k,
      check: 'INPUT_UNKNOWN_KEY',
      message: `Mã ${k ? `"${k}"` : 'trống'} không nhận số liệu cấp tỉnh: hãy dùng ${targets.join(', ')} hoặc mã một chỉ tiêu cộng dồn (ví dụ KL01).`,
    };
  }
  const place = { input: slot.key, label: slot.label };
  const typed = typeof value === 'string';
  const reading = typed ? readTypedText(value, slot.measure) : readStoredNumber(value, slot.measure, String(value));
  if (reading.kind === 'blank') {
    return {
      ok: false,
      key: k,
      check: 'INPUT_EMPTY',
      message: `Số liệu cấp tỉnh ${slot.key} (${slot.label}): chưa nhập giá trị. Hãy nhập một số.`,
    };
  }
  if (reading.kind === 'problem') {
    // Shown as the clerk sees it: text as typed, a number in Vietnamese notation.
    const shown = typed ? value : formatNumber(value, { decimals: decimalsOf(value) });
    return { ok: false, key: k, check: reading.check, message: valueProblemMessage(place, reading, shown) };
  }
  return { ok: true, key: k, value: reading.value, decimals: reading.decimals };
}
