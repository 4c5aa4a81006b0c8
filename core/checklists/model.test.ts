import { describe, expect, it } from 'vitest';
import {
  ChecklistError,
  checklistFileName,
  checklistQrPayload,
  datasetCode,
  dateLine,
  loadChecklistItems,
  parseChecklistItems,
  parseChecklistSettings,
  unitChecklist,
} from './index.js';
import { shortFindingText } from './model.js';
import { buildConsolidation, fixtureFinding } from './test-fixture.js';

const UNIT_REFUSED = {
  status: 'rejected' as const,
  refused: [
    {
      file: 'BC_CCHC_X05_NQ08-SK2023.xls',
      reason: 'tệp định dạng Excel 97-2003 (.xls)',
      message: 'Tệp BC_CCHC_X05_NQ08-SK2023.xls là định dạng Excel 97-2003 (.xls).',
    },
  ],
};

function consolidation() {
  const c = buildConsolidation({
    overrides: { S02: { TT03: 1668, TTHC05: 37.36, TTHC06: 10741056503, KL01: 5 } },
    missing: ['X05'],
  });
  c.findings = [
    fixtureFinding(c, 'S02', 'R05', ['BC04', 'BC02'], 'Số công chức hiện có vượt biên chế được giao.', 'warning'),
    fixtureFinding(c, 'S02', 'R01', ['KL01', 'KL02'], 'Tổng số bị kỷ luật khác tổng các hình thức kỷ luật.'),
    fixtureFinding(c, 'S02', 'R02', ['BC08'], 'Đã giải trình.', 'error', 'explained'),
    fixtureFinding(c, 'S03', 'R01', ['KL01'], 'Của đơn vị khác.'),
  ];
  return c;
}

