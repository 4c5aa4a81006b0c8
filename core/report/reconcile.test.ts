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
    expect(text).toContain(
      'giảm 722 biên chế (công chức giảm 60 biên chế, tương ứng 2,28%; viên chức giảm 662 người, tương ứng 4,25%)',
    );
    expect(text).toContain('mới đạt 15,56% (Nghị quyết số 08-NQ/TU là 17%); chưa đạt.');
    // Without the workspace's intake, a unit without figures is one that sent nothing.
    expect(text).toContain('Đến ngày lập báo cáo, còn 3 đơn vị chưa gửi báo cáo.');
    expect(text).toContain(`Đánh giá: ${c.targetsMet}/9 chỉ tiêu đạt và vượt`);
    expect(r.findings).toEqual([]);
  });
});
