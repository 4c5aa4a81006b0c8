import type { Form, Indicator } from '../form/types.js';
import type { CellValue, Finding, FindingValue, ParsedReturn, Provenance, ReturnIdentity } from '../model/index.js';
import { cellRef, findingId } from '../model/index.js';
import type { Period } from '../period/index.js';
import { formatDateVN } from '../period/dates.js';
import type { Unit } from '../units/index.js';
import {
  DEFAULT_XLSX_LIMITS,
  XlsxError,
  columnLetters,
  readWorkbook,
  serialToIso,
  type XlsxCell,
  type XlsxLimits,
  type XlsxSheet,
  type XlsxWorkbook,
} from '../xlsx/index.js';
import { IMPORT_CHECKS, REJECTIONS, type CellPlace, type ImportCheckCode, type RejectionCode } from './checks.js';
import { foldLabel, looksLikeCode, normaliseCode } from './text.js';
import { decimalsOf, formatNumber } from '../numbers/index.js';
import { rejectedReturn } from './rejected.js';
import { readFigure, valueProblemMessage } from './values.js';

/** Safety limits of one file (see {@link XlsxLimits}). */
export type ImportLimits = XlsxLimits;
export const DEFAULT_IMPORT_LIMITS: ImportLimits = DEFAULT_XLSX_LIMITS;

/** What the importer needs to judge a return. */
export interface ImportContext {
  /** File name as received (no folder): it appears in every message and provenance. */
  fileName: string;
  form: Form;
  /** The register: unit codes are checked against it. */
  units: Unit[];
  /** The period being consolidated. */
  period: Period;
  limits?: Partial<ImportLimits>;
  /** The file's SHA-256 when the caller has it already (the import pool does); else computed here. */
  sha256?: string;
}

/** Findings of a check that is not tied to an indicator (unknown codes, values without a code) kept per file. */
const MAX_FINDINGS_PER_CHECK = 20;
/** The checks {@link MAX_FINDINGS_PER_CHECK} applies to: the others raise at most one finding per indicator. */
const CAPPED_CHECKS: ReadonlySet<ImportCheckCode> = new Set(['IMPORT_UNKNOWN_CODE', 'IMPORT_VALUE_WITHOUT_CODE']);
/**
 * Findings kept per file, whatever their check: a safety net well above what a return of the
 * form can raise (one or two per indicator, a few about its identity).
 */
const MAX_FINDINGS_PER_FILE = 400;
/** Cells a duplicated code's finding lists besides its first row. */
const DUPLICATE_CELLS_LISTED = 4;

/** How many rows from the top of a sheet are searched for the header row. */
const HEADER_SEARCH_ROWS = 30;
/** Longer text is never an identity label or a column title, so it is not folded. */
const MAX_LABEL = 40;
/** Provenance keeps at most this much of a raw text. */
const MAX_RAW = 256;

const IDENTITY_LABELS = {
  'ma don vi': 'unitCode',
  'ten don vi': 'unitName',
  'ky bao cao': 'period',
  'so lieu tinh den ngay': 'cutoff',
  'nguoi lap bieu': 'preparer',
  'dien thoai': 'phone',
  'thu truong don vi': 'head',
  'mau bieu': 'formVersion',
} as const;
type IdentityField = (typeof IDENTITY_LABELS)[keyof typeof IDENTITY_LABELS];

interface Located {
  sheet: XlsxSheet;
  cell: XlsxCell;
  text: string;
}

/**
 * The file's SHA-256. node:crypto is loaded on first use: the import worker is given each
 * file's hash by the pool and never loads it (~5 ms of its start).
 */
function sha256(bytes: Uint8Array): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

function cellText(cell: XlsxCell): string {
  return typeof cell.value === 'string' ? cell.value : cell.raw;
}

/** Row numbers of a sheet in order, sorted once per sheet (a flooded sheet has 100,000 of them). */
const rowOrder = new WeakMap<XlsxSheet, number[]>();
function sortedRows(sheet: XlsxSheet): number[] {
  let rows = rowOrder.get(sheet);
  if (!rows) {
    rows = [...sheet.rows.keys()].sort((a, b) => a - b);
    rowOrder.set(sheet, rows);
  }
  return rows;
}

