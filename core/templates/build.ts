/**
 * Builds one unit's return workbook (spec/return-form.md) with exceljs.
 * exceljs is loaded on first use so that commands which write no workbook do not pay for it.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { Form, Indicator } from '../form/index.js';
import type { Period } from '../period/index.js';
import { formatDateVN } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { cellMessages, guideParagraphs } from './guide.js';
import {
  DATA_HEADER_ROW,
  DATA_HEADERS,
  INFO_FIELDS,
  INFO_FIRST_ROW,
  SHEET_DATA,
  SHEET_GUIDE,
  SHEET_INFO,
  SHEET_META,
  layoutRows,
  sectionHeading,
  templateFileName,
  type InfoKey,
} from './layout.js';

type ExcelJsModule = typeof import('exceljs');

let excel: Promise<ExcelJsModule> | undefined;

/** The exceljs module, imported once on first use. */
export function loadExcelJs(): Promise<ExcelJsModule> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/** Identifies the generator in the `_meta` sheet. */
export const GENERATOR = 'Tổng hợp CCHC — core/templates';

/** Sheet protection of every visible sheet: no password; units may select cells and resize columns and rows. */
export const SHEET_PROTECTION = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
} as const;

const FONT = 'Times New Roman';
/** Width of the label column of `Số liệu` and of the `Hướng dẫn` column, in character units. */
const LABEL_WIDTH = 42;
const GUIDE_WIDTH = 80;
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
const SECTION_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const THIN = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Number format of an indicator's value cell: percent cells hold percent units (37,36). */
export function numberFormat(indicator: Indicator): string {
  return indicator.kind === 'percent' ? '0.00' : '#,##0';
}

/** The machine metadata stored as JSON in A1 of the hidden `_meta` sheet. */
export interface TemplateMeta {
  formId: string;
  formVersion: string;
  unit: string;
  unitName: string;
  tier: Unit['tier'];
  period: string;
  cutoff: string;
  generator: string;
}

/** A4, one page wide, "Trang x/y" and the sheet's name in the footer of every page. */
function a4(ws: Worksheet, landscape = false): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: `&C&9Trang &P/&N&R&8${ws.name.replace(/&/g, '&&')}` };
}

/**
 * Height (points) of a row whose text of `size` points wraps in a column `width` units wide
 * (a unit is the width of a digit of the default font, ~7 px; a Times letter is ~0.45 em).
 * Spreadsheet programs do not measure the rows of a file they open: without it, wrapped
 * text runs over the rows below, and off the printed page.
 */
export function wrappedRowHeight(text: string, width: number, size: number): number {
  // A unit is a digit of Times New Roman 12 (8 px); the text is wrapped word by word as a
  // spreadsheet program does, each letter its own width (capitals and digits are wider).
  // The cell's padding and the program's own rounding take a little of the width.
  const lineEm = (0.95 * (width * 8)) / ((size * 96) / 72);
  const lines = text.split('\n').reduce((n, l) => n + wrappedLineCount(l, lineEm), 0);
  return Math.max(16, Math.ceil(lines * size * 1.25 + 4));
}

