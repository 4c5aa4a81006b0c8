import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { reconcile } from '../reconcile/index.js';
import { defaultReportSettings, renderReport, reportGaps } from './index.js';
import { pageText, savePdf } from './pdf-tools.test-helpers.js';

describe('report through reconcile', () => {
  it('renders the live figures of a consolidation made by reconcile()', async () => {
    const f = makeConsolidation();
    const c = reconcile({
      period: f.period,
      form: f.form,
      units: f.units,
      values: f.values,
      importFindings: [],
      provinceInputs: f.provinceInputs,
      resolutions: {},
    });
    expect(c.totals.province.KL01?.value).toBe(118);
    const r = await renderReport({
      consolidation: c,
      settings: { ...defaultReportSettings(c.period), number: '123/BC-SNV' },
      annexes: false,
    });
    const text = pageText(savePdf(r.pdf));
    expect(text).toContain(
      '118 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 84, cảnh cáo 14, cách chức 07, buộc thôi việc 13)',
    );
    expect(text).toContain(
      'giảm 722 biên chế (công chức giảm 60 biên chế, tương ứng 2,28%; viên chức giảm 662 người, tương ứng 4,25%)',
    );
    expect(text).toContain('mới đạt 15,56% (Nghị quyết số 08-NQ/TU là 17%); chưa đạt.');
    // Without the workspace's intake, a unit without figures is one that sent nothing.
    expect(text).toContain('Đến ngày lập báo cáo, còn 3 đơn vị chưa gửi báo cáo.');
    expect(text).toContain(`Đánh giá: ${c.targetsMet}/9 chỉ tiêu đạt và vượt`);
    expect(r.findings).toEqual([]);
  });

  it('shows a tier without the figure a target is judged on as a gap, which signing must confirm', async () => {
    const f = makeConsolidation();
    // No commune reported the records handled online (CQS04): MT6 cannot be judged for communes.
    const values = Object.fromEntries(
      Object.entries(f.values).map(([unit, v]) => {
        const tier = f.units.find((u) => u.code === unit)?.tier;
        return [unit, tier === 'xa' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'CQS04')) : v];
      }),
    );
    const c = reconcile({
      period: f.period,
      form: f.form,
      units: f.units,
      values,
      importFindings: [],
      provinceInputs: f.provinceInputs,
      resolutions: {},
    });
    const mt6 = c.targets.find((t) => t.id === 'MT6');
    expect(mt6?.status).toBe('thieu-so-lieu');
    expect(mt6?.byTier?.xa?.value).toBeNull();
    const gaps = reportGaps(c);
    // The rate in the text and the target in the list of targets: two gaps, both to confirm.
    expect(gaps.map((g) => [g.scope, g.values[0]?.code])).toEqual([
      ['xa', 'target:MT6'],
      ['xa', 'ratio:xa:R_HSCV_MANG'],
    ]);
    expect(gaps[0]?.message).toContain(
      'mục tiêu MT6 (Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng) của cấp xã',
    );
    const r = await renderReport({
      consolidation: c,
      settings: { ...defaultReportSettings(c.period), number: '123/BC-SNV' },
      annexes: false,
    });
    const text = pageText(savePdf(r.pdf)).replace(/\s+/g, ' ');
    expect(text).toMatch(
      /cấp sở đạt [\d,]+%, cấp huyện (?:mới )?đạt [\d,]+%, cấp xã \[thiếu số liệu: MT6 cấp xã\] \(Nghị quyết số 08-NQ\/TU là cấp sở 90%, cấp huyện 80%, cấp xã 60%\)\./u,
    );
    expect(text).toContain('cấp xã đạt [thiếu số liệu: R_HSCV_MANG cấp xã]');
    expect(r.findings.filter((x) => x.check === 'REPORT_MISSING_VALUE')).toHaveLength(2);
  });
});