/** The identity field a cell labels, if it is one of the labels. */
function identityField(cell: XlsxCell): IdentityField | undefined {
  if (cell.type !== 'string' && cell.type !== 'inline-string') return undefined;
  if ((cell.value as string).length > MAX_LABEL) return undefined;
  return IDENTITY_FIELDS.get(foldLabel(cell.value as string));
}
/** The labels as a map: a cell reading "constructor" or "__proto__" names no field. */
const IDENTITY_FIELDS: ReadonlyMap<string, IdentityField> = new Map(Object.entries(IDENTITY_LABELS));

/**
 * Identity labels on whichever sheet holds them; the value is the next non-empty cell to the right.
 * Every row is looked at, few hold a label: the look is a small loop of its own and a labelled
 * row is read by another function, so that V8 optimises (and compiles, on every run of the CLI)
 * only the small loop.
 */
function findIdentity(wb: XlsxWorkbook): Partial<Record<IdentityField, Located>> {
  const found: Partial<Record<IdentityField, Located>> = {};
  for (const sheet of wb.sheets) {
    for (const row of sortedRows(sheet)) {
      const cells = sheet.rows.get(row)!;
      if (holdsLabel(cells)) readLabelRow(sheet, cells, found);
    }
  }
  return found;
}

function holdsLabel(cells: ReadonlyMap<number, XlsxCell>): boolean {
  for (const cell of cells.values()) if (identityField(cell) !== undefined) return true;
  return false;
}

/** A row holding labels, in column order: each label takes the next non-empty cell to its right. */
function readLabelRow(
  sheet: XlsxSheet,
  unsorted: ReadonlyMap<number, XlsxCell>,
  found: Partial<Record<IdentityField, Located>>,
): void {
  const cells = [...unsorted.values()].sort((a, b) => a.col - b.col);
  for (let i = 0; i < cells.length; i++) {
    const field = identityField(cells[i]!);
    if (!field || found[field]) continue;
    for (let j = i + 1; j < cells.length; j++) {
      const text = cellText(cells[j]!).trim();
      if (text !== '') {
        found[field] = { sheet, cell: cells[j]!, text };
        break;
      }
    }
  }
}

interface Header {
  sheet: XlsxSheet;
  row: number;
  codeCol: number;
  valueCol: number;
}

function findHeader(wb: XlsxWorkbook): Header | undefined {
  for (const sheet of wb.sheets) {
    for (const row of sortedRows(sheet)) {
      if (row > HEADER_SEARCH_ROWS) break;
      let codeCol = 0;
      let valueCol = 0;
      for (const cell of sheet.rows.get(row)!.values()) {
        if (cell.type !== 'string' && cell.type !== 'inline-string') continue;
        if ((cell.value as string).length > MAX_LABEL) continue;
        const t = foldLabel(cell.value as string);
        if (t === 'ma chi tieu' && !codeCol) codeCol = cell.col;
        else if (t === 'so lieu' && !valueCol) valueCol = cell.col;
      }
      if (codeCol && valueCol) return { sheet, row, codeCol, valueCol };
    }
  }
  return undefined;
}

/**
 * A number stored in a cell, quoted to the clerk as Excel shows it in Vietnamese ("112,5"),
 * not as stored ("112.5"); one beyond what can be written plainly (5e-324, 1e300) as stored.
 */
function shownNumber(cell: XlsxCell): string {
  const n = cell.value as number;
  const decimals = decimalsOf(n);
  return decimals > SHOWN_DECIMALS || Math.abs(n) >= 1e21 ? cell.raw : formatNumber(n, { decimals });
}

/** A stored number with more decimals than this is quoted as stored. */
const SHOWN_DECIMALS = 20;

