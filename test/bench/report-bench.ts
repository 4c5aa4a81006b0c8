/**
 * Benchmark: the consolidated report of the 40-unit default register, with annexes.
 * Target: ≤ 2 s (warm, in-process).
 */
import { renderReportDocx } from '../../core/report/docx.js';
import { defaultReportSettings, renderReport } from '../../core/report/index.js';
import { makeConsolidation } from '../fixtures/consolidation-fixture.js';

export interface ReportBench {
  /** First render in this process (loads pdfmake and fonts). */
  coldMs: number;
  /** Median of the following renders. */
  warmMs: number;
  pages: number;
  bytes: number;
}

/** Render the 40-unit report `runs` times and time it. */
export async function benchReport(runs = 3): Promise<ReportBench> {
  const c = makeConsolidation();
  const settings = { ...defaultReportSettings(c.period), number: '123/BC-SNV', date: '2023-09-05' };
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < Math.max(2, runs); i++) {
    const t = performance.now();
    const r = await renderReport({ consolidation: c, settings });
    times.push(performance.now() - t);
    pages = r.pages;
    bytes = r.pdf.length;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return {
    coldMs: Math.round(times[0] ?? 0),
    warmMs: Math.round(warm[Math.floor(warm.length / 2)] ?? 0),
    pages,
    bytes,
  };
}

/** The same report as a Word copy (`report --docx`, "Xuất bản Word…"): `runs` renders, timed. */
export async function benchReportDocx(runs = 5): Promise<{ coldMs: number; warmMs: number; bytes: number }> {
  const c = makeConsolidation();
  const settings = { ...defaultReportSettings(c.period), number: '123/BC-SNV', date: '2023-09-05' };
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < Math.max(2, runs); i++) {
    const t = performance.now();
    const r = await renderReportDocx({ consolidation: c, settings });
    times.push(performance.now() - t);
    bytes = r.docx.length;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { coldMs: Math.round(times[0] ?? 0), warmMs: Math.round(warm[Math.floor(warm.length / 2)] ?? 0), bytes };
}
