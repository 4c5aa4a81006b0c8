import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { loadDefaultForm } from '../form/load.js';
import {
  defaultReportTemplate,
  formatPlaceDate,
  parsePlaceholder,
  parseReportSettings,
  ReportSettingsError,
  ReportTemplateError,
  resolveReportBody,
  type ReportTemplate,
} from './index.js';
import { parseText } from './placeholders.js';

const form = loadDefaultForm();
const one = (text: string): ReportTemplate => ({ version: 1, blocks: [{ type: 'paragraph', text }] });
const plain = (c: ReturnType<typeof makeConsolidation>, text: string): string => {
  const { blocks } = resolveReportBody(c, one(text));
  return blocks[0]?.inlines.map((i) => ('text' in i ? i.text : `^${i.fn}`)).join('') ?? '';
};

describe('placeholder syntax', () => {
  it('parses every kind of placeholder and inline footnotes', () => {
    expect(parsePlaceholder('KL01', form, 'x')).toEqual({
      kind: 'total',
      scope: 'province',
      code: 'KL01',
      style: 'plain',
    });
    expect(parsePlaceholder('so:KL01', form, 'x')).toEqual({
      kind: 'total',
      scope: 'so',
      code: 'KL01',
      style: 'plain',
    });
    expect(parsePlaceholder('count2:KL06', form, 'x')).toEqual({
      kind: 'total',
      scope: 'province',
      code: 'KL06',
      style: 'count2',
    });
    expect(parsePlaceholder('ratio:huyen:R_GIAM_CC', form, 'x')).toEqual({
      kind: 'ratio',
      scope: 'huyen',
      code: 'R_GIAM_CC',
    });
    expect(parsePlaceholder('target:MT1.status', form, 'x')).toEqual({ kind: 'target', id: 'MT1', field: 'status' });
    expect(parsePlaceholder('units:so.all', form, 'x')).toEqual({ kind: 'units', scope: 'so', field: 'all' });
    const segs = parseText('có {{KL01}} người[[fn: cấp sở {{so:KL01}} người.]] bị kỷ luật', form, 'đoạn 1');
    expect(segs.map((s) => s.type)).toEqual(['text', 'ph', 'text', 'fn', 'text']);
    const fn = segs[3];
    expect(fn?.type === 'fn' && fn.segments.map((s) => (s.type === 'text' ? s.text : s.type))).toEqual([
      'cấp sở ',
      'ph',
      ' người.',
    ]);
  });

  it('rejects an unknown placeholder naming it', () => {
    const bad = (text: string): ReportTemplateError => {
      try {
        resolveReportBody(makeConsolidation(), one(text));
      } catch (e) {
        if (e instanceof ReportTemplateError) return e;
        throw e;
      }
      throw new Error(`no error for ${text}`);
    };
    const e = bad('Tổng số {{KL99}} người');
    expect(e.placeholder).toBe('KL99');
    expect(e.message).toContain('{{KL99}}');
    expect(e.message).toContain('không có chỉ tiêu KL99');
    expect(e.message).toContain('mục 1 (đoạn văn)');
    expect(bad('{{ratio:R_NOPE}}').message).toContain('không có tỷ lệ R_NOPE');
    expect(bad('{{xa:BC01}}').message).toContain('không áp dụng cho cấp xã');
    expect(bad('{{TTHC05}}').message).toContain('không cộng dồn');
    expect(bad('{{target:MT42}}').message).toContain('không có mục tiêu MT42');
    expect(bad('{{tinh:KL01}}').message).toContain('"tinh" không phải là cấp');
    expect(bad('số {{KL01 chưa đóng').message).toContain('thiếu dấu đóng');
    expect(bad('a [[fn: b [[fn: c]] ]]').message).toContain('lồng');
  });

  it('formats live figures in Vietnamese notation', () => {
    const c = makeConsolidation();
    expect(plain(c, '{{KL01}} ({{KL02}}, {{KL03}}, {{count2:KL06}}, {{KL07}})')).toBe('118 (84, 14, 07, 13)');
    expect(
      plain(c, '{{BC08}} = {{BC03}} + {{BC07}}; {{BC01}}; {{BC05}}. {{ratio:R_GIAM_CC}}, {{ratio:R_GIAM_VC}}'),
    ).toBe('722 = 60 + 662; 2.632; 15.576. 2,28%, 4,25%');
    expect(plain(c, '{{ratio:R_CATGIAM_TG}} / {{target:MT1}} / {{target:MT1.threshold}} / {{target:MT1.status}}')).toBe(
      '37,36% / 37,36% / 30% / vượt',
    );
    expect(plain(c, '{{target:MT6.threshold}}; {{target:MT4.status}}')).toBe(
      'cấp sở 90%, cấp huyện 80%, cấp xã 60%; chưa đạt',
    );
    expect(plain(c, '{{targets:met}}/{{targets:total}}, {{targets:unmet}}, {{targets:nodata}}')).toBe('6/9, 3, 0');
    // X04 sent nothing, X08 a refused file, X12 two different files: 3 without figures, 1 missing.
    expect(
      plain(
        c,
        '{{units:reported}}/{{units:all}}; {{units:xa}}/{{units:xa.all}}; {{units:unused}}: {{units:missing}}, {{units:rejected}}, {{units:duplicate}}',
      ),
    ).toBe('37/40; 9/12; 3: 1, 1, 1');
    expect(plain(c, '{{money:TTHC06}}; {{money:TCC01}}')).toBe('10.741.056.503 đồng; 2.109.900 triệu đồng');
    expect(plain(c, '{{so:KL01}}[[fn: x]] {{period:cutoff}}')).toBe('41^1 30/06/2023');
  });

  it('prints a rate only with the very numerator and denominator it is computed from', () => {
    const c = makeConsolidation();
    const r = c.ratios.province.R_DUNGHAN!;
    expect(plain(c, 'giải quyết đúng hạn {{fraction:R_DUNGHAN|hồ sơ đã giải quyết}}.')).toBe(
      `giải quyết đúng hạn 272.691/284.050 hồ sơ đã giải quyết, đạt 96,00%.`,
    );
    expect(r.num).toBe(272_691);
    expect(r.den).toBe(284_050);
    expect(plain(c, 'công chức giảm {{part:R_GIAM_CC|biên chế}}; {{fraction:so:R_GIAM_CC}}')).toBe(
      'công chức giảm 60 biên chế, tương ứng 2,28%; 34/1.480, đạt 2,30%',
    );
    // The slip of the issue: the rate of one fraction beside the numerator of another.
    const bad = (text: string): string => {
      try {
        resolveReportBody(c, one(text));
      } catch (e) {
        if (e instanceof ReportTemplateError) return e.message;
        throw e;
      }
      return '';
    };
    expect(bad('tiếp nhận {{TTHC07}} hồ sơ; giải quyết đúng hạn {{TTHC08}} hồ sơ, đạt {{ratio:R_DUNGHAN}}.')).toContain(
      'tỷ lệ "{{ratio:R_DUNGHAN}}" đứng cạnh số liệu "{{TTHC08}}"',
    );
    expect(bad('(công chức {{BC03}}, đạt {{ratio:R_GIAM_CC}})')).toContain('{{part:R_GIAM_CC|…}}');
    // A rate alone, or beside figures it is not computed from, is fine.
    expect(bad('tiếp nhận {{TTHC07}} hồ sơ; tỷ lệ đúng hạn đạt {{ratio:R_DUNGHAN}}.')).toBe('');
    expect(bad('{{fraction:R_DUNGHAN}}')).toBe('');
    expect(bad('{{ratio:R_DUNGHAN|hồ sơ}}')).toContain('chỉ {{fraction:…|…}} và {{part:…|…}}');
  });

  it('says conditional words only when their figure is above zero, and tidies the spacing', () => {
    const c = makeConsolidation();
    const t =
      'Đánh giá: {{targets:met}}/{{targets:total}} chỉ tiêu đạt[[if {{targets:unmet}}: ; {{targets:unmet}} chỉ tiêu chưa đạt]]' +
      '[[if {{targets:nodata}}: ; {{targets:nodata}} chỉ tiêu chưa có số liệu]]. [[unless {{units:unused}}: Đủ.]] ' +
      '[[if {{KL04}}: , hạ bậc lương {{KL04}}]]Hết.';
    expect(plain(c, t)).toBe('Đánh giá: 6/9 chỉ tiêu đạt; 3 chỉ tiêu chưa đạt. Hết.');
    const all = makeConsolidation({ missing: [] });
    expect(plain(all, t)).toBe('Đánh giá: 6/9 chỉ tiêu đạt; 3 chỉ tiêu chưa đạt. Đủ. Hết.');
    // A paragraph whose every sentence is conditional and unsaid is left out altogether.
    const { blocks } = resolveReportBody(all, one('[[if {{units:missing}}: Còn {{units:missing}} đơn vị chưa gửi.]]'));
    expect(blocks).toEqual([]);
    expect(() => parseText('[[if {{KL01}} chưa có dấu hai chấm]]', form, 'x')).toThrow('cần dấu ":"');
    expect(() => parseText('[[if {{KL01}}: a [[if {{KL02}}: b]]]]', form, 'x')).toThrow('lồng');
  });

  it('shows a missing figure as a visible gap with a finding, never as 0', () => {
    const c = makeConsolidation({ blank: ['KL01', 'CQS07'] });
    const { blocks, findings } = resolveReportBody(
      c,
      one('Có {{KL01}} người; cấp xã {{xa:KL01}}; {{CQS07}} chứng thư; lại {{KL01}}.'),
    );
    const text = blocks[0]?.inlines.map((i) => ('text' in i ? i.text : '')).join('');
    expect(text).toBe(
      'Có [thiếu số liệu: KL01] người; cấp xã [thiếu số liệu: KL01 cấp xã]; [thiếu số liệu: CQS07] chứng thư; lại [thiếu số liệu: KL01].',
    );
    expect(findings.map((f) => [f.check, f.scope, f.values[0]?.code, f.status])).toEqual([
      ['REPORT_MISSING_VALUE', 'province', 'KL01', 'open'],
      ['REPORT_MISSING_VALUE', 'xa', 'xa:KL01', 'open'],
      ['REPORT_MISSING_VALUE', 'province', 'CQS07', 'open'],
    ]);
    expect(findings[0]?.message).toContain(
      'KL01 (Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật) của toàn tỉnh',
    );
    expect(findings[0]?.message).toContain('mục 1 (đoạn văn)');
  });

  it("names a gap by the figure's code and tier, not by the template's field", () => {
    const c = makeConsolidation({ blank: ['CQS04'] });
    const { blocks, findings } = resolveReportBody(
      c,
      one('Tỷ lệ {{ratio:huyen:R_HSCV_MANG}}; {{fraction:R_HSCV_MANG|hồ sơ}}; cấp sở {{so:CQS04}}.'),
    );
    const text = blocks[0]?.inlines.map((i) => ('text' in i ? i.text : '')).join('');
    expect(text).toBe(
      'Tỷ lệ [thiếu số liệu: R_HSCV_MANG cấp huyện]; [thiếu số liệu: R_HSCV_MANG]; cấp sở [thiếu số liệu: CQS04 cấp sở].',
    );
    expect(findings.map((f) => [f.scope, f.values[0]?.code])).toEqual([
      ['huyen', 'ratio:huyen:R_HSCV_MANG'],
      ['province', 'fraction:R_HSCV_MANG|hồ sơ'],
      ['so', 'so:CQS04'],
    ]);
  });

  it('checks the default template against the form and fills it completely, every sentence true', () => {
    const c = makeConsolidation();
    const { blocks, footnotes, findings } = resolveReportBody(c, defaultReportTemplate(c.period));
    expect(findings).toEqual([]);
    const all = blocks
      .map((b) => b.inlines.map((i) => ('text' in i ? i.text : '')).join(''))
      .join('\n')
      .replace(/\u00a0/g, ' ');
    const notes = footnotes.map((f) => f.inlines.map((i) => i.text).join(''));
    expect(all).toContain(
      '118 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 84, cảnh cáo 14, cách chức 07, buộc thôi việc 13)',
    );
    // A reduction is said as a reduction, with the rate of exactly the figure printed.
    expect(all).toContain(
      'giảm 722 biên chế (công chức giảm 60 biên chế, tương ứng 2,28%; viên chức giảm 662 người, tương ứng 4,25%)',
    );
    expect(all).toContain('giải quyết trước và đúng hạn 272.691/284.050 hồ sơ đã giải quyết, đạt 96,00%');
    expect(all).toContain(
      '(1) Tỷ lệ cắt giảm tổng thời gian giải quyết TTHC được rà soát: đạt 37,36% (Nghị quyết số 08-NQ/TU là 30%)',
    );
    // An unmet target "mới đạt" its figure; a rank is a position within a goal.
    expect(all).toContain('mới đạt 15,56% (Nghị quyết số 08-NQ/TU là 17%); chưa đạt.');
    expect(all).toContain('xếp thứ 45 (mục tiêu của Nghị quyết số 08-NQ/TU: trong nhóm 50 tỉnh, thành phố dẫn đầu)');
    expect(all).not.toMatch(/(?<!mới )đạt [\d,]+% \([^)]*\); chưa đạt/);
    expect(all).not.toMatch(/Nghị quyết số 08-NQ\/TU là 50\)/);
    expect(all).toContain(
      'Đánh giá: 6/9 chỉ tiêu đạt và vượt so với Nghị quyết; 3 chỉ tiêu chưa đạt, cần tập trung chỉ đạo thực hiện trong thời gian tới.',
    );
    // The body refers to its annexes.
    expect(all).toContain('(số liệu chi tiết tại Phụ lục I)');
    expect(all).toContain('Danh sách các cơ quan, đơn vị chưa có số liệu tổng hợp tại Phụ lục II.');
    expect(all).toContain('Đến ngày lập báo cáo, còn 1 đơn vị chưa gửi báo cáo.');
    expect(all).toContain('Có 1 đơn vị đã gửi báo cáo nhưng tệp không sử dụng được, phải gửi lại.');
    // Footnotes say what was counted.
    expect(notes).toContain('Cấp sở 21/21 cơ quan, đơn vị; cấp huyện 7/7 đơn vị; cấp xã 9/12 đơn vị.');
    expect(notes).toContain(
      'Số cuộc kiểm tra, tự kiểm tra: cấp sở 64, cấp huyện 38, cấp xã 25; số cơ quan, đơn vị được kiểm tra: cấp sở 21, cấp huyện 7, cấp xã 12.',
    );
    // A period without districts names no district in breakdowns.
    const tk = makeConsolidation({ period: 'NQ08-TK2025' });
    const r = resolveReportBody(tk, defaultReportTemplate(tk.period));
    expect(r.footnotes[0]?.inlines.map((i) => i.text).join('')).toBe(
      'Cấp sở 21/21 cơ quan, đơn vị; cấp xã 9/12 đơn vị.',
    );
  });

  it('counts targets without data apart from unmet ones, and says nothing of counts that are 0', () => {
    // The slip of the issue: 2 met, 3 unmet, 4 without data read "7 chỉ tiêu chưa đạt".
    const c = makeConsolidation({ missing: [] });
    const status = [
      'vuot',
      'dat',
      'chua-dat',
      'chua-dat',
      'chua-dat',
      'thieu-so-lieu',
      'thieu-so-lieu',
      'thieu-so-lieu',
      'thieu-so-lieu',
    ] as const;
    c.targets = c.targets.map((t, i) => ({
      ...t,
      status: status[i] as (typeof status)[number],
      ...(status[i] === 'thieu-so-lieu' ? { value: null } : {}),
    }));
    c.targetsMet = 2;
    const { blocks } = resolveReportBody(c, defaultReportTemplate(c.period));
    const all = blocks.map((b) => b.inlines.map((i) => ('text' in i ? i.text : '')).join('')).join('\n');
    expect(all).toContain(
      'Đánh giá: 2/9 chỉ tiêu đạt và vượt so với Nghị quyết; 3 chỉ tiêu chưa đạt, cần tập trung chỉ đạo thực hiện trong thời gian tới; 4 chỉ tiêu chưa có số liệu để đánh giá.',
    );
    expect(all).not.toContain('7 chỉ tiêu chưa đạt');
    // Every unit reported: no "0 đơn vị chưa gửi báo cáo", no annex of units without figures.
    expect(all).not.toMatch(/\b0 (cơ quan, )?đơn vị/);
    expect(all).not.toContain('chưa gửi báo cáo');
    expect(all).not.toContain('Phụ lục II');
  });
});