/** "30/06/2023", "30-6-2023", "2023-06-30" → ISO, or undefined. */
function parseDateText(text: string): string | undefined {
  const t = text.normalize('NFKC').trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)))
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function rejectionFor(
  e: XlsxError,
  file: string,
  size: number,
  lim: ImportLimits,
): { code: RejectionCode; message: string } {
  const part = e.entry ?? '';
  switch (e.code) {
    case 'EMPTY':
      return { code: 'IMPORT_EMPTY_FILE', message: REJECTIONS.IMPORT_EMPTY_FILE(file) };
    case 'TOO_LARGE':
      return { code: 'IMPORT_FILE_TOO_LARGE', message: REJECTIONS.IMPORT_FILE_TOO_LARGE(file, size, lim.maxFileBytes) };
    case 'PDF':
      return { code: 'IMPORT_PDF', message: REJECTIONS.IMPORT_PDF(file) };
    case 'XLS':
      return { code: 'IMPORT_XLS', message: REJECTIONS.IMPORT_XLS(file) };
    case 'ENCRYPTED':
    case 'ZIP_ENCRYPTED':
      return { code: 'IMPORT_ENCRYPTED', message: REJECTIONS.IMPORT_ENCRYPTED(file) };
    case 'OLE_OTHER':
      return { code: 'IMPORT_OLE_OTHER', message: REJECTIONS.IMPORT_OLE_OTHER(file) };
    case 'ODS':
      return { code: 'IMPORT_ODS', message: REJECTIONS.IMPORT_ODS(file) };
    case 'NOT_ZIP':
      return { code: 'IMPORT_NOT_XLSX', message: REJECTIONS.IMPORT_NOT_XLSX(file) };
    case 'TRUNCATED':
      return { code: 'IMPORT_TRUNCATED', message: REJECTIONS.IMPORT_TRUNCATED(file) };
    case 'ZIP64':
      return { code: 'IMPORT_ZIP64', message: REJECTIONS.IMPORT_ZIP64(file) };
    case 'TOO_MANY_ENTRIES':
      return { code: 'IMPORT_TOO_MANY_ENTRIES', message: REJECTIONS.IMPORT_TOO_MANY_ENTRIES(file, lim.maxEntries) };
    case 'TOO_BIG_UNCOMPRESSED':
      return {
        code: 'IMPORT_TOO_BIG_UNCOMPRESSED',
        message: REJECTIONS.IMPORT_TOO_BIG_UNCOMPRESSED(file, lim.maxUncompressedBytes),
      };
    case 'COMPRESSION_RATIO':
      return { code: 'IMPORT_ZIP_BOMB', message: REJECTIONS.IMPORT_ZIP_BOMB(file, part, lim.maxCompressionRatio) };
    case 'BAD_ENTRY_NAME':
      return { code: 'IMPORT_BAD_ENTRY_NAME', message: REJECTIONS.IMPORT_BAD_ENTRY_NAME(file, part) };
    case 'SIZE_MISMATCH':
      return { code: 'IMPORT_SIZE_MISMATCH', message: REJECTIONS.IMPORT_SIZE_MISMATCH(file, part) };
    case 'CORRUPT':
      return { code: 'IMPORT_CORRUPT', message: REJECTIONS.IMPORT_CORRUPT(file, part) };
    case 'CRC_MISMATCH':
      return { code: 'IMPORT_CRC_MISMATCH', message: REJECTIONS.IMPORT_CRC_MISMATCH(file, part) };
    case 'DUPLICATE_ENTRY':
      return { code: 'IMPORT_DUPLICATE_ENTRY', message: REJECTIONS.IMPORT_DUPLICATE_ENTRY(file, part) };
    case 'NOT_WORKBOOK':
      return { code: 'IMPORT_NOT_WORKBOOK', message: REJECTIONS.IMPORT_NOT_WORKBOOK(file) };
    case 'BAD_XML':
      return { code: 'IMPORT_BAD_XML', message: REJECTIONS.IMPORT_BAD_XML(file, part) };
  }
}

/**
 * Read one return workbook into values with provenance and import findings.
 * Pure and synchronous: no file or network access. A file that is not a return at all
 * comes back `rejected` with a Vietnamese message; a bad cell never rejects the file —
 * its value is left out and an error finding names file, sheet, cell, indicator and raw value.
 */
