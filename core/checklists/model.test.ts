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
import { buildConsolidation, fixtureFinding } from './test-fixture.js';

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
    expect(model.sections.map((s) => s.title.slice(0, 2))).toEqual([
      'A.',
      'B.',
      'C.',
      'D.',
      'E.',
      'F.',
      'G.',
      'H.',
      'I.',
      'K.',
    ]);
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
    expect(rows.get('KL01')?.findings).toEqual([
      'Lỗi (xem III.1): chưa thỏa điều kiện "Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật"',
    ]);
    expect(rows.get('BC04')?.findings[0]).toMatch(
      /^Cảnh báo \(xem III\.2\): chưa thỏa điều kiện "Số công chức hiện có/,
    );
    // An explained finding is not open: nothing against BC08.
    expect(rows.get('BC08')?.findings).toEqual([]);
    expect(rows.get('TT01')?.findings).toEqual([]);
  });

  it('has no figures and no findings for a unit without a usable return', () => {
    const model = unitChecklist(c, 'X05');
    expect(model).toMatchObject({ hasData: false, sections: [], findings: [], files: [] });
    expect(model.unit.name).toBe('UBND xã Dào San');
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