describe('report settings', () => {
  it('writes the date with leading zeros for days below 10 and months 1–2', () => {
    expect(formatPlaceDate('Lai Châu', '2023-09-05')).toBe('Lai Châu, ngày 05 tháng 9 năm 2023');
    expect(formatPlaceDate('Lai Châu', '2024-02-03')).toBe('Lai Châu, ngày 03 tháng 02 năm 2024');
    expect(formatPlaceDate('Lai Châu', '2023-12-15')).toBe('Lai Châu, ngày 15 tháng 12 năm 2023');
  });

  it('rejects bad settings with a Vietnamese sentence naming the field', () => {
    expect(() => parseReportSettings({ kind: 'state' })).toThrow(ReportSettingsError);
    const ok = {
      kind: 'party',
      governingBody: 'ĐẢNG BỘ TỈNH LAI CHÂU',
      issuingBody: 'TỈNH ỦY',
      number: '15-BC/TU',
      place: 'Lai Châu',
      date: '2023-13-40',
      title: 'BÁO CÁO',
      summary: 'x',
      recipients: [],
      authority: ['T/M BAN THƯỜNG VỤ'],
      signerName: 'A',
    };
    expect(() => parseReportSettings(ok)).toThrow(/mục "date"/);
    expect(parseReportSettings({ ...ok, date: '2023-09-05' }).kind).toBe('party');
  });
});