/** Approximate advance of a character of Times New Roman, in em. */
function charEm(ch: string): number {
  if (ch === ' ') return 0.25;
  if (/\d/.test(ch)) return 0.5;
  if (/[.,;:!'"()[\]/-]/.test(ch)) return 0.33;
  if (/[+<=>]/.test(ch)) return 0.57;
  if (ch !== ch.toLowerCase()) return 0.68;
  return 0.47;
}

/** Lines a paragraph takes in a line `lineEm` wide, wrapped at spaces (a long word is cut). */
export function wrappedLineCount(paragraph: string, lineEm: number): number {
  const em = (w: string): number => [...w].reduce((n, ch) => n + charEm(ch), 0);
  let lines = 1;
  let used = 0;
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const w = em(word);
    const need = used === 0 ? w : used + charEm(' ') + w;
    if (need <= lineEm) {
      used = need;
      continue;
    }
    if (used > 0) lines++;
    lines += Math.max(0, Math.ceil(w / lineEm) - 1);
    used = w % lineEm || lineEm;
  }
  return lines;
}

function unlock(cell: Cell): void {
  cell.protection = { locked: false };
}

function infoSheet(wb: Workbook, form: Form, period: Period, unit: Unit): void {
  const ws = wb.addWorksheet(SHEET_INFO, { properties: { defaultRowHeight: 20 } });
  ws.columns = [{ width: 24 }, { width: 54 }];
  ws.getCell('A1').value = 'THÔNG TIN ĐƠN VỊ BÁO CÁO';
  ws.getCell('A1').font = { name: FONT, size: 14, bold: true };
  ws.getCell('A2').value = period.title;
  ws.getCell('A2').font = { name: FONT, size: 12, italic: true };
  // The period's title across both columns, wrapped: a long one stays on the page.
  ws.mergeCells('A2:B2');
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = wrappedRowHeight(period.title, 24 + 54, 12);
  const values: Record<InfoKey, string> = {
    unitCode: unit.code,
    unitName: unit.name,
    period: period.code,
    cutoff: formatDateVN(period.cutoff),
    preparer: '',
    phone: '',
    head: '',
    formVersion: `${form.formId} ${form.version}`,
  };
  INFO_FIELDS.forEach((field, i) => {
    const row = ws.getRow(INFO_FIRST_ROW + i);
    const label = row.getCell(1);
    const value = row.getCell(2);
    label.value = field.label;
    label.font = { name: FONT, size: 12, bold: true };
    label.border = BORDER;
    value.font = { name: FONT, size: 12 };
    value.border = BORDER;
    value.numFmt = '@';
    if (field.editable) {
      unlock(value);
      value.fill = INPUT_FILL;
    } else {
      value.value = values[field.key];
    }
  });
  ws.views = [{ state: 'normal', showGridLines: false }];
  a4(ws);
}

function dataSheet(wb: Workbook, form: Form, period: Period, unit: Unit): void {
  const ws = wb.addWorksheet(SHEET_DATA);
  // About 90 units (of Times New Roman 12): printed on A4 portrait at ~90 % (11 pt), labels wrapping.
  ws.columns = [{ width: 4.5 }, { width: 8 }, { width: LABEL_WIDTH }, { width: 9 }, { width: 12 }, { width: 14 }];

  ws.mergeCells('A1:F1');
  const title = ws.getCell('A1');
  title.value = `SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH KỲ ${period.code}\n${unit.name} (mã ${unit.code})`;
  title.font = { name: FONT, size: 13, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 36;

  const header = ws.getRow(DATA_HEADER_ROW);
  DATA_HEADERS.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });
  header.height = 32;

  for (const line of layoutRows(form, unit.tier).rows) {
    const row = ws.getRow(line.row);
    if (line.type === 'section') {
      const cell = row.getCell(3);
      cell.value = sectionHeading(form, line.section.id);
      row.height = 18;
      for (let c = 1; c <= 6; c++) {
        const each = row.getCell(c);
        each.font = { name: FONT, size: 12, bold: true };
        each.fill = SECTION_FILL;
        each.border = BORDER;
      }
      continue;
    }
    const ind = line.indicator;
    row.getCell(1).value = line.stt;
    row.getCell(2).value = ind.code;
    row.getCell(3).value = ind.label;
    row.getCell(4).value = ind.unit;
    row.height = wrappedRowHeight(ind.label, LABEL_WIDTH, 12);
    for (let c = 1; c <= 6; c++) {
      const each = row.getCell(c);
      each.font = { name: FONT, size: 12 };
      each.border = BORDER;
      each.alignment = {
        vertical: 'middle',
        wrapText: c === 3 || c === 4 || c === 6,
        horizontal: c === 3 ? 'left' : 'center',
      };
    }
    const value = row.getCell(5);
    value.numFmt = numberFormat(ind);
    value.alignment = { vertical: 'middle', horizontal: 'right' };
    value.fill = INPUT_FILL;
    unlock(value);
    const msg = cellMessages(ind);
    value.dataValidation =
      ind.kind === 'percent'
        ? { type: 'decimal', operator: 'between', formulae: [0, 100], allowBlank: true, ...alerts(msg) }
        : { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, ...alerts(msg) };
    unlock(row.getCell(6));
  }

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: DATA_HEADER_ROW, topLeftCell: `A${DATA_HEADER_ROW + 1}` }];
  a4(ws);
  ws.pageSetup.printTitlesRow = `${DATA_HEADER_ROW}:${DATA_HEADER_ROW}`;
}

