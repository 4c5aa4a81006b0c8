/**
 * The cell layout of a generated return workbook (spec/return-form.md), shared by the
 * template writer, the sample-returns writer and the tests that read them back.
 * The importer must not rely on these positions: it finds labels and codes by text.
 */
import { indicatorsForTier, type Form, type Indicator, type Section, type Tier } from '../form/index.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';

export const SHEET_INFO = 'Thông tin';
export const SHEET_DATA = 'Số liệu';
export const SHEET_GUIDE = 'Hướng dẫn';
/** Hidden sheet holding machine metadata as JSON in A1; nothing may depend on it. */
export const SHEET_META = '_meta';

/** Column titles of the header row of `Số liệu`, columns A–F. */
export const DATA_HEADERS = ['STT', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú'] as const;
/** Row of `Số liệu` holding {@link DATA_HEADERS}; row 1 is the merged title. */
export const DATA_HEADER_ROW = 2;
/** Column letter of the indicator codes. */
export const CODE_COLUMN = 'B';
/** Column letter of the figures. */
export const VALUE_COLUMN = 'E';
/** Column letter of the notes. */
export const NOTE_COLUMN = 'F';

/** Fields of `Thông tin`, in row order; label in column A, value in column B. */
export const INFO_FIELDS = [
  { key: 'unitCode', label: 'Mã đơn vị', editable: false },
  { key: 'unitName', label: 'Tên đơn vị', editable: false },
  { key: 'period', label: 'Kỳ báo cáo', editable: false },
  { key: 'cutoff', label: 'Số liệu tính đến ngày', editable: false },
  { key: 'preparer', label: 'Người lập biểu', editable: true },
  { key: 'phone', label: 'Điện thoại', editable: true },
  { key: 'head', label: 'Thủ trưởng đơn vị', editable: true },
  { key: 'formVersion', label: 'Mẫu biểu', editable: false },
] as const;

export type InfoKey = (typeof INFO_FIELDS)[number]['key'];

/** Row of `Thông tin` holding the first field; rows 1–2 are the title and the period title. */
export const INFO_FIRST_ROW = 4;

/** Address of the value cell (column B of `Thông tin`) of an identity field: `infoCell('period')` → "B6". */
export function infoCell(key: InfoKey): string {
  const index = INFO_FIELDS.findIndex((f) => f.key === key);
  return `B${INFO_FIRST_ROW + index}`;
}

/**
 * The letters of the Vietnamese alphabet used to number sections (A, B, C, D, Đ, E, G, H, I,
 * K, L, …): no F, J, W, Z, which Vietnamese has not.
 */
export const SECTION_LETTERS = [
  'A',
  'B',
  'C',
  'D',
  'Đ',
  'E',
  'G',
  'H',
  'I',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
  'V',
  'X',
  'Y',
] as const;

/** "Đ. Cải cách tổ chức bộ máy": a section numbered by its place in the form, in the Vietnamese alphabet. */
export function sectionHeading(form: Form, sectionId: string): string {
  const i = form.sections.findIndex((s) => s.id === sectionId);
  const title = form.sections[i]?.title ?? sectionId;
  return `${SECTION_LETTERS[i] ?? String(i + 1)}. ${title}`;
}

/** One row of `Số liệu` below the header. */
export type LayoutRow =
  | { type: 'section'; row: number; section: Section }
  | { type: 'indicator'; row: number; stt: number; indicator: Indicator };

/** Where everything sits on `Số liệu` for one tier. */
export interface DataLayout {
  rows: LayoutRow[];
  /** Row number of each indicator the tier fills, by code. */
  rowByCode: ReadonlyMap<string, number>;
  /** The last row used. */
  lastRow: number;
}

/**
 * The rows of `Số liệu` for a unit of `tier`: from row 3, each section that has an
 * indicator for the tier gets a title row (no code) followed by its indicators in form
 * order, numbered 1, 2, … across the sheet. For a commune (`xa`) KL01 lands on row 61.
 */
export function layoutRows(form: Form, tier: Tier): DataLayout {
  const indicators = indicatorsForTier(form, tier);
  const rows: LayoutRow[] = [];
  const rowByCode = new Map<string, number>();
  let row = DATA_HEADER_ROW + 1;
  let stt = 0;
  for (const section of form.sections) {
    const inSection = indicators.filter((i) => i.section === section.id);
    if (inSection.length === 0) continue;
    rows.push({ type: 'section', row: row++, section });
    for (const indicator of inSection) {
      rowByCode.set(indicator.code, row);
      rows.push({ type: 'indicator', row: row++, stt: ++stt, indicator });
    }
  }
  return { rows, rowByCode, lastRow: row - 1 };
}

/** Address of an indicator's value cell for a tier ("E61"), or undefined when the tier does not fill it. */
export function valueCell(layout: DataLayout, code: string): string | undefined {
  const row = layout.rowByCode.get(code);
  return row === undefined ? undefined : `${VALUE_COLUMN}${row}`;
}

/** File name of a unit's return for a period: `BC_CCHC_S01_NQ08-SK2023.xlsx`. */
export function templateFileName(unit: Unit, period: Period): string {
  return `BC_CCHC_${unit.code}_${period.code}.xlsx`;
}