describe('unitChecklist', () => {
  const c = consolidation();

  it('lists the unit figures by section in form order, in Vietnamese notation with their cells', () => {
    const model = unitChecklist(c, 's02');
    expect(model.unit.name).toBe('Sở Tư pháp');
    expect(model.hasData).toBe(true);
    expect(model.files).toEqual(['BC_CCHC_S02_NQ08-SK2023.xlsx']);
    // Sections lettered in the Vietnamese alphabet: no F, with Đ after D.
    expect(model.sections.map((s) => s.title.slice(0, 2))).toEqual([
      'A.',
      'B.',
      'C.',
      'D.',
      'Đ.',
      'E.',
      'G.',
      'H.',
      'I.',
      'K.',
    ]);
    expect(model.sections[5]?.title).toBe('E. Quản lý biên chế');
    const rows = model.sections.flatMap((s) => s.rows);
    expect(rows).toHaveLength(95);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    // Row 6 is the first section title, so TT01 is on row 7, TT03 on row 9.
    expect(byCode.get('TT01')?.cell).toBe('Số liệu!E7');
    expect(byCode.get('TT03')).toMatchObject({ value: '1.668 người', cell: 'Số liệu!E9' });
    expect(byCode.get('TTHC05')?.value).toBe('37,36%');
    expect(byCode.get('TTHC06')?.value).toBe('10.741.056.503 đồng');
  });

  it('numbers open findings errors first and notes them against the figures they touch', () => {
    const model = unitChecklist(c, 'S02');
    expect(model.findings.map((f) => [f.no, f.check, f.severityLabel])).toEqual([
      [1, 'R01', 'Lỗi'],
      [2, 'R05', 'Cảnh báo'],
    ]);
    const kl01Cell = c.values.S02?.KL01?.source.cell;
    expect(model.findings[0]?.cells).toEqual([`Số liệu!${kl01Cell}`, `Số liệu!${c.values.S02?.KL02?.source.cell}`]);
    const rows = new Map(model.sections.flatMap((s) => s.rows).map((r) => [r.code, r]));
    // Each figure points to the finding, which is written once, in Part III.
    expect(rows.get('KL01')?.findings).toEqual(['Lỗi: III.1']);
    expect(rows.get('KL02')?.findings).toEqual(['Lỗi: III.1']);
    expect(rows.get('BC04')?.findings).toEqual(['Cảnh báo: III.2']);
    // An explained finding is not open: nothing against BC08.
    expect(rows.get('BC08')?.findings).toEqual([]);
    expect(rows.get('TT01')?.findings).toEqual([]);
  });

  it('gives a unit without a usable return every figure of its tier to record by hand, and why', () => {
    const model = unitChecklist(c, 'X05');
    expect(model).toMatchObject({ hasData: false, findings: [], files: [], noDataReason: 'Đơn vị chưa gửi báo cáo.' });
    expect(model.unit.name).toBe('UBND xã Dào San');
    const rows = model.sections.flatMap((s) => s.rows);
    expect(rows.length).toBe(c.form.indicators.filter((i) => i.tiers.includes('xa')).length);
    expect(rows.every((r) => r.value === '' && r.cell === '')).toBe(true);
    const refused = { ...c, intake: { X05: UNIT_REFUSED } };
    expect(unitChecklist(refused, 'X05')).toMatchObject({
      noDataReason:
        'Đơn vị đã gửi báo cáo nhưng tệp không sử dụng được (BC_CCHC_X05_NQ08-SK2023.xls: tệp định dạng Excel 97-2003 (.xls)).',
      noDataFiles: ['BC_CCHC_X05_NQ08-SK2023.xls'],
    });
  });

  it('has a numbered row for every figure of the tier: the value, what was typed when unreadable, or blank', () => {
    const d = buildConsolidation({ missing: ['X05'] });
    const s02 = d.values.S02 as NonNullable<typeof d.values.S02>;
    const tt02 = s02.TT02!.source;
    const kl05 = s02.KL05!.source;
    delete s02.TT02;
    delete s02.KL05;
    d.findings = [
      {
        id: 'IMPORT_AMBIGUOUS_NUMBER|S02|x',
        check: 'IMPORT_AMBIGUOUS_NUMBER',
        severity: 'error',
        scope: 'unit',
        unit: 'S02',
        file: tt02.file,
        values: [{ code: 'TT02', value: null, source: { ...tt02, raw: '1,5' } }],
        cells: [`${tt02.file}!${tt02.sheet}!${tt02.cell}`],
        message: `Tệp ${tt02.file}, trang Số liệu, ô ${tt02.cell} (TT02 – Số hội nghị tuyên truyền, quán triệt Nghị quyết): giá trị "1,5" không đọc được chắc chắn: dấu phẩy có thể là dấu thập phân hoặc dấu phân nhóm hàng nghìn. Hãy ghi số nguyên.`,
        status: 'open',
      },
      {
        id: 'MISSING_VALUE|S02|KL05',
        check: 'MISSING_VALUE',
        severity: 'warning',
        scope: 'unit',
        unit: 'S02',
        values: [{ code: 'KL05', value: null, source: { ...kl05, raw: '' } }],
        cells: [`${kl05.file}!${kl05.sheet}!${kl05.cell}`],
        message: `Sở Tư pháp (S02), tệp ${kl05.file}, trang Số liệu: bỏ trống chỉ tiêu KL05 "Hình thức giáng chức" (ô ${kl05.cell}). Ô trống được hiểu là không có số liệu (không phải số 0); đề nghị đơn vị bổ sung.`,
        status: 'open',
      },
    ];
    const model = unitChecklist(d, 'S02');
    const rows = model.sections.flatMap((s) => s.rows);
    expect(rows).toHaveLength(95);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('TT02')).toMatchObject({
      value: 'không đọc được: "1,5"',
      state: 'unreadable',
      cell: `Số liệu!${tt02.cell}`,
      findings: ['Lỗi: III.1'],
    });
    expect(byCode.get('KL05')).toMatchObject({ value: 'để trống', state: 'blank', cell: `Số liệu!${kl05.cell}` });
    // Short, plain, no file name (it is named once at the top), no request to the unit.
    expect(model.findings.map((f) => f.message)).toEqual([
      `Ô ${tt02.cell} (TT02 – Số hội nghị tuyên truyền, quán triệt Nghị quyết): giá trị "1,5" không đọc được chắc chắn: dấu phẩy có thể là dấu thập phân hoặc dấu phân nhóm hàng nghìn.`,
      `Bỏ trống KL05 (ô ${kl05.cell}): ô trống là không có số liệu, không phải số 0.`,
    ]);
  });

  it('writes findings without internal codes or statistics', () => {
    const unit = { code: 'X02', name: 'UBND phường Tân Phong', tier: 'xa' as const };
    const f = (check: string, message: string) =>
      shortFindingText(
        {
          id: 'x',
          check,
          severity: 'warning',
          scope: 'unit',
          unit: 'X02',
          file: 'X02.xlsx',
          values: [],
          cells: [],
          message,
          status: 'open',
        },
        unit,
      );
    expect(
      f(
        'OUTLIER',
        'UBND phường Tân Phong (X02), tệp X02.xlsx, trang Số liệu: Tỷ lệ kiến nghị sau kiểm tra đã khắc phục là 0,00% (tính từ KT04 / KT03, ô E13, E12), khác xa các đơn vị cùng cấp xã (trung vị của 10 đơn vị là 93,75%). Đề nghị kiểm tra lại số liệu.',
      ),
    ).toBe(
      'Tỷ lệ kiến nghị sau kiểm tra đã khắc phục là 0,00% (tính từ KT04 / KT03, ô E13, E12), khác xa các đơn vị cùng cấp xã (trung vị của 10 đơn vị là 93,75%).',
    );
    expect(
      f(
        'R01',
        'UBND phường Tân Phong (X02), tệp X02.xlsx, trang Số liệu: Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật (ô E61) là 2 nhưng tổng các chỉ tiêu thành phần KL02 + KL03 (ô E62, E63) là 1. (Quy tắc R01: Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật.)',
      ),
    ).toBe(
      'Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật (ô E61) là 2 nhưng tổng các chỉ tiêu thành phần KL02 + KL03 (ô E62, E63) là 1.',
    );
  });

  it('rejects a unit outside the register with a Vietnamese sentence', () => {
    expect(() => unitChecklist(c, 'Z99')).toThrow(ChecklistError);
    expect(() => unitChecklist(c, 'Z99')).toThrow('Không có đơn vị mã Z99 trong danh sách đơn vị của kỳ NQ08-SK2023.');
  });
});

