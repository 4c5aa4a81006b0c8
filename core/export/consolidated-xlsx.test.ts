import { describe, expect, it } from 'vitest';
import type { CellValue as XlsxValue, Workbook, Worksheet } from 'exceljs';
import type { Finding } from '../model/index.js';
import { consolidationToJson, reconcile } from '../reconcile/index.js';
import { consistentDataset, makeUnits, rng } from '../reconcile/testing.js';
import {
  buildConsolidatedWorkbook,
  SHEET_FINDINGS,
  SHEET_PROVINCE,
  SHEET_RATIOS,
  SHEET_SOURCES,
  TOTAL_LABEL,
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
  const wb = await load(await buildConsolidatedWorkbook(c));

  it('has a sheet per tier of the period, then province, ratios and targets, findings, sources', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cấp sở',
      'Cấp huyện',
      'Cấp xã',
      SHEET_PROVINCE,
      SHEET_RATIOS,
      SHEET_FINDINGS,
      SHEET_SOURCES,
    ]);
    const so = wb.getWorksheet('Cấp sở') as Worksheet;
    expect(so.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(so.getCell('A1').value).toBe('Mã đơn vị');
  });

  it('tier totals are SUM formulas whose results equal the JSON totals and the column sums', () => {
    for (const tier of ['so', 'huyen', 'xa'] as const) {
      const ws = wb.getWorksheet(c.form.tiers[tier]) as Worksheet;
      let totalsRow = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(2).value === TOTAL_LABEL) totalsRow = n;
      });
      expect(totalsRow).toBe(3 + c.units.filter((u) => u.tier === tier).length);
      let checked = 0;
      for (let col = 3; col <= ws.columnCount; col++) {
        const code = ws.getRow(1).getCell(col).value as string;
        const v = ws.getRow(totalsRow).getCell(col).value;
        const expected = json.totals[tier][code];
        if (expected === undefined) {
          expect(isFormula(v), `${tier} ${code}`).toBe(false);
          continue;
        }
        if (!isFormula(v)) throw new Error(`${tier} ${code}: no formula`);
        const letter = ws.getColumn(col).letter;
        expect(v.formula).toBe(`SUM(${letter}3:${letter}${totalsRow - 1})`);
        // exceljs writes a cached 0 as <v>0</v> but reads it back as no result.
        expect(v.result ?? 0).toBe(expected);
        let sum = 0;
        for (let r = 3; r < totalsRow; r++) sum += Number(ws.getRow(r).getCell(col).value ?? 0);
        expect(sum).toBe(expected);
        checked++;
      }
      expect(checked).toBe(Object.keys(json.totals[tier]).length);
    }
  });

  it('province totals equal the JSON totals', () => {
    const ws = wb.getWorksheet(SHEET_PROVINCE) as Worksheet;
    const seen: Record<string, number> = {};
    ws.eachRow((row, n) => {
      if (n === 1) return;
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
    expect(so.getCell('B3').value).toBe(`'=HYPERLINK("http://evil","Bấm vào")`);
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
    expect(texts).toContain(`${c.targetsMet}/9 chỉ tiêu đạt và vượt`);
    let provinceRatio: unknown;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'R_DUNGHAN') provinceRatio = r.getCell(3 + 2 * c.period.tiers.length).value;
    });
    expect(provinceRatio).toBe(json.ratios.province.R_DUNGHAN);
  });

  it('findings and sources are listed in full', () => {
    const f = wb.getWorksheet(SHEET_FINDINGS) as Worksheet;
    expect(f.rowCount).toBe(c.findings.length + 1);
    expect(f.getRow(2).getCell(8).value).toBe(
      c.findings[0]?.message.startsWith('-') ? `'${c.findings[0]?.message}` : c.findings[0]?.message,
    );
    const all: string[] = [];
    f.eachRow((r) => all.push(String(r.getCell(8).value)));
    expect(all).toContain("'-2+3 là nội dung ô");
    const s = wb.getWorksheet(SHEET_SOURCES) as Worksheet;
    const nValues = Object.values(c.values).reduce((n, v) => n + Object.keys(v).length, 0);
    expect(s.rowCount).toBe(nValues + 1);
  });

  it('can leave the sources out', async () => {
    const small = await load(await buildConsolidatedWorkbook(c, { sources: false }));
    expect(small.getWorksheet(SHEET_SOURCES)).toBeUndefined();
  });
});
