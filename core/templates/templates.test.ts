import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Workbook, Worksheet } from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorsForTier, loadDefaultForm } from '../form/index.js';
import { findPeriod, type Period } from '../period/index.js';
import { loadDefaultUnits, type Unit } from '../units/index.js';
import {
  DATA_HEADERS,
  INFO_FIELDS,
  buildTemplate,
  infoCell,
  layoutRows,
  loadExcelJs,
  templateFileName,
  writeTemplates,
  type WriteTemplatesResult,
} from './index.js';

const form = loadDefaultForm();
const units = loadDefaultUnits();
const sk2023 = findPeriod('NQ08-SK2023') as Period;
const tk2025 = findPeriod('NQ08-TK2025') as Period;

async function open(bytes: Buffer | Uint8Array): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The sheet protection exceljs reads back (not in its public types). */
function sheetProtection(ws: Worksheet): { sheet?: boolean; algorithmName?: string } | null {
  return (ws as unknown as { sheetProtection: { sheet?: boolean; algorithmName?: string } | null }).sheetProtection;
}

let dir: string;
let written: WriteTemplatesResult;
const books = new Map<string, Workbook>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchc-templates-'));
  await buildTemplate(form, sk2023, units[0] as Unit); // warm up: exceljs load and the skeletons
  written = await writeTemplates({ form, period: sk2023, units, outDir: dir });
  for (const f of written.files) books.set(f.unit, await open(readFileSync(f.path)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeTemplates for NQ08-SK2023 and the default register', () => {
  it('writes one file per unit, named BC_CCHC_<unit>_<period>.xlsx', () => {
    expect(templateFileName(units[0] as Unit, sk2023)).toBe('BC_CCHC_S01_NQ08-SK2023.xlsx');
    expect(written.files).toHaveLength(40);
    expect(written.skipped).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(units.map((u) => `BC_CCHC_${u.code}_NQ08-SK2023.xlsx`).sort());
    for (const f of written.files) expect(basename(f.path)).toBe(`BC_CCHC_${f.unit}_NQ08-SK2023.xlsx`);
  });

  it('keeps the package consistent: shared-string counts match the references of every sheet', () => {
    for (const f of written.files) {
      const parts = unzipSync(readFileSync(f.path));
      const sst = strFromU8(parts['xl/sharedStrings.xml'] as Uint8Array);
      const sheets = Object.keys(parts).filter((n) => n.startsWith('xl/worksheets/sheet'));
      expect(sheets).toHaveLength(4);
      const refs = sheets.reduce((n, s) => n + (strFromU8(parts[s] as Uint8Array).match(/ t="s"/g)?.length ?? 0), 0);
      expect(sst).toContain(` count="${refs}"`);
      expect(sst).toContain(` uniqueCount="${sst.match(/<si>/g)?.length}"`);
      expect(sst).not.toContain('\u27e6');
    }
  });

  it('has the sheets Thông tin, Số liệu, Hướng dẫn and a hidden _meta', () => {
    for (const wb of books.values()) {
      expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
        ['Thông tin', 'visible'],
        ['Số liệu', 'visible'],
        ['Hướng dẫn', 'visible'],
        ['_meta', 'hidden'],
      ]);
    }
  });

  it('writes the period title of Thông tin across the table, wrapped, so a long title stays on the page', () => {
    for (const unit of units) {
      const ws = sheet(books.get(unit.code) as Workbook, 'Thông tin');
      expect(ws.getCell('A2').isMerged, unit.code).toBe(true);
      expect(ws.getCell('B2').master.address).toBe('A2');
      expect(ws.getCell('A2').alignment?.wrapText).toBe(true);
      expect(ws.getRow(2).height).toBeGreaterThanOrEqual(30);
    }
  });

  it('pre-fills the identity of each unit on Thông tin', () => {
    for (const unit of units) {
      const ws = sheet(books.get(unit.code) as Workbook, 'Thông tin');
      expect(INFO_FIELDS.map((f, i) => ws.getCell(`A${4 + i}`).value)).toEqual([
        'Mã đơn vị',
        'Tên đơn vị',
        'Kỳ báo cáo',
        'Số liệu tính đến ngày',
        'Người lập biểu',
        'Điện thoại',
        'Thủ trưởng đơn vị',
        'Mẫu biểu',
      ]);
      expect(ws.getCell('B4').value).toBe(unit.code);
      expect(ws.getCell('B5').value).toBe(unit.name);
      expect(ws.getCell('B6').value).toBe('NQ08-SK2023');
      expect(ws.getCell('B7').value).toBe('30/06/2023');
      expect(ws.getCell('B11').value).toBe('CCHC-NQ08 2023.1');
      for (const key of ['preparer', 'phone', 'head'] as const) {
        const cell = ws.getCell(infoCell(key));
        expect(cell.value).toBeNull();
        expect(cell.protection?.locked).toBe(false);
      }
      for (const key of ['unitCode', 'unitName', 'period', 'cutoff', 'formVersion'] as const) {
        expect(ws.getCell(infoCell(key)).protection?.locked ?? true).toBe(true);
      }
      expect(ws.getCell('A4').protection?.locked ?? true).toBe(true);
    }
  });

  it('lists exactly the indicators of the unit’s tier, by code, under a header row', () => {
    const expectCodes = (code: string, tierCodes: string[]): void => {
      const ws = sheet(books.get(code) as Workbook, 'Số liệu');
      expect(ws.getRow(2).values).toEqual([undefined, ...DATA_HEADERS]);
      const codes: string[] = [];
      ws.eachRow((row, n) => {
        const b = row.getCell(2).value;
        if (n > 2 && typeof b === 'string') codes.push(b);
      });
      expect(codes).toEqual(tierCodes);
    };
    expect(indicatorsForTier(form, 'so')).toHaveLength(95);
    expectCodes(
      'S01',
      form.indicators.map((i) => i.code),
    );
    expectCodes(
      'H03',
      indicatorsForTier(form, 'huyen').map((i) => i.code),
    );
    const xa = indicatorsForTier(form, 'xa').map((i) => i.code);
    expect(xa).not.toContain('BC01');
    expect(xa).not.toContain('TC01');
    expectCodes('X03', xa);
  });

  it('puts KL01 of a commune on row 61, under the title row of section H (X03.xlsx!Số liệu!E61)', () => {
    const ws = sheet(books.get('X03') as Workbook, 'Số liệu');
    expect(layoutRows(form, 'xa').rowByCode.get('KL01')).toBe(61);
    expect(ws.getCell('B61').value).toBe('KL01');
    expect(ws.getCell('C61').value).toBe('Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật');
    expect(ws.getCell('B60').value).toBeNull();
    expect(ws.getCell('C60').value).toBe('H. Kỷ luật, kỷ cương hành chính');
    expect(ws.getCell('A3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe('A. Công tác chỉ đạo, tuyên truyền cải cách hành chính');
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('B4').value).toBe('TT01');
    expect(ws.getCell('D4').value).toBe('văn bản');
    // A department lists every section, so its KL01 sits lower.
    expect(layoutRows(form, 'so').rowByCode.get('KL01')).toBe(89);
    expect(sheet(books.get('S01') as Workbook, 'Số liệu').getCell('B89').value).toBe('KL01');
  });

  it('validates every value cell with a Vietnamese input message and unlocks values and notes only', () => {
    for (const code of ['S05', 'H02', 'X11']) {
      const unit = units.find((u) => u.code === code) as Unit;
      const ws = sheet(books.get(code) as Workbook, 'Số liệu');
      for (const [ind, row] of [...layoutRows(form, unit.tier).rowByCode].map(
        ([c, r]) => [form.indicatorByCode.get(c), r] as const,
      )) {
        const cell = ws.getCell(`E${row}`);
        const dv = cell.dataValidation;
        expect(cell.value).toBeNull();
        if (ind?.kind === 'percent') {
          expect(dv).toMatchObject({ type: 'decimal', operator: 'between', allowBlank: true, showInputMessage: true });
          expect(dv.formulae.map(Number)).toEqual([0, 100]);
          expect(dv.prompt).toContain('37,36 nghĩa là 37,36%');
          expect(cell.numFmt).toBe('0.00');
        } else {
          expect(dv).toMatchObject({
            type: 'whole',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            showInputMessage: true,
            showErrorMessage: true,
          });
          expect(dv.formulae.map(Number)).toEqual([0]);
          expect(dv.prompt).toContain('số nguyên lớn hơn hoặc bằng 0');
          expect(cell.numFmt).toBe('#,##0');
        }
        expect(dv.prompt).toContain('ô trống không phải là số 0');
        expect(dv.prompt?.length).toBeLessThanOrEqual(255);
        expect(dv.promptTitle?.length).toBeLessThanOrEqual(32);
        expect(dv.promptTitle).toContain(ind?.code);
        expect(cell.protection?.locked).toBe(false);
        expect(ws.getCell(`F${row}`).protection?.locked).toBe(false);
        for (const col of ['A', 'B', 'C', 'D'])
          expect(ws.getCell(`${col}${row}`).protection?.locked ?? true).toBe(true);
      }
    }
    const tthc05 = sheet(books.get('X03') as Workbook, 'Số liệu').getCell('E19').dataValidation;
    expect(layoutRows(form, 'xa').rowByCode.get('TTHC05')).toBe(19);
    expect(tthc05.prompt).toBe(
      'Nhập tỷ lệ theo đơn vị phần trăm, từ 0 đến 100, hai chữ số thập phân: 37,36 nghĩa là 37,36%; ' +
        'không nhập 0,3736. Để trống nếu không có số liệu (ô trống không phải là số 0).',
    );
    expect(tthc05.error).toBe('Chỉ tiêu TTHC05 là tỷ lệ phần trăm, chỉ nhận số từ 0 đến 100 (37,36 nghĩa là 37,36%).');
  });

  it('protects the sheets without a password, freezes the header and prints on A4', () => {
    for (const wb of books.values()) {
      for (const name of ['Thông tin', 'Số liệu', 'Hướng dẫn']) {
        const ws = sheet(wb, name);
        expect(sheetProtection(ws)?.sheet).toBe(true);
        expect(sheetProtection(ws)?.algorithmName).toBeUndefined();
        expect(ws.pageSetup.paperSize).toBe(9);
      }
      const data = sheet(wb, 'Số liệu');
      expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
      expect(data.pageSetup.printTitlesRow).toBe('2:2');
      // About 90 digits of Times New Roman 12 wide: A4 portrait at ~90 % (see the LibreOffice test).
      const width = [1, 2, 3, 4, 5, 6].reduce((w, k) => w + (data.getColumn(k).width ?? 0), 0);
      expect(width).toBeGreaterThan(80);
      expect(width).toBeLessThan(95);
      for (const name of ['Thông tin', 'Số liệu', 'Hướng dẫn'])
        expect(sheet(wb, name).headerFooter.oddFooter).toContain('Trang &P/&N');
    }
  });

  it('explains in Vietnamese how to fill and send the return, with the deadline and the file name', () => {
    const ws = sheet(books.get('H04') as Workbook, 'Hướng dẫn');
    const text: string[] = [];
    ws.eachRow((row) => text.push(String(row.getCell(1).value)));
    const all = text.join('\n');
    expect(text[0]).toBe('HƯỚNG DẪN ĐIỀN VÀ GỬI BIỂU MẪU BÁO CÁO CẢI CÁCH HÀNH CHÍNH');
    expect(all).toContain('UBND huyện Sìn Hồ (mã đơn vị H04)');
    expect(all).toContain('chậm nhất hết ngày 15/07/2023');
    expect(all).toContain('giữ nguyên tên tệp BC_CCHC_H04_NQ08-SK2023.xlsx');
    expect(all).toContain('Ô để trống nghĩa là đơn vị không có số liệu cho chỉ tiêu đó, không phải là số 0.');
    expect(all).toContain('37,36 nghĩa là 37,36%');
    expect(all).toContain('Không sửa hoặc xóa mã chỉ tiêu ở cột B');
    expect(all).toContain('KL01 == KL02 + KL03 + KL04 + KL05 + KL06 + KL07');
    const xaGuide: string[] = [];
    sheet(books.get('X01') as Workbook, 'Hướng dẫn').eachRow((row) => xaGuide.push(String(row.getCell(1).value)));
    expect(xaGuide.join('\n')).not.toContain('BC08 == BC03 + BC07');
  });

  it('keeps machine metadata as JSON in the hidden _meta sheet', () => {
    const meta = JSON.parse(String(sheet(books.get('X12') as Workbook, '_meta').getCell('A1').value));
    expect(meta).toEqual({
      formId: 'CCHC-NQ08',
      formVersion: '2023.1',
      unit: 'X12',
      unitName: 'UBND thị trấn Nậm Nhùn',
      tier: 'xa',
      period: 'NQ08-SK2023',
      cutoff: '2023-06-30',
      generator: 'Tổng hợp CCHC — core/templates',
    });
  });
});

