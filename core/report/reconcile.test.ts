import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { reconcile } from '../reconcile/index.js';
import { defaultReportSettings, renderReport } from './index.js';
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
    expect(text).toContain('giảm 722 biên chế (công chức 60, đạt 2,28%; viên chức 662, đạt 4,25%)');
    expect(text).toContain('đạt 37,36% (Nghị quyết số 08-NQ/TU là 30%)');
    expect(text).toContain(`Đánh giá: ${c.targetsMet}/9 chỉ tiêu đạt và vượt`);
    expect(r.findings).toEqual([]);
  });
});
