/**
 * The app's own consolidated report, rendered to PDF and read back through its text layer,
 * passes check-text: no error finding, and every figure check 7 recognises agrees with the
 * data it was written from.
 */
import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { defaultReportSettings, renderReport } from '../report/index.js';
import { checkDocument, factsFromConsolidation, readDocument } from './index.js';

describe('check-text on the generated report', () => {
  it('finds no error in the consolidated report, and its figures agree with the data', async () => {
    const c = makeConsolidation();
    const { pdf, pages } = await renderReport({ consolidation: c, settings: defaultReportSettings(c.period) });
    const doc = await readDocument(pdf);
    expect(doc.format).toBe('pdf');
    // The body is read as whole paragraphs (lines joined, footnote marks and page numbers dropped).
    const texts = doc.paragraphs.map((p) => p.text);
    expect(
      texts.some((t) => /^Ngay sau khi Nghị quyết số 08-NQ\/TU được ban hành, .* đạt \d+,\d\d%; mở \d+ lớp/u.test(t)),
    ).toBe(true);
    expect(Math.max(...doc.paragraphs.map((p) => p.page ?? 0))).toBe(pages);

    const r = checkDocument(doc, { data: factsFromConsolidation(c) });
    const show = (f: (typeof r.findings)[number]): string => `${f.severity} ${f.kind}: «${f.text}» ${f.message}`;
    expect(r.findings.filter((f) => f.severity === 'error').map(show)).toEqual([]);
    // Check 7 recognises the report's figures and every one agrees with the consolidation.
    const data = r.findings.filter((f) => f.kind === 'data');
    expect(data.filter((f) => f.severity !== 'info').map(show)).toEqual([]);
    const confirmed = new Set(data.map((f) => f.indicator));
    for (const code of ['TT01', 'TT02', 'TC01', 'TTHC09', 'KL01', 'KL02', 'CQS07', 'R_DUNGHAN', 'targets'])
      expect(confirmed, code).toContain(code);
    // Shares printed as "a/b …, đạt c%" (the disbursement, the cadres who attended, the records on
    // time): their numerator and denominator against the ratio's.
    for (const code of ['R_GIAINGAN', 'R_QUANTRIET', 'R_KHACPHUC', 'R_BAOCAO']) expect(confirmed, code).toContain(code);
    // The targets' rates, by their targets' names (MT1, MT6), a target the department entered (MT3), the units with data.
    for (const code of ['R_CATGIAM_TG', 'R_HSCV_MANG', 'R_TUCHU', 'MT3', 'units'])
      expect(confirmed, code).toContain(code);
    // MT6's rate for each tier, as the report states it twice (the target and the e-government part).
    for (const tier of ['cấp sở', 'cấp huyện', 'cấp xã'])
      expect(
        data.filter((f) => f.indicator === 'R_HSCV_MANG' && f.message.includes(` ở ${tier} là `)),
        tier,
      ).toHaveLength(2);
    expect(confirmed.size).toBeGreaterThanOrEqual(25);
    // No warning either: every rate stands beside its own numerator and denominator (#11).
    expect(r.findings.filter((f) => f.severity === 'warning').map(show)).toEqual([]);
    // The annexes' tables are read back as grids, one a tier (the units' table goes on at the next
    // page under its repeated headings: one table), so check 9 holds each unit's row to its return
    // — every column of it — and each tier's total row to its rows (no finding: they add up).
    expect(doc.notes).toEqual([]);
    expect(doc.tables?.map((t) => t.rows.length)).toEqual(
      c.period.tiers.map((tier) => c.units.filter((u) => u.tier === tier).length + 2),
    );
    expect(doc.tables?.[0]?.rows[0]?.cells.map((cell) => cell.text).slice(0, 4)).toEqual([
      'STT',
      'Cơ quan, đơn vị',
      'CBCCVC được quán triệt (TT04)',
      'Đơn vị được kiểm tra (KT02)',
    ]);
    const rows = r.findings.filter((f) => doc.paragraphs[f.paragraph - 1]?.where === 'table');
    expect(rows.every((f) => f.kind === 'data' && f.severity === 'info')).toBe(true);
    expect(rows.map((f) => /^Bảng \d, dòng “(.+)”: khớp số liệu đã nhập của /u.exec(f.message)?.[1]).sort()).toEqual(
      c.units
        .filter((u) => c.values[u.code])
        .map((u) => u.name)
        .sort(),
    );
  });
});
