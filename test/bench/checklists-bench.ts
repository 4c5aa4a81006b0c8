/**
 * Benchmark: forty inspector checklists (one PDF per unit of the built-in register) from a
 * generated consolidation, and the same forty as one combined PDF.
 */
import { renderChecklists } from '../../core/checklists/index.js';
import { buildConsolidation, fixtureFinding } from '../../core/checklists/test-fixture.js';

export interface ChecklistBenchResult {
  units: number;
  /** Wall-clock milliseconds for the forty separate PDFs, median of three runs after the warm-up. */
  filesMs: number;
  /** CPU milliseconds (user + system) of one such run, on average. */
  filesCpuMs: number;
  /** The first of the three runs. */
  firstRunMs: number;
  /** The warm-up: one unit's checklist in a fresh process (loads pdfkit and the fonts). */
  coldOneMs: number;
  /** Wall-clock milliseconds for one combined PDF of the forty. */
  combinedMs: number;
  bytes: number;
}

/** Render the forty checklists once as files and once combined; return the timings. */
export async function benchChecklists(): Promise<ChecklistBenchResult> {
  const consolidation = buildConsolidation({ missing: ['X12'] });
  consolidation.findings = [
    fixtureFinding(
      consolidation,
      'S01',
      'R01',
      ['KL01', 'KL02', 'KL03'],
      'Tổng số bị kỷ luật khác tổng các hình thức kỷ luật.',
    ),
    fixtureFinding(
      consolidation,
      'H03',
      'R05',
      ['BC04', 'BC02'],
      'Số công chức hiện có vượt biên chế được giao.',
      'warning',
    ),
  ];
  const settings = { inspectingBody: 'Sở Nội vụ tỉnh Lai Châu', governingBody: 'UBND tỉnh Lai Châu', team: [] };
  // Warm-up: load pdfmake, parse the fonts and print one unit's checklist, as the app has
  // done by the time a clerk prints the batch (the cold first run is reported apart).
  const tc = performance.now();
  await renderChecklists({ consolidation, settings, units: ['S01'] });
  const coldOneMs = performance.now() - tc;

  const runs: number[] = [];
  let files: Awaited<ReturnType<typeof renderChecklists>> = { files: [] };
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    files = await renderChecklists({ consolidation, settings });
    runs.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const filesMs = [...runs].sort((a, b) => a - b)[1] as number;
  const t1 = performance.now();
  await renderChecklists({ consolidation, settings, combined: true });
  const combinedMs = performance.now() - t1;
  const list = 'files' in files ? files.files : [];
  return {
    units: list.length,
    filesMs,
    filesCpuMs: (cpu.user + cpu.system) / 1000 / runs.length,
    firstRunMs: runs[0] as number,
    coldOneMs,
    combinedMs,
    bytes: list.reduce((n, f) => n + f.pdf.length, 0),
  };
}
