import { describe, expect, it } from 'vitest';
import type { CellValue as XlsxValue, Workbook, Worksheet } from 'exceljs';
import type { Finding } from '../model/index.js';
import { targetsSentence } from '../model/consolidation.js';
import { consolidationToJson, reconcile } from '../reconcile/index.js';
import { consistentDataset, makeUnits, rng } from '../reconcile/testing.js';
import {
  buildConsolidatedWorkbook,
  SHEET_FILES,
  SHEET_FINDINGS,
  SHEET_PROVINCE,
  SHEET_RATIOS,
  SHEET_SOURCES,
  TITLE_ROWS,
  TOTAL_LABEL,
  wrappedLines,
} from './consolidated-xlsx.js';
import { excelJs } from './excel.js';

async function load(buf: Buffer): Promise<Workbook> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const isFormula = (v: XlsxValue): v is { formula: string; result?: number } =>
  typeof v === 'object' && v !== null && 'formula' in v;

/** A dataset of 12 units with blanks, a missing return and hostile text in names, sources and messages. */
function hostileConsolidation() {
  const units = makeUnits(12);
  units[0]!.name = '=HYPERLINK("http://evil","Bấm vào")';
  units[1]!.name = '+Sở có dấu cộng';
  const ds = consistentDataset(units, 21);
  const rand = rng(2);
  for (const vals of Object.values(ds.values)) for (const c of Object.keys(vals)) if (rand() < 0.05) delete vals[c];
  delete ds.values[units[5]!.code];
  const first = ds.values[units[0]!.code]!;
  const kl = first.KL01 as CellValue;
  first.KL01 = { ...kl, source: { ...kl.source, file: '@evil.xlsx', sheet: '-Số liệu', raw: '=1+1' } };
  const tt = first.TT01 as CellValue;
  first.TT01 = { ...tt, source: { ...tt.source, raw: '\t=cmd|calc' } };
  const bad: Finding = {
    id: 'IMPORT_TEXT|S0001|x',
    check: 'IMPORT_TEXT',
    severity: 'warning',
    scope: 'file',
    unit: units[0]!.code,
    file: '=evil.xlsx',
    values: [],
    cells: ['=evil.xlsx!Số liệu!E9'],
    message: '-2+3 là nội dung ô',
    status: 'open',
  };
  ds.importFindings = [bad];
  return reconcile(ds);
}
type CellValue = import('../model/index.js').CellValue;

