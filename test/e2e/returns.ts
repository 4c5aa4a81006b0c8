/**
 * Returns for the end-to-end tests, made by the project's sample writer and re-written by
 * another library (Debian's python3-openpyxl), with the faults a real intake brings: a
 * truncated download, a file of another period, a second different file of one unit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { writeSampleReturns } from '../../core/sample/index.js';
import { loadDefaultUnits } from '../../core/units/index.js';

export const PERIOD = 'NQ08-SK2023';
export const OTHER_PERIOD = 'NQ08-TK2025';

/** python3-openpyxl of Debian (never the pyenv python on PATH). */
const PYTHON = '/usr/bin/python3';

const RESAVE = `
import sys, openpyxl
src, dst, period, code, delta = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
wb = openpyxl.load_workbook(src)
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            if period and isinstance(cell.value, str) and cell.value.strip().upper().startswith('NQ08-'):
                label = ws.cell(row=cell.row, column=1).value or ''
                if 'ky bao cao' in label.lower() or 'kỳ báo cáo' in label.lower():
                    cell.value = period
            if code and cell.value == code:
                # the value column is titled "Số liệu": find it on the header row
                for head in ws.iter_rows(max_row=30):
                    titles = [str(c.value or '').strip() for c in head]
                    if 'Số liệu' in titles and 'Mã chỉ tiêu' in titles:
                        col = titles.index('Số liệu') + 1
                        v = ws.cell(row=cell.row, column=col)
                        v.value = (v.value or 0) + delta
                        break
wb.save(dst)
`;

/** Re-save a workbook with openpyxl, optionally naming another period or moving one figure. */
export function resaveWithOpenpyxl(
  src: string,
  dst: string,
  opts: { period?: string; code?: string; delta?: number } = {},
): void {
  execFileSync(PYTHON, ['-c', RESAVE, src, dst, opts.period ?? '', opts.code ?? '', String(opts.delta ?? 0)]);
}

export interface FaultyFolder {
  dir: string;
  /** The file refused as a truncated download. */
  truncated: string;
  /** The file that names another period. */
  otherPeriod: string;
  /** The second, different file of S03. */
  duplicate: string;
  /** Files re-written by openpyxl. */
  openpyxl: string[];
}

/**
 * 40 sample returns of NQ08-SK2023 (with the sample's deliberate slips when `faults`), six of
 * them re-saved by openpyxl, plus a truncated copy, a copy naming NQ08-TK2025, and a second
 * S03 file whose TT01 is one more.
 */
export async function writeFaultyFolder(dir: string, faults = true): Promise<FaultyFolder> {
  mkdirSync(dir, { recursive: true });
  const period = findPeriod(PERIOD);
  if (!period) throw new Error(`${PERIOD} missing`);
  await writeSampleReturns({ form: loadDefaultForm(), period, units: loadDefaultUnits(), outDir: dir, faults });
  const name = (u: string) => `BC_CCHC_${u}_${PERIOD}.xlsx`;
  const openpyxl = ['S07', 'S08', 'H02', 'X05', 'X06', 'X07'].map((u) => {
    resaveWithOpenpyxl(join(dir, name(u)), join(dir, name(u)));
    return name(u);
  });
  const truncated = 'BC_CCHC_S21 (ban tai loi).xlsx';
  writeFileSync(join(dir, truncated), readFileSync(join(dir, name('S21'))).subarray(0, 1500));
  const otherPeriod = `BC_CCHC_S06_${OTHER_PERIOD}.xlsx`;
  resaveWithOpenpyxl(join(dir, name('S06')), join(dir, otherPeriod), { period: OTHER_PERIOD });
  const duplicate = `BC_CCHC_S03_${PERIOD}_sua.xlsx`;
  resaveWithOpenpyxl(join(dir, name('S03')), join(dir, duplicate), { code: 'TT01', delta: 1 });
  return { dir, truncated, otherPeriod, duplicate, openpyxl };
}

/** A clean folder: 40 consistent returns, no slip. */
export async function writeCleanFolder(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const period = findPeriod(PERIOD);
  if (!period) throw new Error(`${PERIOD} missing`);
  await writeSampleReturns({ form: loadDefaultForm(), period, units: loadDefaultUnits(), outDir: dir });
  return dir;
}