function alerts(msg: ReturnType<typeof cellMessages>) {
  return {
    showInputMessage: true,
    promptTitle: msg.promptTitle,
    prompt: msg.prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: msg.errorTitle,
    error: msg.error,
  };
}

function guideSheet(wb: Workbook, form: Form, period: Period, unit: Unit, fileName: string): void {
  const ws = wb.addWorksheet(SHEET_GUIDE);
  // As wide as an A4 portrait page at full size; every paragraph's row as tall as its lines.
  ws.columns = [{ width: GUIDE_WIDTH }];
  // The unit's name stands in for a placeholder here: measure with a long name.
  const longest = 'UBND thị trấn Nậm Nhùn (mã đơn vị X12)';
  guideParagraphs(form, period, unit, fileName).forEach((text, i) => {
    const cell = ws.getCell(`A${i + 1}`);
    const heading = text.startsWith('# ');
    cell.value = heading ? text.slice(2) : text;
    cell.font = { name: FONT, size: heading ? 13 : 12, bold: heading };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    const measured = text.replace(`${unit.name} (mã đơn vị ${unit.code})`, longest);
    ws.getRow(i + 1).height = wrappedRowHeight(measured, GUIDE_WIDTH, heading ? 13 : 12) + (heading ? 6 : 2);
  });
  ws.views = [{ state: 'normal', showGridLines: false }];
  a4(ws);
}

/** The machine metadata of one unit's return, as stored in A1 of `_meta`. */
export function templateMeta(form: Form, period: Period, unit: Unit): TemplateMeta {
  return {
    formId: form.formId,
    formVersion: form.version,
    unit: unit.code,
    unitName: unit.name,
    tier: unit.tier,
    period: period.code,
    cutoff: period.cutoff,
    generator: GENERATOR,
  };
}

function metaSheet(wb: Workbook): void {
  const ws = wb.addWorksheet(SHEET_META, { state: 'hidden' });
  ws.getCell('A1').value = '{}';
}

/** Stand-ins for the unit's code and name in a skeleton, replaced in the XML for each unit. */
export const PLACEHOLDER = { code: '⟦UNIT_CODE⟧', name: '⟦UNIT_NAME⟧' } as const;

/** Path of each sheet's XML part inside the written `.xlsx`. */
export type SheetParts = Record<typeof SHEET_INFO | typeof SHEET_DATA | typeof SHEET_GUIDE | typeof SHEET_META, string>;

/**
 * Build, with exceljs, the workbook of a blank return for a unit of `tier` whose code
 * and name are {@link PLACEHOLDER}s, and serialise it. Every unit of the tier shares it;
 * the skeleton module substitutes the identity and fills cells in the XML.
 */
export async function buildSkeletonBytes(
  form: Form,
  period: Period,
  tier: Unit['tier'],
): Promise<{ bytes: Uint8Array; parts: SheetParts }> {
  const ExcelJS = await loadExcelJs();
  const unit: Unit = { code: PLACEHOLDER.code, name: PLACEHOLDER.name, tier };
  const wb = new ExcelJS.Workbook();
  wb.creator = GENERATOR;
  wb.title = `Báo cáo CCHC ${unit.code} ${period.code}`;
  infoSheet(wb, form, period, unit);
  dataSheet(wb, form, period, unit);
  guideSheet(wb, form, period, unit, templateFileName(unit, period));
  metaSheet(wb);
  const parts = {} as SheetParts;
  for (const name of [SHEET_INFO, SHEET_DATA, SHEET_GUIDE, SHEET_META] as const) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`sheet ${name} was not created`);
    if (name !== SHEET_META) await ws.protect('', { ...SHEET_PROTECTION });
    parts[name] = `xl/worksheets/sheet${ws.id}.xml`;
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), parts };
}