describe('dataset code and QR payload', () => {
  it('groups the first ten hex digits of the hash and keeps the full hash in the QR', () => {
    const hash = '3f9ac21b07d5e8f00112233445566778899aabbccddeeff00112233445566778';
    expect(datasetCode(hash)).toBe('3F9A-C21B-07');
    expect(checklistQrPayload('NQ08-SK2023', hash, 'S02')).toBe(`TONGHOP-CCHC|NQ08-SK2023|${hash}|S02`);
    expect(checklistFileName('S02', 'NQ08-SK2023')).toBe('PKT_S02_NQ08-SK2023.pdf');
  });

  it('changes when any figure changes and not otherwise', () => {
    const a = buildConsolidation();
    const b = buildConsolidation();
    const c = buildConsolidation({ overrides: { X07: { CV05: (a.values.X07?.CV05?.value ?? 0) + 1 } } });
    expect(a.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetCode(b.datasetHash)).toBe(datasetCode(a.datasetHash));
    expect(datasetCode(c.datasetHash)).not.toBe(datasetCode(a.datasetHash));
  });
});

describe('settings and items', () => {
  it('loads the default general items with unique ids', () => {
    const items = loadChecklistItems();
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => i.text).join(' ')).toContain('Bộ phận Một cửa');
  });

  it('rejects duplicate items and bad settings in Vietnamese', () => {
    expect(() =>
      parseChecklistItems(
        [
          { id: 'A', text: 'x' },
          { id: 'A', text: 'y' },
        ],
        'muc.json',
      ),
    ).toThrow('Tệp muc.json có mục kiểm tra A bị trùng.');
    expect(() => parseChecklistSettings({ inspectingBody: 'Sở Nội vụ', team: [], date: '2023-13-45' })).toThrow(
      /^Thiết lập phiếu kiểm tra không hợp lệ \(date: ngày không có thật\)\.$/,
    );
    expect(
      parseChecklistSettings({ inspectingBody: ' Sở Nội vụ ', team: [{ name: 'A', role: 'Trưởng đoàn' }] }),
    ).toEqual({
      inspectingBody: 'Sở Nội vụ',
      team: [{ name: 'A', role: 'Trưởng đoàn' }],
    });
  });

  it('writes the date line in administrative style, or leaves it to fill in', () => {
    expect(dateLine('Lai Châu', '2023-09-05')).toBe('Lai Châu, ngày 05 tháng 9 năm 2023');
    expect(dateLine('Lai Châu', '2024-02-15')).toBe('Lai Châu, ngày 15 tháng 02 năm 2024');
    expect(dateLine(undefined, undefined)).toBe('ngày …… tháng …… năm ……');
  });
});
