import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolidationView } from '../../shared-api/app-api.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { runConsolidation, type PipelineResult } from '../pipeline/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { targetsSentence } from '../model/consolidation.js';
import { dateTimeVN, summaryText, toConsolidationView } from './consolidation-view.js';

let dir = '';
let result: PipelineResult;
let view: ConsolidationView;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-view-'));
  const form = loadDefaultForm();
  const period = findPeriod('NQ08-SK2023');
  if (!period) throw new Error('NQ08-SK2023 missing');
  const all = loadDefaultUnits();
  await writeSampleReturns({ form, period, units: all, outDir: join(dir, 'tra-ve') });
  result = await runConsolidation({
    form,
    period,
    units: all.filter((u) => period.tiers.includes(u.tier)),
    workspaceDir: join(dir, 'tong-hop'),
    inputDir: join(dir, 'tra-ve'),
  });
  view = toConsolidationView(result, join(dir, 'tra-ve'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toConsolidationView over the 40 clean sample returns', () => {
  it('counts every unit as valid and names the period and folders', () => {
    expect(view.period).toEqual({ code: 'NQ08-SK2023', title: findPeriod('NQ08-SK2023')?.title });
    expect(view.workspaceDir).toBe(join(dir, 'tong-hop'));
    expect(view.sourceDir).toBe(join(dir, 'tra-ve'));
    expect(view.counts).toEqual({
      total: 40,
      accepted: 40,
      'has-errors': 0,
      missing: 0,
      duplicate: 0,
      received: 0,
      rejected: 0,
    });
    expect(view.summaryText).toBe('40 đơn vị: 40 hợp lệ');
    expect(view.files).toEqual([]);
    expect(view.openErrors).toBe(0);
  });

  it('lists each unit with its Vietnamese tier and status labels, file and receipt time', () => {
    const x03 = view.units.find((u) => u.code === 'X03');
    expect(x03).toMatchObject({
      name: 'UBND xã Bản Hon',
      tier: 'xa',
      tierLabel: 'Cấp xã',
      status: 'accepted',
      statusLabel: 'Hợp lệ',
      file: 'BC_CCHC_X03_NQ08-SK2023.xlsx',
      openErrors: 0,
    });
    expect(x03?.receivedLabel).toBe(dateTimeVN(x03?.receivedAt ?? ''));
    expect(view.units.map((u) => u.code).slice(0, 3)).toEqual(['S01', 'S02', 'S03']);
  });

  it('writes the key province totals with the Vietnamese formatter and who contributed', () => {
    expect(view.keyTotals).toEqual([
      {
        code: 'KL01',
        label: 'Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật',
        valueText: '118',
        contributingText: 'từ 40/40 đơn vị',
      },
      {
        code: 'BC08',
        label: 'Tổng số biên chế đã giảm (công chức và viên chức)',
        valueText: '722',
        contributingText: 'từ 28/28 đơn vị',
      },
      {
        code: 'BC03',
        label: 'Số biên chế công chức đã giảm so với năm 2021',
        valueText: '60',
        contributingText: 'từ 28/28 đơn vị',
      },
      {
        code: 'BC07',
        label: 'Số lượng người làm việc đã giảm so với năm 2021',
        valueText: '662',
        contributingText: 'từ 28/28 đơn vị',
      },
      {
        code: 'TTHC07',
        label: 'Tổng số hồ sơ thủ tục hành chính đã tiếp nhận',
        valueText: expect.stringMatching(/^\d{1,3}(\.\d{3})+$/),
        contributingText: 'từ 40/40 đơn vị',
      },
      {
        code: 'DVC03',
        label: 'Tổng số dịch vụ công trực tuyến đang cung cấp',
        valueText: expect.stringMatching(/^\d{1,3}(\.\d{3})+$/),
        contributingText: 'từ 40/40 đơn vị',
      },
    ]);
    const tthc07 = result.consolidation.totals.province.TTHC07?.value ?? 0;
    expect(Number(view.keyTotals[4]?.valueText.replaceAll('.', ''))).toBe(tthc07);
  });

  it('judges the nine targets exactly as the consolidation did, with percent and threshold texts', () => {
    const c = result.consolidation;
    expect(view.targetsTotal).toBe(9);
    expect(view.targetsMet).toBe(c.targetsMet);
    // Each count as it is: targets without data are not "chưa đạt".
    const count = (...s: string[]) => c.targets.filter((t) => s.includes(t.status)).length;
    expect(count('thieu-so-lieu')).toBeGreaterThan(0);
    expect(view.targetsText).toBe(
      [
        `${c.targetsMet}/9 chỉ tiêu đạt và vượt`,
        ...(count('chua-dat') ? [`${count('chua-dat')} chỉ tiêu chưa đạt`] : []),
        `${count('thieu-so-lieu')} chỉ tiêu chưa có số liệu để đánh giá`,
      ].join('; '),
    );
    expect(view.targets.map((t) => t.id)).toEqual(c.targets.map((t) => t.id));
    expect(view.targets.filter((t) => t.status === 'dat' || t.status === 'vuot')).toHaveLength(c.targetsMet);
    const mt1 = view.targets.find((t) => t.id === 'MT1');
    expect(mt1).toMatchObject({ valueText: '37,36%', thresholdText: '≥ 30%', status: 'vuot', statusLabel: 'Vượt' });
    // A province input nobody entered yet, and a rank target.
    expect(view.targets.find((t) => t.id === 'MT3')).toMatchObject({
      valueText: '—',
      status: 'thieu-so-lieu',
      statusLabel: 'Thiếu số liệu',
    });
    expect(view.targets.find((t) => t.id === 'MT8')?.thresholdText).toBe('trong nhóm 50 dẫn đầu');
    // Judged tier by tier: each tier's threshold and figure.
    const mt6 = view.targets.find((t) => t.id === 'MT6');
    expect(mt6?.thresholdText).toMatch(/^cấp sở ≥ \d+%, cấp huyện ≥ \d+%, cấp xã ≥ \d+%$/);
    expect(mt6?.detailText).toMatch(/^cấp sở \d+,\d\d%; cấp huyện \d+,\d\d%; cấp xã \d+,\d\d%$/);
  });

  it('is plain serialisable data', () => {
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('summaryText', () => {
  it('names the statuses that occur, in a fixed order, with Vietnamese numbers', () => {
    expect(
      summaryText({ accepted: 1200, 'has-errors': 3, missing: 1, duplicate: 2, received: 0, rejected: 4 }, 1210),
    ).toBe('1.210 đơn vị: 1.200 hợp lệ; 3 có lỗi; 2 nhiều tệp, chưa chọn; 4 đã gửi, tệp bị từ chối; 1 chưa nộp');
    expect(summaryText({ accepted: 0, 'has-errors': 0, missing: 0, duplicate: 0, received: 0, rejected: 0 }, 0)).toBe(
      '0 đơn vị',
    );
  });
});

describe('dateTimeVN', () => {
  it('writes an instant in Vietnam time', () => {
    expect(dateTimeVN('2023-07-14T17:05:00.000Z')).toBe('15/07/2023 00:05');
  });
});

describe('targetsSentence', () => {
  it('says each count as it is and leaves out a count of zero', () => {
    const t = (status: 'dat' | 'vuot' | 'chua-dat' | 'thieu-so-lieu') => ({ status });
    expect(
      targetsSentence([
        t('dat'),
        t('vuot'),
        t('chua-dat'),
        t('chua-dat'),
        t('chua-dat'),
        ...Array(4).fill(t('thieu-so-lieu')),
      ]),
    ).toBe('2/9 chỉ tiêu đạt và vượt; 3 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá');
    expect(targetsSentence([t('dat'), t('thieu-so-lieu')])).toBe(
      '1/2 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa có số liệu để đánh giá',
    );
    expect(targetsSentence([t('dat'), t('vuot')])).toBe('2/2 chỉ tiêu đạt và vượt');
  });
});
