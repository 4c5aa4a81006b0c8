/**
 * Import benchmark: n generated returns (the 40 units of the default register, cycled)
 * read from disk and parsed, in-process or through the worker pool. Wall time covers
 * reading and parsing only (files are generated beforehand); peak RSS is sampled during
 * the import. Run directly (`node build/test/bench/import-bench.js`) for the 40/200/1,000 table.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDefaultForm } from '../../core/form/index.js';
import { createImportPool, importFiles, type SerializableContext } from '../../core/import/index.js';
import { findPeriod } from '../../core/period/index.js';
import { loadDefaultUnits } from '../../core/units/index.js';
import { buildReturn } from '../fixtures/return-workbook.js';

export interface ImportBenchResult {
  n: number;
  mode: 'direct' | 'pool';
  ms: number;
  filesPerSec: number;
  peakRssMb: number;
  /** User + system CPU time of the whole process (all threads) during the import: a load-independent figure. */
  cpuMs: number;
  parsed: number;
}

let templates: Promise<{ code: string; bytes: Uint8Array }[]> | undefined;

function unitReturns(): Promise<{ code: string; bytes: Uint8Array }[]> {
  templates ??= (async () => {
    const form = loadDefaultForm();
    const period = findPeriod('NQ08-SK2023')!;
    const out: { code: string; bytes: Uint8Array }[] = [];
    for (const unit of loadDefaultUnits())
      out.push({ code: unit.code, bytes: (await buildReturn({ form, unit, period })).bytes });
    return out;
  })();
  return templates;
}

/** Import `n` generated returns and measure wall time, throughput and peak RSS. */
export async function benchImport(n: number, mode: 'direct' | 'pool' = 'direct'): Promise<ImportBenchResult> {
  const sources = await unitReturns();
  const dir = await mkdtemp(join(tmpdir(), 'import-bench-'));
  try {
    const paths: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = sources[i % sources.length]!;
      const path = join(dir, `BC_CCHC_${s.code}_${String(i).padStart(4, '0')}.xlsx`);
      await writeFile(path, s.bytes);
      paths.push(path);
    }
    const ctx: SerializableContext = { units: loadDefaultUnits(), period: findPeriod('NQ08-SK2023')! };
    const pool = mode === 'pool' ? createImportPool() : undefined;
    if (pool) await importFiles([{ name: 'warm-up.xlsx', bytes: sources[0]!.bytes.slice() }], ctx, { pool });
    globalThis.gc?.();
    let peak = process.memoryUsage.rss();
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage.rss());
    };
    const timer = setInterval(sample, 5);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await importFiles(paths, ctx, { ...(pool ? { pool } : {}), onProgress: sample });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    sample();
    await pool?.close();
    return {
      n,
      mode,
      ms: Math.round(ms),
      filesPerSec: Math.round((n / ms) * 1000),
      peakRssMb: Math.round(peak / (1024 * 1024)),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      parsed: results.filter((r) => r.status === 'parsed').length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const mode of ['direct', 'pool'] as const) {
    for (const n of [40, 200, 1000]) console.log(JSON.stringify(await benchImport(n, mode)));
  }
}