describe('periods and unusual names', () => {
  it('skips district units in NQ08-TK2025, which has no district tier', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cchc-templates-tk-'));
    try {
      const progress: [number, number][] = [];
      const r = await writeTemplates({
        form,
        period: tk2025,
        units,
        outDir: join(out, 'nested'),
        onProgress: (d, t) => progress.push([d, t]),
      });
      expect(r.files).toHaveLength(33);
      expect(r.skipped.map((s) => s.unit)).toEqual(['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07']);
      expect(r.skipped[0]?.reason).toBe(
        'Đơn vị H01 (UBND thành phố Lai Châu) thuộc cấp không còn tồn tại trong kỳ NQ08-TK2025, không lập biểu mẫu.',
      );
      expect(progress.at(-1)).toEqual([33, 33]);
      expect(readdirSync(join(out, 'nested'))).toContain('BC_CCHC_X03_NQ08-TK2025.xlsx');
      const wb = await open(readFileSync(join(out, 'nested', 'BC_CCHC_X03_NQ08-TK2025.xlsx')));
      expect(sheet(wb, 'Thông tin').getCell('B6').value).toBe('NQ08-TK2025');
      expect(sheet(wb, 'Thông tin').getCell('B7').value).toBe('30/09/2025');
      expect(sheet(wb, 'Số liệu').getCell('B61').value).toBe('KL01');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('escapes names that contain XML characters', async () => {
    const unit: Unit = { code: 'S99', name: 'Ban "Thử" <A & B>', tier: 'so' };
    const wb = await open(await buildTemplate(form, sk2023, unit));
    expect(sheet(wb, 'Thông tin').getCell('B5').value).toBe('Ban "Thử" <A & B>');
    expect(String(sheet(wb, 'Số liệu').getCell('A1').value)).toContain('Ban "Thử" <A & B> (mã S99)');
    expect(JSON.parse(String(sheet(wb, '_meta').getCell('A1').value)).unitName).toBe('Ban "Thử" <A & B>');
    expect(wb.title).toBe('Báo cáo CCHC S99 NQ08-SK2023');
  });

  it('refuses a unit whose tier does not exist in the period', async () => {
    await expect(buildTemplate(form, tk2025, { code: 'H01', name: 'UBND', tier: 'huyen' })).rejects.toThrow(
      /tier huyen does not exist in period NQ08-TK2025/,
    );
  });
});