export function parseReturn(bytes: Uint8Array, ctx: ImportContext): ParsedReturn {
  const file = ctx.fileName;
  const lim: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...ctx.limits };
  const hash = ctx.sha256 ?? sha256(bytes);
  let wb: XlsxWorkbook;
  try {
    wb = readWorkbook(bytes, lim);
  } catch (e) {
    if (!(e instanceof XlsxError)) throw e;
    const r = rejectionFor(e, file, bytes.length, lim);
    return rejectedReturn(file, hash, bytes.length, r.code, r.message);
  }

  const prov = (sheet: XlsxSheet, cell: string, raw: string): Provenance => ({
    file,
    sha256: hash,
    sheet: sheet.name,
    cell,
    raw: raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}…` : raw,
  });

  // Identity.
  const loc = findIdentity(wb);
  const identity: ReturnIdentity = { sources: {} };
  for (const field of ['unitName', 'preparer', 'phone', 'head', 'formVersion'] as const) {
    const l = loc[field];
    if (l) identity[field] = l.text;
  }
  for (const field of ['unitCode', 'unitName', 'period', 'cutoff', 'formVersion'] as const) {
    const l = loc[field];
    if (l) identity.sources[field] = prov(l.sheet, l.cell.ref, l.cell.raw);
  }

  const header = findHeader(wb);
  if (!header) return rejectedReturn(file, hash, bytes.length, 'IMPORT_NO_HEADER', REJECTIONS.IMPORT_NO_HEADER(file));
  const unitLoc = loc.unitCode;
  if (!unitLoc)
    return rejectedReturn(file, hash, bytes.length, 'IMPORT_NO_UNIT_CODE', REJECTIONS.IMPORT_NO_UNIT_CODE(file));

  const findings: Finding[] = [];
  const unitCode = normaliseCode(unitLoc.text);
  const unit = ctx.units.find((u) => u.code.toUpperCase() === unitCode);
  identity.unitCode = unit ? unit.code : unitCode;
  const scopeKey = unit ? unit.code : file;

  const place = (sheet: XlsxSheet, cell: string, ind?: Indicator): CellPlace => ({
    file,
    sheet: sheet.name,
    cell,
    ...(ind ? { code: ind.code, label: ind.label } : {}),
  });
  // One finding per problem, and a bounded number per file: a hostile or mistaken file with
  // 100,000 odd rows costs a summary finding, not 100,000 findings in every later stage.
  const dropped = new Map<ImportCheckCode, { count: number; first: string }>();
  const perCheck = new Map<ImportCheckCode, number>();
  /** Whether a finding of `check` on `cell` is still kept; if not, it is counted for the summary. */
  const room = (check: ImportCheckCode, cell: string): boolean => {
    const n = perCheck.get(check) ?? 0;
    const limit = CAPPED_CHECKS.has(check) ? MAX_FINDINGS_PER_CHECK : Infinity;
    if (n < limit && findings.length < MAX_FINDINGS_PER_FILE) {
      perCheck.set(check, n + 1);
      return true;
    }
    const d = dropped.get(check);
    if (d) d.count++;
    else dropped.set(check, { count: 1, first: cell });
    return false;
  };
  const add = (check: ImportCheckCode, message: string, cells: string[], values: FindingValue[]): void => {
    if (!room(check, cells.at(-1) ?? '')) return;
    push(check, IMPORT_CHECKS[check].severity, message, cells, values);
  };
  const push = (
    check: string,
    severity: Finding['severity'],
    message: string,
    cells: string[],
    values: FindingValue[],
  ): void => {
    const f: Finding = {
      id: findingId(check, scopeKey, cells),
      check,
      severity,
      scope: unit ? 'unit' : 'file',
      file,
      values,
      cells,
      message,
      status: 'open',
    };
    if (unit) {
      f.unit = unit.code;
      f.tier = unit.tier;
    }
    findings.push(f);
  };
  const identityFinding = (check: ImportCheckCode, l: Located, message: string): void => {
    const p = prov(l.sheet, l.cell.ref, l.cell.raw);
    add(check, message, [cellRef(p)], [{ code: check, value: null, source: p }]);
  };

  if (!unit) {
    identityFinding(
      'IMPORT_UNKNOWN_UNIT',
      unitLoc,
      IMPORT_CHECKS.IMPORT_UNKNOWN_UNIT.message(place(unitLoc.sheet, unitLoc.cell.ref), unitLoc.text),
    );
  }

  const periodLoc = loc.period;
  if (!periodLoc) {
    add('IMPORT_PERIOD_MISSING', IMPORT_CHECKS.IMPORT_PERIOD_MISSING.message(file, ctx.period.code), [], []);
  } else {
    identity.period = normaliseCode(periodLoc.text);
    if (identity.period !== ctx.period.code.toUpperCase()) {
      identityFinding(
        'IMPORT_PERIOD_MISMATCH',
        periodLoc,
        IMPORT_CHECKS.IMPORT_PERIOD_MISMATCH.message(
          place(periodLoc.sheet, periodLoc.cell.ref),
          periodLoc.text,
          ctx.period.code,
        ),
      );
    }
  }

  const cutoffLoc = loc.cutoff;
  if (cutoffLoc) {
    const c = cutoffLoc.cell;
    const iso = c.type === 'number' ? serialToIso(c.value as number, wb.date1904) : parseDateText(cutoffLoc.text);
    if (!iso) {
      identityFinding(
        'IMPORT_CUTOFF_UNREADABLE',
        cutoffLoc,
        IMPORT_CHECKS.IMPORT_CUTOFF_UNREADABLE.message(place(cutoffLoc.sheet, c.ref), cutoffLoc.text),
      );
    } else {
      identity.cutoff = iso;
      if (iso !== ctx.period.cutoff) {
        identityFinding(
          'IMPORT_CUTOFF_MISMATCH',
          cutoffLoc,
          IMPORT_CHECKS.IMPORT_CUTOFF_MISMATCH.message(
            place(cutoffLoc.sheet, c.ref),
            formatDateVN(iso),
            formatDateVN(ctx.period.cutoff),
          ),
        );
      }
    }
  }

  const formLoc = loc.formVersion;
  if (formLoc) {
    const expected = `${ctx.form.formId} ${ctx.form.version}`;
    const seen = formLoc.text.replace(/\s+/g, ' ');
    if (seen.toUpperCase() !== expected.toUpperCase()) {
      const sameForm = seen.toUpperCase().startsWith(ctx.form.formId.toUpperCase());
      const check = sameForm ? 'IMPORT_FORM_VERSION' : 'IMPORT_FORM_ID';
      identityFinding(
        check,
        formLoc,
        IMPORT_CHECKS[check].message(place(formLoc.sheet, formLoc.cell.ref), seen, expected),
      );
    }
  }

  // Figures, by code.
  const values: Record<string, CellValue> = {};
  const blanks: Record<string, { sheet: string; cell: string }> = {};
  const { sheet, codeCol, valueCol } = header;
  const valueMerges = sheet.merges.filter((m) => m.left <= valueCol && m.right >= valueCol);
  const firstSeen = new Map<string, string>();
  const duplicates = new Map<string, { here: CellPlace; first: string; cells: string[]; count: number; raw: string }>();
  const poisoned = new Set<string>();
  const tierName = unit ? ctx.form.tiers[unit.tier] : '';

  for (const r of sortedRows(sheet)) {
    if (r <= header.row) continue;
    const row = sheet.rows.get(r)!;
    const codeCell = row.get(codeCol);
    const valueCell = row.get(valueCol);
    const valueRef = valueCell?.ref ?? `${columnLetters(valueCol)}${r}`;
    const rawCode = codeCell ? cellText(codeCell) : '';
    const code = normaliseCode(rawCode);
    const ind = code ? ctx.form.indicatorByCode.get(code) : undefined;

    if (!ind) {
      if (code && looksLikeCode(code)) {
        if (!room('IMPORT_UNKNOWN_CODE', `${file}!${sheet.name}!${codeCell!.ref}`)) continue;
        const p = prov(sheet, codeCell!.ref, rawCode);
        push(
          'IMPORT_UNKNOWN_CODE',
          IMPORT_CHECKS.IMPORT_UNKNOWN_CODE.severity,
          IMPORT_CHECKS.IMPORT_UNKNOWN_CODE.message(place(sheet, codeCell!.ref), rawCode.trim()),
          [cellRef(p)],
          [{ code: rawCode.trim(), value: null, source: p }],
        );
      } else if (valueCell && (valueCell.type === 'number' || /\d/.test(cellText(valueCell)))) {
        if (!room('IMPORT_VALUE_WITHOUT_CODE', `${file}!${sheet.name}!${valueRef}`)) continue;
        const p = prov(sheet, valueRef, valueCell.raw);
        push(
          'IMPORT_VALUE_WITHOUT_CODE',
          IMPORT_CHECKS.IMPORT_VALUE_WITHOUT_CODE.severity,
          IMPORT_CHECKS.IMPORT_VALUE_WITHOUT_CODE.message(place(sheet, valueRef), cellText(valueCell)),
          [cellRef(p)],
          [{ code: '', value: typeof valueCell.value === 'number' ? valueCell.value : null, source: p }],
        );
      }
      continue;
    }

    const first = firstSeen.get(ind.code);
    if (first !== undefined) {
      const dup = duplicates.get(ind.code);
      if (dup) {
        dup.count++;
        if (dup.cells.length < DUPLICATE_CELLS_LISTED) dup.cells.push(valueRef);
      } else {
        const here = place(sheet, valueRef, ind);
        duplicates.set(ind.code, { here, first, cells: [valueRef], count: 2, raw: valueCell?.raw ?? '' });
      }
      poisoned.add(ind.code);
      delete values[ind.code];
      continue;
    }
    firstSeen.set(ind.code, valueRef);
    const here = place(sheet, valueRef, ind);

    const merge = valueMerges.find((m) => r >= m.top && r <= m.bottom);
    if (merge && (merge.top !== r || merge.left !== valueCol)) {
      const p = prov(sheet, valueRef, valueCell?.raw ?? '');
      add(
        'IMPORT_MERGED_CELL',
        IMPORT_CHECKS.IMPORT_MERGED_CELL.message(here, merge.ref),
        [cellRef(p)],
        [{ code: ind.code, value: null, source: p }],
      );
      continue;
    }

    const reading = readFigure(valueCell, ind);
    if (reading.kind === 'blank') {
      if (!unit || ind.tiers.includes(unit.tier)) blanks[ind.code] = { sheet: sheet.name, cell: valueRef };
      continue;
    }
    const p = prov(sheet, valueRef, reading.raw);
    if (reading.kind === 'problem') {
      // Text is quoted exactly as typed; a stored number as Excel shows it (only a message needs it).
      const shown = valueCell?.type === 'number' ? shownNumber(valueCell) : reading.raw;
      const message = valueProblemMessage(here, reading, shown);
      const numeric = valueCell?.type === 'number' ? (valueCell.value as number) : null;
      add(reading.check, message, [cellRef(p)], [{ code: ind.code, value: numeric, source: p }]);
      continue;
    }
    if (unit && !ind.tiers.includes(unit.tier)) {
      add(
        'IMPORT_TIER_CODE',
        IMPORT_CHECKS.IMPORT_TIER_CODE.message(here, tierName),
        [cellRef(p)],
        [{ code: ind.code, value: reading.value, source: p }],
      );
      continue;
    }
    if (!poisoned.has(ind.code)) {
      values[ind.code] = { code: ind.code, value: reading.value, decimals: reading.decimals, source: p };
    }
  }

  // A duplicated code: one finding, with how many rows carry it and the first of them.
  for (const [code, d] of duplicates) {
    const p = prov(sheet, d.here.cell, d.raw);
    const listed = [d.first, ...d.cells];
    add(
      'IMPORT_DUPLICATE_CODE',
      IMPORT_CHECKS.IMPORT_DUPLICATE_CODE.message(d.here, d.first, d.count, listed),
      listed.map((c) => `${file}!${sheet.name}!${c}`),
      [{ code, value: null, source: p }],
    );
  }
  for (const [check, d] of dropped) {
    push(
      'IMPORT_FINDINGS_CAPPED',
      IMPORT_CHECKS[check].severity,
      IMPORT_CHECKS.IMPORT_FINDINGS_CAPPED.message(file, d.count, check, d.first),
      [d.first],
      [],
    );
  }

  for (const code of Object.keys(blanks)) if (code in values || poisoned.has(code)) delete blanks[code];
  return { file, sha256: hash, size: bytes.length, status: 'parsed', identity, values, blanks, findings };
}