describe('the consolidated workbook', async () => {
  const c = hostileConsolidation();
  const json = consolidationToJson(c);
  const issuer = { governingBody: 'UBND tỉnh Lai Châu', issuingBody: 'Sở Nội vụ' };
  const wb = await load(await buildConsolidatedWorkbook(c, { issuer }));
  const HEAD = TITLE_ROWS + 1;

  it('has a sheet per tier of the period, then province, ratios and targets, findings, files, sources', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cấp sở',
      'Cấp huyện',
      'Cấp xã',
      SHEET_PROVINCE,
      SHEET_RATIOS,
      SHEET_FINDINGS,
      SHEET_FILES,
      SHEET_SOURCES,
    ]);
    const so = wb.getWorksheet('Cấp sở') as Worksheet;
    expect(so.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: HEAD + 1 });
    expect(so.getCell(`A${HEAD}`).value).toBe('Mã chỉ tiêu');
    expect(so.getCell(`D${HEAD}`).value).toBe(c.units[0]?.code);
  });

  it('names the issuing body and the period on every sheet and prints each on A4, one page wide, page x/y', () => {
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value, ws.name).toBe('UBND TỈNH LAI CHÂU — SỞ NỘI VỤ');
      expect(String(ws.getCell('A3').value)).toContain(c.period.title);
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toMatch(/^1:\d+$/);
      expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
    }
    const so = wb.getWorksheet('Cấp sở') as Worksheet;
    expect(so.pageSetup).toMatchObject({
      orientation: 'landscape',
      printTitlesColumn: 'A:C',
      printTitlesRow: `1:${HEAD + 1}`,
    });
  });

  it('tier totals are SUM formulas whose results equal the JSON totals and the row sums', () => {
    for (const tier of ['so', 'huyen', 'xa'] as const) {
      const ws = wb.getWorksheet(c.form.tiers[tier]) as Worksheet;
      const units = c.units.filter((u) => u.tier === tier).length;
      const totalCol = 4 + units;
      expect(ws.getRow(HEAD).getCell(totalCol).value).toBe(TOTAL_LABEL);
      let checked = 0;
      ws.eachRow((row, n) => {
        if (n <= HEAD + 1) return;
        const code = row.getCell(1).value;
        if (typeof code !== 'string' || !c.form.indicatorByCode.has(code)) return;
        const v = row.getCell(totalCol).value;
        const expected = json.totals[tier][code];
        if (expected === undefined) {
          expect(isFormula(v), `${tier} ${code}`).toBe(false);
          return;
        }
        if (!isFormula(v)) throw new Error(`${tier} ${code}: no formula`);
        const last = ws.getColumn(3 + units).letter;
        expect(v.formula).toBe(`SUM(D${n}:${last}${n})`);
        // exceljs writes a cached 0 as <v>0</v> but reads it back as no result.
        expect(v.result ?? 0).toBe(expected);
        let sum = 0;
        for (let col = 4; col < totalCol; col++) sum += Number(row.getCell(col).value ?? 0);
        expect(sum).toBe(expected);
        checked++;
      });
      expect(checked).toBe(Object.keys(json.totals[tier]).length);
    }
  });

  it('province totals equal the JSON totals', () => {
    const ws = wb.getWorksheet(SHEET_PROVINCE) as Worksheet;
    const seen: Record<string, number> = {};
    ws.eachRow((row, n) => {
      if (n <= HEAD) return;
      const v = row.getCell(7).value;
      if (isFormula(v)) seen[row.getCell(1).value as string] = v.result ?? 0;
    });
    expect(seen).toEqual(json.totals.province);
  });

  it('no text cell can start a formula, and the only formulas are the SUMs', () => {
    let strings = 0;
    let formulas = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (isFormula(v)) {
            formulas++;
            expect(v.formula).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
          } else if (typeof v === 'string') {
            strings++;
            expect(v, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r\n]/);
          } else if (v !== null && typeof v === 'object') {
            throw new Error(`unexpected ${JSON.stringify(v)} at ${ws.name}!${cell.address}`);
          }
        }),
      );
    }
    expect(strings).toBeGreaterThan(100);
    expect(formulas).toBeGreaterThan(100);
    const so = wb.getWorksheet('Cấp sở') as Worksheet;
    expect(so.getCell(`D${HEAD + 1}`).value).toBe(`'=HYPERLINK("http://evil","Bấm vào")`);
    const src = wb.getWorksheet(SHEET_SOURCES) as Worksheet;
    const rows: string[][] = [];
    src.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String)));
    expect(rows).toContainEqual(expect.arrayContaining(["'@evil.xlsx", "'-Số liệu", "'=1+1"]));
    expect(rows).toContainEqual(expect.arrayContaining(["'\t=cmd|calc"]));
  });

  it('ratios and targets in Vietnamese, with the computed summary line', () => {
    const ws = wb.getWorksheet(SHEET_RATIOS) as Worksheet;
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((cell) => texts.push(String(cell.value))));
    const statuses = { dat: 'Đạt', vuot: 'Vượt', 'chua-dat': 'Chưa đạt', 'thieu-so-lieu': 'Thiếu số liệu' };
    for (const t of c.targets) expect(texts).toContain(statuses[t.status]);
    expect(texts).toContain(targetsSentence(c.targets));
    expect(targetsSentence(c.targets)).toMatch(/^\d\/9 chỉ tiêu đạt và vượt; \d chỉ tiêu chưa đạt/);
    // A target set per tier: each tier named as in a sentence, where it falls short said plainly.
    const mt6 = c.targets.find((t) => t.id === 'MT6')!;
    expect(mt6.failingTiers).toEqual(['so', 'huyen', 'xa']);
    expect(texts).toContain('Cấp sở: ≥ 90%; cấp huyện: ≥ 80%; cấp xã: ≥ 60%');
    // Its row tall enough for the requirement wrapped word by word in its narrow column (4 lines of 10 pt).
    let mt6Height = 0;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'MT6') mt6Height = r.height;
    });
    expect(mt6Height).toBeGreaterThanOrEqual(4 * 12.5);
    expect(texts.find((t) => /^Cấp sở: [\d,]+% \(chưa đạt\); cấp huyện: /.test(t))).toMatch(
      /; cấp xã: [\d,]+% \(chưa đạt\)\. Chưa đạt ở cấp sở, cấp huyện, cấp xã$/,
    );
    let provinceRatio: unknown;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'R_DUNGHAN') provinceRatio = r.getCell(3 + 2 * c.period.tiers.length).value;
    });
    expect(provinceRatio).toBe(json.ratios.province.R_DUNGHAN);
  });

  it('counts wrapped lines word by word, as a spreadsheet wraps them', () => {
    expect(wrappedLines('Cấp sở: ≥ 90%; cấp huyện: ≥ 80%; cấp xã: ≥ 60%', 16)).toBe(4);
    expect(wrappedLines('một hai', 16)).toBe(1);
    expect(wrappedLines('một\nhai', 16)).toBe(2);
    expect(wrappedLines('BC_CCHC_X10_NQ08-SK2023.xlsx', 10)).toBe(3);
    expect(wrappedLines('a BC_CCHC_X10_NQ08-SK2023.xlsx', 10)).toBe(4);
  });

  it('findings and sources are listed in full', () => {
    const f = wb.getWorksheet(SHEET_FINDINGS) as Worksheet;
    expect(f.rowCount).toBe(HEAD + c.findings.length);
    expect(f.getRow(HEAD + 1).getCell(6).value).toBe(
      c.findings[0]?.message.startsWith('-') ? `'${c.findings[0]?.message}` : c.findings[0]?.message,
    );
    const all: string[] = [];
    f.eachRow((r) => all.push(String(r.getCell(6).value)));
    expect(all).toContain("'-2+3 là nội dung ô");
    const s = wb.getWorksheet(SHEET_SOURCES) as Worksheet;
    const nValues = Object.values(c.values).reduce((n, v) => n + Object.keys(v).length, 0);
    expect(s.rowCount).toBe(HEAD + nValues);
    // Each unit's file, with its SHA-256, or why it has none.
    const files = wb.getWorksheet(SHEET_FILES) as Worksheet;
    expect(files.rowCount).toBe(HEAD + c.units.length);
    const missing = c.units[5]!;
    let state = '';
    files.eachRow((r) => {
      if (r.getCell(1).value === missing.code) state = String(r.getCell(4).value);
    });
    expect(state).toBe('Chưa gửi báo cáo');
  });

  it('can leave the sources out', async () => {
    const small = await load(await buildConsolidatedWorkbook(c, { sources: false }));
    expect(small.getWorksheet(SHEET_SOURCES)).toBeUndefined();
  });
});
