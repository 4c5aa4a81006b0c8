/** Shared bits of the workbooks this folder writes: the lazily loaded exceljs and safe text. */
type ExcelJsModule = typeof import('exceljs');

let excel: Promise<ExcelJsModule> | undefined;

/** exceljs, imported on first use so that commands writing no workbook do not pay for it. */
export function excelJs(): Promise<ExcelJsModule> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/** Characters that make a spreadsheet treat text as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Text from returns made safe to put in a cell: text starting with `=`, `+`, `-`, `@`,
 * tab, CR or LF gets a leading apostrophe, so no spreadsheet (nor a CSV saved from it)
 * can read it as a formula. Always written as a string cell.
 */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
export const TOTAL_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
