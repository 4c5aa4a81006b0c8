/**
 * The app's own figures: the renderer bundle (what the first screen loads, and everything),
 * and the board, numbers and findings of a 1,000-unit period as the engine API serves them.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createEngineApi } from '../../core/api/index.js';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { syntheticRegister, writeSampleReturns } from '../../core/sample/index.js';
import { openWorkspace, setRegister } from '../../core/workspace/index.js';
import { activeRegister } from '../../core/api/session.js';

export interface BundleResult {
  buildMs: number;
  firstScreenKb: number;
  firstScreenGzKb: number;
  totalJsKb: number;
  totalCssKb: number;
  chunks: number;
}

/** Build the renderer and weigh it: the first screen is index.html's script, preloads and stylesheet. */
export async function benchBundle(root: string): Promise<BundleResult> {
  const { build } = await import('vite');
  const t0 = performance.now();
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'silent' });
  const buildMs = performance.now() - t0;
  const out = join(root, 'build', 'renderer');
  const html = await readFile(join(out, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gz = 0;
  for (const f of first) {
    const bytes = await readFile(join(out, f));
    raw += bytes.length;
    gz += gzipSync(bytes).length;
  }
  let js = 0;
  let css = 0;
  const assets = await readdir(join(out, 'assets'));
  for (const a of assets) {
    const size = (await stat(join(out, 'assets', a))).size;
    if (a.endsWith('.js') || a.endsWith('.mjs')) js += size;
    if (a.endsWith('.css')) css += size;
  }
  return {
    buildMs,
    firstScreenKb: raw / 1024,
    firstScreenGzKb: gz / 1024,
    totalJsKb: js / 1024,
    totalCssKb: css / 1024,
    chunks: assets.filter((a) => a.endsWith('.js') || a.endsWith('.mjs')).length,
  };
}

export interface BoardResult {
  units: number;
  coldBoardMs: number;
  warmBoardMs: number;
  numbersMs: number;
  findingsMs: number;
}

/** A period of `n` units, all returns imported; then the screens' data as a freshly opened app reads it. */
export async function benchBoard(n: number): Promise<BoardResult> {
  const form = loadDefaultForm();
  const period = findPeriod('NQ08-SK2023')!;
  const units = syntheticRegister(n);
  const dir = await mkdtemp(join(tmpdir(), 'board-bench-'));
  try {
    const input = join(dir, 'in');
    await mkdir(input);
    // Consistent, realistic returns for every unit of the synthetic register.
    await writeSampleReturns({ form, period, units, outDir: input });
    const opts = { dataDir: join(dir, 'data'), workspaceRoot: join(dir, 'ws') };
    const api = createEngineApi(opts);
    await api.openPeriod({ period: period.code });
    const ws = await openWorkspace(join(dir, 'ws', period.code), { period, create: true });
    await setRegister(ws, activeRegister(units), { base: [] });
    const { jobId } = await api.startImport({ period: period.code, paths: [input] });
    for (;;) {
      const s = await api.jobStatus({ jobId });
      if (s.state === 'failed') throw new Error(s.message);
      if (s.state === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // A restart: a new API over the same folders, nothing cached.
    const fresh = createEngineApi(opts);
    let t = performance.now();
    const board = await fresh.getBoard({ period: period.code });
    const coldBoardMs = performance.now() - t;
    if (board.total !== n) throw new Error(`board has ${board.total} units, expected ${n}`);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await fresh.getBoard({ period: period.code });
      warm.push(performance.now() - t);
    }
    t = performance.now();
    await fresh.getNumbers({ period: period.code });
    const numbersMs = performance.now() - t;
    t = performance.now();
    await fresh.getFindings({ period: period.code });
    const findingsMs = performance.now() - t;
    warm.sort((a, b) => a - b);
    return { units: n, coldBoardMs, warmBoardMs: warm[2] as number, numbersMs, findingsMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
